"""Insights: the lookup log, its follow-ups, per-day counts and the day salts (all the insights
SQL). Every read names its server; pruning and the salts are the only statements across servers.

Each batch the recorder writes updates the per-day counts (insight_days, insight_query_days,
insight_entry_days, insight_askers) in the same transaction, so reads sum a few rows per day
instead of scanning every lookup. Days are the servers' local dates, as the recorder settled them
on each lookup and follow-up (bot/insights/recorder.py): nothing here reads a time zone.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Sequence
from typing import Any

import aiosqlite

from bot.clock import iso
from bot.models.insights import (
    Counted,
    DayCount,
    DigestPost,
    DigestSettings,
    FollowUp,
    Lookup,
    Period,
)
from bot.store.database import Database

PRUNE_CHUNK = 5_000  # rows per transaction, so replies that write never wait long
_DAYS = "guild_id = ? AND day BETWEEN ? AND ?"
_ENTRY_COLUMN = {"page": "views", "share": "shares", "discuss": "discussions"}
_DAILY = ("insight_days", "insight_query_days", "insight_entry_days", "insight_askers")
_LOGGED = ("insight_lookups", "insight_actions", *_DAILY)  # what a server's log may hold


def _span(guild_id: int, period: Period) -> tuple[int, str, str]:
    return guild_id, period.first.isoformat(), period.last.isoformat()


def _lookup_row(x: Lookup) -> tuple[object, ...]:
    return (
        x.id, x.guild_id, iso(x.at), x.day.isoformat(), x.command, x.query, x.query_key,
        x.outcome, x.topic, x.asker,
    )  # fmt: skip


def _unanswered(lookup: Lookup) -> bool:
    return lookup.outcome != "shown"


class SqliteInsightsRepository:
    """Implements bot.insights.repository.InsightsRepository. Counts are kept per calendar day
    of the server, the day the recorder put on each lookup and follow-up. A lookup's day is
    fixed when it is written: a server that changes its zone later keeps its earlier days as
    they were."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def timezone(self, guild_id: int) -> str | None:
        """The zone the server's daily tip is set to (`/tip-config`), if it set one."""
        row = await (
            await self._db.reader.execute(
                "SELECT timezone FROM tip_settings WHERE guild_id = ?", (guild_id,)
            )
        ).fetchone()
        return str(row[0]) if row is not None and row[0] else None

    # -- writes ---------------------------------------------------------------------------------

    async def write(self, lookups: Sequence[Lookup], follow_ups: Sequence[FollowUp]) -> None:
        if not lookups and not follow_ups:
            return
        async with self._db.transaction() as conn:
            await self._write_lookups(conn, lookups)
            await self._count_lookups(conn, lookups)
            for follow_up in follow_ups:
                await self._write_follow_up(conn, follow_up)

    async def _write_lookups(self, conn: aiosqlite.Connection, lookups: Sequence[Lookup]) -> None:
        """Insert the lookups. Ids are 62 random bits chosen once per lookup, and a batch is
        written once (a failed one is dropped, never retried)."""
        await conn.executemany(
            "INSERT INTO insight_lookups (id, guild_id, at, day, command, query, query_key,"
            " outcome, topic, asker) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [_lookup_row(x) for x in lookups],
        )
        await conn.executemany(
            "INSERT INTO insight_results (lookup_id, rank, guild_id, at, entry_id)"
            " VALUES (?,?,?,?,?)",
            [
                (x.id, rank, x.guild_id, iso(x.at), entry_id)
                for x in lookups
                for rank, entry_id in enumerate(x.results, start=1)
            ],
        )

    async def _count_lookups(self, conn: aiosqlite.Connection, fresh: Sequence[Lookup]) -> None:
        days: Counter[tuple[int, str, str]] = Counter()
        days_missed: Counter[tuple[int, str, str]] = Counter()
        queries: Counter[tuple[int, str, str]] = Counter()
        queries_missed: Counter[tuple[int, str, str]] = Counter()
        wording: dict[tuple[int, str, str], str] = {}
        views: Counter[tuple[int, str, str]] = Counter()
        askers: set[tuple[int, str, int]] = set()
        for x in fresh:
            day = x.day.isoformat()
            key = (x.guild_id, day, x.topic or "")
            days[key] += 1
            days_missed[key] += _unanswered(x)
            if x.command != "topics":  # browsing is not a query
                q = (x.guild_id, day, x.query_key)
                queries[q] += 1
                queries_missed[q] += _unanswered(x)
                wording[q] = x.query
            if x.outcome == "shown" and x.results:
                views[(x.guild_id, day, x.results[0])] += 1
            if x.asker is not None:
                askers.add((x.guild_id, day, x.asker))
        await conn.executemany(
            "INSERT INTO insight_days (guild_id, day, topic, lookups, unanswered)"
            " VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET lookups = lookups + excluded.lookups,"
            " unanswered = unanswered + excluded.unanswered",
            [(*k, n, days_missed[k]) for k, n in days.items()],
        )
        await conn.executemany(
            "INSERT INTO insight_query_days (guild_id, day, query_key, query, lookups, unanswered)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT DO UPDATE SET query = excluded.query,"
            " lookups = lookups + excluded.lookups, unanswered = unanswered + excluded.unanswered",
            [(*k, wording[k], n, queries_missed[k]) for k, n in queries.items()],
        )
        await conn.executemany(
            "INSERT INTO insight_entry_days (guild_id, day, entry_id, views, shares, discussions)"
            " VALUES (?,?,?,?,0,0) ON CONFLICT DO UPDATE SET views = views + excluded.views",
            [(*k, n) for k, n in views.items()],
        )
        await conn.executemany(
            "INSERT OR IGNORE INTO insight_askers (guild_id, day, asker) VALUES (?,?,?)",
            sorted(askers),
        )

    async def _write_follow_up(self, conn: aiosqlite.Connection, f: FollowUp) -> None:
        day = f.day.isoformat()
        if f.action == "did_you_mean" and f.lookup_id is not None:
            await self._answered(conn, f.guild_id, f.lookup_id)
        await conn.execute(
            "INSERT INTO insight_actions (guild_id, lookup_id, action, entry_id, at, day)"
            " VALUES (?,?,?,?,?,?)",
            (f.guild_id, f.lookup_id, f.action, f.entry_id, iso(f.at), day),
        )
        column = _ENTRY_COLUMN.get(f.action)
        if column is not None and f.entry_id is not None:
            await conn.execute(
                "INSERT INTO insight_entry_days (guild_id, day, entry_id, views, shares,"
                " discussions) VALUES (?,?,?,0,0,0) ON CONFLICT DO NOTHING",
                (f.guild_id, day, f.entry_id),
            )
            await conn.execute(
                f"UPDATE insight_entry_days SET {column} = {column} + 1"
                " WHERE guild_id = ? AND day = ? AND entry_id = ?",
                (f.guild_id, day, f.entry_id),
            )

    async def _answered(self, conn: aiosqlite.Connection, guild_id: int, lookup_id: int) -> None:
        """A "did you mean" was clicked: the lookup (if its first click) counts as answered."""
        row = await (
            await conn.execute(
                "SELECT day, topic, query_key, command FROM insight_lookups WHERE id = ?"
                " AND guild_id = ? AND outcome = 'suggested' AND NOT EXISTS (SELECT 1 FROM"
                " insight_actions WHERE lookup_id = ? AND action = 'did_you_mean')",
                (lookup_id, guild_id, lookup_id),
            )
        ).fetchone()
        if row is None:
            return
        day, topic, key, command = row
        await conn.execute(
            "UPDATE insight_days SET unanswered = unanswered - 1"
            " WHERE guild_id = ? AND day = ? AND topic = ? AND unanswered > 0",
            (guild_id, day, topic or ""),
        )
        if command != "topics":
            await conn.execute(
                "UPDATE insight_query_days SET unanswered = unanswered - 1"
                " WHERE guild_id = ? AND day = ? AND query_key = ? AND unanswered > 0",
                (guild_id, day, key),
            )

    async def logged_guilds(self) -> list[int]:
        found: set[int] = set()
        for table in _LOGGED:  # each leads an index with guild_id: a step per server
            rows = await self._rows(
                f"WITH RECURSIVE g(id) AS (SELECT min(guild_id) FROM {table} UNION ALL"
                f" SELECT (SELECT min(guild_id) FROM {table} WHERE guild_id > g.id) FROM g"
                " WHERE g.id IS NOT NULL) SELECT id FROM g WHERE id IS NOT NULL",
                (),
            )
            found.update(int(row[0]) for row in rows)
        return sorted(found)

    async def prune(self, guild_id: int, before: dt.date) -> int:
        cutoff = before.isoformat()
        # Whatever was filed on a day before `before` happened before noon UTC of that date (no
        # zone is behind UTC-12): a bound on `at` lets the actions' (guild_id, at) index work.
        latest = iso(dt.datetime.combine(before, dt.time(12), tzinfo=dt.UTC))
        gone = 0
        while True:
            async with self._db.transaction() as conn:
                cursor = await conn.execute(
                    "DELETE FROM insight_lookups WHERE id IN (SELECT id FROM insight_lookups"
                    " WHERE guild_id = ? AND day < ? LIMIT ?)",
                    (guild_id, cutoff, PRUNE_CHUNK),
                )
                deleted = max(cursor.rowcount, 0)
                cursor = await conn.execute(
                    "DELETE FROM insight_actions WHERE id IN (SELECT id FROM insight_actions"
                    " WHERE guild_id = ? AND at < ? AND day < ? LIMIT ?)",
                    (guild_id, latest, cutoff, PRUNE_CHUNK),
                )
            gone += deleted
            if deleted < PRUNE_CHUNK and max(cursor.rowcount, 0) < PRUNE_CHUNK:
                break
        async with self._db.transaction() as conn:
            for table in _DAILY:
                await conn.execute(
                    f"DELETE FROM {table} WHERE guild_id = ? AND day < ?", (guild_id, cutoff)
                )
        return gone

    async def forget(self, guild_id: int) -> int:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM insight_lookups WHERE guild_id = ?", (guild_id,)
            )
            gone = max(cursor.rowcount, 0)
            for table in (
                "insight_results", "insight_actions", "insight_days", "insight_query_days",
                "insight_entry_days", "insight_askers",
            ):  # fmt: skip
                await conn.execute(f"DELETE FROM {table} WHERE guild_id = ?", (guild_id,))
        return gone

    async def day_salt(self, day: dt.date) -> bytes:
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM insight_salts WHERE day < ?",
                ((day - dt.timedelta(days=2)).isoformat(),),
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
            "SELECT DISTINCT guild_id FROM insight_days WHERE day BETWEEN ? AND ? ORDER BY guild_id",
            (period.first.isoformat(), period.last.isoformat()),
        )
        return [int(row[0]) for row in rows]

    async def totals(self, guild_id: int, period: Period) -> tuple[int, int, int]:
        span = _span(guild_id, period)
        [(lookups, unanswered)] = await self._rows(
            f"SELECT COALESCE(SUM(lookups), 0), COALESCE(SUM(unanswered), 0) FROM insight_days"
            f" WHERE {_DAYS}",
            span,
        )
        [(askers,)] = await self._rows(f"SELECT COUNT(*) FROM insight_askers WHERE {_DAYS}", span)
        return int(lookups), int(askers), int(unanswered)

    async def action_counts(self, guild_id: int, period: Period) -> dict[str, int]:
        [(shares, discussions)] = await self._rows(
            "SELECT COALESCE(SUM(shares), 0), COALESCE(SUM(discussions), 0)"
            f" FROM insight_entry_days WHERE {_DAYS}",
            _span(guild_id, period),
        )
        return {"share": int(shares), "discuss": int(discussions)}

    async def top_queries(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        rows = await self._rows(
            "SELECT query_key, MAX(query), SUM(lookups) AS n FROM insight_query_days"
            f" WHERE {_DAYS} GROUP BY query_key ORDER BY n DESC, query_key LIMIT ?",
            (*_span(guild_id, period), limit),
        )
        return [Counted(str(k), str(q), int(n)) for k, q, n in rows]

    async def top_entries(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        rows = await self._rows(
            "SELECT entry_id, SUM(views) AS n FROM insight_entry_days"
            f" WHERE {_DAYS} GROUP BY entry_id HAVING n > 0 ORDER BY n DESC, entry_id LIMIT ?",
            (*_span(guild_id, period), limit),
        )
        return [Counted(str(e), str(e), int(n)) for e, n in rows]

    async def top_topics(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        rows = await self._rows(
            "SELECT topic, SUM(lookups) AS n FROM insight_days"
            f" WHERE {_DAYS} AND topic <> '' GROUP BY topic ORDER BY n DESC, topic LIMIT ?",
            (*_span(guild_id, period), limit),
        )
        return [Counted(str(t), str(t), int(n)) for t, n in rows]

    async def per_day(self, guild_id: int, period: Period) -> list[DayCount]:
        rows = await self._rows(
            f"SELECT day, topic, lookups FROM insight_days WHERE {_DAYS} ORDER BY day, topic",
            _span(guild_id, period),
        )
        return [DayCount(dt.date.fromisoformat(d), t or None, int(n)) for d, t, n in rows]

    async def unanswered(self, guild_id: int, period: Period, limit: int) -> list[Counted]:
        rows = await self._rows(
            "SELECT query_key, MAX(query), SUM(unanswered) AS n FROM insight_query_days"
            f" WHERE {_DAYS} AND unanswered > 0 GROUP BY query_key"
            " ORDER BY n DESC, query_key LIMIT ?",
            (*_span(guild_id, period), limit),
        )
        return [Counted(str(k), str(q), int(n)) for k, q, n in rows]

    async def queries_starting(self, guild_id: int, prefix: str, limit: int) -> list[str]:
        rows = await self._rows(
            "SELECT DISTINCT query FROM insight_query_days WHERE guild_id = ?"
            " AND substr(query, 1, ?) = ? LIMIT ?",
            (guild_id, len(prefix), prefix, limit),
        )
        return [str(q) for (q,) in rows]

    async def entry_counts(
        self, guild_id: int, entry_id: str, period: Period
    ) -> tuple[int, int, int]:
        guild, first, last = _span(guild_id, period)
        [(views, shares, discussions)] = await self._rows(
            "SELECT COALESCE(SUM(views), 0), COALESCE(SUM(shares), 0),"
            " COALESCE(SUM(discussions), 0) FROM insight_entry_days"
            " WHERE guild_id = ? AND entry_id = ? AND day BETWEEN ? AND ?",
            (guild, entry_id, first, last),
        )
        return int(views), int(shares), int(discussions)

    async def entry_queries(
        self, guild_id: int, entry_id: str, period: Period, limit: int
    ) -> list[Counted]:
        guild, first, last = _span(guild_id, period)
        rows = await self._rows(
            "SELECT l.query_key, MAX(l.query), COUNT(*) AS n FROM insight_results AS r"
            " JOIN insight_lookups AS l ON l.id = r.lookup_id"
            " WHERE r.guild_id = ? AND r.entry_id = ? AND l.day BETWEEN ? AND ?"
            " AND l.command IN ('advice', 'autocomplete')"
            " GROUP BY l.query_key ORDER BY n DESC, l.query_key LIMIT ?",
            (guild, entry_id, first, last, limit),
        )
        return [Counted(str(k), str(q), int(n)) for k, q, n in rows]


_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)


class SqliteDigestRepository:
    """Implements bot.insights.digest.DigestRepository: settings and claimed weekly posts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def settings(self, guild_id: int) -> DigestSettings | None:
        rows = await self._settings("WHERE guild_id = ?", (guild_id,))
        return rows[0] if rows else None

    async def active(self) -> list[DigestSettings]:
        return await self._settings("WHERE enabled = 1 ORDER BY guild_id", ())

    async def _settings(self, where: str, params: Sequence[object]) -> list[DigestSettings]:
        rows = await (
            await self._db.reader.execute(
                "SELECT guild_id, channel_id, weekday, post_time, timezone, enabled, active_since"
                f" FROM insight_digest_settings {where}",
                params,
            )
        ).fetchall()
        return [
            DigestSettings(
                int(r[0]),
                int(r[1]),
                int(r[2]),
                str(r[3]),
                str(r[4]),
                bool(r[5]),
                dt.datetime.fromisoformat(r[6]),
            )
            for r in rows
        ]

    async def save(self, s: DigestSettings, *, now: dt.datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO insight_digest_settings (guild_id, channel_id, weekday, post_time,"
                " timezone, enabled, active_since, updated_at) VALUES (?,?,?,?,?,?,?,?)"
                " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
                " weekday = excluded.weekday, post_time = excluded.post_time,"
                " timezone = excluded.timezone, enabled = excluded.enabled,"
                " active_since = excluded.active_since, updated_at = excluded.updated_at",
                (
                    s.guild_id,
                    s.channel_id,
                    s.weekday,
                    s.time,
                    s.timezone,
                    int(s.enabled),
                    iso(s.active_since),
                    iso(now),
                ),
            )

    async def post(self, guild_id: int, slot_date: dt.date) -> DigestPost | None:
        row = await (
            await self._db.reader.execute(
                "SELECT guild_id, slot_date, status, channel_id, nonce, message_id, lease_until"
                " FROM insight_digest_posts WHERE guild_id = ? AND slot_date = ?",
                (guild_id, slot_date.isoformat()),
            )
        ).fetchone()
        if row is None:
            return None
        # '' is how a release before the fix of 2026-12 marked the lease as over.
        lease = dt.datetime.fromisoformat(row[6]) if row[6] else _LONG_AGO
        return DigestPost(
            int(row[0]), dt.date.fromisoformat(row[1]), row[2], int(row[3]), str(row[4]),
            row[5], lease,
        )  # fmt: skip

    async def claim(
        self, post: DigestPost, *, now: dt.datetime, expired_before: dt.datetime | None = None
    ) -> bool:
        """Take the week's post: a new row, or (with `expired_before`) a pending one whose lease
        ran out before then. False when another run holds it or it was posted."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO insight_digest_posts (guild_id, slot_date, status, channel_id,"
                " nonce, lease_until, claimed_at) VALUES (?,?,'pending',?,?,?,?)"
                " ON CONFLICT (guild_id, slot_date) DO UPDATE SET lease_until = excluded.lease_until,"
                " claimed_at = excluded.claimed_at"
                " WHERE status = 'pending' AND lease_until < ?",
                (
                    post.guild_id, post.slot_date.isoformat(), post.channel_id, post.nonce,
                    iso(post.lease_until), iso(now),
                    iso(expired_before) if expired_before else "",
                ),
            )  # fmt: skip
            return cursor.rowcount == 1

    async def posted(self, guild_id: int, slot_date: dt.date, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE insight_digest_posts SET status = 'posted', message_id = ?"
                " WHERE guild_id = ? AND slot_date = ?",
                (message_id, guild_id, slot_date.isoformat()),
            )

    async def release(self, guild_id: int, slot_date: dt.date, *, now: dt.datetime) -> None:
        """A post that failed: let the next tick try again (its lease ends now). An instant,
        not '': `post()` reads the row back on that tick."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE insight_digest_posts SET lease_until = ? WHERE guild_id = ?"
                " AND slot_date = ? AND status = 'pending'",
                (iso(now), guild_id, slot_date.isoformat()),
            )
