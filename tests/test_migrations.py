"""Numbered migrations: empty file to latest, every earlier version to latest, and refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.store.database import Database, StoreError, apply_migrations, load_migrations
from bot.store.state import StateRepository
from tests.helpers_ingest import rows

LATEST = len(load_migrations())
NOW = "2025-03-01T09:00:00+00:00"


def test_migrations_are_numbered_from_one() -> None:
    migrations = load_migrations()
    assert LATEST >= 2
    assert [m.version for m in migrations] == list(range(1, LATEST + 1))
    assert all(m.sql.strip() for m in migrations)


def test_a_gap_in_the_numbering_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two branches that each took a number, one renumbered badly: the bot refuses to start
    rather than record version 3 over a schema that never had migration 2."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);", encoding="utf-8")
    (folder / "0003_third.sql").write_text("CREATE TABLE c (x INTEGER);", encoding="utf-8")
    monkeypatch.setattr("bot.store.database.resources.files", lambda package: tmp_path)
    with pytest.raises(StoreError, match=r"gap before 0003_third\.sql"):
        load_migrations()


async def test_empty_file_to_latest(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    path.touch()  # an empty file is an empty database
    db = await Database.open(path)
    try:
        assert await db.user_version() == LATEST
        await StateRepository(db).set("k", "v", now=NOW)
    finally:
        await db.close()
    tables = {r[0] for r in rows(path, "SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert {"entries", "topics", "source_files", "ingest_runs", "search_docs"} <= tables


@pytest.mark.parametrize("version", range(LATEST))
async def test_each_earlier_version_upgrades(tmp_path: Path, version: int) -> None:
    path = tmp_path / "sunbae.db"
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        assert await apply_migrations(conn, target=version) == version
        if version >= 1:  # an entry written by the older schema must survive and be indexed
            await conn.execute(
                "INSERT INTO entries (id, title, body, content_hash, origin, created_at,"
                " updated_at) VALUES ('old-entry', '이전 항목', '본문입니다', 'h', 'moderator', ?, ?)",
                (NOW, NOW),
            )
    finally:
        await conn.close()
    assert rows(path, "PRAGMA user_version")[0][0] == version

    db = await Database.open(path)
    try:
        assert await db.user_version() == LATEST
        await StateRepository(db).set("after-upgrade", "ok", now=NOW)
        assert await StateRepository(db).get("after-upgrade") == "ok"
    finally:
        await db.close()
    if version >= 1:
        assert rows(path, "SELECT title FROM entries") == [("이전 항목",)]
        assert rows(path, "SELECT entry_id FROM search_fts") == [("old-entry",)]


async def test_reopening_latest_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    for _ in range(2):
        db = await Database.open(path)
        assert await db.user_version() == LATEST
        await db.close()


async def test_database_newer_than_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await Database.open(path)
    await db.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.close()
    with pytest.raises(StoreError) as caught:
        await Database.open(path)
    message = str(caught.value)
    assert f"version {LATEST + 5}" in message
    assert "upgrade sunbae" in message


async def test_not_a_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    path.write_bytes(b"this is a text file, not a database\n" * 200)
    with pytest.raises(StoreError) as caught:
        await Database.open(path)
    assert str(path) in str(caught.value)
    assert "not a usable sunbae database" in str(caught.value)
    assert path.read_bytes().startswith(b"this is a text file")  # left as it was


async def test_folder_at_db_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    path.mkdir()
    with pytest.raises(StoreError, match=r"cannot open the database .*: it is a folder"):
        await Database.open(path)


async def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    """A migration that fails half-way leaves the version and the schema as they were."""
    path = tmp_path / "sunbae.db"
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, target=1)
        # Something already holds a name migration 2 wants to create.
        await conn.execute("CREATE TABLE search_meta (x INTEGER)")
        with pytest.raises(StoreError, match="0002"):
            await apply_migrations(conn)
        row = await (await conn.execute("PRAGMA user_version")).fetchone()
        assert row[0] == 1
        leftovers = await (
            await conn.execute("SELECT name FROM sqlite_schema WHERE name = 'search_docs'")
        ).fetchall()
        assert leftovers == []
    finally:
        await conn.close()
