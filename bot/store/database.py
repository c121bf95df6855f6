"""SQLite connection management: pragmas, numbered migrations, transactions.

One writer connection guarded by a lock (so concurrent tasks never interleave statements inside
another task's transaction) and one reader connection (WAL lets it read while a write is open).
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# How long a write waits for another process's write transaction: an ingest beside the bot
# holds the lock only to publish (a one-file edit: 0.2 s; a cold run of 10,000 files: 4-6 s,
# of 100,000 files: 64-84 s here, when 30 s refused the bot's saves), and the interaction
# waiting on it has deferred (Discord takes its answer for 15 minutes).
BUSY_TIMEOUT_MS = 120_000
# A read `Database.fetch` runs on the event loop gives up after this long and runs on the
# reader's thread instead: the loop never waits longer for one.
INLINE_MS = 5.0


class StoreError(RuntimeError):
    """The database cannot be opened or migrated; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """Migrations shipped in `bot/store/migrations`, ordered, numbered 1..N without gaps."""
    folder = resources.files("bot.store") / "migrations"
    found: list[Migration] = []
    for item in folder.iterdir():
        match = _MIGRATION_NAME.match(item.name)
        if match:
            found.append(Migration(int(match.group(1)), item.name, item.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(f"migration numbering has a gap before {migration.name}")
    return found


async def _configure(conn: aiosqlite.Connection) -> None:
    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA synchronous = NORMAL")


def is_read_only(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.Error) and ("readonly" in text or "read-only" in text)


def read_only(path: Path | None) -> str:
    where = f"the database {path}" if path else "the database"
    return f"{where} is read-only: give the bot's user write access to it and its folder"


def _inline_reader(path: Path) -> sqlite3.Connection:
    """The connection `Database.fetch` reads on the event loop with: never waits for a lock
    (busy: the read goes to the reader's thread), never writes."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row
    conn.execute("PRAGMA busy_timeout = 0")
    conn.execute("PRAGMA query_only = ON")
    return conn


async def _probe_write(conn: aiosqlite.Connection) -> None:
    """A write that is rolled back: raises the read-only error a real write would (a file or
    folder mode, a read-only mount; file modes alone do not stop root). Another process
    holding the lock proves nothing either way, and is not waited for."""
    await conn.execute("PRAGMA busy_timeout = 0")
    try:
        await conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_read_only(exc):
            raise
        return  # busy: someone else is writing it
    else:
        try:
            version = await (await conn.execute("PRAGMA user_version")).fetchone()
            await conn.execute(f"PRAGMA user_version = {int(version[0]) if version else 0}")
        finally:
            await conn.execute("ROLLBACK")
    finally:
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _try_open(path: Path) -> None:
    sqlite3.connect(path).close()


class Database:
    """Owns the SQLite file. Build with `await Database.open(path)`; close with `await db.close()`."""

    def __init__(
        self,
        path: Path,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        inline: sqlite3.Connection | None = None,
    ) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._inline = inline
        self._deadline = 0.0
        if inline is not None:
            inline.set_progress_handler(self._past_deadline, 200)
        self._write_lock = asyncio.Lock()
        # A consistent read (a read transaction held across several statements) gets its own
        # connection: held on the shared reader, every other task's read in the meantime would
        # see the old state too (a moderator's just-saved entry read back as missing).
        self._snapshot: aiosqlite.Connection | None = None
        self._snapshot_lock = asyncio.Lock()
        self._commits = 0  # this process's write transactions ended (`write_mark`)

    @classmethod
    async def open(
        cls, path: Path | str, *, migrate: bool = True, writable: bool = False
    ) -> Database:
        """`writable`: the caller will write (the bot, the sandbox, an ingest), so a file it may
        not write is refused now, in one line, rather than at its first write (mid-ingest, or
        once the bot is online and answering)."""
        path = Path(path)
        if str(path) != ":memory:":
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the database folder {path.parent}: {exc}") from exc
            if path.is_dir():
                # Said here rather than by a failed connect: aiosqlite then leaves its worker
                # thread to report to an event loop that may be closed by then.
                raise StoreError(f"cannot open the database {path}: it is a folder, not a file")
        try:
            # Tried in plain sqlite3 first: an aiosqlite connect that fails leaves its worker
            # thread reporting to the event loop, closed by then (the CLI's one-line error was
            # followed by two tracebacks for a path SQLite cannot open).
            if str(path) != ":memory:":
                await asyncio.to_thread(_try_open, path)
            writer = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {path}: {exc}") from exc
        try:
            writer.row_factory = aiosqlite.Row
            await _configure(writer)
            mode = await (await writer.execute("PRAGMA journal_mode = WAL")).fetchone()
            if mode and mode[0] != "wal":
                log.warning("journal_mode is %s, not WAL, for %s", mode[0], path)
            if migrate:
                await apply_migrations(writer)
            if writable:
                await _probe_write(writer)
            reader = await aiosqlite.connect(path, isolation_level=None)
            reader.row_factory = aiosqlite.Row
            await _configure(reader)
            await reader.execute("PRAGMA query_only = ON")
            inline = None if str(path) == ":memory:" else _inline_reader(path)
        except sqlite3.DatabaseError as exc:
            await writer.close()
            if is_read_only(exc):
                raise StoreError(read_only(path)) from exc
            raise StoreError(f"{path} is not a usable sunbae database: {exc}") from exc
        except BaseException:
            await writer.close()
            raise
        return cls(path, writer, reader, inline)

    async def close(self) -> None:
        if self._inline is not None:
            self._inline.close()
        async with self._write_lock:
            extra = [self._snapshot] if self._snapshot not in (None, self._reader) else []
            for conn in (*extra, self._reader, self._writer):
                try:
                    await conn.close()
                except (sqlite3.Error, ValueError):  # already closed
                    log.debug("closing %s", self.path, exc_info=True)

    @property
    def reader(self) -> aiosqlite.Connection:
        return self._reader

    async def fetch(self, sql: str, params: Sequence[object] = ()) -> list[aiosqlite.Row]:
        """The rows of one read statement, on the reader.

        Tried on the event loop first, for at most `INLINE_MS`: most reads of a search take a
        fraction of a millisecond, less than handing them to the reader's thread and back costs
        (a query of ten rows: 0.1 ms to run, 0.3 ms for the round trip). One that takes longer,
        is kept waiting by a lock, or fails is run again on the reader's thread, where a failure
        raises as any read's would."""
        conn = self._inline
        if conn is not None:
            self._deadline = time.perf_counter() + INLINE_MS / 1000
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError:
                pass  # interrupted, busy, or an error the reader raises again
        return list(await self._reader.execute_fetchall(sql, params))

    def _past_deadline(self) -> bool:
        return time.perf_counter() > self._deadline

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[aiosqlite.Connection]:
        """A read-only connection whose reads inside the block all see one state of the
        database, whatever is written meanwhile; one block at a time."""
        async with self._snapshot_lock:
            if str(self.path) == ":memory:":  # another connection would be another database
                self._snapshot = self._reader
            if self._snapshot is None:
                conn = await aiosqlite.connect(self.path, isolation_level=None)
                conn.row_factory = aiosqlite.Row
                await _configure(conn)
                await conn.execute("PRAGMA query_only = ON")
                self._snapshot = conn
            conn = self._snapshot
            await conn.execute("BEGIN")
            try:
                yield conn
            finally:
                await conn.execute("COMMIT")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction: committed on success, rolled back whole on any exception."""
        async with self._writing("BEGIN IMMEDIATE") as conn:
            yield conn

    @asynccontextmanager
    async def scratch(self) -> AsyncIterator[aiosqlite.Connection]:
        """A transaction on the writer connection for work that writes TEMP tables only (an
        ingest's staging): deferred, it reads like any reader and takes no lock on the database
        file, so other processes write meanwhile; this process's other writers wait for this
        block only (its statements must not interleave with theirs on the one connection)."""
        async with self._writing("BEGIN") as conn:
            yield conn

    @asynccontextmanager
    async def _writing(self, begin: str) -> AsyncIterator[aiosqlite.Connection]:
        """The writer connection inside `begin` … COMMIT, rolled back whole on any exception."""
        async with self._write_lock:
            conn = self._writer
            await conn.execute(begin)
            try:
                yield conn
            except BaseException:
                # SQLite has already rolled back after some failures (a full disk, an I/O
                # error): a ROLLBACK then fails and would hide the error that matters.
                if conn.in_transaction:
                    try:
                        await conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        log.warning("rollback failed on %s", self.path, exc_info=True)
                raise
            else:
                await conn.execute("COMMIT")
            finally:
                self._commits += 1

    def write_mark(self) -> tuple[object, ...] | None:
        """A value that changes whenever the database may have been written: by this process
        (its write transactions are counted), or by another (in WAL mode a commit appends to
        the -wal file, and a checkpoint writes the database file: their size and time move).
        Cheap (two stat calls, no round trip to SQLite); None for a database in memory.

        Taken before a read, an equal mark later says nothing was committed since, except for a
        commit that rewrites a reset WAL to the same size within the file system's time step
        (milliseconds): callers bound how long they trust it."""
        if str(self.path) == ":memory:":
            return None
        stats: list[object] = [self._commits]
        for file in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = file.stat()
            except OSError:
                stats.append(None)
            else:
                stats.append((st.st_ino, st.st_size, st.st_mtime_ns))
        return tuple(stats)

    async def quick_check(self) -> list[str]:
        """What `PRAGMA quick_check` finds wrong (empty: nothing). Pages through the file: run
        it at start, not per request."""
        try:
            rows = await (await self._reader.execute("PRAGMA quick_check")).fetchall()
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [str(r[0]) for r in rows if r[0] != "ok"]

    async def require_intact(self) -> None:
        """Raise StoreError (one line, what to do) when the file is damaged."""
        problems = await self.quick_check()
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise StoreError(
                f"the database {self.path} is damaged ({problems[0]}{more}): restore it from a"
                " backup, or delete it and run `python -m bot ingest` to rebuild the content"
            )

    async def user_version(self) -> int:
        row = await (await self._reader.execute("PRAGMA user_version")).fetchone()
        return int(row[0]) if row else 0


async def apply_migrations(conn: aiosqlite.Connection, *, target: int | None = None) -> int:
    """Bring the schema to `target` (default: latest). Each migration commits with its version."""
    migrations = load_migrations()
    latest = migrations[-1].version if migrations else 0
    target = latest if target is None else target
    row = await (await conn.execute("PRAGMA user_version")).fetchone()
    current = int(row[0]) if row else 0
    if current > latest:
        raise StoreError(
            f"the database schema is version {current}, newer than this sunbae ({latest}): upgrade sunbae"
        )
    applied = False
    for migration in migrations:
        if current < migration.version <= target:
            log.info("applying migration %s", migration.name)
            # executescript commits first; wrap the script and the version bump in one transaction.
            try:
                await conn.executescript(
                    f"BEGIN IMMEDIATE;\n{migration.sql}\n"
                    f"PRAGMA user_version = {migration.version};\nCOMMIT;"
                )
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    await conn.execute("ROLLBACK")
                raise StoreError(f"migration {migration.name} failed: {exc}") from exc
            current = migration.version
            applied = True
    if applied:
        await _reclaim(conn)
    return current


async def _reclaim(conn: aiosqlite.Connection) -> None:
    """Give the disk back when migrations left a quarter of the file free (0020 and 0022 drop
    copies of every entry's text: about 45% of a 100k-entry file). Once, after the upgrade; a
    failure (no room for VACUUM's copy, a busy file) leaves the file as it was."""
    pages = await (await conn.execute("PRAGMA page_count")).fetchone()
    free = await (await conn.execute("PRAGMA freelist_count")).fetchone()
    if not pages or not free or free[0] < max(1000, pages[0] // 4):
        return
    log.info("reclaiming %d free pages of %d after the migrations", free[0], pages[0])
    try:
        await conn.execute("VACUUM")
        await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # VACUUM went through the WAL
    except sqlite3.Error as exc:
        log.warning("VACUUM after the migrations failed (the file keeps its free pages): %s", exc)
