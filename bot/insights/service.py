"""What moderators read: a server's overview, its gaps (what finds no answer), one entry's
numbers, and forgetting the server's log. Reads first write what the recorder still holds, so a
moderator sees the lookup made a second ago."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.clock import Clock, utcnow
from bot.insights.recorder import InsightsRecorder
from bot.insights.repository import InsightsRepository
from bot.insights.wording import group_similar
from bot.models.insights import Counted, EntryStats, Gap, Overview, Period

TOP = 10
GAP_CANDIDATES = 300  # distinct unanswered wordings read before grouping
QUERY_CANDIDATES = 100  # recorded wordings sharing a cut query's start, searched for it


def query_digest(query: str) -> str:
    """8 hex characters naming a wording (with its start) where the whole does not fit."""
    return hashlib.sha256(query.encode()).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class Answer:
    entry_id: str
    title: str


class Library(Protocol):
    """What insights ask of the advice library (implemented over search in `library.py`)."""

    async def answer(self, query: str, guild_id: int) -> Answer | None:
        """The best entry the server sees for `query` now, if any."""
        ...

    async def titles(
        self, entry_ids: Sequence[str], guild_id: int, language: str = "ko"
    ) -> dict[str, str]:
        """id -> title as the server sees it; for "en", the English title where there is one."""
        ...


class InsightsService:
    def __init__(
        self,
        store: InsightsRepository,
        recorder: InsightsRecorder,
        library: Library,
        *,
        clock: Clock = utcnow,
        timezone: str = "Asia/Seoul",
    ) -> None:
        self._store = store
        self.recorder = recorder
        self._library = library
        self._clock = clock
        self._zone = ZoneInfo(timezone)

    async def zone(self, guild_id: int) -> ZoneInfo:
        """The server's time zone (its daily tip's), whose days its counts use."""
        return await self.recorder.zone(guild_id)

    async def today(self, guild_id: int | None = None) -> dt.date:
        """The date in the server's time zone (its daily tip's), whose days its counts use;
        without a server, in the bot's default zone."""
        zone = self._zone if guild_id is None else await self.recorder.zone(guild_id)
        return self._clock().astimezone(zone).date()

    async def period(self, guild_id: int, days: int) -> Period:
        """The server's today and the `days - 1` days before."""
        return Period.ending(await self.today(guild_id), days)

    async def guilds(self, period: Period) -> list[int]:
        """The servers with lookups in `period` (the CLI's report of every server)."""
        await self.recorder.flush()
        return await self._store.guilds(period)

    async def overview(self, guild_id: int, period: Period) -> Overview:
        await self.recorder.flush()
        store = self._store
        (lookups, askers, unanswered), actions = await asyncio.gather(
            store.totals(guild_id, period), store.action_counts(guild_id, period)
        )
        queries = await store.top_queries(guild_id, period, TOP)
        entries = await store.top_entries(guild_id, period, TOP)
        topics = await store.top_topics(guild_id, period, TOP)
        per_day = await store.per_day(guild_id, period)
        gaps = await self._gap_groups(guild_id, period)
        titles = await self._library.titles([c.key for c in entries], guild_id)
        return Overview(
            guild_id=guild_id,
            period=period,
            lookups=lookups,
            askers=askers,
            unanswered=unanswered,
            shares=actions.get("share", 0),
            discussions=actions.get("discuss", 0),
            top_queries=tuple(queries),
            top_entries=tuple(Counted(c.key, titles.get(c.key, c.label), c.count) for c in entries),
            top_topics=tuple(topics),
            top_unanswered=tuple(Counted(g.label, g.label, g.count) for g in gaps[:TOP]),
            per_day=tuple(per_day),
        )

    async def in_language(self, overview: Overview, language: str) -> Overview:
        """The overview with its top entries named for `language` (English titles for "en",
        where they exist): for the moderator who reads it, or the server a digest goes to."""
        if language == "ko" or not overview.top_entries:
            return overview
        ids = [c.key for c in overview.top_entries]
        titles = await self._library.titles(ids, overview.guild_id, language)
        named = tuple(replace(c, label=titles.get(c.key, c.label)) for c in overview.top_entries)
        return replace(overview, top_entries=named)

    async def _gap_groups(self, guild_id: int, period: Period) -> list[Gap]:
        rows = await self._store.unanswered(guild_id, period, GAP_CANDIDATES)
        groups = group_similar([(c.key, c.label, c.count) for c in rows])
        return [
            Gap(label=g.label, count=g.count, queries=tuple(m[1] for m in g.members))
            for g in groups
        ]

    async def gaps(
        self, guild_id: int, period: Period, *, limit: int = TOP, language: str = "ko"
    ) -> list[Gap]:
        """Unanswered wordings grouped; each says which entry answers it now, if one does (an
        entry added since the lookups), by its title in `language` (English where it has one)."""
        await self.recorder.flush()
        found: list[Gap] = []
        for gap in (await self._gap_groups(guild_id, period))[:limit]:
            answer = await self._library.answer(gap.label, guild_id)
            if answer is None:
                found.append(gap)
            else:
                found.append(Gap(gap.label, gap.count, gap.queries, answer.entry_id, answer.title))
        answered = [g.answered_by for g in found if g.answered_by is not None]
        if language == "ko" or not answered:
            return found
        titles = await self._library.titles(answered, guild_id, language)
        return [
            replace(g, answered_title=titles.get(g.answered_by, g.answered_title))
            if g.answered_by is not None
            else g
            for g in found
        ]

    async def whole_query(self, guild_id: int, prefix: str, digest: str) -> str | None:
        """The recorded wording that starts with `prefix` and has `digest` (`query_digest`):
        what a button too small for a long query names it by. None once the log forgot it."""
        await self.recorder.flush()
        for query in await self._store.queries_starting(guild_id, prefix, QUERY_CANDIDATES):
            if query_digest(query) == digest:
                return query
        return None

    async def entry(self, guild_id: int, entry_id: str, period: Period) -> EntryStats:
        await self.recorder.flush()
        views, shares, discussions = await self._store.entry_counts(guild_id, entry_id, period)
        queries = await self._store.entry_queries(guild_id, entry_id, period, TOP)
        return EntryStats(guild_id, entry_id, period, views, shares, discussions, tuple(queries))

    async def forget(self, guild_id: int) -> int:
        """Erase the server's log, including what is still queued."""
        await self.recorder.flush()
        return await self._store.forget(guild_id)
