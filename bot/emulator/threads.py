"""Threads and forum posts as Discord runs them: names, archive durations, forum tags, the cap on
active threads, and the state changes (open, archive, lock, rename, delete) with the gateway
events the bot receives.

The REST routes (the bot acting) and the test-side helpers (a moderator acting) share ``Threads``,
so a thread archived "by a moderator" reaches the bot exactly as Discord would send it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.discord_limits import FORUM_APPLIED_TAGS as APPLIED_TAGS_MAX
from bot.discord_limits import FORUM_TAG_NAME as TAG_NAME_MAX
from bot.discord_limits import FORUM_TAGS as FORUM_TAGS_MAX
from bot.discord_limits import THREAD_AUTO_ARCHIVE_MINUTES as ARCHIVE_DURATIONS
from bot.discord_limits import THREAD_NAME as THREAD_NAME_MAX
from bot.emulator.errors import RestError
from bot.emulator.events import Events
from bot.emulator.models import Channel, ChannelType
from bot.emulator.snowflake import iso_now
from bot.emulator.state import HAS_THREAD, EmulatorState, UploadedFile

REQUIRE_TAG = 1 << 4  # forum channel flag: posts must carry a tag

THREAD_EXISTS = 160004
THREAD_LOCKED = 160005
MAX_ACTIVE_THREADS = 160006
ARCHIVED_THREAD = 50083
TAG_REQUIRED = 40067


def invalid(field: str, message: str) -> RestError:
    return RestError(400, 50035, "Invalid Form Body", errors={field: message})


def thread_exists() -> RestError:
    return RestError(400, THREAD_EXISTS, "A thread has already been created for this message")


def too_many_threads() -> RestError:
    return RestError(400, MAX_ACTIVE_THREADS, "Maximum number of active threads reached")


def thread_locked() -> RestError:
    return RestError(400, THREAD_LOCKED, "Thread is locked")


def thread_archived() -> RestError:
    return RestError(400, ARCHIVED_THREAD, "Thread is archived")


def thread_name(value: Any) -> str:
    name = str(value or "")
    if not 1 <= len(name) <= THREAD_NAME_MAX:
        raise invalid("name", f"Must be between 1 and {THREAD_NAME_MAX} in length.")
    return name


def archive_duration(value: Any, default: int = 1440) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or value not in ARCHIVE_DURATIONS:
        raise invalid(
            "auto_archive_duration",
            f"Value must be one of {', '.join(map(str, ARCHIVE_DURATIONS))}.",
        )
    return int(value)


def applied_tags(forum: Channel, raw: Iterable[Any] | None) -> list[int]:
    """The tags a post may carry: known to the forum, at most five, required when flagged."""
    tags = [int(t) for t in raw or []]
    if len(tags) > APPLIED_TAGS_MAX:
        raise invalid("applied_tags", f"Must be {APPLIED_TAGS_MAX} or fewer in length.")
    known = {int(t["id"]) for t in forum.available_tags}
    if any(t not in known for t in tags):
        raise invalid("applied_tags", "Unknown tag")
    if not tags and forum.flags & REQUIRE_TAG:
        raise RestError(
            400, TAG_REQUIRED, "A tag is required to create a forum post in this channel"
        )
    return list(dict.fromkeys(tags))


def forum_tags(state: EmulatorState, raw: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A forum's ``available_tags``: at most 20, names 1..20 characters; new tags get an id."""
    if len(raw) > FORUM_TAGS_MAX:
        raise invalid("available_tags", f"Must be {FORUM_TAGS_MAX} or fewer in length.")
    tags = []
    for i, tag in enumerate(raw):
        name = str(tag.get("name") or "")
        if not 1 <= len(name) <= TAG_NAME_MAX:
            raise invalid(
                f"available_tags.{i}.name", f"Must be between 1 and {TAG_NAME_MAX} in length."
            )
        tags.append(
            {
                "id": str(tag.get("id") or state.ids.next()),
                "name": name,
                "moderated": bool(tag.get("moderated")),
                "emoji_id": tag.get("emoji_id"),
                "emoji_name": tag.get("emoji_name"),
            }
        )
    return tags


