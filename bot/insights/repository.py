"""The storage insights need, declared on the domain's side; `bot/store/insights.py` implements
it for SQLite. Every read is scoped to one server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from bot.models.insights import Counted, DayCount, FollowUp, Lookup, Period


class InsightsSink(Protocol):
    """What the recorder writes through."""

    async def write(self, lookups: Sequence[Lookup], follow_ups: Sequence[FollowUp]) -> None:
        """Store a batch in one transaction (a lookup id seen before is ignored)."""
        ...

    async def timezone(self, guild_id: int) -> str | None:
        """The server's own time zone (its daily tip's), None when it set none
        (`bot.insights.zones.server_zone` picks the bot's default then)."""
        ...

    async def logged_guilds(self) -> list[int]:
        """The servers with anything recorded (what pruning visits)."""
        ...

    async def prune(self, guild_id: int, before: dt.date) -> int:
        """Delete what the server recorded on days before `before` (its local dates, as
        filed); the number of lookups gone."""
        ...

    async def day_salt(self, day: dt.date) -> bytes:
        """The salt of `day` (made on first use); salts of days more than two before it are
        dropped (servers' local dates span up to three at one moment)."""
        ...


class InsightsRepository(InsightsSink, Protocol):
    async def totals(self, guild_id: int, period: Period) -> tuple[int, int, int]:
        """(lookups, distinct askers per day summed, unanswered lookups)."""
        ...

    async def action_counts(self, guild_id: int, period: Period) -> dict[str, int]: ...

    async def top_queries(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        """Counted(query key, most recent wording, lookups)."""
        ...

    async def top_entries(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        """Counted(entry id, entry id, views): shown first, or paged to."""
        ...

    async def top_topics(self, guild_id: int, period: Period, limit: int) -> list[Counted]: ...

    async def per_day(self, guild_id: int, period: Period) -> list[DayCount]: ...

    async def unanswered(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        """Counted(query key, wording, lookups) of lookups that showed nothing: no result, or
        "did you mean" choices nobody clicked."""
        ...

    async def entry_counts(
        self, guild_id: int, entry_id: str, period: Period
    ) -> tuple[int, int, int]:
        """(views, shares, discussions) of one entry."""
        ...

    async def entry_queries(
        self, guild_id: int, entry_id: str, period: Period, limit: int
    ) -> list[Counted]:
        """The wordings of lookups that showed the entry, most frequent first."""
        ...

    async def queries_starting(self, guild_id: int, prefix: str, limit: int) -> list[str]:
        """Distinct recorded wordings of the server that start with `prefix`."""
        ...

    async def guilds(self, period: Period) -> list[int]: ...

    async def forget(self, guild_id: int) -> int:
        """Erase the server's whole log; the number of lookups erased."""
        ...
