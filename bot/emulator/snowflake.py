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
    """Hands out strictly increasing snowflakes, even for ids made within the same millisecond.

    With a ``seed`` it counts up from the seed (a world built in the same order gets the same
    ids: the sandbox's server for one database) until ``unseed()``; after that ids are made from
    the time again, above every seeded one as long as the seed is from the past."""

    def __init__(self, seed: int | None = None) -> None:
        self._counter = itertools.count()
        self._seeded = seed is not None
        self._last = seed - 1 if seed is not None else 0

    def unseed(self) -> None:
        self._seeded = False

    def next(self) -> int:
        if self._seeded:
            self._last += 1
            return self._last
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
