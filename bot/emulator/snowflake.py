"""Discord-shaped ids and timestamps.

Ids are real snowflakes (time in the high bits) so discord.py's ``created_at`` and the history
``before``/``after`` cursors behave as they do against Discord.
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1_420_070_400_000


class SnowflakeFactory:
    """Hands out strictly increasing snowflakes, even for ids made within the same millisecond."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._last = 0

    def next(self) -> int:
        stamp = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        value = max(stamp | (next(self._counter) & 0xFFF), self._last + 1)
        self._last = value
        return value


def snowflake_time(snowflake: int) -> datetime:
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


def iso_now() -> str:
    return datetime.now(tz=UTC).isoformat()


def iso_of(snowflake: int) -> str:
    return snowflake_time(snowflake).isoformat()
