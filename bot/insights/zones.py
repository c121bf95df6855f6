"""Which calendar a server's insights use: its own time zone (the one its daily tip is set to),
else the bot's default. One rule, so the day a lookup is filed under, the day a moderator's
"today" is and the days pruning keeps are the same days."""

from __future__ import annotations

import contextlib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def server_zone(name: str | None, default: ZoneInfo) -> ZoneInfo:
    """The zone `name` (a server's setting), or `default` when it has none or an unknown one."""
    if name:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(name)
    return default
