"""What ingestion remembers between runs: the files it has seen, and a record of each run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.models import IngestReport
from bot.store.database import Database


@dataclass(frozen=True, slots=True)
class SeenFile:
    path: str
    size: int
    mtime_ns: int
    file_hash: str
    entry_count: int


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

    async def last_run(self) -> dict[str, object] | None:
        row = await (
            await self._db.reader.execute("SELECT * FROM ingest_runs ORDER BY id DESC LIMIT 1")
        ).fetchone()
        if row is None:
            return None
        run = dict(row)
        run["roots"] = json.loads(str(run["roots"]))
        run["errors"] = json.loads(str(run["errors"]))
        return run
