"""Roles and members' roles: create a role, give or take one, set a member's roles, count
the members of each role.

Discord's rules: the bot needs Manage Roles, and may only manage roles strictly below its own
highest role (the role hierarchy), never a managed role or @everyone; otherwise 403 Missing
Permissions (50013). The guild's owner is exempt from both. A member's change is announced as
GUILD_MEMBER_UPDATE to a bot with the GUILD_MEMBERS intent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.emulator import errors as err
from bot.emulator.errors import RestError
from bot.emulator.models import Guild, Member, Role
from bot.emulator.permissions import Perm
from bot.emulator.rest import NO_CONTENT, Backend, RestRequest, Router
from bot.emulator.routes.checks import missing_permissions
from bot.emulator.state import EmulatorState

UNKNOWN_MEMBER = 10007
UNKNOWN_ROLE = 10011
ROLE_NAME_MAX = 100


def register(router: Router, backend: Backend) -> None:
    state, events, feed = backend.state, backend.events, backend.feed

    def member_of(guild: Guild, raw: str) -> Member:
        member = guild.members.get(int(raw) if raw.isdigit() else -1)
        if member is None:
            raise err.unknown("Member", UNKNOWN_MEMBER)
        return member

    def role_of(guild: Guild, raw: str) -> Role:
        role = guild.roles.get(int(raw) if raw.isdigit() else -1)
        if role is None:
            raise err.unknown("Role", UNKNOWN_ROLE)
        return role

    async def add_member_role(req: RestRequest) -> Any:
        guild = state.guild(req.params["guild_id"])
        member = member_of(guild, req.params["user_id"])
        role = role_of(guild, req.params["role_id"])
        check_manageable(state, guild, [role])
        if role.id not in member.roles:
            member.roles.append(role.id)
            await events.member_update(member)
            feed.notify()
        return NO_CONTENT

    async def remove_member_role(req: RestRequest) -> Any:
        guild = state.guild(req.params["guild_id"])
        member = member_of(guild, req.params["user_id"])
        role = role_of(guild, req.params["role_id"])
        check_manageable(state, guild, [role])
        if role.id in member.roles:
            member.roles.remove(role.id)
            await events.member_update(member)
            feed.notify()
        return NO_CONTENT

    async def edit_member(req: RestRequest) -> Any:
        guild = state.guild(req.params["guild_id"])
        member = member_of(guild, req.params["user_id"])
        body = req.json()
        if "roles" in body and body["roles"] is not None:
            wanted = [role_of(guild, str(r)) for r in body["roles"]]
            wanted_ids = {r.id for r in wanted}
            changed = [r for r in wanted if r.id not in member.roles] + [
                guild.roles[r] for r in member.roles if r not in wanted_ids and r in guild.roles
            ]
            # Keeping a managed role the member already has is allowed; adding one is not.
            check_manageable(state, guild, changed)
            member.roles = [r.id for r in wanted]
        if "nick" in body:
            if not _is_allowed(state, guild, Perm.MANAGE_NICKNAMES):
                raise missing_permissions()
            member.nick = body["nick"] or None
        await events.member_update(member)
        feed.notify()
        return member.payload()

    async def create_role(req: RestRequest) -> Any:
        guild = state.guild(req.params["guild_id"])
        if not _is_allowed(state, guild, Perm.MANAGE_ROLES):
            raise missing_permissions()
        body = req.json() if req.body is not None else {}
        name = str(body.get("name") or "new role")
        if len(name) > ROLE_NAME_MAX:
            raise RestError(
                400,
                50035,
                "Invalid Form Body",
                errors={"name": f"Must be {ROLE_NAME_MAX} or fewer in length."},
            )
        role, moved = state.create_role(guild.id, name, int(body.get("permissions") or 0))
        role.color = int(body.get("color") or 0)
        await events.role_create(role)
        for other in moved:
            await events.role_update(other)
        feed.notify()
        return role.payload()

    async def role_member_counts(req: RestRequest) -> Any:
        """{role id: members with it} for every role but @everyone (no intent needed)."""
        guild = state.guild(req.params["guild_id"])
        counts = {str(r.id): 0 for r in guild.roles.values() if not r.is_everyone}
        for m in guild.members.values():
            for role_id in m.roles:
                if str(role_id) in counts:
                    counts[str(role_id)] += 1
        return counts

    member = "/guilds/{guild_id}/members/{user_id}"
    router.add("GET", "/guilds/{guild_id}/roles/member-counts", role_member_counts)
    router.add("PUT", member + "/roles/{role_id}", add_member_role)
    router.add("DELETE", member + "/roles/{role_id}", remove_member_role)
    router.add("PATCH", member, edit_member)
    router.add("POST", "/guilds/{guild_id}/roles", create_role)


def _is_allowed(state: EmulatorState, guild: Guild, perm: Perm) -> bool:
    bot_id = state.bot_user.id
    return guild.owner_id == bot_id or bool(state.permissions(guild.id, bot_id) & perm)


def check_manageable(state: EmulatorState, guild: Guild, roles: Iterable[Role]) -> None:
    """403 50013 unless the bot has Manage Roles and every role is below its highest role."""
    roles = list(roles)
    if not roles or guild.owner_id == state.bot_user.id:
        return
    if not _is_allowed(state, guild, Perm.MANAGE_ROLES):
        raise missing_permissions()
    top = guild.top_role_position(guild.members[state.bot_user.id])
    if any(r.managed or r.is_everyone or r.position >= top for r in roles):
        raise missing_permissions()
