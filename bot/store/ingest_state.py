"""What ingestion remembers between runs: the files it has seen, and a record of each run."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import aiosqlite

from bot.clock import iso
from bot.models import EntryDraft, IngestReport, Origin, Topic
from bot.models.ingest import EntryRow, SeenFile, StoredFileEntry
from bot.store.database import Database
from bot.store.entries import EntryRepository, entry_row
from bot.store.lineage import LineageRepository
from bot.store.topics import TopicRepository

log = logging.getLogger(__name__)


class IngestStateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def seen(self, root: str) -> dict[str, SeenFile]:
        """What the last run recorded of a root's files, read outside any write."""
        return await self.seen_files(self._db.reader, root)

    @staticmethod
    async def seen_files(conn: aiosqlite.Connection, root: str) -> dict[str, SeenFile]:
        rows = await (
            await conn.execute(
                "SELECT path, size, mtime_ns, file_hash, entry_count FROM source_files"
                " WHERE root = ?",
                (root,),
            )
        ).fetchall()
        return {r[0]: SeenFile(*r) for r in rows}

    @staticmethod
    async def record_files(
        conn: aiosqlite.Connection, root: str, files: Sequence[SeenFile], *, now: str
    ) -> None:
        await conn.executemany(
            "INSERT INTO source_files (root, path, size, mtime_ns, file_hash, entry_count,"
            " ingested_at) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT (root, path) DO UPDATE SET size = excluded.size,"
            " mtime_ns = excluded.mtime_ns, file_hash = excluded.file_hash,"
            " entry_count = excluded.entry_count, ingested_at = excluded.ingested_at",
            [(root, f.path, f.size, f.mtime_ns, f.file_hash, f.entry_count, now) for f in files],
        )

    @staticmethod
    async def forget_files(conn: aiosqlite.Connection, root: str, paths: Sequence[str]) -> None:
        await conn.executemany(
            "DELETE FROM source_files WHERE root = ? AND path = ?", [(root, p) for p in paths]
        )

    @staticmethod
    async def record_run(
        conn: aiosqlite.Connection,
        report: IngestReport,
        *,
        roots: Sequence[str],
        started_at: str,
        finished_at: str,
    ) -> int:
        cur = await conn.execute(
            "INSERT INTO ingest_runs (started_at, finished_at, roots, files, added, updated,"
            " unchanged, retired, errors) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                started_at,
                finished_at,
                json.dumps(list(roots), ensure_ascii=False),
                report.files,
                report.added,
                report.updated,
                report.unchanged,
                report.retired,
                json.dumps([e.as_dict() for e in report.errors], ensure_ascii=False),
            ),
        )
        return int(cur.lastrowid or 0)

    async def last_finished_at(self) -> str | None:
        """When the last ingest run finished (ISO 8601), if there was one."""
        row = await (
            await self._db.reader.execute(
                "SELECT finished_at FROM ingest_runs ORDER BY id DESC LIMIT 1"
            )
        ).fetchone()
        return None if row is None else str(row[0])


_stage_numbers = itertools.count(1)  # a TEMP table per run: two runs in a process never share


class SqliteIngestStage:
    """A run's entry writes, staged in a TEMP table of the writer connection until the run's
    write transaction publishes them (`SqliteIngestUnit.publish`).

    Each call is a short transaction of its own (`Database.scratch`, or the run's transaction
    when bound to one): it reads the entries and writes only the TEMP table, so it takes no lock
    on the database file and others write between the calls. Nothing a reader sees changes
    before the publish; a crash takes the table with the connection.
    """

    def __init__(
        self, step: Callable[[], AbstractAsyncContextManager[aiosqlite.Connection]]
    ) -> None:
        self._step = step
        self.table = f"ingest_stage_{next(_stage_numbers)}"
        self.rows = 0

    async def moderator_ids(self) -> set[str]:
        async with self._step() as conn:
            return await EntryRepository.moderator_ids(conn)

    async def live_counts(self, root: str) -> dict[str, int]:
        async with self._step() as conn:
            return await EntryRepository.live_counts(conn, root)

    async def file_entries_for(
        self, *, ids: Iterable[str], files: Iterable[tuple[str, str]]
    ) -> dict[str, StoredFileEntry]:
        async with self._step() as conn:
            return await EntryRepository.file_entries_for(conn, ids=ids, files=files)

    async def stage(self, changes: Sequence[tuple[EntryRow, str]]) -> None:
        if not changes:
            return
        async with self._step() as conn:
            await EntryRepository.stage_rows(conn, self.table, changes, fresh=self.rows == 0)
        self.rows += len(changes)

    async def drop(self) -> None:
        async with self._step() as conn:
            await conn.execute(f"DROP TABLE IF EXISTS temp.{self.table}")


