"""``DiscordEmulator``: the object tests and the sandbox hold.

It owns the world (guilds, channels, members), serves the gateway and REST API on 127.0.0.1,
records the traffic, injects failures, and (through ``UserActions``, see ``actions.py``) acts
as the users: ``slash``, ``autocomplete``, ``click``, ``select``, ``submit_modal``...
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import Any, Self

from aiohttp import web

from bot.emulator.actions import ChannelRef, GuildRef, MessageRef, UserRef
from bot.emulator.events import Events
from bot.emulator.gateway import INTENT_GUILDS, Gateway
from bot.emulator.interactions import InteractionHub
from bot.emulator.models import Channel, ChannelType, Guild, Member, Role, User
from bot.emulator.moderation import THREAD_ROUTES, ModeratorActions, checked
from bot.emulator.permissions import BOT_DEFAULT, EVERYONE_DEFAULT
from bot.emulator.recording import Call, Fault, GatewayEvent
from bot.emulator.render import render_message
from bot.emulator.rest import Backend, RestApi
from bot.emulator.results import InteractionResult
from bot.emulator.routes import build_router
from bot.emulator.state import EmulatorState, wire
from bot.emulator.threads import (
    MAX_ACTIVE_THREADS,
    REQUIRE_TAG,
    THREAD_EXISTS,
    Threads,
    forum_tags,
)
from bot.emulator.waiting import ChangeFeed


class DiscordEmulator(ModeratorActions):
    """A local Discord (gateway + REST) for one bot.

    ``timeout`` is how long user actions wait for the bot; ``interaction_deadline`` is Discord's
    limit for the first response to an interaction (None to disable); ``token`` (when set) must
    match what the bot logs in with. ``id_seed`` makes ids count up from it (the same world built
    in the same order gets the same ids) until ``world_built()``.
    """

    def __init__(
        self,
        *,
        bot_name: str = "sunbae",
        application_id: int | None = None,
        token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        timeout: float = 5.0,
        interaction_deadline: float | None = 3.0,
        bot_permissions: int = BOT_DEFAULT,
        heartbeat_interval_ms: int = 41_250,
        nonce_ttl: float = 300.0,
        id_seed: int | None = None,
    ) -> None:
        self.host, self.port = host, port
        self.timeout = timeout
        self.state = EmulatorState(
            bot_name=bot_name,
            application_id=application_id,
            bot_permissions=bot_permissions,
            nonce_ttl=nonce_ttl,
            id_seed=id_seed,
        )
        self.owner = self.state.add_user("emulator-owner")  # the application's owner
        self.feed = ChangeFeed()
        self.events: list[GatewayEvent] = []
        self.gateway = Gateway(
            self.state,
            token=token,
            heartbeat_interval_ms=heartbeat_interval_ms,
            record=self._record_event,
        )
        self._events = Events(self.state, self.gateway)
        self.hub = InteractionHub(
            self.state,
            self._events,
            self.feed,
            timeout=timeout,
            deadline=interaction_deadline,
            describe_calls=self._describe_calls,
        )
        self._threads = Threads(self.state, self._events)
        backend = Backend(
            self.state, self.gateway, self._events, self.hub, self.feed, self._threads
        )
        self.rest = RestApi(build_router(backend, owner_id=self.owner.id), self.feed, token=token)
        self.downloads: list[str] = []  # filenames of attachments fetched from their url, in order
        self._runner: web.AppRunner | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> Self:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_route("*", "/api/{tail:.*}", self.rest.handle)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._attachment)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        self.state.http_base = self.base_url
        self.gateway.url = self.gateway_url
        return self

    async def stop(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        """What the bot sets ``discord.http.Route.BASE`` to."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What the bot sets ``DiscordWebSocket.DEFAULT_GATEWAY`` to."""
        return f"ws://{self.host}:{self.port}/"

    # --- the world ----------------------------------------------------------------------------

    def world_built(self) -> None:
        """Ids made from now on (messages, threads) come from the time again, not the seed."""
        self.state.ids.unseed()

    @property
    def bot_user(self) -> User:
        return self.state.bot_user

    @property
    def application_id(self) -> int:
        return self.state.application_id

    @property
    def guilds(self) -> list[Guild]:
        return list(self.state.guilds.values())

    def add_guild(
        self,
        name: str,
        *,
        locale: str = "en-US",
        everyone_permissions: int = EVERYONE_DEFAULT,
        default_channel: str | None = "general",
        owner: str | None = None,
    ) -> Guild:
        """A guild the bot is in, with @everyone, the bot's managed role and (by default) a
        #general text channel as its system channel. The bot owns it (and so may do anything)
        unless ``owner`` names a human member to own it, as on a real server."""
        guild = self.state.add_guild(
            name,
            locale=locale,
            everyone_permissions=everyone_permissions,
            default_channel=default_channel,
            owner=self.state.add_user(owner, locale=locale) if owner else None,
        )
        self._announce(self._events.guild_create(guild))
        return guild

    def add_text_channel(
        self,
        guild: GuildRef,
        name: str,
        *,
        topic: str | None = None,
        category: ChannelRef | None = None,
    ) -> Channel:
        parent = self._channel(category).id if category is not None else None
        return self._add_channel(guild, ChannelType.TEXT, name, topic=topic, parent_id=parent)

    def add_forum_channel(
        self,
        guild: GuildRef,
        name: str,
        *,
        tags: Iterable[str] = (),
        topic: str | None = None,
        require_tag: bool = False,
    ) -> Channel:
        """A forum (type 15); ``tags`` (at most 20, names up to 20 characters) become its
        available tags (``channel.available_tags``, each with an ``id``); ``require_tag`` makes
        posts without a tag fail with 40067, as the forum setting does."""
        available = checked(forum_tags, self.state, [{"name": t} for t in tags])
        return self._add_channel(
            guild,
            ChannelType.FORUM,
            name,
            topic=topic,
            available_tags=available,
            flags=REQUIRE_TAG if require_tag else 0,
        )

    def add_category(self, guild: GuildRef, name: str) -> Channel:
        return self._add_channel(guild, ChannelType.CATEGORY, name)

    def _add_channel(self, guild: GuildRef, type_: int, name: str, **fields: Any) -> Channel:
        channel = self.state.add_channel(self._guild(guild).id, type_, name, **fields)
        self._announce(self._events.channel_create(channel))
        return channel

    def set_permissions(
        self, channel: ChannelRef, target: Role | Member, *, allow: int = 0, deny: int = 0
    ) -> None:
        """A permission overwrite on a channel for a role (the guild's id: @everyone) or a member
        (``emu.bot_member(guild)`` for the bot), sent to the bot as CHANNEL_UPDATE."""
        chan = self._channel(channel)
        kind = 0 if isinstance(target, Role) else 1
        chan.overwrites = [o for o in chan.overwrites if int(o["id"]) != target.id]
        chan.overwrites.append(
            {"id": str(target.id), "type": kind, "allow": str(int(allow)), "deny": str(int(deny))}
        )
        self._announce(
            self.gateway.dispatch("CHANNEL_UPDATE", chan.payload(), intent=INTENT_GUILDS)
        )

    def bot_member(self, guild: GuildRef) -> Member:
        return self._guild(guild).members[self.state.bot_user.id]

    def add_role(
        self, guild: GuildRef, name: str, *, permissions: int = 0, position: int = 1
    ) -> Role:
        """A role made by a moderator. Like Discord, it goes in at ``position`` 1 (just above
        @everyone, so below the bot's role, which the bot may then assign); pass a higher
        ``position`` (or ``move_role`` it) to put it above the bot's role."""
        role, moved = self.state.create_role(
            self._guild(guild).id, name, permissions, position=position
        )
        self._announce(self._events.role_create(role))
        for other in moved:
            self._announce(self._events.role_update(other))
        return role

    def add_member(
        self,
        guild: GuildRef,
        name: str,
        *,
        permissions: int | None = None,
        roles: Sequence[Role] = (),
        locale: str = "en-US",
        nick: str | None = None,
        global_name: str | None = None,
        user: User | None = None,
    ) -> Member:
        """A human member. ``permissions`` gives them a role of their own with those bits (e.g.
        ``Perm.MANAGE_GUILD`` for a moderator); ``user`` adds an existing user to another guild."""
        g = self._guild(guild)
        role_ids = [r.id for r in roles]
        if permissions is not None:
            role_ids.append(self.state.add_role(g.id, f"{name}-role", int(permissions)).id)
        new_user = user or self.state.add_user(name, locale=locale, global_name=global_name)
        member = self.state.add_member(g.id, new_user, roles=role_ids, nick=nick)
        self._announce(self._events.member_add(member))
        return member

    def dm_channel(self, user: UserRef) -> Channel:
        """The DM channel between ``user`` and the bot (slash commands there have no guild)."""
        return self.state.dm_channel(self._user(user))

    # --- reading what happened ----------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every REST call the bot made, oldest first."""
        return self.rest.calls

    @property
    def unknown_routes(self) -> list[Call]:
        """REST calls no route handles (answered 404 ``Unknown route``): gaps in the emulator."""
        return self.rest.unknown_routes

    def calls_to(self, method: str, path: str) -> list[Call]:
        """Calls whose method is ``method`` ("*" for any) and whose path matches regex ``path``."""
        probe = Fault(method, path, 0, 1)
        return [c for c in self.calls if probe.matches(c.method, c.path)]

    @property
    def latencies(self) -> list[float]:
        """Seconds from each INTERACTION_CREATE to the bot's callback."""
        return self.hub.latencies

    def latency_summary(self) -> dict[str, float]:
        data = sorted(self.hub.latencies)
        if not data:
            return {"count": 0}
        q = statistics.quantiles(data, n=100, method="inclusive") if len(data) > 1 else data * 99
        return {"count": len(data), "p50": q[49], "p95": q[94], "max": data[-1]}

    def interactions(self) -> list[InteractionResult]:
        return list(self.hub.by_id.values())

    def channel_messages(self, channel: ChannelRef) -> list[dict[str, Any]]:
        """Messages everyone sees in the channel (or thread), oldest first."""
        return [wire(m) for m in self.state.channel_messages(self._channel(channel).id)]

    def message(self, message_id: int | str) -> dict[str, Any] | None:
        msg = self.state.messages.get(int(message_id))
        return None if msg is None or msg.get("_deleted") else wire(msg)

    def synced_commands(self, guild: GuildRef | None = None) -> list[dict[str, Any]]:
        """The commands the bot registered, globally or for ``guild``."""
        return list(self.state.commands.get(None if guild is None else self._guild(guild).id))

    def render(self, message: MessageRef) -> str:
        return render_message(self._live_message(message))

    async def wait_until_identified(self, within: float = 10.0) -> None:
        """Until the bot identified and got READY and every GUILD_CREATE."""
        await asyncio.wait_for(self.gateway.identified.wait(), within)

    async def wait_for_message(
        self,
        channel: ChannelRef | None = None,
        *,
        check: Callable[[dict[str, Any]], bool] | None = None,
        within: float | None = None,
    ) -> dict[str, Any]:
        """The next visible message created after this call (in ``channel`` if given)."""
        chan_id = None if channel is None else str(self._channel(channel).id)
        floor = max(self.state.messages, default=0)

        def found() -> dict[str, Any] | None:
            for mid, msg in self.state.messages.items():
                if mid <= floor or msg.get("_deleted") or msg["flags"] & 64:
                    continue
                if (chan_id is None or msg["channel_id"] == chan_id) and (
                    check is None or check(wire(msg))
                ):
                    return wire(msg)
            return None

        return await self.feed.wait_for(
            found, within or self.timeout, lambda: "no matching message arrived"
        )

    async def wait_for_call(self, method: str, path: str, *, within: float | None = None) -> Call:
        """The next REST call (made after this call) matching ``method`` and regex ``path``."""
        seen = len(self.calls)
        probe = Fault(method, path, 0, 1)

        def found() -> Call | None:
            return next(
                (c for c in self.calls[seen:] if c.status and probe.matches(c.method, c.path)), None
            )

        return await self.feed.wait_for(
            found, within or self.timeout, lambda: f"no {method} {path} call arrived"
        )

    # --- failure injection --------------------------------------------------------------------

    def fail(
        self,
        method: str,
        path: str,
        *,
        status: int = 403,
        times: int = 1,
        retry_after: float = 0.2,
        code: int | None = None,
        message: str | None = None,
        is_global: bool = False,
    ) -> Fault:
        """Answer the next ``times`` calls matching ``method`` ("*" for any) and regex ``path``
        with ``status``: 403 Missing Permissions (50013), 404 Unknown Channel (10003), 429 with
        ``retry_after`` and rate-limit headers, or any 5xx (discord.py's REST client retries
        500/502/504 after 1 s, 3 s... and raises a 503 at once; its interaction webhook retries
        every 5xx). Returns the ``Fault`` (see ``hits``)."""
        fault = Fault(method, path, status, times, retry_after, code, message, is_global)
        self.rest.faults.append(fault)
        return fault

    def fail_thread_creation(self, code: int = MAX_ACTIVE_THREADS, *, times: int = 1) -> Fault:
        """Refuse the bot's next ``times`` thread creations (from a message, without one, forum
        posts) as Discord does: 160006 "Maximum number of active threads reached" (400), 50013
        Missing Permissions or 50001 Missing Access (403), or any other code (400). For 160004
        use ``race_thread_creation``, which also creates the thread the code speaks of."""
        messages = {
            MAX_ACTIVE_THREADS: "Maximum number of active threads reached",
            THREAD_EXISTS: "A thread has already been created for this message",
            50013: "Missing Permissions",
            50001: "Missing Access",
        }
        status = 403 if code in (50013, 50001) else 400
        return self.fail(
            "POST",
            THREAD_ROUTES,
            status=status,
            code=code,
            message=messages.get(code, f"Error {code}"),
            times=times,
        )

    def clear_faults(self) -> None:
        self.rest.faults.clear()

    async def drop_gateway(
        self, *, code: int = 4000, wait_resume: bool = True, within: float | None = None
    ) -> None:
        """Close the bot's websocket with a resumable code; by default wait until it RESUMEd."""
        resumes = self.gateway.resumes
        await self.gateway.drop(code)
        if wait_resume:
            await self._wait_resumed(resumes, within)

    async def request_reconnect(
        self, *, wait_resume: bool = True, within: float | None = None
    ) -> None:
        """Send op 7 RECONNECT, as Discord does before moving a session; the bot RESUMEs."""
        resumes = self.gateway.resumes
        await self.gateway.reconnect()
        if wait_resume:
            await self._wait_resumed(resumes, within)

    async def _wait_resumed(self, before: int, within: float | None) -> None:
        await self.feed.wait_for(
            lambda: True if self.gateway.resumes > before and self.gateway.live.is_set() else None,
            within or self.timeout,
            lambda: "the bot did not RESUME its gateway session",
        )

    async def dispatch(self, event: str, data: dict[str, Any]) -> bool:
        """Send any gateway event as is (for cases the helpers do not cover)."""
        return await self.gateway.dispatch(event, data)

    # --- internals ----------------------------------------------------------------------------

    def _record_event(self, event: GatewayEvent) -> None:
        self.events.append(event)
        self.feed.notify()

    def _announce(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Tell a connected bot about a change made from sync code (a channel added mid-test)."""
        if self.gateway.session is None:
            coro.close()
            return
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _describe_calls(self, since: float) -> str:
        wall_since = time.time() - (time.perf_counter() - since)
        recent = [c for c in self.calls if c.at >= wall_since]
        if not recent:
            return (
                " The bot made no REST calls meanwhile: is the command in the bot's tree, "
                "and did its callback raise? (check the bot's log)"
            )
        shown = "; ".join(f"{c}{' (injected)' if c.fault else ''}" for c in recent[-8:])
        return f" REST calls meanwhile: {shown}"

    async def _attachment(self, request: web.Request) -> web.Response:
        upload = self.state.files.get(int(request.match_info["attachment_id"]))
        if upload is None:
            return web.Response(status=404)
        self.downloads.append(upload.filename)
        return web.Response(body=upload.data, headers={"Content-Type": upload.content_type})
