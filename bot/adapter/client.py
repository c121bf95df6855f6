"""SunbaeBot: the discord.py client, built by the entry point with settings and services."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
from collections.abc import Sequence
from typing import Any, Literal

import discord
import discord.http
from discord.ext import commands

from bot import heartbeat
from bot.adapter.live_views import LiveViews
from bot.adapter.locale import SunbaeTranslator
from bot.adapter.stale import answer_stale, unclaimed
from bot.adapter.tree import SunbaeTree
from bot.app import Services
from bot.clock import iso, utcnow

log = logging.getLogger(__name__)

# The extensions `setup_hook` loads, in order, by module name: one package per feature in the
# top-level `cogs/` (discord.py imports them; `bot` never imports `cogs`, so no package cycle).
# One that fails to load stops start-up loudly.
EXTENSIONS: tuple[str, ...] = (
    "cogs.advice",
    "cogs.topics",
    "cogs.tips",
    "cogs.about",
    "cogs.cohorts",
    "cogs.content",
    "cogs.insights",
)

TREE_HASH_KEY = "command_tree_hash"

# What answers an interaction runs as a task of one of these names (discord.py's, and ours for a
# stale click); on close they may finish their replies and follow-up posts, for a while.
INTERACTION_TASKS = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch-",
    "discord-ui-dynamic-item-",
    "discord.py: on_interaction",
    "sunbae-stale",
)
DRAIN_SECONDS = 5.0


def tree_hash_key(application_id: int | None, api_base: str) -> str:
    """The stored hash is per application and per API: a sandbox run (the emulator's application
    on 127.0.0.1) must never make a later `run` on Discord believe its commands are synced."""
    return f"{TREE_HASH_KEY}:{application_id or 0}@{api_base}"


SyncOutcome = Literal["guild", "global", "unchanged", "off"]


def intents() -> discord.Intents:
    """Slash commands need no privileged intents: guilds alone gives channels and threads."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    return wanted


# sunbae never joins voice: discord.py's start-up warnings about voice libraries are noise.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class SunbaeBot(commands.Bot):
    def __init__(
        self,
        services: Services,
        *,
        extensions: Sequence[str] = EXTENSIONS,
        sync: Literal["auto", "force", "off"] = "auto",
        guild_ready_timeout: float = 2.0,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            tree_cls=SunbaeTree,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            activity=discord.CustomActivity(name="/advice 로 선배의 조언 찾기"),
            guild_ready_timeout=guild_ready_timeout,
        )
        self.services = services
        self.settings = services.settings
        self._extensions = tuple(extensions)
        self._sync_mode = sync
        self.sync_outcome: SyncOutcome | None = None
        self._beating: asyncio.Task[None] | None = None
        # Views keep their pages and interaction until they time out: bounded, whatever the traffic.
        self.live_views = LiveViews(services.settings.max_live_views)
        self._stale_answers: set[asyncio.Task[None]] = set()

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        # discord.py dispatches a component to its view, then this event, in one synchronous
        # step: what the view store holds now is what that dispatch saw.
        if event_name == "interaction" and args:
            store = self._connection._view_store
            if unclaimed(store, args[0]):
                task = asyncio.create_task(answer_stale(store, args[0]), name="sunbae-stale")
                self._stale_answers.add(task)
                task.add_done_callback(self._stale_answers.discard)
        super().dispatch(event_name, *args, **kwargs)

    async def setup_hook(self) -> None:
        self._beating = asyncio.create_task(self._heartbeat(), name="sunbae-heartbeat")
        await self.tree.set_translator(SunbaeTranslator())
        for name in self._extensions:
            await self.load_extension(name)
        if self._sync_mode != "off":
            self.sync_outcome = await self.sync_commands(force=self._sync_mode == "force")
            log.info("command sync: %s", self.sync_outcome)

    async def tree_hash(self) -> str:
        translator = self.tree.translator
        assert translator is not None
        payload = [
            await command.get_translated_payload(self.tree, translator)
            for command in self.tree.get_commands()
        ]
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    async def sync_commands(self, *, force: bool = False) -> SyncOutcome:
        """To the dev guild when set (instant); else globally, only when the tree changed."""
        dev_guild = self.settings.dev_guild
        if dev_guild is not None:
            guild = discord.Object(id=dev_guild)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
            return "guild"
        digest = await self.tree_hash()
        key = tree_hash_key(self.application_id, discord.http.Route.BASE)
        if not force and await self.services.state.get(key) == digest:
            return "unchanged"
        await self.tree.sync()
        await self.services.state.set(key, digest, now=iso(utcnow()))
        return "global"

    async def _heartbeat(self) -> None:
        """While the gateway is connected (a heartbeat acknowledged), rewrite the heartbeat
        file that `python -m bot health` reads; a failed write is logged, never fatal."""
        path = heartbeat.path_for(self.settings.db_path)
        if str(self.settings.db_path) == ":memory:":
            return
        while not self.is_closed():
            if self.is_ready() and math.isfinite(self.latency):
                try:
                    await asyncio.to_thread(heartbeat.write, path, utcnow())
                except OSError:
                    log.warning("cannot write the heartbeat file %s", path, exc_info=True)
            await asyncio.sleep(heartbeat.WRITE_EVERY if self.is_ready() else 1.0)

    async def close(self) -> None:
        if self._beating is not None:
            self._beating.cancel()
        await self.drain_interactions()
        await super().close()

    async def drain_interactions(self, within: float = DRAIN_SECONDS) -> None:
        """Let the interactions being answered finish before the connection goes: a command
        that replied and still posts (an audit post, a thread's starter) lost that post, with
        an error logged, when a deploy or the end of a sandbox script closed the bot."""
        current = asyncio.current_task()
        busy = [
            task
            for task in asyncio.all_tasks()
            if task is not current
            and not task.done()
            and task.get_name().startswith(INTERACTION_TASKS)
        ]
        if busy:
            log.info("waiting for %d interaction(s) to finish before closing", len(busy))
            await asyncio.wait(busy, timeout=within)

    async def on_ready(self) -> None:
        log.info("ready as %s in %d servers", self.user, len(self.guilds))
