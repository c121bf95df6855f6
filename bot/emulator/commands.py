"""Turning ``slash("tip-config set", {"day": 3})`` into the ``data`` Discord would send.

Commands and options are looked up in what the bot registered with ``tree.sync()`` (the PUT
calls), so a test fails clearly when the bot forgot to sync, renamed an option, or a value breaks
a constraint the Discord client enforces before the bot ever sees it.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.emulator.errors import CommandHidden, EmulatorError
from bot.emulator.models import Channel, ChannelType, Member, Role, User
from bot.emulator.permissions import ADMIN, effective
from bot.emulator.state import EmulatorState, UploadedFile

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = (
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
)
CHAT_INPUT, USER_COMMAND, MESSAGE_COMMAND = 1, 2, 3
_MAX_SAFE_INT = 2**53


@dataclass
class CommandCall:
    """The command a test invokes, resolved against the synced commands."""

    command: dict[str, Any]
    chain: list[dict[str, Any]]  # subcommand group / subcommand definitions, outermost first

    @property
    def leaf_options(self) -> list[dict[str, Any]]:
        return (self.chain[-1] if self.chain else self.command).get("options") or []

    def data(self, leaf_values: list[dict[str, Any]], resolved: dict[str, Any]) -> dict[str, Any]:
        options = leaf_values
        for level in reversed(self.chain):
            options = [{"type": level["type"], "name": level["name"], "options": options}]
        data: dict[str, Any] = {
            "id": self.command["id"],
            "name": self.command["name"],
            "type": self.command["type"],
            "options": options,
        }
        if resolved:
            data["resolved"] = resolved
        if "guild_id" in self.command:
            data["guild_id"] = self.command["guild_id"]
        return data


def find_command(
    state: EmulatorState,
    path: str | Sequence[str],
    *,
    guild_id: int | None,
    type_: int = CHAT_INPUT,
) -> CommandCall:
    parts = path.split() if isinstance(path, str) else list(path)
    if not parts:
        raise EmulatorError("empty command name")
    pools = ([state.commands.get(guild_id)] if guild_id else []) + [state.commands.get(None)]
    command = next(
        (c for pool in pools for c in pool if c["name"] == parts[0] and c["type"] == type_), None
    )
    if command is None:
        known = sorted({c["name"] for pool in pools for c in pool if c["type"] == type_})
        raise EmulatorError(
            f"command {parts[0]!r} is not registered for this guild or globally "
            f"(did the bot run tree.sync()?); synced: {known}"
        )
    call = CommandCall(command, [])
    node: Mapping[str, Any] = command
    for name in parts[1:]:
        subs = [
            o for o in node.get("options") or [] if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
        ]
        nxt = next((o for o in subs if o["name"] == name), None)
        if nxt is None:
            raise EmulatorError(
                f"{' '.join(parts)!r}: {node['name']!r} has no subcommand {name!r}; "
                f"it has {[o['name'] for o in subs]}"
            )
        call.chain.append(nxt)
        node = nxt
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in node.get("options") or []):
        names = [o["name"] for o in node.get("options") or []]
        raise EmulatorError(f"{' '.join(parts)!r} is a group; name one of its subcommands: {names}")
    return call


def check_can_use(
    state: EmulatorState, command: Mapping[str, Any], *, guild_id: int | None, user_id: int
) -> None:
    """Discord hides a command from members lacking ``default_member_permissions``, and guild-only
    commands from DMs; a test that tries anyway gets the reason."""
    if guild_id is None:
        contexts = command.get("contexts")
        if (
            command.get("guild_id")
            or (contexts is not None and 1 not in contexts)
            or (contexts is None and command.get("dm_permission") is False)
        ):
            raise EmulatorError(f"command {command['name']!r} is not available in DMs")
        return
    required = command.get("default_member_permissions")
    if required is None:
        return
    have = state.permissions(guild_id, user_id)
    need = int(required)
    if (need == 0 and not have & ADMIN) or (have & effective(need)) != need:
        raise CommandHidden(
            f"user {user_id} cannot see command {command['name']!r}: it needs permissions {need:#x}"
            " (pass check_permissions=False to invoke it anyway)"
        )


class Resolver:
    """Turns users, channels and roles (emulator objects or ids) into option values, collecting
    the ``resolved`` map Discord sends alongside them."""

    def __init__(self, state: EmulatorState, guild_id: int | None) -> None:
        self.state = state
        self.guild_id = guild_id
        self.resolved: dict[str, dict[str, Any]] = {}

    def user(self, value: Any) -> str:
        user = value.user if isinstance(value, Member) else value
        user = user if isinstance(user, User) else self.state.users.get(_id(value))
        if user is None:
            raise EmulatorError(f"unknown user {value!r}")
        self.resolved.setdefault("users", {})[str(user.id)] = user.payload()
        member = self.state.member(self.guild_id, user.id) if self.guild_id else None
        if member is not None:
            perms = self.state.permissions(member.guild_id, member.id)
            self.resolved.setdefault("members", {})[str(user.id)] = {
                **member.payload(with_user=False),
                "permissions": str(perms),
            }
        return str(user.id)

    def channel(self, value: Any, allowed: Sequence[int] | None = None) -> str:
        channel = value if isinstance(value, Channel) else self.state.channels.get(_id(value))
        if channel is None:
            raise EmulatorError(f"unknown channel {value!r}")
        if allowed and channel.type not in allowed:
            raise EmulatorError(
                f"only channel types {list(allowed)} are accepted here, got {channel.type}"
            )
        data = self.state.channel_payload(channel, for_user=self.state.bot_user.id)
        data.setdefault("permissions", "0")
        if channel.type not in ChannelType.THREADS:
            keep = ("id", "name", "type", "permissions", "parent_id", "guild_id")
            data = {k: data[k] for k in keep if k in data}
        self.resolved.setdefault("channels", {})[str(channel.id)] = data
        return str(channel.id)

    def role(self, value: Any) -> str:
        role = value if isinstance(value, Role) else None
        if role is None and self.guild_id is not None:
            role = self.state.guild(self.guild_id).roles.get(_id(value))
        if role is None:
            raise EmulatorError(f"unknown role {value!r}")
        self.resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)

    def mentionable(self, value: Any) -> str:
        return self.role(value) if isinstance(value, Role) else self.user(value)

    def attachment(self, value: Any) -> str:
        """A file the user attaches: an ``UploadedFile`` or ``(filename, bytes[, type])``.
        Like the client, it refuses one over the upload limit."""
        upload = _upload(value)
        limit = self.state.user_upload_limit
        if len(upload.data) > limit:
            raise EmulatorError(
                f"{upload.filename!r} is {len(upload.data)} bytes; the client uploads at most "
                f"{limit} (emu.state.user_upload_limit)"
            )
        stored = self.state.store_file(upload, self.guild_id or 0)
        self.resolved.setdefault("attachments", {})[stored["id"]] = {**stored, "ephemeral": True}
        return stored["id"]


class OptionBuilder:
    """Builds the leaf ``options`` list (typed and checked) for one invocation."""

    def __init__(self, call: CommandCall, resolver: Resolver) -> None:
        self.call = call
        self.resolver = resolver

    def build(
        self, values: Mapping[str, Any], *, focused: str | None = None
    ) -> list[dict[str, Any]]:
        defs = {o["name"]: o for o in self.call.leaf_options}
        unknown = set(values) - set(defs)
        if unknown:
            raise EmulatorError(
                f"unknown option(s) {sorted(unknown)}; the command takes {list(defs)}"
            )
        if focused is not None:
            if focused not in defs:
                raise EmulatorError(f"focused option {focused!r} is not an option: {list(defs)}")
            if not defs[focused].get("autocomplete"):
                raise EmulatorError(f"option {focused!r} has no autocomplete registered")
        built = []
        for name, definition in defs.items():
            if name == focused:
                # Discord sends what the user has typed so far, as a string, whatever the type.
                raw = values.get(name, "")
                built.append(
                    {"type": definition["type"], "name": name, "value": str(raw), "focused": True}
                )
            elif name in values and values[name] is not None:
                value = self._convert(definition, values[name])
                built.append({"type": definition["type"], "name": name, "value": value})
            elif definition.get("required") and focused is None:
                raise EmulatorError(f"required option {name!r} is missing")
        return built

    def _convert(self, definition: Mapping[str, Any], value: Any) -> Any:
        kind, name = definition["type"], definition["name"]
        if kind in (STRING, INTEGER, NUMBER):
            return _scalar(definition, value)
        if kind == BOOLEAN:
            if not isinstance(value, bool):
                raise EmulatorError(f"option {name!r} is a boolean, got {value!r}")
            return value
        if kind == USER:
            return self.resolver.user(value)
        if kind == CHANNEL:
            return self.resolver.channel(value, definition.get("channel_types"))
        if kind == ROLE:
            return self.resolver.role(value)
        if kind == MENTIONABLE:
            return self.resolver.mentionable(value)
        if kind == ATTACHMENT:
            return self.resolver.attachment(value)
        raise EmulatorError(f"option {name!r} has type {kind}, which the emulator cannot fill yet")


def _scalar(definition: Mapping[str, Any], value: Any) -> Any:
    kind, name = definition["type"], definition["name"]
    choices = definition.get("choices") or []
    if choices:
        # A choice's display name may stand for its value, as a user picks by name.
        by_name = {c["name"]: c["value"] for c in choices}
        values = [c["value"] for c in choices]
        if value not in values and value in by_name:
            value = by_name[value]
        if value not in values:
            raise EmulatorError(f"{value!r} is not a choice of {name!r}: {values}")
    if kind == STRING:
        if not isinstance(value, str):
            raise EmulatorError(f"option {name!r} is a string, got {value!r}")
        low, high = definition.get("min_length", 0), definition.get("max_length", 6000)
        if not low <= len(value) <= high:
            raise EmulatorError(f"option {name!r} must be {low}..{high} characters long")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EmulatorError(f"option {name!r} is a number, got {value!r}")
    if kind == INTEGER and int(value) != value:
        raise EmulatorError(f"option {name!r} is an integer, got {value!r}")
    value = int(value) if kind == INTEGER else float(value)
    low = definition.get("min_value", -_MAX_SAFE_INT)
    high = definition.get("max_value", _MAX_SAFE_INT)
    if not low <= value <= high:
        raise EmulatorError(f"option {name!r} must be between {low} and {high}, got {value}")
    return value


def _upload(value: Any) -> UploadedFile:
    if isinstance(value, UploadedFile):
        return value
    if isinstance(value, tuple) and len(value) in (2, 3) and isinstance(value[1], bytes):
        name = str(value[0])
        kind = value[2] if len(value) == 3 else mimetypes.guess_type(name)[0]
        return UploadedFile(name, kind or "application/octet-stream", value[1])
    raise EmulatorError(f"an attachment is an UploadedFile or (filename, bytes), got {value!r}")


def _id(value: Any) -> int:
    ident = getattr(value, "id", value)
    try:
        return int(ident)
    except (TypeError, ValueError):
        return -1
