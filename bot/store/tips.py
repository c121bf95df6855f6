"""Daily tips: rotation decks, decided tips, posting settings and post claims (all the tip SQL).

A deal (deck and decided tip) runs in one unit of work, `TipRepository.dealing()`; the
other reads go through the query-only reader.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager

import aiosqlite

from bot.clock import iso
from bot.models.tips import Deck, PostRecord, PostStatus, TipSettings
from bot.store import scope
from bot.store.database import Database

_SETTINGS_COLUMNS = (
    "guild_id, channel_id, post_time, timezone, enabled, open_thread, skip_date, last_problem,"
    " problem_at, active_since"
)
_POST_COLUMNS = (
    "guild_id, local_date, status, nonce, slot_at, channel_id, entry_id, message_id, thread_id,"
    " attempts, retry_at, lease_until, reason"
)


def _instant(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _settings(row: aiosqlite.Row) -> TipSettings:
    return TipSettings(
        guild_id=int(row["guild_id"]),
        channel_id=row["channel_id"],
        time=row["post_time"],
        timezone=row["timezone"],
        enabled=bool(row["enabled"]),
        open_thread=bool(row["open_thread"]),
        skip_date=_day(row["skip_date"]),
        last_problem=row["last_problem"],
        problem_at=_instant(row["problem_at"]),
        active_since=dt.datetime.fromisoformat(row["active_since"]),
    )


def _post(row: aiosqlite.Row) -> PostRecord:
    return PostRecord(
        guild_id=int(row["guild_id"]),
        date=dt.date.fromisoformat(row["local_date"]),
        status=row["status"],
        nonce=row["nonce"],
        slot_at=dt.datetime.fromisoformat(row["slot_at"]),
        channel_id=row["channel_id"],
        entry_id=row["entry_id"],
        message_id=row["message_id"],
        thread_id=row["thread_id"],
        attempts=int(row["attempts"]),
        retry_at=_instant(row["retry_at"]),
        lease_until=_instant(row["lease_until"]),
        reason=row["reason"],
    )


# A live tip, in the terms of the `entries_live_tips` partial index (migration 0011), and the
# card it is (a server's version of a shared tip is that tip's card).
_LIVE_TIP = "(e.tip IS NOT NULL) = 1 AND e.retired = 0 AND e.tip IS NOT NULL"
_CARD = "coalesce(e.base_id, e.id)"


class SqliteDeckUnit:
    """Servers' decks and decided tips on one connection: a transaction from
    `TipRepository.dealing()`, the query-only reader from `reading()`."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def live_tip_ids(self, guild_id: int) -> list[str]:
        """The ids of the live tips server `guild_id` sees (its deck's cards)."""
        rows = await (
            await self._conn.execute(
                "SELECT coalesce(e.base_id, e.id) AS id FROM entries e WHERE e.retired = 0"
                f" AND e.tip IS NOT NULL AND {scope.visible('e', guild_id)} ORDER BY id"
            )
        ).fetchall()
        return [r[0] for r in rows]

    async def is_live_tip(self, guild_id: int, card: str) -> bool:
        keys = scope.row_keys(card, guild_id)
        marks = ",".join("?" * len(keys))
        row = await (
            await self._conn.execute(
                f"SELECT 1 FROM entries e WHERE e.id IN ({marks}) AND e.retired = 0"
                f" AND e.tip IS NOT NULL AND {scope.visible('e', guild_id)} LIMIT 1",
                keys,
            )
        ).fetchone()
        return row is not None

    async def live_tip_count(self, guild_id: int, *, at_most: int) -> int:
        row = await (
            await self._conn.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM entries e WHERE {_LIVE_TIP}"
                f" AND {scope.visible('e', guild_id)} LIMIT ?)",
                (at_most,),
            )
        ).fetchone()
        return int(row[0]) if row else 0

    async def next_card(
        self, guild_id: int, position: float, *, skip: Collection[str], undealt: bool
    ) -> str | None:
        """Live tips in rowid order, through the `entries_live_tips` index (migration 0011):
        the bounds, then the first suitable row from the point on, then from the start. Rows
        skipped on the way are the dealt ones and other servers' (bounded by days and by what
        servers write, not by the tips)."""
        bounds = []
        for order in ("", " DESC"):  # min() and max() in one query would read every row
            row = await (
                await self._conn.execute(
                    f"SELECT e.rowid FROM entries e WHERE {_LIVE_TIP}"
                    f" ORDER BY e.rowid{order} LIMIT 1"
                )
            ).fetchone()
            if row is None:
                return None
            bounds.append(int(row[0]))
        low, high = bounds
        start = low + min(int(position * (high - low + 1)), high - low)
        sql = (
            f"SELECT {_CARD} FROM entries e WHERE {_LIVE_TIP} AND {scope.visible('e', guild_id)}"
            f" AND {_CARD} NOT IN (SELECT value FROM json_each(?))"
        )
        params: list[object] = [json.dumps(sorted(skip))]
        if undealt:
            sql += (
                " AND NOT EXISTS (SELECT 1 FROM tip_dealt d"
                f" WHERE d.guild_id = ? AND d.entry_id = {_CARD})"
            )
            params.append(guild_id)
        for where in ("e.rowid >= ?", "e.rowid < ?"):
            row = await (
                await self._conn.execute(
                    f"{sql} AND {where} ORDER BY e.rowid LIMIT 1", (*params, start)
                )
            ).fetchone()
            if row is not None:
                return str(row[0])
        return None

    async def mark_dealt(self, guild_id: int, card: str) -> None:
        await self._conn.execute(
            "INSERT OR IGNORE INTO tip_dealt (guild_id, entry_id) VALUES (?, ?)", (guild_id, card)
        )

    async def new_cycle(self, guild_id: int) -> None:
        await self._conn.execute("DELETE FROM tip_dealt WHERE guild_id = ?", (guild_id,))

    async def load_deck(self, guild_id: int) -> Deck | None:
        row = await (
            await self._conn.execute(
                "SELECT seed, cycle, dealt, keep_away, recent FROM tip_decks WHERE guild_id = ?",
                (guild_id,),
            )
        ).fetchone()
        if row is None:
            return None
        return Deck(
            seed=row["seed"],
            cycle=int(row["cycle"]),
            dealt=int(row["dealt"]),
            keep_away=int(row["keep_away"]),
            recent=tuple(json.loads(row["recent"])),
        )

    async def save_deck(self, guild_id: int, deck: Deck, *, now: dt.datetime) -> None:
        await self._conn.execute(
            "INSERT INTO tip_decks (guild_id, seed, cycle, dealt, keep_away, recent, updated_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (guild_id) DO UPDATE SET seed = excluded.seed,"
            " cycle = excluded.cycle, dealt = excluded.dealt, keep_away = excluded.keep_away,"
            " recent = excluded.recent, updated_at = excluded.updated_at",
            (
                guild_id,
                deck.seed,
                deck.cycle,
                deck.dealt,
                deck.keep_away,
                json.dumps(deck.recent),
                iso(now),
            ),
        )

    async def decided(self, guild_id: int, day: dt.date) -> str | None:
        row = await (
            await self._conn.execute(
                "SELECT entry_id FROM daily_tips WHERE guild_id = ? AND local_date = ?",
                (guild_id, day.isoformat()),
            )
        ).fetchone()
        return None if row is None else str(row[0])

    async def decided_between(
        self, guild_id: int, first: dt.date, last: dt.date
    ) -> dict[dt.date, str]:
        rows = await (
            await self._conn.execute(
                "SELECT local_date, entry_id FROM daily_tips"
                " WHERE guild_id = ? AND local_date BETWEEN ? AND ?",
                (guild_id, first.isoformat(), last.isoformat()),
            )
        ).fetchall()
        return {dt.date.fromisoformat(r[0]): str(r[1]) for r in rows}

    async def decide(self, guild_id: int, day: dt.date, entry_id: str, *, now: dt.datetime) -> None:
        await self._conn.execute(
            "INSERT INTO daily_tips (guild_id, local_date, entry_id, decided_at) VALUES (?,?,?,?)"
            " ON CONFLICT (guild_id, local_date) DO UPDATE SET entry_id = excluded.entry_id,"
            " decided_at = excluded.decided_at",
            (guild_id, day.isoformat(), entry_id, iso(now)),
        )


class TipRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    @asynccontextmanager
    async def dealing(self) -> AsyncIterator[SqliteDeckUnit]:
        """One transaction for a deal: committed when the block ends, rolled back on error."""
        async with self.db.transaction() as conn:
            yield SqliteDeckUnit(conn)

    def reading(self) -> SqliteDeckUnit:
        """Reads on the query-only reader: nothing can be dealt through it by accident."""
        return SqliteDeckUnit(self.db.reader)

    # -- settings ------------------------------------------------------------------------

    async def settings(self, guild_id: int) -> TipSettings | None:
        row = await (
            await self.db.reader.execute(
                f"SELECT {_SETTINGS_COLUMNS} FROM tip_settings WHERE guild_id = ?", (guild_id,)
            )
        ).fetchone()
        return None if row is None else _settings(row)

    async def active_settings(self) -> list[TipSettings]:
        """Servers whose tips are on and have a channel."""
        rows = await (
            await self.db.reader.execute(
                f"SELECT {_SETTINGS_COLUMNS} FROM tip_settings"
                " WHERE enabled = 1 AND channel_id IS NOT NULL ORDER BY guild_id"
            )
        ).fetchall()
        return [_settings(r) for r in rows]

    async def save_settings(self, s: TipSettings, *, now: dt.datetime) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                f"INSERT INTO tip_settings ({_SETTINGS_COLUMNS}, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (guild_id) DO UPDATE SET"
                " channel_id = excluded.channel_id, post_time = excluded.post_time,"
                " timezone = excluded.timezone, enabled = excluded.enabled,"
                " open_thread = excluded.open_thread, skip_date = excluded.skip_date,"
                " last_problem = excluded.last_problem, problem_at = excluded.problem_at,"
                " active_since = excluded.active_since, updated_at = excluded.updated_at",
                (
                    s.guild_id,
                    s.channel_id,
                    s.time,
                    s.timezone,
                    int(s.enabled),
                    int(s.open_thread),
                    s.skip_date.isoformat() if s.skip_date else None,
                    s.last_problem,
                    iso(s.problem_at) if s.problem_at else None,
                    iso(s.active_since),
                    iso(now),
                ),
            )

    async def set_problem(self, guild_id: int, problem: str | None, *, now: dt.datetime) -> None:
        """Record (or clear, with None) a server's last problem; no-op for unknown servers."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE tip_settings SET last_problem = ?, problem_at = ?, updated_at = ?"
                " WHERE guild_id = ?",
                (problem, iso(now) if problem else None, iso(now), guild_id),
            )

    async def clear_problem_if(self, guild_id: int, problem: str, *, now: dt.datetime) -> None:
        """Clear the problem a moderator just read, unless a newer one replaced it meanwhile."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE tip_settings SET last_problem = NULL, problem_at = NULL, updated_at = ?"
                " WHERE guild_id = ? AND last_problem = ?",
                (iso(now), guild_id, problem),
            )

    # -- post claims ---------------------------------------------------------------------

    async def post(self, guild_id: int, day: dt.date) -> PostRecord | None:
        row = await (
            await self.db.reader.execute(
                f"SELECT {_POST_COLUMNS} FROM tip_posts WHERE guild_id = ? AND local_date = ?",
                (guild_id, day.isoformat()),
            )
        ).fetchone()
        return None if row is None else _post(row)

    async def pending_posts(self) -> list[PostRecord]:
        rows = await (
            await self.db.reader.execute(
                f"SELECT {_POST_COLUMNS} FROM tip_posts WHERE status = 'pending'"
            )
        ).fetchall()
        return [_post(r) for r in rows]

    async def claim(
        self,
        guild_id: int,
        day: dt.date,
        *,
        status: PostStatus,
        nonce: str,
        slot_at: dt.datetime,
        channel_id: int | None,
        entry_id: str | None,
        reason: str | None,
        now: dt.datetime,
    ) -> bool:
        """Create the date's row; False if it already exists (someone claimed it first)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO tip_posts (guild_id, local_date, status, nonce, slot_at, channel_id,"
                " entry_id, reason, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (guild_id, local_date) DO NOTHING",
                (
                    guild_id,
                    day.isoformat(),
                    status,
                    nonce,
                    iso(slot_at),
                    channel_id,
                    entry_id,
                    reason,
                    iso(now),
                    iso(now),
                ),
            )
            return cursor.rowcount == 1

    async def begin_attempt(
        self,
        guild_id: int,
        day: dt.date,
        *,
        channel_id: int,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> bool:
        """Take the lease on a pending row and count the attempt; False if another holds it.

        A lease further ahead than one lease length was taken under a clock that has since
        jumped back: it is treated as expired rather than blocking the day for hours.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE tip_posts SET attempts = attempts + 1, lease_until = ?, channel_id = ?,"
                " retry_at = NULL, updated_at = ?"
                " WHERE guild_id = ? AND local_date = ? AND status = 'pending'"
                " AND (lease_until IS NULL OR lease_until <= ? OR lease_until > ?)",
                (
                    iso(now + lease),
                    channel_id,
                    iso(now),
                    guild_id,
                    day.isoformat(),
                    iso(now),
                    iso(now + lease),
                ),
            )
            return cursor.rowcount == 1

    async def finish(
        self,
        guild_id: int,
        day: dt.date,
        *,
        status: PostStatus,
        now: dt.datetime,
        message_id: int | None = None,
        thread_id: int | None = None,
        entry_id: str | None = None,
        reason: str | None = None,
    ) -> bool:
        """Settle a pending row (sent, skipped or failed); False if it was not pending."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE tip_posts SET status = ?, message_id = ?, thread_id = ?,"
                " entry_id = coalesce(?, entry_id), reason = ?, lease_until = NULL,"
                " retry_at = NULL, updated_at = ?"
                " WHERE guild_id = ? AND local_date = ? AND status = 'pending'",
                (
                    status,
                    message_id,
                    thread_id,
                    entry_id,
                    reason,
                    iso(now),
                    guild_id,
                    day.isoformat(),
                ),
            )
            return cursor.rowcount == 1

    async def retry_later(
        self, guild_id: int, day: dt.date, *, retry_at: dt.datetime, reason: str, now: dt.datetime
    ) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE tip_posts SET retry_at = ?, lease_until = NULL, reason = ?, updated_at = ?"
                " WHERE guild_id = ? AND local_date = ? AND status = 'pending'",
                (iso(retry_at), reason, iso(now), guild_id, day.isoformat()),
            )
