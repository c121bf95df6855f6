"""SQLite storage of moderators' content: server-scoped entry rows and their revisions.

Every change is one transaction writing the entry row, its topics and its revision (a snapshot
of the row as written, taken by SQL from the row itself). The search triggers index the row in
the same transaction. Which rows a server sees: `bot.store.scope.visible`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import aiosqlite

from bot.clock import iso
from bot.models import Entry, Origin, Topic
from bot.models.audit import AuditRequest
from bot.models.content import (
    Action,
    Actor,
    Change,
    ExportScope,
    HistoryPage,
    Pending,
    PendingState,
    Revision,
    Snapshot,
)
from bot.models.content_errors import EntryNotFound, IdTaken, PendingNotFound, StaleRevision
from bot.store import audit_outbox, scope
from bot.store.database import Database
from bot.store.entries import entry_row
from bot.store.rows import ENTRY_COLUMNS, dumps, entry_from_row, revision_snapshot
from bot.store.topics import TopicRepository

# The revisions of the rows `keys` that server `guild` may see, each with the snapshot before it
# (the row's previous revision; for the first revision of a server's version, the shared entry's
# revision it started from).
_REVISIONS = (
    "SELECT r.id, coalesce(e.base_id, e.id) AS entry_id, e.guild_id, r.action, r.actor,"
    f" r.actor_name, r.at, r.reason, {revision_snapshot('r')} AS snapshot, coalesce("
    f"  (SELECT {revision_snapshot('p')} FROM entry_revisions p"
    "   WHERE p.entry_id = r.entry_id AND p.id < r.id ORDER BY p.id DESC LIMIT 1),"
    f"  (SELECT {revision_snapshot('p')} FROM entry_revisions p"
    "   WHERE p.entry_id = e.base_id AND p.id < r.id ORDER BY p.id DESC LIMIT 1)) AS previous"
    " FROM entry_revisions r JOIN entries e ON e.id = r.entry_id"
)


def _revision(row: aiosqlite.Row) -> Revision:
    return Revision(
        number=int(row["id"]),
        entry_id=row["entry_id"],
        guild_id=row["guild_id"],
        action=Action(row["action"]),
        actor=row["actor"],
        actor_name=row["actor_name"],
        at=row["at"],
        reason=row["reason"],
        snapshot=Snapshot.from_json(row["snapshot"]),
        previous=Snapshot.from_json(row["previous"]) if row["previous"] else None,
    )


def _own(guild_id: int) -> str:
    return f"(e.guild_id IS NULL OR e.guild_id = {int(guild_id)})"


class SqliteContentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reads -------------------------------------------------------------------------------

    async def find(self, guild_id: int, entry_id: str) -> Entry | None:
        return await self._find(self._db.reader, guild_id, entry_id)

    async def find_committed(self, guild_id: int, entry_id: str) -> tuple[Entry, int] | None:
        # The reader may sit inside another task's read transaction (the search index follows
        # writes in one): a change reads its base and its result through the writer instead.
        async with self._db.transaction() as conn:
            entry = await self._find(conn, guild_id, entry_id)
            return (entry, await self._latest(conn, entry.key)) if entry else None

    @staticmethod
    async def _find(conn: aiosqlite.Connection, guild_id: int, entry_id: str) -> Entry | None:
        keys = scope.row_keys(entry_id, guild_id)
        row = await (
            await conn.execute(
                f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id IN ({','.join('?' * len(keys))})"
                f" AND {scope.visible('e', guild_id)}",
                keys,
            )
        ).fetchone()
        return entry_from_row(row) if row else None

    @staticmethod
    async def _latest(conn: aiosqlite.Connection, key: str) -> int:
        row = await (
            await conn.execute("SELECT max(id) FROM entry_revisions WHERE entry_id = ?", (key,))
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    async def latest_revision(self, guild_id: int, entry_id: str) -> int:
        entry = await self.find(guild_id, entry_id)
        return await self._latest(self._db.reader, entry.key) if entry else 0

    async def history(
        self, guild_id: int, entry_id: str, *, limit: int, offset: int = 0, after: int = 0
    ) -> HistoryPage:
        keys = scope.row_keys(entry_id, guild_id)
        where = f"r.entry_id IN ({','.join('?' * len(keys))}) AND {_own(guild_id)} AND r.id > ?"
        conn = self._db.reader
        total_row = await (
            await conn.execute(
                "SELECT count(*) FROM entry_revisions r JOIN entries e ON e.id = r.entry_id"
                f" WHERE {where}",
                (*keys, after),
            )
        ).fetchone()
        rows = await (
            await conn.execute(
                f"{_REVISIONS} WHERE {where} ORDER BY r.id DESC LIMIT ? OFFSET ?",
                (*keys, after, limit, offset),
            )
        ).fetchall()
        total = int(total_row[0]) if total_row else 0
        return HistoryPage(tuple(_revision(r) for r in rows), total, offset)

    async def revision(self, guild_id: int, entry_id: str, number: int) -> Revision | None:
        keys = scope.row_keys(entry_id, guild_id)
        row = await (
            await self._db.reader.execute(
                f"{_REVISIONS} WHERE r.entry_id IN ({','.join('?' * len(keys))})"
                f" AND {_own(guild_id)} AND r.id = ?",
                (*keys, number),
            )
        ).fetchone()
        return _revision(row) if row else None

    async def id_in_use(self, entry_id: str) -> bool:
        return await self._in_use(self._db.reader, entry_id)

    @staticmethod
    async def _in_use(conn: aiosqlite.Connection, entry_id: str) -> bool:
        row = await (
            await conn.execute(
                "SELECT 1 FROM entries WHERE id = ? OR base_id = ? LIMIT 1", (entry_id, entry_id)
            )
        ).fetchone()
        return row is not None

    async def entries(self, guild_id: int, scope_name: ExportScope) -> list[Entry]:
        where = (
            f"e.guild_id = {int(guild_id)}" if scope_name == "own" else scope.visible("e", guild_id)
        )
        rows = await (
            await self._db.reader.execute(
                f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.retired = 0 AND {where} ORDER BY id"
            )
        ).fetchall()
        return [entry_from_row(r) for r in rows]

    async def suggest(
        self, guild_id: int, text: str, *, retired: bool | None, limit: int
    ) -> list[Entry]:
        state = "" if retired is None else f" AND e.retired = {int(retired)}"
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = await (
            await self._db.reader.execute(
                f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE {scope.visible('e', guild_id)}"
                f"{state} AND (coalesce(e.base_id, e.id) LIKE ?1 ESCAPE '\\'"
                " OR e.title LIKE ?1 ESCAPE '\\' OR e.title_en LIKE ?1 ESCAPE '\\')"
                " ORDER BY e.updated_at DESC, e.id LIMIT ?2",
                (pattern, limit),
            )
        ).fetchall()
        return [entry_from_row(r) for r in rows]

    async def topics(self) -> list[Topic]:
        return await TopicRepository(self._db).all()

    async def editor_role(self, guild_id: int) -> int | None:
        row = await (
            await self._db.reader.execute(
                "SELECT editor_role_id FROM content_settings WHERE guild_id = ?", (guild_id,)
            )
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    async def log_channel(self, guild_id: int) -> int | None:
        row = await (
            await self._db.reader.execute(
                "SELECT log_channel_id FROM content_settings WHERE guild_id = ?", (guild_id,)
            )
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    async def set_log_channel(
        self, guild_id: int, channel_id: int | None, *, now: dt.datetime
    ) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO content_settings (guild_id, log_channel_id, updated_at)"
                " VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " log_channel_id = excluded.log_channel_id, updated_at = excluded.updated_at",
                (guild_id, channel_id, iso(now)),
            )

    async def review(self, guild_id: int) -> bool:
        row = await (
            await self._db.reader.execute(
                "SELECT review FROM content_settings WHERE guild_id = ?", (guild_id,)
            )
        ).fetchone()
        return bool(row and row[0])

    async def set_review(self, guild_id: int, on: bool, *, now: dt.datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO content_settings (guild_id, review, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET review = excluded.review,"
                " updated_at = excluded.updated_at",
                (guild_id, int(on), iso(now)),
            )

    async def add_pending(self, pending: Pending) -> int:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO content_pending (guild_id, entry_id, based_on, input, actor,"
                " actor_name, created_at, author_language) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    pending.guild_id, pending.entry_id, pending.based_on, pending.input_json(),
                    pending.actor.id, pending.actor.name, pending.created_at,
                    pending.author_language,
                ),
            )  # fmt: skip
            return int(cursor.lastrowid or 0)

    async def pending(
        self, guild_id: int, pending_id: int | None = None, *, limit: int = 25
    ) -> list[Pending]:
        where = "guild_id = ? AND state = 'pending'" + (" AND id = ?" if pending_id else "")
        params: tuple[object, ...] = (guild_id, pending_id) if pending_id else (guild_id,)
        rows = await (
            await self._db.reader.execute(
                f"SELECT * FROM content_pending WHERE {where} ORDER BY id LIMIT ?",
                (*params, limit),
            )
        ).fetchall()
        return [
            Pending(
                id=int(r["id"]),
                guild_id=int(r["guild_id"]),
                entry_id=r["entry_id"],
                based_on=int(r["based_on"]),
                given=Pending.input_from_json(r["input"]),
                actor=Actor(r["actor"], r["actor_name"]),
                state=r["state"],
                created_at=r["created_at"],
                decided_by=r["decided_by"],
                decided_reason=r["decided_reason"],
                author_language=r["author_language"],
            )
            for r in rows
        ]

    async def decide(
        self,
        guild_id: int,
        pending_id: int,
        state: PendingState,
        *,
        by: str,
        now: dt.datetime,
        changes: Sequence[Change] = (),
        reason: str | None = None,
    ) -> list[int]:
        """Mark a pending change decided and write `changes` (an approval's) in one
        transaction; PendingNotFound when it is not pending any more (decided by another)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE content_pending SET state = ?, decided_by = ?, decided_at = ?,"
                " decided_reason = ? WHERE id = ? AND guild_id = ? AND state = 'pending'",
                (state, by, iso(now), reason, pending_id, guild_id),
            )
            if cursor.rowcount != 1:
                raise PendingNotFound(pending_id)
            return [await self._write_one(conn, guild_id, c, now=iso(now)) for c in changes]

    async def set_editor_role(
        self, guild_id: int, role_id: int | None, *, now: dt.datetime
    ) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO content_settings (guild_id, editor_role_id, updated_at)"
                " VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " editor_role_id = excluded.editor_role_id, updated_at = excluded.updated_at",
                (guild_id, role_id, iso(now)),
            )

    # -- writes ------------------------------------------------------------------------------

    async def write(
        self,
        guild_id: int,
        changes: Sequence[Change],
        *,
        now: dt.datetime,
        audit: AuditRequest | None = None,
    ) -> list[int]:
        async with self._db.transaction() as conn:
            numbers = [await self._write_one(conn, guild_id, c, now=iso(now)) for c in changes]
            if audit is not None:
                written = [(c.draft.id, n) for c, n in zip(changes, numbers, strict=True)]
                await audit_outbox.record(conn, guild_id, audit, written, now=iso(now))
            return numbers

    async def _write_one(
        self, conn: aiosqlite.Connection, guild_id: int, change: Change, *, now: str
    ) -> int:
        draft = change.draft
        current = await self._find(conn, guild_id, draft.id)
        if change.new:
            if await self._in_use(conn, draft.id):
                raise IdTaken(draft.id)
            key, base = draft.id, None
        else:
            if current is None:
                raise EntryNotFound(draft.id)
            latest = await self._latest(conn, current.key)
            if change.expected is not None and change.expected != latest:
                raise StaleRevision(latest)
            shared = current.guild_id is None
            key = scope.version_key(draft.id, guild_id) if shared else current.key
            base = draft.id if shared else None  # only read when a row is inserted
        params = entry_row(
            draft, change.content_hash, origin=Origin.MODERATOR, root=None, now=now
        ).params
        # entry_row's params: id, title, title_en, body, summary, tip, kind, language, aliases,
        # tags, source_file, source_root, source_post, source_event, source_speaker,
        # source_cohort, source_date, source_url, position, content_hash, origin, created_at,
        # updated_at, topics.
        values = (key, *params[1:23])
        exists = current is not None and current.key == key
        if exists:
            await conn.execute(
                "UPDATE entries SET title = ?, title_en = ?, body = ?, summary = ?, tip = ?,"
                " kind = ?, language = ?, aliases = ?, tags = ?, source_file = ?,"
                " source_root = ?, source_post = ?, source_event = ?, source_speaker = ?,"
                " source_cohort = ?, source_date = ?, source_url = ?, position = ?,"
                " content_hash = ?, origin = ?, retired = ?, updated_at = ? WHERE id = ?",
                (*values[1:21], int(change.retired), now, key),
            )
        else:
            await conn.execute(
                "INSERT INTO entries (id, title, title_en, body, summary, tip, kind, language,"
                " aliases, tags, source_file, source_root, source_post, source_event,"
                " source_speaker, source_cohort, source_date, source_url, position,"
                " content_hash, origin, created_at, updated_at, retired, guild_id, base_id)"
                f" VALUES ({','.join('?' * 26)})",
                (*values, int(change.retired), int(guild_id), base),
            )
        await conn.execute("DELETE FROM entry_topics WHERE entry_id = ?", (key,))
        await conn.execute(
            "INSERT INTO entry_topics (entry_id, topic_id) SELECT DISTINCT ?, t.id"
            " FROM json_each(?) AS j JOIN topics t ON t.id = j.value",
            (key, dumps(draft.topics)),
        )
        cursor = await conn.execute(
            "INSERT INTO entry_revisions (entry_id, action, actor, actor_name, reason, snapshot,"
            " at) SELECT e.id, ?, ?, ?, ?, NULL, ? FROM entries e WHERE e.id = ?",
            (str(change.action), change.actor.id, change.actor.name, change.reason, now, key),
        )
        return int(cursor.lastrowid or 0)
