"""What an operator (and the health check) asks of the database file without changing it:
does it pass `PRAGMA quick_check`, how many entries does it hold; and one-line explanations of
the SQLite failures a command can meet (read-only, full disk, corrupt, locked)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bot.store.database import StoreError, is_read_only, read_only


@dataclass(frozen=True, slots=True)
class Integrity:
    problems: tuple[str, ...]  # empty: quick_check said ok
    live_entries: int | None  # None when the file could not be read as a sunbae database

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path) -> Integrity:
    """Open `path` read-only (never created, never migrated) and run `PRAGMA quick_check`
    (blocking: pages through the whole file). Raises StoreError when there is no file, or it
    cannot be read for another reason than damage (permissions, a lock)."""
    if not path.is_file():
        raise StoreError(f"no database at {path}: run `python -m bot ingest` first")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise StoreError(explain(exc, path) or str(exc)) from exc
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        problems = tuple(str(r[0]) for r in rows if r[0] != "ok")
        try:
            count = conn.execute("SELECT count(*) FROM entries WHERE retired = 0").fetchone()
            live = int(count[0])
        except sqlite3.Error:
            live = None
        return Integrity(problems, live)
    except sqlite3.Error as exc:
        if not is_damage(exc):
            # Not the file's fault: a WAL file in a folder this user may not write (no -shm
            # can be made), a lock. Said as what it is, never as damage.
            raise StoreError(explain(exc, path) or str(exc)) from exc
        return Integrity((str(exc),), None)
    finally:
        conn.close()


def is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def explain(exc: BaseException, path: Path | None = None) -> str | None:
    """One line saying what is wrong and what to do, for a SQLite failure; None for others."""
    if not isinstance(exc, sqlite3.Error):
        return None
    where = f"the database {path}" if path else "the database"
    text = str(exc).lower()
    if is_read_only(exc):
        return read_only(path)
    if "disk is full" in text or "database or disk is full" in text:
        return f"the disk holding {where} is full: free some space, then run the command again"
    if "locked" in text or "busy" in text:
        return (
            f"{where} is locked by another process (an ingest?): wait for it to finish, "
            "then run the command again"
        )
    if is_damage(exc):
        return (
            f"{where} is damaged ({exc}): run `python -m bot check-db`, then restore it from a "
            "backup, or delete it and run `python -m bot ingest` to rebuild the content"
        )
    if "unable to open" in text:
        return f"cannot open {where} ({exc}): check the path and its permissions"
    return f"{where} failed: {exc}"