class Threads:
    """Opens, changes and deletes threads, and tells the bot (THREAD_CREATE/UPDATE/DELETE)."""

    def __init__(self, state: EmulatorState, events: Events) -> None:
        self.state = state
        self.events = events
        self.races = 0  # see DiscordEmulator.race_thread_creation

    def active_count(self, guild_id: int) -> int:
        return sum(1 for t in self.state.threads() if t.guild_id == guild_id and not t.archived)

    def check_room(self, guild_id: int | None) -> None:
        """160006 when the guild is at its cap of active threads (``Guild.max_active_threads``)."""
        if guild_id is None:
            return
        if self.active_count(guild_id) >= self.state.guild(guild_id).max_active_threads:
            raise too_many_threads()

    async def from_message(
        self,
        channel: Channel,
        msg: dict[str, Any],
        *,
        name: str,
        owner_id: int,
        auto_archive_duration: int = 1440,
    ) -> Channel:
        """A public thread on ``msg``; it takes the message's id, so a message has one thread."""
        if msg["flags"] & HAS_THREAD:
            raise thread_exists()
        self.check_room(channel.guild_id)
        if self.races > 0:
            self.races -= 1
            await self.from_message(
                channel,
                msg,
                name=name,
                owner_id=owner_id,
                auto_archive_duration=auto_archive_duration,
            )
            raise thread_exists()
        kind = (
            ChannelType.NEWS_THREAD
            if channel.type == ChannelType.NEWS
            else ChannelType.PUBLIC_THREAD
        )
        thread = self.state.add_thread(
            channel,
            name,
            type_=kind,
            owner_id=owner_id,
            thread_id=int(msg["id"]),
            auto_archive_duration=auto_archive_duration,
        )
        msg["thread"] = thread.payload()
        msg["flags"] |= HAS_THREAD
        await self.events.thread_create(thread)
        await self.events.message_update(msg)
        return thread

    async def open(
        self,
        parent: Channel,
        *,
        name: str,
        type_: int,
        owner_id: int,
        auto_archive_duration: int = 1440,
        tags: Sequence[int] = (),
        starter: Mapping[str, Any] | None = None,
        files: Sequence[UploadedFile] = (),
    ) -> tuple[Channel, dict[str, Any] | None]:
        """A thread without a message (a THREAD_CREATED notice in the parent for public ones),
        or a forum post with its starter message (which has the thread's id)."""
        self.check_room(parent.guild_id)
        thread = self.state.add_thread(
            parent,
            name,
            type_=type_,
            owner_id=owner_id,
            applied_tags=tags,
            auto_archive_duration=auto_archive_duration,
        )
        await self.events.thread_create(thread)
        author = self.state.user(owner_id)
        if starter is not None:
            msg = self.state.create_message(
                thread, starter, author=author, files=files, message_id=thread.id, counts=False
            )
            await self.events.message_create(msg)
            return thread, msg
        if type_ == ChannelType.PUBLIC_THREAD and parent.type not in ChannelType.FORUMS:
            notice = self.state.create_message(
                parent,
                {"content": name},
                author=author,
                message_type=18,  # THREAD_CREATED
                reference={"channel_id": str(thread.id), "guild_id": str(parent.guild_id)},
            )
            await self.events.message_create(notice)
        return thread, None

    async def update(self, thread: Channel, changes: Mapping[str, Any]) -> Channel:
        """Apply already-validated changes (name, archived, locked, auto_archive_duration,
        applied_tags) and send THREAD_UPDATE. Unarchiving counts against the active cap."""
        if changes.get("archived") is False and thread.archived:
            self.check_room(thread.guild_id)
        if "archived" in changes and bool(changes["archived"]) != thread.archived:
            thread.archive_timestamp = iso_now()
        for key in ("name", "archived", "locked", "auto_archive_duration"):
            if key in changes:
                setattr(thread, key, changes[key])
        if "applied_tags" in changes:
            thread.applied_tags = list(changes["applied_tags"])
        starter = self.state.messages.get(thread.id)
        if starter is not None and "thread" in starter:
            starter["thread"] = thread.payload()
        await self.events.thread_update(thread)
        return thread

    async def delete(self, channel: Channel) -> None:
        """Delete a thread (THREAD_DELETE) or a channel with its threads (CHANNEL_DELETE)."""
        self.state.delete_channel(channel)
        if channel.is_thread:
            await self.events.thread_delete(channel)
        else:
            await self.events.channel_delete(channel)
