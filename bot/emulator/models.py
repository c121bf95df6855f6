"""The entities the emulator keeps (users, roles, members, channels, guilds) and their JSON shapes.

Payload methods return exactly what Discord sends, with ids as strings, so discord.py parses them
with its normal code paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.emulator.snowflake import iso_of


class ChannelType:
    TEXT = 0
    DM = 1
    VOICE = 2
    CATEGORY = 4
    NEWS = 5
    NEWS_THREAD = 10
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    FORUM = 15
    MEDIA = 16

    THREADS = frozenset({NEWS_THREAD, PUBLIC_THREAD, PRIVATE_THREAD})
    THREAD_PARENTS = frozenset({TEXT, NEWS, FORUM, MEDIA})
    MESSAGEABLE = frozenset({TEXT, DM, VOICE, NEWS, NEWS_THREAD, PUBLIC_THREAD, PRIVATE_THREAD})
    FORUMS = frozenset({FORUM, MEDIA})


@dataclass(eq=False)
class User:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    locale: str = "en-US"

    @property
    def display_name(self) -> str:
        return self.global_name or self.username

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass(eq=False)
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0
    color: int = 0
    managed: bool = False
    bot_id: int | None = None

    @property
    def is_everyone(self) -> bool:
        return self.id == self.guild_id

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {
                "primary_color": self.color,
                "secondary_color": None,
                "tertiary_color": None,
            },
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass(eq=False)
class Member:
    user: User
    guild_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = ""

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def locale(self) -> str:
        return self.user.locale

    def payload(self, *, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in self.roles],
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        return data


@dataclass(eq=False)
class Channel:
    """A guild channel, a thread (``parent_id`` set) or a DM (``recipient`` set)."""

    id: int
    type: int
    name: str
    guild_id: int | None = None
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    nsfw: bool = False
    last_message_id: int | None = None
    # Forum channels: the tags posts may carry; flags (REQUIRE_TAG) on forums and threads.
    available_tags: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    # Threads only.
    owner_id: int | None = None
    archived: bool = False
    locked: bool = False
    auto_archive_duration: int = 1440
    archive_timestamp: str | None = None
    message_count: int = 0
    applied_tags: list[int] = field(default_factory=list)
    # DMs only.
    recipient: User | None = None
    # Guild channels: {"id", "type" (0 role, 1 member), "allow", "deny"}, as Discord sends them.
    overwrites: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_thread(self) -> bool:
        return self.type in ChannelType.THREADS

    @property
    def is_dm(self) -> bool:
        return self.type == ChannelType.DM

    def payload(self, *, permissions: int | None = None) -> dict[str, Any]:
        if self.is_dm:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": self.type,
                "last_message_id": _opt(self.last_message_id),
                "recipients": [self.recipient.payload()],
                "flags": 0,
            }
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": _opt(self.guild_id),
            "name": self.name,
            "position": self.position,
            "parent_id": _opt(self.parent_id),
            "permission_overwrites": [dict(o) for o in self.overwrites],
            "nsfw": self.nsfw,
            "flags": self.flags,
            "rate_limit_per_user": 0,
            "last_message_id": _opt(self.last_message_id),
        }
        if permissions is not None:
            data["permissions"] = str(permissions)
        if self.is_thread:
            data.pop("permission_overwrites")
            data.update(
                owner_id=_opt(self.owner_id),
                message_count=self.message_count,
                total_message_sent=self.message_count,
                member_count=1,
                applied_tags=[str(t) for t in self.applied_tags],
                thread_metadata={
                    "archived": self.archived,
                    "locked": self.locked,
                    "auto_archive_duration": self.auto_archive_duration,
                    "archive_timestamp": self.archive_timestamp or iso_of(self.id),
                    "create_timestamp": iso_of(self.id),
                    "invitable": True,
                },
            )
        elif self.type == ChannelType.CATEGORY:
            data.pop("last_message_id")
        else:
            data.update(topic=self.topic, default_auto_archive_duration=1440)
            if self.type in (ChannelType.FORUM, ChannelType.MEDIA):
                data.update(
                    available_tags=self.available_tags,
                    default_reaction_emoji=None,
                    default_sort_order=None,
                    default_forum_layout=0,
                    default_thread_rate_limit_per_user=0,
                )
        return data


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    locale: str = "en-US"
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    channel_ids: list[int] = field(default_factory=list)
    system_channel_id: int | None = None
    # Discord caps a guild's active (unarchived) threads; 160006 beyond it.
    max_active_threads: int = 1000

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def top_role_position(self, member: Member) -> int:
        """The position of the member's highest role (0 for @everyone only): the role hierarchy
        lets a member manage only roles strictly below it."""
        return max((self.roles[r].position for r in member.roles if r in self.roles), default=0)


def _opt(value: int | None) -> str | None:
    return None if value is None else str(value)
