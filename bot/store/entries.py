"""Entries, their topics and their revision history."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import aiosqlite

from bot.models import Entry, EntryDraft, Origin
from bot.models.ingest import EntryRow, StoredFileEntry, StoredRevision
from bot.store import scope, search_index
from bot.store.database import Database
from bot.store.rows import ENTRY_COLUMNS, dumps, entry_from_row, revision_snapshot

_COLUMNS = (
    "id, title, title_en, body, summary, tip, kind, language, aliases, tags, source_file,"
    " source_root, source_post, source_event, source_speaker, source_cohort, source_date,"
    " source_url, position, content_hash, origin, created_at, updated_at"
)
# Rows are staged in a temp table, then written with one UPDATE … FROM and one INSERT … SELECT,
# with the search triggers paused: the staged rows are indexed together afterwards (a third of a
# cold ingestion's time went to the triggers' six statements a row). Topic links and revision
# snapshots are made from the staged rows in SQL too: no Python object per row but its params.
# - Not `INSERT … ON CONFLICT DO UPDATE`: an upsert's conflict policy overrides the
#   `INSERT OR IGNORE` inside the triggers, so updating a live entry failed on search_docs'
#   UNIQUE constraint (and the triggers still run for other writers).
_STAGE_SQL = f"CREATE TEMP TABLE IF NOT EXISTS entry_stage ({_COLUMNS}, topics, action)"
_STAGE_ROWS_SQL = (
    f"INSERT INTO temp.entry_stage ({_COLUMNS}, topics, action) VALUES ({','.join('?' * 25)})"
)
_UPDATE_SQL = (
    "UPDATE entries SET title = s.title, title_en = s.title_en, body = s.body,"
    " summary = s.summary, tip = s.tip, kind = s.kind, language = s.language,"
    " aliases = s.aliases, tags = s.tags, source_file = s.source_file,"
    " source_root = s.source_root, source_post = s.source_post, source_event = s.source_event,"
    " source_speaker = s.source_speaker, source_cohort = s.source_cohort,"
    " source_date = s.source_date, source_url = s.source_url, position = s.position,"
    " content_hash = s.content_hash, origin = s.origin, retired = 0, updated_at = s.updated_at"
    " FROM temp.entry_stage AS s WHERE entries.id = s.id"
)
_INSERT_SQL = (
    f"INSERT INTO entries ({_COLUMNS}) SELECT {_COLUMNS} FROM temp.entry_stage AS s"
    " WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = s.id)"
)
_LINKS_SQL = (
    "INSERT INTO entry_topics (entry_id, topic_id) SELECT DISTINCT s.id, t.id"
    " FROM temp.entry_stage AS s, json_each(s.topics) AS j JOIN topics t ON t.id = j.value"
)
# A revision's snapshot is NULL while it is the entry as it is (migration 0022): before the
# staged rows are written, their NULL revisions get a copy of the entry (the triggers that do
# so for other writers are paused with the search ones).
_KEEP_REVISIONS_SQL = (
    "UPDATE entry_revisions SET snapshot = (SELECT n.snapshot FROM entry_snapshots n"
    " WHERE n.entry_id = entry_revisions.entry_id)"
    " WHERE snapshot IS NULL AND entry_id IN (SELECT id FROM temp.entry_stage)"
)
_REVISIONS_SQL = (
    "INSERT INTO entry_revisions (entry_id, action, actor, snapshot, at)"
    " SELECT s.id, s.action, ?, NULL, ? FROM temp.entry_stage AS s ORDER BY s.rowid"
)


def _staged(sql: str, stage: str) -> str:
    """One of the statements above on another staging table (an ingest run's own)."""
    return sql.replace("entry_stage", stage)


def _json(values: Iterable[object]) -> str:
    """Rows for `json_each(?)`: one parameter, one statement, however many rows."""
    return json.dumps(list(values), ensure_ascii=False)


def entry_row(
    draft: EntryDraft, content_hash: str, *, origin: Origin, root: str | None, now: str
) -> EntryRow:
    src = draft.source
    params = (
        draft.id, draft.title, draft.title_en, draft.body, draft.summary, draft.tip,
        str(draft.kind), draft.language, dumps(draft.aliases), dumps(draft.tags),
        src.file, root, src.post, src.event, src.speaker, src.cohort, src.date, src.url,
        draft.position, content_hash, str(origin), now, now, dumps(draft.topics),
    )  # fmt: skip
    return EntryRow(draft.id, draft.position, content_hash, params)


class EntryRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reads -------------------------------------------------------------------------------

    async def get(
        self, entry_id: str, *, include_retired: bool = False, guild_id: int | None = None
    ) -> Entry | None:
        """The entry `entry_id` as server `guild_id` sees it (None: the shared view)."""
        keys = scope.row_keys(entry_id, guild_id)
        sql = (
            f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id IN ({','.join('?' * len(keys))})"
            f" AND {scope.visible('e', guild_id)}"
        )
        if not include_retired:
            sql += " AND e.retired = 0"
        rows = await self._db.fetch(sql, keys)  # by primary key: on the loop (Database.fetch)
        return entry_from_row(rows[0]) if rows else None

    async def get_many(self, ids: Sequence[str], *, guild_id: int | None = None) -> list[Entry]:
        """Live entries for `ids` as the server sees them, in the order given (missing ids are
        skipped)."""
        if not ids:
            return []
        keys = [k for i in ids for k in scope.row_keys(i, guild_id)]
        marks = ",".join("?" * len(keys))
        # "+retired": keep SQLite on the primary key (the `entries_live` index scans every row)
        sql = (
            f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE +e.retired = 0 AND e.id IN ({marks})"
            f" AND {scope.visible('e', guild_id)}"
        )
        rows = await self._db.fetch(sql, keys)
        by_id = {row["id"]: entry_from_row(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    async def english_titles(
        self, ids: Sequence[str], *, guild_id: int | None = None
    ) -> dict[str, str]:
        """id -> English title, for the live entries among `ids` the server sees that have one
        (autocomplete names entries in English for English-speaking members)."""
        if not ids:
            return {}
        keys = [k for i in ids for k in scope.row_keys(i, guild_id)]
        marks = ",".join("?" * len(keys))
        sql = (
            "SELECT coalesce(e.base_id, e.id), e.title_en FROM entries e"
            f" WHERE +e.retired = 0 AND e.id IN ({marks}) AND {scope.visible('e', guild_id)}"
        )
        rows = await self._db.fetch(sql, keys)
        return {str(r[0]): str(r[1]) for r in rows if r[1]}

    async def list_live(
        self,
        *,
        topic: str | None = None,
        tips_only: bool = False,
        limit: int = 50,
        offset: int = 0,
        guild_id: int | None = None,
    ) -> list[Entry]:
        where = ["e.retired = 0", scope.visible("e", guild_id)]
        params: list[object] = []
        if topic is not None:
            where.append("e.id IN (SELECT entry_id FROM entry_topics WHERE topic_id = ?)")
            params.append(topic)
        if tips_only:
            where.append("e.tip IS NOT NULL")
        sql = (
            f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE {' AND '.join(where)}"
            " ORDER BY e.source_file, e.position, id LIMIT ? OFFSET ?"
        )
        rows = await (await self._db.reader.execute(sql, (*params, limit, offset))).fetchall()
        return [entry_from_row(r) for r in rows]

    async def live_ids(self, *, tips_only: bool = False, guild_id: int | None = None) -> list[str]:
        sql = (
            "SELECT coalesce(e.base_id, e.id) AS id FROM entries e"
            f" WHERE e.retired = 0 AND {scope.visible('e', guild_id)}"
        )
        if tips_only:
            sql += " AND e.tip IS NOT NULL"
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

    async def topic_counts(self, *, guild_id: int | None = None) -> dict[str, int]:
        rows = await (
            await self._db.reader.execute(
                "SELECT t.topic_id, count(*) FROM entry_topics t JOIN entries e ON e.id = t.entry_id"
                f" WHERE e.retired = 0 AND {scope.visible('e', guild_id)} GROUP BY t.topic_id"
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

    async def sources_seen(self, guild_id: int | None) -> tuple[int, list[tuple[str, int]]]:
        """What one server sees, for /about: (live entries with a tip, [(source label, live
        entries)]) most entries first; a server's own entries count under "moderators"."""
        visible = scope.visible("e", guild_id)
        rows = await (
            await self._db.reader.execute(
                "SELECT coalesce(e.source_post, e.source_file, 'moderators') AS label,"
                " count(*) AS n, count(e.tip) FROM entries e"
                f" WHERE e.retired = 0 AND {visible} GROUP BY label ORDER BY n DESC, label"
            )
        ).fetchall()
        return sum(int(r[2]) for r in rows), [(str(r[0]), int(r[1])) for r in rows]

    # -- writes (inside a transaction) -------------------------------------------------------

    @staticmethod
    async def file_entries_for(
        conn: aiosqlite.Connection,
        *,
        ids: Iterable[str],
        files: Iterable[tuple[str, str]],
    ) -> dict[str, StoredFileEntry]:
        """Entries from files, live or retired: those with these ids, and those of these
        (root, file) pairs. Keyed by id."""
        await conn.execute("CREATE TEMP TABLE IF NOT EXISTS id_stage (id TEXT PRIMARY KEY)")
        await conn.execute("CREATE TEMP TABLE IF NOT EXISTS file_stage (root TEXT, file TEXT)")
        await conn.execute("DELETE FROM temp.id_stage")
        await conn.execute("DELETE FROM temp.file_stage")
        await conn.execute(
            "INSERT OR IGNORE INTO temp.id_stage SELECT value FROM json_each(?)", (_json(ids),)
        )
        await conn.execute(
            "INSERT INTO temp.file_stage SELECT json_extract(value, '$[0]'),"
            " json_extract(value, '$[1]') FROM json_each(?)",
            (_json(files),),
        )
        rows = await (
            await conn.execute(
                "SELECT id, source_root, source_file, content_hash, retired, position"
                " FROM entries WHERE origin = 'file' AND id IN (SELECT id FROM temp.id_stage)"
                " UNION SELECT id, source_root, source_file, content_hash, retired, position"
                " FROM entries WHERE origin = 'file'"
                " AND (source_root, source_file) IN (SELECT root, file FROM temp.file_stage)"
            )
        ).fetchall()
        return {r[0]: StoredFileEntry(r[1] or "", r[2] or "", r[3], bool(r[4]), r[5]) for r in rows}

    @staticmethod
    async def live_counts(conn: aiosqlite.Connection, root: str) -> dict[str, int]:
        """source_file -> number of live entries, for the files ingested from `root`."""
        rows = await (
            await conn.execute(
                "SELECT source_file, count(*) FROM entries"
                " WHERE origin = 'file' AND source_root = ? AND retired = 0 GROUP BY source_file",
                (root,),
            )
        ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    @staticmethod
    async def move(conn: aiosqlite.Connection, positions: Sequence[tuple[str, int]]) -> None:
        """New places of unchanged entries within their file: not an edit (no revision)."""
        await conn.executemany(
            "UPDATE entries SET position = ? WHERE id = ?", [(p, i) for i, p in positions]
        )

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
        """Insert or update entries; `changes` holds (draft, content hash, action)."""
        rows = [
            (entry_row(d, h, origin=origin, root=root, now=now), action) for d, h, action in changes
        ]
        await EntryRepository.upsert_rows(conn, rows, now=now, actor=actor)

    @staticmethod
    async def upsert_rows(
        conn: aiosqlite.Connection, changes: Sequence[tuple[EntryRow, str]], *, now: str, actor: str
    ) -> None:
        """Insert or update entries; `changes` holds (row, action).

        The action ('add', 'file_update' or 'restore') is what the revision history records; whether
        a row is inserted or updated depends only on whether its id exists.
        """
        if not changes:
            return
        await EntryRepository.stage_rows(conn, "entry_stage", changes, fresh=True)
        await EntryRepository.write_staged(conn, "entry_stage", now=now, actor=actor)

    @staticmethod
    async def stage_rows(
        conn: aiosqlite.Connection,
        stage: str,
        changes: Sequence[tuple[EntryRow, str]],
        *,
        fresh: bool = False,
    ) -> None:
        """Add (row, action) pairs to the TEMP table `stage` (a name of the store's making), made
        if missing; `fresh` empties it first. Writes nothing else."""
        await conn.execute(_staged(_STAGE_SQL, stage))
        if fresh:
            await conn.execute(f"DELETE FROM temp.{stage}")
        await conn.executemany(
            _staged(_STAGE_ROWS_SQL, stage), [(*row.params, action) for row, action in changes]
        )

    @staticmethod
    async def write_staged(conn: aiosqlite.Connection, stage: str, *, now: str, actor: str) -> None:
        """Write the rows staged in `stage` to entries, their topics, the index and history."""
        written = f"SELECT id FROM temp.{stage}"
        await search_index.pause_triggers(conn, written)  # before the writes: see its doc
        await conn.execute(_staged(_KEEP_REVISIONS_SQL, stage))
        await conn.execute(_staged(_UPDATE_SQL, stage))  # existing ids first (not new rows too)
        await conn.execute(_staged(_INSERT_SQL, stage))
        # Topic links before indexing: a new entry's links then find no index document (their
        # trigger does nothing), and indexing files each new document under all its topics in
        # one trigger run (one per link, after it: 60% longer for a cold ingest).
        await conn.execute(
            f"DELETE FROM entry_topics WHERE entry_id IN (SELECT id FROM temp.{stage})"
        )
        await conn.execute(_staged(_LINKS_SQL, stage))
        await conn.execute(_staged(_REVISIONS_SQL, stage), (actor, now))
        await search_index.index_bulk(conn, written)  # last: it ends the pause

    @staticmethod
    async def staged_taken(conn: aiosqlite.Connection, stage: str) -> bool:
        """Whether a moderator's entry now holds an id staged in `stage` (written after it was
        staged: the staged rows must be resolved again)."""
        row = await (
            await conn.execute(
                f"SELECT EXISTS (SELECT 1 FROM temp.{stage} s JOIN entries e ON e.id = s.id"
                " WHERE e.origin = 'moderator')"
            )
        ).fetchone()
        return bool(row and row[0])

    @staticmethod
    async def retire(
        conn: aiosqlite.Connection, ids: Iterable[str], *, now: str, actor: str
    ) -> int:
        """Retire live entries; returns how many were live."""
        await conn.execute("CREATE TEMP TABLE IF NOT EXISTS id_stage (id TEXT PRIMARY KEY)")
        await conn.execute("DELETE FROM temp.id_stage")
        await conn.execute(
            "INSERT OR IGNORE INTO temp.id_stage SELECT value FROM json_each(?)", (_json(ids),)
        )
        rows = await (
            await conn.execute(
                "SELECT e.id FROM entries e JOIN temp.id_stage s ON s.id = e.id"
                " WHERE e.retired = 0 ORDER BY e.id"
            )
        ).fetchall()
        live = [r[0] for r in rows]
        if not live:
            return 0
        await conn.execute(
            "UPDATE entries SET retired = 1, updated_at = ?"
            " WHERE retired = 0 AND id IN (SELECT id FROM temp.id_stage)",
            (now,),
        )
        await conn.execute(
            "INSERT INTO entry_revisions (entry_id, action, actor, snapshot, at)"
            " SELECT e.id, 'retire', ?, NULL, ? FROM entries e"
            " WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id",
            (actor, now, _json(live)),
        )
        return len(live)

    async def history(self, entry_id: str) -> list[StoredRevision]:
        rows = await (
            await self._db.reader.execute(
                f"SELECT action, actor, {revision_snapshot('r')}, at FROM entry_revisions r"
                " WHERE entry_id = ?"
                " ORDER BY id",
                (entry_id,),
            )
        ).fetchall()
        return [StoredRevision(*r) for r in rows]