class SqliteIngestUnit:
    """One ingest's writes, on one transaction's connection (`SqliteIngestStore.writing()`)."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    @asynccontextmanager
    async def staging(self) -> AsyncIterator[SqliteIngestStage]:
        """A stage whose calls run inside this transaction (a run that must not be overtaken
        between staging and publishing)."""

        @asynccontextmanager
        async def here() -> AsyncIterator[aiosqlite.Connection]:
            yield self._conn

        stage = SqliteIngestStage(here)
        try:
            yield stage
        finally:
            with contextlib.suppress(sqlite3.Error):
                await stage.drop()

    async def publish(self, stage: object, *, now: dt.datetime, actor: str) -> None:
        assert isinstance(stage, SqliteIngestStage)  # one of this store's (the store does not
        # import the domain's IngestStage, so it takes any object)
        if stage.rows:
            await EntryRepository.write_staged(self._conn, stage.table, now=iso(now), actor=actor)

    async def staged_taken(self, stage: object) -> bool:
        assert isinstance(stage, SqliteIngestStage)
        return stage.rows > 0 and await EntryRepository.staged_taken(self._conn, stage.table)

    async def seen_files(self, root: str) -> dict[str, SeenFile]:
        return await IngestStateRepository.seen_files(self._conn, root)

    async def upsert_topics(self, topics: Sequence[Topic], *, now: dt.datetime) -> int:
        return await TopicRepository.upsert_many(self._conn, topics, now=iso(now))

    async def moderator_ids(self) -> set[str]:
        return await EntryRepository.moderator_ids(self._conn)

    async def live_counts(self, root: str) -> dict[str, int]:
        return await EntryRepository.live_counts(self._conn, root)

    async def file_entries_for(
        self, *, ids: Iterable[str], files: Iterable[tuple[str, str]]
    ) -> dict[str, StoredFileEntry]:
        return await EntryRepository.file_entries_for(self._conn, ids=ids, files=files)

    async def upsert_rows(
        self, changes: Sequence[tuple[EntryRow, str]], *, now: dt.datetime, actor: str
    ) -> None:
        await EntryRepository.upsert_rows(self._conn, changes, now=iso(now), actor=actor)

    async def retire(self, ids: Iterable[str], *, now: dt.datetime, actor: str) -> int:
        return await EntryRepository.retire(self._conn, ids, now=iso(now), actor=actor)

    async def move(self, positions: Sequence[tuple[str, int]]) -> None:
        await EntryRepository.move(self._conn, positions)

    async def record_files(self, root: str, files: Sequence[SeenFile], *, now: dt.datetime) -> None:
        await IngestStateRepository.record_files(self._conn, root, files, now=iso(now))

    async def forget_files(self, root: str, paths: Sequence[str]) -> None:
        await IngestStateRepository.forget_files(self._conn, root, paths)

    async def record_run(
        self,
        report: IngestReport,
        *,
        roots: Sequence[str],
        started_at: dt.datetime,
        finished_at: dt.datetime,
    ) -> int:
        return await IngestStateRepository.record_run(
            self._conn,
            report,
            roots=roots,
            started_at=iso(started_at),
            finished_at=iso(finished_at),
        )

    async def texts_to_link(self, section_glob: str) -> list[tuple[str, str, str, str]]:
        return await LineageRepository.texts_to_link(self._conn, section_glob)

    async def replace_source_links(self, links: Sequence[tuple[str, str, float]]) -> None:
        await LineageRepository.replace(self._conn, links)

    async def no_source_links(self) -> bool:
        return await LineageRepository.empty(self._conn)


class SqliteIngestStore:
    """The ingest service's storage on SQLite (the `IngestStore` of bot/services/ports.py)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._state = IngestStateRepository(db)
        self._topics = TopicRepository(db)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[SqliteIngestUnit]:
        """One transaction: every write of the run lands, or none does."""
        async with self._db.transaction() as conn:
            yield SqliteIngestUnit(conn)

    @asynccontextmanager
    async def staging(self) -> AsyncIterator[SqliteIngestStage]:
        """A run's stage, its calls each a short transaction that locks nothing others need."""
        stage = SqliteIngestStage(self._db.scratch)
        try:
            yield stage
        finally:
            try:
                await stage.drop()
            except (sqlite3.Error, ValueError):  # the connection is gone, and the table with it
                log.debug("dropping %s", stage.table, exc_info=True)

    async def topics(self) -> list[Topic]:
        return await self._topics.all()

    async def seen(self, root: str) -> dict[str, SeenFile]:
        return await self._state.seen(root)

    @staticmethod
    def prepare_row(
        draft: EntryDraft, content_hash: str, *, origin: Origin, root: str | None, now: dt.datetime
    ) -> EntryRow:
        return entry_row(draft, content_hash, origin=origin, root=root, now=iso(now))
