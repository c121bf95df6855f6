"""Permission checks the routes share: what Discord answers when the bot may not do something."""

from __future__ import annotations

from bot.emulator.errors import RestError
from bot.emulator.models import Channel
from bot.emulator.permissions import Perm
from bot.emulator.state import EmulatorState


def bot_has(state: EmulatorState, channel: Channel, perm: Perm) -> bool:
    if channel.guild_id is None:
        return True
    return bool(state.permissions(channel.guild_id, state.bot_user.id, channel.id) & perm)


def require(state: EmulatorState, channel: Channel, *needed: Perm) -> None:
    """403 Missing Access without View Channel, 403 Missing Permissions without one of ``needed``."""
    if channel.guild_id is None:
        return
    have = state.permissions(channel.guild_id, state.bot_user.id, channel.id)
    if not have & Perm.VIEW_CHANNEL:
        raise RestError(403, 50001, "Missing Access")
    if any(not have & p for p in needed):
        raise missing_permissions()


def missing_permissions() -> RestError:
    return RestError(403, 50013, "Missing Permissions")
