"""Everything the fake Discord knows: guilds, channels, members, messages, threads, commands.

Messages are kept as the JSON dicts Discord would return (``id`` strings and all), because that is
what both discord.py and the tests look at; edits update the same dict so references stay live.
"""

from __future__ import annotations

import copy
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.emulator import errors as err
from bot.emulator.models import Channel, ChannelType, Guild, Member, Role, User
from bot.emulator.permissions import ALL_PERMISSIONS, BOT_DEFAULT, EVERYONE_DEFAULT, effective
from bot.emulator.registry import CommandRegistry
from bot.emulator.snowflake import SnowflakeFactory, iso_now, iso_of

EPHEMERAL = 1 << 6
LOADING = 1 << 7
HAS_THREAD = 1 << 5
# Flags a bot may set or change on its own messages; the rest are Discord's to set.
_SETTABLE_FLAGS = (1 << 2) | (1 << 12) | (1 << 15)  # SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, V2

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


class EmulatorState:
    def __init__(
        self,
        *,
        bot_name: str,
        application_id: int | None,
        bot_permissions: int = BOT_DEFAULT,
        nonce_ttl: float = 300.0,
        id_seed: int | None = None,
    ) -> None:
        self.ids = SnowflakeFactory(id_seed)
        self.application_id = application_id or self.ids.next()
        self.bot_user = User(id=self.ids.next(), username=bot_name, bot=True)
        self.bot_permissions = bot_permissions
        self.nonce_ttl = nonce_ttl
        self.http_base = ""  # set once the server has a port; attachment urls point here
        # What an interaction tells the bot it may accept and send (unboosted guild), and what a
        # user's client lets them attach (more with Nitro: a bot must check the former itself).
        self.attachment_size_limit = 10 * 1024 * 1024
        self.user_upload_limit = 10 * 1024 * 1024
        self.users: dict[int, User] = {self.bot_user.id: self.bot_user}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.deleted_channels: dict[int, Channel] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.files: dict[int, UploadedFile] = {}
        self.commands = CommandRegistry(self.ids, self.application_id)
        self._history: dict[int, list[int]] = defaultdict(list)
        self._nonces: dict[tuple[int, int, str], tuple[float, int]] = {}
        self._dms: dict[int, int] = {}

    # --- entities -----------------------------------------------------------------------------

    def add_user(
        self,
        username: str,
        *,
        locale: str = "en-US",
        global_name: str | None = None,
        bot: bool = False,
    ) -> User:
        user = User(self.ids.next(), username, global_name=global_name, bot=bot, locale=locale)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        locale: str = "en-US",
        everyone_permissions: int = EVERYONE_DEFAULT,
        owner: User | None = None,
        default_channel: str | None = "general",
    ) -> Guild:
        gid = self.ids.next()
        guild = Guild(gid, name, owner_id=(owner or self.bot_user).id, locale=locale)
        guild.roles[gid] = Role(gid, gid, "@everyone", everyone_permissions)
        bot_role = Role(
            self.ids.next(),
            gid,
            self.bot_user.username,
            self.bot_permissions,
            position=1,
            managed=True,
            bot_id=self.bot_user.id,
        )
        guild.roles[bot_role.id] = bot_role
        self.guilds[gid] = guild
        self.add_member(gid, self.bot_user, roles=[bot_role.id])
        if owner is not None:
            self.add_member(gid, owner)
        if default_channel:
            channel = self.add_channel(gid, ChannelType.TEXT, default_channel)
            guild.system_channel_id = channel.id
        return guild

    def add_channel(self, guild_id: int, type_: int, name: str, **fields: Any) -> Channel:
        guild = self.guild(guild_id)
        fields.setdefault("position", len(guild.channel_ids))
        channel = Channel(self.ids.next(), type_, name, guild_id=guild.id, **fields)
        self.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        return channel

    def add_thread(
        self,
        parent: Channel,
        name: str,
        *,
        type_: int,
        owner_id: int,
        thread_id: int | None = None,
        applied_tags: Iterable[int] = (),
        auto_archive_duration: int = 1440,
    ) -> Channel:
        thread = Channel(
            thread_id or self.ids.next(),
            type_,
            name,
            guild_id=parent.guild_id,
            parent_id=parent.id,
            owner_id=owner_id,
            applied_tags=[int(t) for t in applied_tags],
            auto_archive_duration=auto_archive_duration,
        )
        self.channels[thread.id] = thread
        return thread

    def add_role(
        self, guild_id: int, name: str, permissions: int = 0, *, position: int = 1
    ) -> Role:
        return self.create_role(guild_id, name, permissions, position=position)[0]

    def create_role(
        self, guild_id: int, name: str, permissions: int = 0, *, position: int = 1
    ) -> tuple[Role, list[Role]]:
        """A role at ``position`` (Discord puts a new role at 1, just above @everyone, and
        moves the roles at or above it up one), and the other roles that moved."""
        guild = self.guild(guild_id)
        role = Role(self.ids.next(), guild.id, name, permissions)
        guild.roles[role.id] = role
        moved = self.move_role(role, position)
        return role, [r for r in moved if r is not role]

    def move_role(self, role: Role, position: int) -> list[Role]:
        """Put ``role`` at ``position`` (1 = lowest above @everyone), keeping positions a
        1..n sequence; returns the roles whose position changed."""
        guild = self.guild(role.guild_id)
        others = sorted(
            (r for r in guild.roles.values() if not r.is_everyone and r is not role),
            key=lambda r: r.position,
        )
        index = max(0, min(position - 1, len(others)))
        ordered = [*others[:index], role, *others[index:]]
        moved = []
        for pos, r in enumerate(ordered, start=1):
            if r.position != pos:
                r.position = pos
                moved.append(r)
        return moved

    def add_member(
        self, guild_id: int, user: User, *, roles: Iterable[int] = (), nick: str | None = None
    ) -> Member:
        guild = self.guild(guild_id)
        member = Member(user, guild.id, roles=list(roles), nick=nick, joined_at=iso_now())
        guild.members[user.id] = member
        self.users[user.id] = user
        return member

    def delete_channel(self, channel: Channel) -> list[Channel]:
        """Remove a channel (and, for a parent, its threads) and their messages; returns what
        went. Deleted channels stay in ``deleted_channels`` for tests to look at."""
        gone = [channel, *(self.threads(channel.id) if not channel.is_thread else [])]
        for chan in gone:
            self.channels.pop(chan.id, None)
            self.deleted_channels[chan.id] = chan
            for mid in self._history.pop(chan.id, []):
                self.messages[mid]["_deleted"] = True
        if channel.guild_id is not None and channel.id in self.guild(channel.guild_id).channel_ids:
            self.guild(channel.guild_id).channel_ids.remove(channel.id)
        starter = self.messages.get(channel.id)
        if channel.is_thread and starter is not None:
            # The message keeps HAS_THREAD: Discord refuses a second thread on it (160004).
            starter.pop("thread", None)
        return gone

    def dm_channel(self, user: User) -> Channel:
        if user.id not in self._dms:
            channel = Channel(self.ids.next(), ChannelType.DM, "", recipient=user)
            self.channels[channel.id] = channel
            self._dms[user.id] = channel.id
        return self.channels[self._dms[user.id]]

    # --- lookups ------------------------------------------------------------------------------

    def guild(self, guild_id: int | str) -> Guild:
        try:
            return self.guilds[int(guild_id)]
        except (KeyError, ValueError):
            raise err.unknown("Guild", err.UNKNOWN_GUILD) from None

    def channel(self, channel_id: int | str) -> Channel:
        try:
            return self.channels[int(channel_id)]
        except (KeyError, ValueError):
            raise err.unknown("Channel", err.UNKNOWN_CHANNEL) from None

    def user(self, user_id: int | str) -> User:
        try:
            return self.users[int(user_id)]
        except (KeyError, ValueError):
            raise err.unknown("User", err.UNKNOWN_USER) from None

    def message(self, channel_id: int | str, message_id: int | str) -> dict[str, Any]:
        msg = self.messages.get(_int(message_id))
        if msg is None or msg["channel_id"] != str(channel_id) or msg.get("_deleted"):
            raise err.unknown("Message", err.UNKNOWN_MESSAGE)
        return msg

    def member(self, guild_id: int, user_id: int) -> Member | None:
        guild = self.guilds.get(guild_id)
        return None if guild is None else guild.members.get(user_id)

    def permissions(self, guild_id: int, user_id: int, channel_id: int | None = None) -> int:
        """A member's permissions in the guild, or in a channel (its overwrites applied, in
        Discord's order: @everyone, then the member's roles together, then the member)."""
        guild = self.guild(guild_id)
        if user_id == guild.owner_id:
            return ALL_PERMISSIONS
        bits = guild.everyone.permissions
        member = guild.members.get(user_id)
        roles = set(member.roles) if member else set()
        for role_id in roles:
            role = guild.roles.get(role_id)
            bits |= role.permissions if role else 0
        bits = effective(bits)
        channel = self.channels.get(channel_id) if channel_id is not None else None
        if channel is None or bits == ALL_PERMISSIONS:
            return bits
        if channel.is_thread and channel.parent_id is not None:
            channel = self.channels.get(channel.parent_id, channel)
        by_id = {int(o["id"]): o for o in channel.overwrites}

        def apply(bits: int, allow: int, deny: int) -> int:
            return (bits & ~deny) | allow

        if everyone := by_id.get(guild.id):
            bits = apply(bits, int(everyone["allow"]), int(everyone["deny"]))
        allow = deny = 0
        for role_id in roles:
            if overwrite := by_id.get(role_id):
                allow |= int(overwrite["allow"])
                deny |= int(overwrite["deny"])
        bits = apply(bits, allow, deny)
        if own := by_id.get(user_id):
            bits = apply(bits, int(own["allow"]), int(own["deny"]))
        return bits

    def threads(self, parent_id: int | None = None) -> list[Channel]:
        return [
            c
            for c in self.channels.values()
            if c.is_thread and (parent_id is None or c.parent_id == parent_id)
        ]

    # --- payloads -----------------------------------------------------------------------------

    def guild_payload(self, guild: Guild) -> dict[str, Any]:
        """A full GUILD_CREATE: discord.py builds its whole cache for the guild from this."""
        channels = [self.channels[c] for c in guild.channel_ids]
        threads = [t for t in self.threads() if t.guild_id == guild.id and not t.archived]
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": guild.locale,
            "system_channel_id": _opt(guild.system_channel_id),
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "features": [],
            "max_members": 500000,
            "max_video_channel_users": 25,
            "application_id": None,
            "joined_at": iso_of(guild.id),
            "large": False,
            "unavailable": False,
            "lazy": True,
            "member_count": len(guild.members),
            "roles": [r.payload() for r in guild.roles.values()],
            "emojis": [],
            "stickers": [],
            "members": [m.payload() for m in guild.members.values()],
            "channels": [c.payload() for c in channels],
            "threads": [t.payload() for t in threads],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def channel_payload(self, channel: Channel, *, for_user: int | None = None) -> dict[str, Any]:
        perms = None
        if for_user is not None and channel.guild_id is not None:
            perms = self.permissions(channel.guild_id, for_user)
        return channel.payload(permissions=perms)

    # --- messages -----------------------------------------------------------------------------

    def create_message(
        self,
        channel: Channel,
        body: Mapping[str, Any],
        *,
        author: User,
        files: Sequence[UploadedFile] = (),
        message_id: int | None = None,
        message_type: int = 0,
        flags: int = 0,
        webhook: bool = False,
        interaction_metadata: dict[str, Any] | None = None,
        reference: dict[str, Any] | None = None,
        counts: bool = True,
    ) -> dict[str, Any]:
        """``reference`` is a system message's ``message_reference``; ``counts=False`` for a
        forum post's starter message, which a thread's ``message_count`` leaves out."""
        mid = message_id or self.ids.next()
        content = body.get("content") or ""
        msg: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(channel.id),
            "type": message_type,
            "content": content,
            "author": author.payload(),
            "timestamp": iso_of(mid),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": False,
            "mentions": self._mentioned_users(content),
            "mention_roles": _ROLE_MENTION.findall(content),
            "attachments": self._attachments(channel.id, body.get("attachments"), files),
            "embeds": _embeds(body.get("embeds")),
            "components": numbered_components(body.get("components")),
            "reactions": [],
            "pinned": False,
            "flags": (int(body.get("flags") or 0) & (_SETTABLE_FLAGS | EPHEMERAL)) | flags,
        }
        if channel.guild_id is not None:
            msg["guild_id"] = str(channel.guild_id)
        if body.get("nonce") is not None:
            msg["nonce"] = body["nonce"]
        if webhook:
            msg["webhook_id"] = str(self.application_id)
        if author.bot:
            msg["application_id"] = str(self.application_id)
        if interaction_metadata is not None:
            msg["interaction_metadata"] = interaction_metadata
        reply_to = body.get("message_reference")
        if reply_to and reply_to.get("message_id"):
            ref_id = int(reply_to["message_id"])
            referenced = self.messages.get(ref_id)
            msg["type"] = 19
            msg["message_reference"] = {
                "type": 0,
                "message_id": str(ref_id),
                "channel_id": str(reply_to.get("channel_id") or channel.id),
                "guild_id": _opt(channel.guild_id),
            }
            msg["referenced_message"] = (
                wire(referenced) if referenced and not referenced.get("_deleted") else None
            )
        if reference is not None:
            msg["message_reference"] = {"type": 0, **reference}
        if channel.is_thread:
            msg["position"] = channel.message_count if counts else 0
        self.messages[mid] = msg
        if not msg["flags"] & EPHEMERAL:
            self._history[channel.id].append(mid)
            channel.last_message_id = mid
            if channel.is_thread and counts:
                channel.message_count += 1
        return msg

    def edit_message(
        self, msg: dict[str, Any], body: Mapping[str, Any], files: Sequence[UploadedFile] = ()
    ) -> dict[str, Any]:
        if "content" in body:
            msg["content"] = body["content"] or ""
            msg["mentions"] = self._mentioned_users(msg["content"])
        if "embeds" in body:
            msg["embeds"] = _embeds(body["embeds"])
        if "components" in body:
            msg["components"] = numbered_components(body["components"])
        if "attachments" in body or files:
            msg["attachments"] = self._attachments(
                int(msg["channel_id"]), body.get("attachments"), files, keep=msg["attachments"]
            )
        if body.get("flags") is not None:
            keep = msg["flags"] & ~_SETTABLE_FLAGS
            msg["flags"] = keep | (int(body["flags"]) & _SETTABLE_FLAGS)
        msg["flags"] &= ~LOADING
        msg["edited_timestamp"] = iso_now()
        return msg

    def delete_message(self, msg: dict[str, Any]) -> None:
        msg["_deleted"] = True  # kept for results that still point at it; hidden everywhere else
        history = self._history.get(int(msg["channel_id"]), [])
        if int(msg["id"]) in history:
            history.remove(int(msg["id"]))

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Oldest first, as a person scrolling the channel reads them."""
        return [self.messages[m] for m in self._history.get(channel_id, [])]

    def history(
        self,
        channel_id: int,
        *,
        limit: int = 50,
        before: int | None = None,
        after: int | None = None,
        around: int | None = None,
    ) -> list[dict[str, Any]]:
        """``GET /channels/{id}/messages``: newest first, like Discord, whatever the cursor."""
        ids = sorted(self._history.get(channel_id, []))
        limit = max(1, min(limit, 100))
        if around is not None:
            older = [m for m in ids if m < around][-(limit // 2) :] if limit > 1 else []
            newer = [m for m in ids if m >= around][: limit - len(older)]
            chosen = older + newer
        elif after is not None:
            chosen = [m for m in ids if m > after][:limit]
        else:
            chosen = [m for m in ids if before is None or m < before][-limit:]
        return [wire(self.messages[m]) for m in reversed(chosen)]

    def remembered_nonce(
        self, author_id: int, channel_id: int, nonce: str
    ) -> dict[str, Any] | None:
        """The message an earlier request with this enforced nonce created, if still fresh."""
        key = (author_id, channel_id, nonce)
        seen = self._nonces.get(key)
        if seen is None or time.monotonic() - seen[0] > self.nonce_ttl:
            return None
        msg = self.messages.get(seen[1])
        return None if msg is None or msg.get("_deleted") else msg

    def remember_nonce(self, author_id: int, channel_id: int, nonce: str, message_id: int) -> None:
        self._nonces[(author_id, channel_id, nonce)] = (time.monotonic(), message_id)

    def _mentioned_users(self, content: str) -> list[dict[str, Any]]:
        found = {int(uid) for uid in _USER_MENTION.findall(content)}
        return [self.users[u].payload() for u in found if u in self.users]

    def store_file(
        self, upload: UploadedFile, channel_id: int, *, filename: str | None = None
    ) -> dict[str, Any]:
        """Keep an uploaded file (served at its url) and return its attachment object."""
        aid = self.ids.next()
        self.files[aid] = upload
        name = filename or upload.filename
        url = f"{self.http_base}/attachments/{channel_id}/{aid}/{name}"
        return {
            "id": str(aid),
            "filename": name,
            "content_type": upload.content_type,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
        }

    def _attachments(
        self,
        channel_id: int,
        spec: Sequence[Mapping[str, Any]] | None,
        files: Sequence[UploadedFile],
        *,
        keep: Sequence[dict[str, Any]] = (),
    ) -> list[dict[str, Any]]:
        """Map the ``attachments`` array onto uploaded ``files[n]`` parts; small ids are upload
        indexes, snowflakes name attachments the message already has (kept on edit)."""
        existing = {a["id"]: a for a in keep}
        entries = list(spec) if spec is not None else [{"id": i} for i in range(len(files))]
        result = []
        for entry in entries:
            ident = int(entry.get("id", -1))
            if str(ident) in existing:
                result.append(existing[str(ident)])
            elif 0 <= ident < len(files):
                upload = files[ident]
                filename = str(entry.get("filename") or upload.filename)
                attachment = self.store_file(upload, channel_id, filename=filename)
                result.append({**attachment, "description": entry.get("description")})
        return result


def _embeds(embeds: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"type": "rich", **copy.deepcopy(dict(e))} for e in embeds or []]


def numbered_components(components: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Copy and number the components: Discord gives every component an ``id``."""
    result: list[dict[str, Any]] = [copy.deepcopy(dict(c)) for c in components or []]
    counter = 0

    def number(items: Iterable[dict[str, Any]]) -> None:
        nonlocal counter
        for item in items:
            counter += 1
            item.setdefault("id", counter)
            number(item.get("components") or [])
            for key in ("accessory", "component"):
                if isinstance(item.get(key), dict):
                    number([item[key]])

    number(result)
    return result


def wire(msg: Mapping[str, Any]) -> dict[str, Any]:
    """The message as sent over the wire: a copy without the emulator's bookkeeping keys."""
    return {k: copy.deepcopy(v) for k, v in msg.items() if not k.startswith("_")}


def _opt(value: int | None) -> str | None:
    return None if value is None else str(value)


def _int(value: int | str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1
