"""What ingestion remembers between runs: the files it has seen, and a record of each run."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager

import aiosqlite

from bot.clock import iso
from bot.models import EntryDraft, IngestReport, Origin, Topic
from bot.models.ingest import EntryRow, SeenFile, StoredFileEntry
from bot.store.database import Database
from bot.store.entries import EntryRepository, entry_row
from bot.store.lineage import LineageRepository
from bot.store.topics import TopicRepository


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


class SqliteIngestUnit:
    """One ingest's writes, on one transaction's connection (`SqliteIngestStore.writing()`)."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

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

    async def topics(self) -> list[Topic]:
        return await self._topics.all()

    async def seen(self, root: str) -> dict[str, SeenFile]:
        return await self._state.seen(root)

    @staticmethod
    def prepare_row(
        draft: EntryDraft, content_hash: str, *, origin: Origin, root: str | None, now: dt.datetime
    ) -> EntryRow:
        return entry_row(draft, content_hash, origin=origin, root=root, now=iso(now))
