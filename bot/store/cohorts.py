"""Cohorts and their discussion records (all the cohort SQL). Every query names its server."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

import aiosqlite

from bot.clock import iso
from bot.models.cohort_errors import CohortError, NameTaken
from bot.models.cohorts import (
    LIVE_STATES,
    Cohort,
    CohortDraft,
    CohortState,
    Discussion,
    DiscussionState,
    Subject,
    name_key,
    sort_key,
)
from bot.store.database import Database

_COHORT_COLUMNS = (
    "id, guild_id, name, program, number, channel_id, channel_kind, role_id, starts_on, ends_on,"
    " state, auto_archive_minutes, last_problem, created_by"
)
_DISCUSSION_COLUMNS = (
    "id, guild_id, cohort_id, subject, state, channel_id, nonce, thread_id, starter_message_id,"
    " opened_by, opened_at, last_active_at, closed_by, attempts, lease_until"
)
_LIVE = "state IN ({})".format(", ".join(f"'{s}'" for s in LIVE_STATES))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _instant(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _cohort(row: aiosqlite.Row) -> Cohort:
    return Cohort(
        id=int(row["id"]),
        guild_id=int(row["guild_id"]),
        name=row["name"],
        program=row["program"],
        number=row["number"],
        channel_id=int(row["channel_id"]),
        channel_kind=row["channel_kind"],
        role_id=row["role_id"],
        starts_on=_day(row["starts_on"]),
        ends_on=_day(row["ends_on"]),
        state=row["state"],
        auto_archive_minutes=int(row["auto_archive_minutes"]),
        last_problem=row["last_problem"],
        created_by=row["created_by"],
    )


def _discussion(row: aiosqlite.Row) -> Discussion:
    return Discussion(
        id=int(row["id"]),
        guild_id=int(row["guild_id"]),
        cohort_id=int(row["cohort_id"]),
        subject=Subject.decode(row["subject"]),
        state=row["state"],
        channel_id=int(row["channel_id"]),
        nonce=row["nonce"],
        thread_id=row["thread_id"],
        starter_message_id=row["starter_message_id"],
        opened_by=int(row["opened_by"]),
        opened_at=dt.datetime.fromisoformat(row["opened_at"]),
        last_active_at=dt.datetime.fromisoformat(row["last_active_at"]),
        closed_by=row["closed_by"],
        attempts=int(row["attempts"]),
        lease_until=_instant(row["lease_until"]),
    )


def _name_taken(exc: sqlite3.IntegrityError) -> bool:
    return "cohorts.guild_id, cohorts.name_key" in str(exc)


class SqliteCohortRepository:
    """Implements bot.cohorts.repository.CohortRepository."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def _one(self, where: str, params: Sequence[object]) -> Cohort | None:
        row = await (
            await self._db.reader.execute(
                f"SELECT {_COHORT_COLUMNS} FROM cohorts WHERE {where}", params
            )
        ).fetchone()
        return None if row is None else _cohort(row)

    async def add(
        self, guild_id: int, draft: CohortDraft, *, actor: int, now: dt.datetime
    ) -> Cohort:
        try:
            async with self._db.transaction() as conn:
                cursor = await conn.execute(
                    "INSERT INTO cohorts (guild_id, name, name_key, program, number, channel_id,"
                    " channel_kind, role_id, starts_on, ends_on, auto_archive_minutes, created_by,"
                    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        guild_id,
                        draft.name,
                        name_key(draft.name),
                        draft.program,
                        draft.number,
                        draft.channel_id,
                        draft.channel_kind,
                        draft.role_id,
                        draft.starts_on.isoformat() if draft.starts_on else None,
                        draft.ends_on.isoformat() if draft.ends_on else None,
                        draft.auto_archive_minutes,
                        actor,
                        iso(now),
                        iso(now),
                    ),
                )
                cohort_id = cursor.lastrowid
        except sqlite3.IntegrityError as exc:
            if _name_taken(exc):
                raise NameTaken(draft.name) from exc
            raise
        assert cohort_id is not None
        cohort = await self.get(guild_id, cohort_id)
        assert cohort is not None
        return cohort

    async def update(self, cohort: Cohort, *, now: dt.datetime) -> Cohort:
        try:
            async with self._db.transaction() as conn:
                await conn.execute(
                    "UPDATE cohorts SET name = ?, name_key = ?, program = ?, number = ?,"
                    " channel_id = ?, channel_kind = ?, role_id = ?, starts_on = ?, ends_on = ?,"
                    " auto_archive_minutes = ?, updated_at = ? WHERE guild_id = ? AND id = ?",
                    (
                        cohort.name,
                        name_key(cohort.name),
                        cohort.program,
                        cohort.number,
                        cohort.channel_id,
                        cohort.channel_kind,
                        cohort.role_id,
                        cohort.starts_on.isoformat() if cohort.starts_on else None,
                        cohort.ends_on.isoformat() if cohort.ends_on else None,
                        cohort.auto_archive_minutes,
                        iso(now),
                        cohort.guild_id,
                        cohort.id,
                    ),
                )
        except sqlite3.IntegrityError as exc:
            if _name_taken(exc):
                raise NameTaken(cohort.name) from exc
            raise
        return cohort

    async def get(self, guild_id: int, cohort_id: int) -> Cohort | None:
        return await self._one("guild_id = ? AND id = ?", (guild_id, cohort_id))

    async def by_name(self, guild_id: int, name: str) -> Cohort | None:
        return await self._one("guild_id = ? AND name_key = ?", (guild_id, name_key(name)))

    async def all(self, guild_id: int) -> list[Cohort]:
        rows = await (
            await self._db.reader.execute(
                f"SELECT {_COHORT_COLUMNS} FROM cohorts WHERE guild_id = ? ORDER BY id",
                (guild_id,),
            )
        ).fetchall()
        # Sorted here, not in SQL: numbers in names sort by value (2기 before 10기).
        found = [_cohort(r) for r in rows]
        return sorted(found, key=lambda c: (c.state == "archived", sort_key(c.name), c.id))

    async def set_state(
        self, guild_id: int, cohort_id: int, state: CohortState, *, now: dt.datetime
    ) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE cohorts SET state = ?, updated_at = ? WHERE guild_id = ? AND id = ?",
                (state, iso(now), guild_id, cohort_id),
            )

    async def set_problem(
        self, guild_id: int, cohort_id: int, problem: str | None, *, now: dt.datetime
    ) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE cohorts SET last_problem = ?, updated_at = ? WHERE guild_id = ? AND id = ?",
                (problem, iso(now), guild_id, cohort_id),
            )


