"""What moderators and the server's setup do from the Discord client, outside the bot: archive,
lock, rename or delete a thread, delete a message, edit a forum's tags, create and move roles,
give or take a member's role, change the bot's permissions, cap the active threads.

Each helper changes the world and sends the bot the gateway events Discord would send (the bot
sees THREAD_UPDATE, not who clicked). Each returns once the events are on the wire.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.emulator.actions import ChannelRef, GuildRef, MessageRef, UserActions, UserRef
from bot.emulator.errors import EmulatorError, RestError
from bot.emulator.models import Channel, Member, Role
from bot.emulator.state import wire
from bot.emulator.threads import (
    REQUIRE_TAG,
    Threads,
    archive_duration,
    forum_tags,
    thread_name,
)

THREAD_ROUTES = r"^/channels/\d+/(messages/\d+/)?threads$"


class ModeratorActions(UserActions):
    """The moderating half of ``DiscordEmulator`` (which provides these attributes)."""

    _threads: Threads

    # --- threads ------------------------------------------------------------------------------

    def thread(self, thread_id: int | str) -> Channel | None:
        """The live thread with this id, or None once deleted (see ``deleted_thread``)."""
        found = self.state.channels.get(int(thread_id))
        return found if found is not None and found.is_thread else None

    def deleted_thread(self, thread_id: int | str) -> Channel | None:
        found = self.state.deleted_channels.get(int(thread_id))
        return found if found is not None and found.is_thread else None

    def thread_named(self, name: str, parent: ChannelRef | None = None) -> Channel:
        """The one live thread called ``name`` (in ``parent`` if given)."""
        found = [t for t in self.threads(parent) if t.name == name]
        if len(found) != 1:
            names = [t.name for t in self.threads(parent)]
            raise EmulatorError(f"{len(found)} threads named {name!r}; threads: {names}")
        return found[0]

    def threads(self, parent: ChannelRef | None = None) -> list[Channel]:
        """Live threads (of ``parent`` if given), oldest first."""
        return self.state.threads(None if parent is None else self._channel(parent).id)

    def starter_message(self, thread: ChannelRef) -> dict[str, Any] | None:
        """The message a thread hangs on: the parent-channel message it was started from, or a
        forum post's first message (both share the thread's id). None once deleted."""
        chan = self._channel(thread)
        msg = self.state.messages.get(chan.id)
        return None if msg is None or msg.get("_deleted") else wire(msg)

    def active_thread_count(self, guild: GuildRef) -> int:
        return self._threads.active_count(self._guild(guild).id)

    def set_thread_limit(self, guild: GuildRef, limit: int) -> None:
        """Cap the guild's active threads (Discord's is 1000): creating or unarchiving a thread
        beyond it answers 160006 "Maximum number of active threads reached"."""
        self._guild(guild).max_active_threads = limit

    def race_thread_creation(self, *, times: int = 1) -> None:
        """The next ``times`` threads the bot starts from a message are created first by someone
        else (another process of the bot): the thread exists, and the bot's call answers 160004
        "A thread has already been created for this message"."""
        self._threads.races += times

    async def archive_thread(self, thread: ChannelRef, *, locked: bool | None = None) -> Channel:
        """A moderator archives the thread (and locks it with ``locked=True``): THREAD_UPDATE."""
        changes: dict[str, Any] = {"archived": True}
        if locked is not None:
            changes["locked"] = locked
        return await self._update_thread(thread, changes)

    async def unarchive_thread(self, thread: ChannelRef) -> Channel:
        return await self._update_thread(thread, {"archived": False})

    async def lock_thread(self, thread: ChannelRef, *, archived: bool = False) -> Channel:
        """A moderator locks the thread: only members with Manage Threads may post or unarchive."""
        return await self._update_thread(thread, {"locked": True, "archived": archived})

    async def unlock_thread(self, thread: ChannelRef) -> Channel:
        return await self._update_thread(thread, {"locked": False})

    async def edit_thread(
        self,
        thread: ChannelRef,
        *,
        name: str | None = None,
        auto_archive_duration: int | None = None,
    ) -> Channel:
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = checked(thread_name, name)
        if auto_archive_duration is not None:
            changes["auto_archive_duration"] = checked(archive_duration, auto_archive_duration)
        return await self._update_thread(thread, changes)

    async def delete_channel(self, channel: ChannelRef) -> None:
        """A moderator deletes a thread (THREAD_DELETE; GET answers 10003 Unknown Channel after)
        or a channel with its threads (CHANNEL_DELETE)."""
        await self._threads.delete(self._channel(channel))
        self.feed.notify()

    async def delete_message(self, message: MessageRef) -> None:
        """A moderator deletes a message (MESSAGE_DELETE); a thread started from it stays."""
        msg = self._live_message(message)
        self.state.delete_message(msg)
        await self._events.message_delete(msg)
        self.feed.notify()

    async def set_forum_tags(
        self, forum: ChannelRef, tags: Iterable[str | Mapping[str, Any]], *, require: bool = False
    ) -> list[dict[str, Any]]:
        """Replace a forum's available tags (names, or tag dicts keeping their ids; at most 20,
        names up to 20 characters); ``require`` sets REQUIRE_TAG. Sends CHANNEL_UPDATE."""
        chan = self._channel(forum)
        raw = [{"name": t} if isinstance(t, str) else dict(t) for t in tags]
        chan.available_tags = checked(forum_tags, self.state, raw)
        chan.flags = (chan.flags | REQUIRE_TAG) if require else (chan.flags & ~REQUIRE_TAG)
        await self._events.channel_update(chan)
        self.feed.notify()
        return chan.available_tags

    async def _update_thread(self, thread: ChannelRef, changes: Mapping[str, Any]) -> Channel:
        chan = self._channel(thread)
        if not chan.is_thread:
            raise EmulatorError(f"channel {chan.id} ({chan.name!r}) is not a thread")
        try:
            await self._threads.update(chan, changes)
        except RestError as exc:
            raise EmulatorError(f"Discord would refuse: {exc}") from None
        self.feed.notify()
        return chan

    # --- roles --------------------------------------------------------------------------------

    def bot_role(self, guild: GuildRef) -> Role:
        """The bot's own managed role (created when it joined; see ``set_bot_permissions``)."""
        g = self._guild(guild)
        return next(r for r in g.roles.values() if r.bot_id == self.state.bot_user.id)

    async def set_bot_permissions(self, guild: GuildRef, permissions: int) -> Role:
        """Set the bot role's permissions (e.g. ``BOT_DEFAULT | Perm.MANAGE_ROLES``). They only
        bind when a human owns the guild (``add_guild(..., owner="owner")``): owners may do
        anything. Sends GUILD_ROLE_UPDATE."""
        role = self.bot_role(guild)
        role.permissions = int(permissions)
        await self._events.role_update(role)
        self.feed.notify()
        return role

    async def move_role(self, role: Role, position: int) -> None:
        """Put ``role`` at ``position`` (1 = lowest above @everyone); the roles in between shift.
        Sends GUILD_ROLE_UPDATE for each role that moved."""
        for moved in self.state.move_role(role, position):
            await self._events.role_update(moved)
        self.feed.notify()

    async def give_role(self, member: UserRef, role: Role) -> Member:
        """A moderator gives ``member`` the role: GUILD_MEMBER_UPDATE (with the members intent),
        and the member's next interactions carry it in ``member.roles``."""
        return await self._set_member_role(member, role, present=True)

    async def take_role(self, member: UserRef, role: Role) -> Member:
        return await self._set_member_role(member, role, present=False)

    async def _set_member_role(self, member: UserRef, role: Role, *, present: bool) -> Member:
        found = self.state.member(role.guild_id, self._user(member).id)
        if found is None:
            raise EmulatorError(f"{member!r} is not a member of guild {role.guild_id}")
        if (role.id in found.roles) != present:
            if present:
                found.roles.append(role.id)
            else:
                found.roles.remove(role.id)
            await self._events.member_update(found)
        self.feed.notify()
        return found


def checked(check: Any, *args: Any) -> Any:
    """Run one of Discord's validators for a test-side change; its refusal becomes an
    ``EmulatorError`` (Discord's client would not let the moderator do it either)."""
    try:
        return check(*args)
    except RestError as exc:
        raise EmulatorError(f"Discord would refuse: {exc} {exc.errors}") from None
