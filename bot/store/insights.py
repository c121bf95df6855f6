"""Insights: the lookup log, its follow-ups and the day salts (all the insights SQL). Every read
names its server; pruning and the salts are the only statements across servers."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import iso
from bot.models.insights import Counted, DayCount, FollowUp, Lookup, Period
from bot.store.database import Database

PRUNE_CHUNK = 5_000  # rows per transaction, so replies that write never wait long
# A lookup that showed nothing: no result, or "did you mean" choices nobody clicked.
_UNANSWERED = (
    "(l.outcome = 'none' OR (l.outcome = 'suggested' AND NOT EXISTS (SELECT 1 FROM"
    " insight_actions AS a WHERE a.lookup_id = l.id AND a.action = 'did_you_mean')))"
)
_IN_PERIOD = "l.guild_id = ? AND l.at >= ? AND l.at <= ?"  # until: now, included


def _span(guild_id: int, period: Period) -> tuple[int, str, str]:
    return guild_id, iso(period.since), iso(period.until)


class SqliteInsightsRepository:
    """Implements bot.insights.repository.InsightsRepository. `timezone` is the zone whose
    calendar days the per-day counts use (the bot's default zone)."""

    def __init__(self, db: Database, *, timezone: str = "Asia/Seoul") -> None:
        self._db = db
        self._zone = ZoneInfo(timezone)

    # -- writes ---------------------------------------------------------------------------------

    async def write(self, lookups: Sequence[Lookup], follow_ups: Sequence[FollowUp]) -> None:
        if not lookups and not follow_ups:
            return
        lookup_rows = [
            (
                x.id,
                x.guild_id,
                iso(x.at),
                x.at.astimezone(self._zone).date().isoformat(),
                x.command,
                x.query,
                x.query_key,
                x.outcome,
                x.topic,
                x.asker,
            )
            for x in lookups
        ]
        result_rows = [
            (x.id, rank, x.guild_id, iso(x.at), entry_id)
            for x in lookups
            for rank, entry_id in enumerate(x.results, start=1)
        ]
        action_rows = [
            (f.guild_id, f.lookup_id, f.action, f.entry_id, iso(f.at)) for f in follow_ups
        ]
        async with self._db.transaction() as conn:
            await conn.executemany(
                "INSERT OR IGNORE INTO insight_lookups (id, guild_id, at, day, command, query,"
                " query_key, outcome, topic, asker) VALUES (?,?,?,?,?,?,?,?,?,?)",
                lookup_rows,
            )
            await conn.executemany(
                "INSERT OR IGNORE INTO insight_results (lookup_id, rank, guild_id, at, entry_id)"
                " VALUES (?,?,?,?,?)",
                result_rows,
            )
            await conn.executemany(
                "INSERT INTO insight_actions (guild_id, lookup_id, action, entry_id, at)"
                " VALUES (?,?,?,?,?)",
                action_rows,
            )

    async def prune(self, before: dt.datetime) -> int:
        cutoff = iso(before)
        gone = 0
        while True:
            async with self._db.transaction() as conn:
                cursor = await conn.execute(
                    "DELETE FROM insight_lookups WHERE id IN (SELECT id FROM insight_lookups"
                    " WHERE at < ? LIMIT ?)",
                    (cutoff, PRUNE_CHUNK),
                )
                deleted = cursor.rowcount
                await conn.execute(
                    "DELETE FROM insight_actions WHERE id IN (SELECT id FROM insight_actions"
                    " WHERE at < ? LIMIT ?)",
                    (cutoff, PRUNE_CHUNK),
                )
            gone += max(deleted, 0)
            if deleted < PRUNE_CHUNK:
                break
        return gone

    async def forget(self, guild_id: int) -> int:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM insight_lookups WHERE guild_id = ?", (guild_id,)
            )
            gone = cursor.rowcount
            await conn.execute("DELETE FROM insight_results WHERE guild_id = ?", (guild_id,))
            await conn.execute("DELETE FROM insight_actions WHERE guild_id = ?", (guild_id,))
        return max(gone, 0)

    async def day_salt(self, day: dt.date) -> bytes:
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM insight_salts WHERE day < ?",
                ((day - dt.timedelta(days=1)).isoformat(),),
            )
            await conn.execute(
                "INSERT OR IGNORE INTO insight_salts (day, salt) VALUES (?, ?)",
                (day.isoformat(), secrets.token_bytes(32)),
            )
            row = await (
                await conn.execute(
                    "SELECT salt FROM insight_salts WHERE day = ?", (day.isoformat(),)
                )
            ).fetchone()
        assert row is not None
        return bytes(row[0])

    # -- reads ----------------------------------------------------------------------------------

    async def _rows(self, sql: str, params: Sequence[object]) -> list[Any]:
        return list(await (await self._db.reader.execute(sql, params)).fetchall())

    async def guilds(self, period: Period) -> list[int]:
        rows = await self._rows(
            "SELECT DISTINCT guild_id FROM insight_lookups WHERE at >= ? AND at <= ?"
            " ORDER BY guild_id",
            (iso(period.since), iso(period.until)),
        )
        return [int(row[0]) for row in rows]

    async def totals(self, guild_id: int, period: Period) -> tuple[int, int, int]:
        span = _span(guild_id, period)
        [(lookups, unanswered)] = await self._rows(
            f"SELECT COUNT(*), COALESCE(SUM({_UNANSWERED}), 0) FROM insight_lookups AS l"
            f" WHERE {_IN_PERIOD}",
            span,
        )
        [(askers,)] = await self._rows(
            "SELECT COUNT(*) FROM (SELECT DISTINCT l.day, l.asker FROM insight_lookups AS l"
            f" WHERE {_IN_PERIOD} AND l.asker IS NOT NULL)",
            span,
        )
        return int(lookups or 0), int(askers or 0), int(unanswered or 0)

    async def action_counts(self, guild_id: int, period: Period) -> dict[str, int]:
        rows = await self._rows(
            "SELECT action, COUNT(*) FROM insight_actions WHERE guild_id = ? AND at >= ?"
            " AND at <= ? GROUP BY action",
            _span(guild_id, period),
        )
        return {str(action): int(n) for action, n in rows}

    async def top_queries(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        rows = await self._rows(
            "SELECT l.query_key, MAX(l.query), COUNT(*) AS n FROM insight_lookups AS l"
            f" WHERE {_IN_PERIOD} AND l.command <> 'topics'"
            " GROUP BY l.query_key ORDER BY n DESC, l.query_key LIMIT ?",
            (*_span(guild_id, period), limit),
        )
        return [Counted(str(k), str(q), int(n)) for k, q, n in rows]

    async def top_entries(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        span = _span(guild_id, period)
        rows = await self._rows(
            "SELECT entry_id, COUNT(*) AS n FROM ("
            " SELECT entry_id FROM insight_results WHERE guild_id = ? AND at >= ? AND at <= ?"
            " AND rank = 1"
            " UNION ALL SELECT entry_id FROM insight_actions WHERE guild_id = ? AND at >= ?"
            " AND at <= ? AND action = 'page' AND entry_id IS NOT NULL"
            ") GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?",
            (*span, *span, limit),
        )
        return [Counted(str(e), str(e), int(n)) for e, n in rows]

    async def top_topics(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        rows = await self._rows(
            "SELECT l.topic, COUNT(*) AS n FROM insight_lookups AS l"
            f" WHERE {_IN_PERIOD} AND l.topic IS NOT NULL"
            " GROUP BY l.topic ORDER BY n DESC, l.topic LIMIT ?",
            (*_span(guild_id, period), limit),
        )
        return [Counted(str(t), str(t), int(n)) for t, n in rows]

    async def per_day(self, guild_id: int, period: Period) -> list[DayCount]:
        rows = await self._rows(
            f"SELECT l.day, l.topic, COUNT(*) FROM insight_lookups AS l WHERE {_IN_PERIOD}"
            " GROUP BY l.day, l.topic ORDER BY l.day",
            _span(guild_id, period),
        )
        return [
            DayCount(dt.date.fromisoformat(str(d)), None if t is None else str(t), int(n))
            for d, t, n in rows
        ]

    async def unanswered(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        rows = await self._rows(
            "SELECT l.query_key, MAX(l.query), COUNT(*) AS n FROM insight_lookups AS l"
            f" WHERE {_IN_PERIOD} AND {_UNANSWERED}"
            " GROUP BY l.query_key ORDER BY n DESC, l.query_key LIMIT ?",
            (*_span(guild_id, period), limit),
        )
        return [Counted(str(k), str(q), int(n)) for k, q, n in rows]

    async def entry_counts(
        self, guild_id: int, entry_id: str, period: Period
    ) -> tuple[int, int, int]:
        guild, since, until = _span(guild_id, period)
        [(shown,)] = await self._rows(
            "SELECT COUNT(*) FROM insight_results WHERE guild_id = ? AND entry_id = ?"
            " AND at >= ? AND at <= ? AND rank = 1",
            (guild, entry_id, since, until),
        )
        counts = dict(
            await self._rows(
                "SELECT action, COUNT(*) FROM insight_actions WHERE guild_id = ? AND entry_id = ?"
                " AND at >= ? AND at <= ? GROUP BY action",
                (guild, entry_id, since, until),
            )
        )
        views = int(shown) + int(counts.get("page", 0))
        return views, int(counts.get("share", 0)), int(counts.get("discuss", 0))

    async def entry_queries(
        self, guild_id: int, entry_id: str, period: Period, limit: int
    ) -> list[Counted]:
        guild, since, until = _span(guild_id, period)
        rows = await self._rows(
            "SELECT l.query_key, MAX(l.query), COUNT(*) AS n FROM insight_results AS r"
            " JOIN insight_lookups AS l ON l.id = r.lookup_id"
            " WHERE r.guild_id = ? AND r.entry_id = ? AND r.at >= ? AND r.at <= ?"
            " AND l.command IN ('advice', 'autocomplete')"
            " GROUP BY l.query_key ORDER BY n DESC, l.query_key LIMIT ?",
            (guild, entry_id, since, until, limit),
        )
        return [Counted(str(k), str(q), int(n)) for k, q, n in rows]
