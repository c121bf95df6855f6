"""Entries, their topics and their revision history."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict

import aiosqlite

from bot.models import Entry, EntryDraft, Origin
from bot.store.database import Database
from bot.store.rows import ENTRY_COLUMNS, dumps, entry_from_row


def snapshot(draft: EntryDraft) -> str:
    data = asdict(draft)
    return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)


_UPSERT_SQL = (
    "INSERT INTO entries (id, title, title_en, body, summary, tip, kind, language, aliases,"
    " tags, source_file, source_root, source_post, source_event, source_speaker,"
    " source_cohort, source_date, source_url, position, content_hash, origin, retired,"
    " created_at, updated_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_en = excluded.title_en,"
    " body = excluded.body, summary = excluded.summary, tip = excluded.tip,"
    " kind = excluded.kind, language = excluded.language, aliases = excluded.aliases,"
    " tags = excluded.tags, source_file = excluded.source_file,"
    " source_root = excluded.source_root, source_post = excluded.source_post,"
    " source_event = excluded.source_event, source_speaker = excluded.source_speaker,"
    " source_cohort = excluded.source_cohort, source_date = excluded.source_date,"
    " source_url = excluded.source_url, position = excluded.position,"
    " content_hash = excluded.content_hash, origin = excluded.origin, retired = 0,"
    " updated_at = excluded.updated_at"
)


def _entry_params(
    draft: EntryDraft, content_hash: str, origin: Origin, root: str | None, now: str
) -> tuple[object, ...]:
    src = draft.source
    return (
        draft.id, draft.title, draft.title_en, draft.body, draft.summary, draft.tip,
        str(draft.kind), draft.language, dumps(draft.aliases), dumps(draft.tags),
        src.file, root, src.post, src.event, src.speaker, src.cohort, src.date, src.url,
        draft.position, content_hash, str(origin), now, now,
    )  # fmt: skip


class EntryRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reads -------------------------------------------------------------------------------

    async def get(self, entry_id: str, *, include_retired: bool = False) -> Entry | None:
        sql = f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?"
        if not include_retired:
            sql += " AND e.retired = 0"
        row = await (await self._db.reader.execute(sql, (entry_id,))).fetchone()
        return entry_from_row(row) if row else None

    async def get_many(self, ids: Sequence[str]) -> list[Entry]:
        """Live entries for `ids`, in the order given (missing ids are skipped)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        sql = f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.retired = 0 AND e.id IN ({marks})"
        rows = await (await self._db.reader.execute(sql, tuple(ids))).fetchall()
        by_id = {row["id"]: entry_from_row(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    async def list_live(
        self, *, topic: str | None = None, tips_only: bool = False, limit: int = 50, offset: int = 0
    ) -> list[Entry]:
        where = ["e.retired = 0"]
        params: list[object] = []
        if topic is not None:
            where.append("e.id IN (SELECT entry_id FROM entry_topics WHERE topic_id = ?)")
            params.append(topic)
        if tips_only:
            where.append("e.tip IS NOT NULL")
        sql = (
            f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE {' AND '.join(where)}"
            " ORDER BY e.source_file, e.position, e.id LIMIT ? OFFSET ?"
        )
        rows = await (await self._db.reader.execute(sql, (*params, limit, offset))).fetchall()
        return [entry_from_row(r) for r in rows]

    async def live_ids(self, *, tips_only: bool = False) -> list[str]:
        sql = "SELECT id FROM entries WHERE retired = 0"
        if tips_only:
            sql += " AND tip IS NOT NULL"
        rows = await (await self._db.reader.execute(sql + " ORDER BY id")).fetchall()
        return [r[0] for r in rows]

    async def stats(self) -> dict[str, int]:
        row = await (
            await self._db.reader.execute(
                "SELECT"
                " (SELECT count(*) FROM entries WHERE retired = 0),"
                " (SELECT count(*) FROM entries WHERE retired = 1),"
                " (SELECT count(*) FROM entries WHERE retired = 0 AND tip IS NOT NULL),"
                " (SELECT count(*) FROM topics),"
                " (SELECT count(DISTINCT coalesce(source_post, source_file)) FROM entries"
                "   WHERE retired = 0 AND coalesce(source_post, source_file) IS NOT NULL),"
                " (SELECT count(*) FROM entries WHERE retired = 0 AND origin = 'moderator')"
            )
        ).fetchone()
        assert row is not None
        keys = ("entries", "retired", "tips", "topics", "sources", "moderator_entries")
        return dict(zip(keys, (int(v) for v in row), strict=True))

    async def topic_counts(self) -> dict[str, int]:
        rows = await (
            await self._db.reader.execute(
                "SELECT t.topic_id, count(*) FROM entry_topics t JOIN entries e ON e.id = t.entry_id"
                " WHERE e.retired = 0 GROUP BY t.topic_id"
            )
        ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    async def sources(self) -> list[tuple[str, int]]:
        """(source label, live entry count), most entries first."""
        rows = await (
            await self._db.reader.execute(
                "SELECT coalesce(source_post, source_file, 'moderators') AS label, count(*) AS n"
                " FROM entries WHERE retired = 0 GROUP BY label ORDER BY n DESC, label"
            )
        ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    # -- writes (inside a transaction) -------------------------------------------------------

    @staticmethod
    async def file_entries_under(
        conn: aiosqlite.Connection, root: str
    ) -> dict[str, dict[str, tuple[str, bool]]]:
        """source_file -> {entry id -> (content hash, retired)} for file entries under `root`."""
        rows = await (
            await conn.execute(
                "SELECT id, source_file, content_hash, retired FROM entries"
                " WHERE origin = 'file' AND source_root = ?",
                (root,),
            )
        ).fetchall()
        found: dict[str, dict[str, tuple[str, bool]]] = {}
        for r in rows:
            found.setdefault(r[1], {})[r[0]] = (r[2], bool(r[3]))
        return found

    @staticmethod
    async def moderator_ids(conn: aiosqlite.Connection) -> set[str]:
        rows = await (
            await conn.execute("SELECT id FROM entries WHERE origin = 'moderator'")
        ).fetchall()
        return {r[0] for r in rows}

    @staticmethod
    async def upsert_many(
        conn: aiosqlite.Connection,
        changes: Sequence[tuple[EntryDraft, str, str]],
        *,
        origin: Origin,
        root: str | None,
        now: str,
        actor: str,
    ) -> None:
        """Insert or update entries; `changes` holds (draft, content hash, 'add'|'update').

        Batched with executemany: a cold ingest of 10k files is a handful of statements.
        """
        if not changes:
            return
        await conn.executemany(
            _UPSERT_SQL, [_entry_params(d, h, origin, root, now) for d, h, _ in changes]
        )
        await conn.executemany(
            "DELETE FROM entry_topics WHERE entry_id = ?", [(d.id,) for d, _, _ in changes]
        )
        await conn.executemany(
            "INSERT OR IGNORE INTO entry_topics (entry_id, topic_id)"
            " SELECT ?, id FROM topics WHERE id = ?",
            [(d.id, t) for d, _, _ in changes for t in d.topics],
        )
        await conn.executemany(
            "INSERT INTO entry_revisions (entry_id, action, actor, snapshot, at) VALUES (?,?,?,?,?)",
            [(d.id, action, actor, snapshot(d), now) for d, _, action in changes],
        )

    @staticmethod
    async def retire(
        conn: aiosqlite.Connection, ids: Iterable[str], *, now: str, actor: str
    ) -> int:
        """Retire live entries; returns how many were live."""
        ids = list(ids)
        live: list[str] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = await (
                await conn.execute(
                    f"SELECT id FROM entries WHERE retired = 0 AND id IN ({marks})", chunk
                )
            ).fetchall()
            live.extend(r[0] for r in rows)
        await conn.executemany(
            "UPDATE entries SET retired = 1, updated_at = ? WHERE id = ?", [(now, i) for i in live]
        )
        await conn.executemany(
            "INSERT INTO entry_revisions (entry_id, action, actor, snapshot, at)"
            " VALUES (?, 'retire', ?, '{}', ?)",
            [(i, actor, now) for i in live],
        )
        return len(live)

    async def history(self, entry_id: str) -> list[dict[str, str]]:
        rows = await (
            await self._db.reader.execute(
                "SELECT action, actor, snapshot, at FROM entry_revisions WHERE entry_id = ?"
                " ORDER BY id",
                (entry_id,),
            )
        ).fetchall()
        return [dict(r) for r in rows]