class SqliteDiscussionRepository:
    """Implements bot.cohorts.repository.DiscussionRepository."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @staticmethod
    async def _by_id(conn: aiosqlite.Connection, discussion_id: int) -> Discussion | None:
        row = await (
            await conn.execute(
                f"SELECT {_DISCUSSION_COLUMNS} FROM discussions WHERE id = ?", (discussion_id,)
            )
        ).fetchone()
        return None if row is None else _discussion(row)

    async def live(self, guild_id: int, cohort_id: int, subject: Subject) -> Discussion | None:
        row = await (
            await self._db.reader.execute(
                f"SELECT {_DISCUSSION_COLUMNS} FROM discussions"
                f" WHERE guild_id = ? AND cohort_id = ? AND subject = ? AND {_LIVE}",
                (guild_id, cohort_id, subject.encode()),
            )
        ).fetchone()
        return None if row is None else _discussion(row)

    async def _insert(
        self, values: tuple[object, ...], *, unless_gone: int | None = None
    ) -> Discussion | None:
        """Insert a live record; None when the subject already has one in its cohort, or when
        thread `unless_gone` is known to have been deleted (a record of it says so)."""
        guard = " WHERE true"  # with a WHERE, SQLite reads the ON below as the upsert's
        extra: tuple[object, ...] = ()
        if unless_gone is not None:
            guard = (
                " WHERE NOT EXISTS (SELECT 1 FROM discussions"
                " WHERE guild_id = ? AND thread_id = ? AND state = 'deleted')"
            )
            extra = (values[0], unless_gone)
        try:
            async with self._db.transaction() as conn:
                cursor = await conn.execute(
                    "INSERT INTO discussions (guild_id, cohort_id, subject, state, channel_id,"
                    " nonce, thread_id, starter_message_id, opened_by, opened_at, last_active_at,"
                    " lease_until, updated_at) SELECT ?,?,?,?,?,?,?,?,?,?,?,?,?"
                    f"{guard} ON CONFLICT DO NOTHING",
                    (*values, *extra),
                )
                if cursor.rowcount != 1 or cursor.lastrowid is None:
                    return None
                return await self._by_id(conn, cursor.lastrowid)
        except sqlite3.IntegrityError as exc:
            if "FOREIGN KEY" not in str(exc):
                raise
            raise CohortError("not_found", name=str(values[1])) from exc

    async def claim(
        self,
        guild_id: int,
        cohort_id: int,
        subject: Subject,
        *,
        channel_id: int,
        nonce: str,
        user_id: int,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> Discussion | None:
        at = iso(now)
        return await self._insert(
            (
                guild_id,
                cohort_id,
                subject.encode(),
                "pending",
                channel_id,
                nonce,
                None,
                None,
                user_id,
                at,
                at,
                iso(now + lease),
                at,
            )
        )

    async def adopt(
        self,
        guild_id: int,
        cohort_id: int,
        subject: Subject,
        *,
        channel_id: int,
        thread_id: int,
        starter_message_id: int | None,
        user_id: int,
        now: dt.datetime,
    ) -> Discussion | None:
        at, nonce = iso(now), f"adopted{thread_id}"[:25]
        return await self._insert(
            (
                guild_id,
                cohort_id,
                subject.encode(),
                "open",
                channel_id,
                nonce,
                thread_id,
                starter_message_id,
                user_id,
                at,
                at,
                None,
                at,
            ),
            unless_gone=thread_id,
        )

    async def take_over(
        self, discussion_id: int, *, now: dt.datetime, lease: dt.timedelta
    ) -> Discussion | None:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE discussions SET attempts = attempts + 1, lease_until = ?, updated_at = ?"
                " WHERE id = ? AND state = 'pending'"
                " AND (lease_until IS NULL OR lease_until <= ? OR lease_until > ?)",
                (iso(now + lease), iso(now), discussion_id, iso(now), iso(now + lease)),
            )
            if cursor.rowcount != 1:
                return None
            return await self._by_id(conn, discussion_id)

    async def record(
        self,
        discussion_id: int,
        *,
        thread_id: int,
        starter_message_id: int | None,
        state: DiscussionState,
        now: dt.datetime,
    ) -> Discussion:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE discussions SET state = ?, thread_id = ?, starter_message_id = ?,"
                " lease_until = NULL, last_active_at = ?, updated_at = ? WHERE id = ?",
                (state, thread_id, starter_message_id, iso(now), iso(now), discussion_id),
            )
            found = await self._by_id(conn, discussion_id)
        assert found is not None
        return found

    async def expire_lease(self, discussion_id: int, *, now: dt.datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE discussions SET lease_until = ?, updated_at = ?"
                " WHERE id = ? AND state = 'pending'",
                (iso(now), iso(now), discussion_id),
            )

    async def release(self, discussion_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM discussions WHERE id = ? AND state = 'pending'", (discussion_id,)
            )

    async def mark(
        self,
        discussion_id: int,
        state: DiscussionState,
        *,
        now: dt.datetime,
        closed_by: int | None = None,
    ) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE discussions SET state = ?, closed_by = coalesce(?, closed_by),"
                " last_active_at = ?, updated_at = ? WHERE id = ? AND state <> 'pending'",
                (state, closed_by, iso(now), iso(now), discussion_id),
            )

    async def mark_thread(
        self, guild_id: int, thread_id: int, state: DiscussionState, *, now: dt.datetime
    ) -> int:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE discussions SET state = ?, updated_at = ?"
                f" WHERE guild_id = ? AND thread_id = ? AND {_LIVE} AND state <> ?",
                (state, iso(now), guild_id, thread_id, state),
            )
            return cursor.rowcount

    async def for_cohort(
        self, guild_id: int, cohort_id: int, *, limit: int, offset: int = 0
    ) -> list[Discussion]:
        rows = await (
            await self._db.reader.execute(
                f"SELECT {_DISCUSSION_COLUMNS} FROM discussions"
                " WHERE guild_id = ? AND cohort_id = ? AND state IN ('open', 'archived', 'locked')"
                " ORDER BY last_active_at DESC, id DESC LIMIT ? OFFSET ?",
                (guild_id, cohort_id, limit, offset),
            )
        ).fetchall()
        return [_discussion(r) for r in rows]

    async def count_for_cohort(self, guild_id: int, cohort_id: int) -> int:
        row = await (
            await self._db.reader.execute(
                "SELECT count(*) FROM discussions WHERE guild_id = ? AND cohort_id = ?"
                " AND state IN ('open', 'archived', 'locked')",
                (guild_id, cohort_id),
            )
        ).fetchone()
        return int(row[0]) if row else 0

    async def open_counts(self, guild_id: int) -> dict[int, int]:
        rows = await (
            await self._db.reader.execute(
                "SELECT cohort_id, count(*) FROM discussions WHERE guild_id = ? AND state = 'open'"
                " GROUP BY cohort_id",
                (guild_id,),
            )
        ).fetchall()
        return {int(r[0]): int(r[1]) for r in rows}
