"""Application commands as the bot registered them (``tree.sync()``), per guild or global.

Registration is checked the way Discord checks it, so a name or description the real API would
refuse fails here too, not only in production.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.emulator.errors import RestError
from bot.emulator.snowflake import SnowflakeFactory

_COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")


class CommandRegistry:
    """Stored commands by scope: a guild id, or None for global commands."""

    def __init__(self, ids: SnowflakeFactory, application_id: int) -> None:
        self._ids = ids
        self._application_id = application_id
        self._by_scope: dict[int | None, list[dict[str, Any]]] = {}

    def get(self, guild_id: int | None) -> list[dict[str, Any]]:
        return self._by_scope.get(guild_id, [])

    def find(self, guild_id: int | None, command_id: str) -> dict[str, Any] | None:
        return next((c for c in self.get(guild_id) if c["id"] == command_id), None)

    def delete(self, guild_id: int | None, command_id: str) -> bool:
        found = self.find(guild_id, command_id)
        if found is not None:
            self._by_scope[guild_id].remove(found)
        return found is not None

    def put(
        self, guild_id: int | None, payload: Sequence[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Bulk overwrite, keeping the id of a command that keeps its name and type (as Discord
        does, so permissions set on it survive a re-sync)."""
        seen: set[tuple[str, int]] = set()
        old = {(c["name"], c["type"]): c for c in self.get(guild_id)}
        stored = []
        for index, command in enumerate(payload):
            key = (command.get("name", ""), int(command.get("type", 1)))
            _check_command(command, f"{index}")
            if key in seen:
                raise RestError(
                    400,
                    50035,
                    "Invalid Form Body",
                    errors={f"{index}.name": "Application command names must be unique"},
                )
            seen.add(key)
            stored.append(self._store(command, guild_id, old.get(key)))
        self._by_scope[guild_id] = stored
        return stored

    def upsert(self, guild_id: int | None, command: Mapping[str, Any]) -> dict[str, Any]:
        _check_command(command, "")
        key = (command.get("name"), int(command.get("type", 1)))
        current = self._by_scope.setdefault(guild_id, [])
        old = next((c for c in current if (c["name"], c["type"]) == key), None)
        stored = self._store(command, guild_id, old)
        if old is not None:
            current[current.index(old)] = stored
        else:
            current.append(stored)
        return stored

    def edit(
        self, guild_id: int | None, command_id: str, changes: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        """PATCH one command in place: same id, even when the name changes."""
        current = self.find(guild_id, command_id)
        if current is None:
            return None
        merged = {**current, **changes}
        _check_command(merged, "")
        stored = self._store(merged, guild_id, current)
        scope = self._by_scope[guild_id]
        scope[scope.index(current)] = stored
        return stored

    def _store(
        self, command: Mapping[str, Any], guild_id: int | None, old: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        stored = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "dm_permission": True,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            **copy.deepcopy(dict(command)),
            "id": old["id"] if old else str(self._ids.next()),
            "application_id": str(self._application_id),
            "version": str(self._ids.next()),
        }
        stored["type"] = int(stored["type"])
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        return stored


def _check_command(command: Mapping[str, Any], where: str) -> None:
    """The registration rules discord.py does not check itself but Discord rejects."""
    problems: dict[str, str] = {}
    prefix = f"{where}." if where else ""
    name = command.get("name") or ""
    chat_input = int(command.get("type", 1)) == 1
    if chat_input and (not _COMMAND_NAME.match(name) or name != name.lower()):
        problems[f"{prefix}name"] = "Command name is invalid"
    if chat_input and not 1 <= len(command.get("description") or "") <= 100:
        problems[f"{prefix}description"] = "Must be between 1 and 100 in length."
    _check_options(command.get("options") or [], f"{prefix}options", problems)
    if problems:
        raise RestError(400, 50035, "Invalid Form Body", errors=problems)


def _check_options(
    options: Sequence[Mapping[str, Any]], where: str, problems: dict[str, str]
) -> None:
    if len(options) > 25:
        problems[where] = "Must be 25 or fewer in length."
    optional_seen = False
    for i, option in enumerate(options):
        name = option.get("name") or ""
        if not _COMMAND_NAME.match(name) or name != name.lower():
            problems[f"{where}.{i}.name"] = "Option name is invalid"
        if not 1 <= len(option.get("description") or "") <= 100:
            problems[f"{where}.{i}.description"] = "Must be between 1 and 100 in length."
        if len(option.get("choices") or []) > 25:
            problems[f"{where}.{i}.choices"] = "Must be 25 or fewer in length."
        if option.get("required"):
            if optional_seen:
                problems[f"{where}.{i}"] = (
                    "Required options must be placed before non-required options"
                )
        elif option.get("type") not in (1, 2):
            optional_seen = True
        if option.get("type") in (1, 2):
            _check_options(option.get("options") or [], f"{where}.{i}.options", problems)
