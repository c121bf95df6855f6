"""The bot's own user and application, the gateway URL, guild reads and application commands."""

from __future__ import annotations

from typing import Any

from bot.emulator import errors as err
from bot.emulator.errors import RestError
from bot.emulator.rest import NO_CONTENT, Backend, RestRequest, Router


def register(router: Router, backend: Backend, *, owner_id: int) -> None:
    state, gateway = backend.state, backend.gateway

    async def me(req: RestRequest) -> Any:
        return {**state.bot_user.payload(), "verified": True, "mfa_enabled": False, "bio": ""}

    async def application(req: RestRequest) -> Any:
        return {
            "id": str(state.application_id),
            "name": state.bot_user.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "owner": state.user(owner_id).payload(),
            "team": None,
            "flags": 0,
            "rpc_origins": [],
            "redirect_uris": [],
            "tags": [],
            "interactions_endpoint_url": None,
            "approximate_guild_count": len(state.guilds),
            "bot": state.bot_user.payload(),
        }

    async def gateway_url(req: RestRequest) -> Any:
        return {"url": gateway.url}

    async def gateway_bot(req: RestRequest) -> Any:
        limit = {"total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1}
        return {"url": gateway.url, "shards": 1, "session_start_limit": limit}

    async def get_user(req: RestRequest) -> Any:
        return state.user(req.params["user_id"]).payload()

    async def get_guild(req: RestRequest) -> Any:
        payload = state.guild_payload(state.guild(req.params["guild_id"]))
        for key in ("channels", "threads", "members", "presences", "voice_states", "joined_at"):
            payload.pop(key, None)  # GET /guilds/{id} has none of the gateway-only fields
        return payload

    async def guild_channels(req: RestRequest) -> Any:
        guild = state.guild(req.params["guild_id"])
        return [state.channels[c].payload() for c in guild.channel_ids]

    async def guild_roles(req: RestRequest) -> Any:
        return [r.payload() for r in state.guild(req.params["guild_id"]).roles.values()]

    async def guild_member(req: RestRequest) -> Any:
        guild = state.guild(req.params["guild_id"])
        member = guild.members.get(
            int(req.params["user_id"]) if req.params["user_id"].isdigit() else -1
        )
        if member is None:
            raise err.unknown("Member", 10007)
        return member.payload()

    async def active_threads(req: RestRequest) -> Any:
        guild = state.guild(req.params["guild_id"])
        threads = [
            t.payload() for t in state.threads() if t.guild_id == guild.id and not t.archived
        ]
        return {"threads": threads, "members": []}

    # --- application commands -----------------------------------------------------------------

    def scope(req: RestRequest) -> int | None:
        if req.params["application_id"] != str(state.application_id):
            raise err.unknown("Application", 10002)
        raw = req.params.get("guild_id")
        if raw is None:
            return None
        if not raw.isdigit() or int(raw) not in state.guilds:
            # What Discord says when the bot is not in the guild (or lacks applications.commands).
            raise RestError(403, 50001, "Missing Access")
        return int(raw)

    def one(guild_id: int | None, command_id: str) -> dict[str, Any]:
        found = state.commands.find(guild_id, command_id)
        if found is None:
            raise err.unknown("application command", err.UNKNOWN_APPLICATION_COMMAND)
        return found

    async def list_commands(req: RestRequest) -> Any:
        return state.commands.get(scope(req))

    async def put_commands(req: RestRequest) -> Any:
        body = req.body
        if not isinstance(body, list):
            raise RestError(
                400, 50035, "Invalid Form Body", errors={"_": "Expected a list of commands"}
            )
        return state.commands.put(scope(req), body)

    async def post_command(req: RestRequest) -> Any:
        return state.commands.upsert(scope(req), req.json())

    async def get_command(req: RestRequest) -> Any:
        return one(scope(req), req.params["command_id"])

    async def edit_command(req: RestRequest) -> Any:
        guild_id = scope(req)
        edited = state.commands.edit(guild_id, req.params["command_id"], req.json())
        if edited is None:
            raise err.unknown("application command", err.UNKNOWN_APPLICATION_COMMAND)
        return edited

    async def delete_command(req: RestRequest) -> Any:
        guild_id = scope(req)
        state.commands.delete(guild_id, one(guild_id, req.params["command_id"])["id"])
        return NO_CONTENT

    async def command_permissions(req: RestRequest) -> Any:
        scope(req)
        return []

    router.add("GET", "/users/@me", me)
    router.add("GET", "/oauth2/applications/@me", application)
    router.add("GET", "/applications/@me", application)
    router.add("GET", "/gateway", gateway_url)
    router.add("GET", "/gateway/bot", gateway_bot)
    router.add("GET", "/users/{user_id}", get_user)
    router.add("GET", "/guilds/{guild_id}", get_guild)
    router.add("GET", "/guilds/{guild_id}/channels", guild_channels)
    router.add("GET", "/guilds/{guild_id}/roles", guild_roles)
    router.add("GET", "/guilds/{guild_id}/members/{user_id}", guild_member)
    router.add("GET", "/guilds/{guild_id}/threads/active", active_threads)
    # Before the /commands/{command_id} routes, which would take "permissions" for an id.
    router.add(
        "GET",
        "/applications/{application_id}/guilds/{guild_id}/commands/permissions",
        command_permissions,
    )
    for base in (
        "/applications/{application_id}",
        "/applications/{application_id}/guilds/{guild_id}",
    ):
        router.add("GET", base + "/commands", list_commands)
        router.add("PUT", base + "/commands", put_commands)
        router.add("POST", base + "/commands", post_command)
        router.add("GET", base + "/commands/{command_id}", get_command)
        router.add("PATCH", base + "/commands/{command_id}", edit_command)
        router.add("DELETE", base + "/commands/{command_id}", delete_command)
