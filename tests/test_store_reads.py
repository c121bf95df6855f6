"""Reads without a round trip: `Database.fetch` runs a read on the event loop when it is quick
and on the reader's thread otherwise, and the search index's generation is re-read only when the
database files show a write (`Database.write_mark`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import bot.store.database as database_module
import bot.store.search_index as search_index_module
from bot.models import Entry, Kind, Origin, Source
from bot.models.search import Candidate
from bot.store.database import Database
from bot.store.search_index import SqliteSearchStore, _Held
from tests.helpers_search import sample_db

# Enough work for SQLite to call the progress handler many times over.
COUNT = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
    " SELECT count(*), sum(i) FROM n"
)


def bump_elsewhere(path: Path) -> None:
    """A write by another connection (another process, as far as `Database` can tell)."""
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE search_meta SET value = value + 1 WHERE key = 'generation'")


async def test_a_read_too_long_for_the_loop_is_answered_by_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    try:
        quick = await db.fetch(COUNT, (100,))
        assert tuple(quick[0]) == (100, 5050)
        monkeypatch.setattr(database_module, "INLINE_MS", 0.0)  # every inline read interrupted
        rows = await db.fetch(COUNT, (200_000,))
        assert tuple(rows[0]) == (200_000, 200_000 * 200_001 // 2)
    finally:
        await db.close()


async def test_a_failing_read_raises_as_any_read_does(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            await db.fetch("SELECT * FROM no_such_table")
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
            await db.fetch("DELETE FROM search_meta")
        assert await db.fetch("SELECT count(*) FROM search_meta WHERE key = 'generation'")
    finally:
        await db.close()


async def test_a_write_by_another_process_is_seen_at_once(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await Database.open(path)
    store = SqliteSearchStore(db)
    try:
        before = await store.generation()
        assert await store.generation() == before  # nothing written: the same, no read
        bump_elsewhere(path)
        assert await store.generation() == before + 1  # the -wal file moved
        bump_elsewhere(path)
        bump_elsewhere(path)
        assert await store.generation() == before + 3
    finally:
        await db.close()


async def test_a_write_of_this_process_is_seen_at_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    store = SqliteSearchStore(db)
    try:
        before = await store.generation()
        async with db.transaction() as conn:
            await conn.execute("UPDATE search_meta SET value = value + 1 WHERE key = 'generation'")
        assert await store.generation() == before + 1
    finally:
        await db.close()


async def test_a_write_the_files_do_not_show_is_seen_within_the_trust_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a file system's clock step hide a commit, the generation is read again anyway
    once `TRUST_MARK` has passed."""
    path = tmp_path / "sunbae.db"
    db = await Database.open(path)
    store = SqliteSearchStore(db)
    try:
        monkeypatch.setattr(db, "write_mark", lambda: ("the same",))
        monkeypatch.setattr(search_index_module, "TRUST_MARK", 3600.0)
        before = await store.generation()
        bump_elsewhere(path)
        assert await store.generation() == before  # trusted: the mark did not move
        monkeypatch.setattr(search_index_module, "TRUST_MARK", 0.0)  # the window has passed
        assert await store.generation() == before + 1
    finally:
        await db.close()


# -- the rows and entries a store holds between searches (`_Held`) ------------------------


async def test_held_text_is_read_again_after_a_write_of_this_process(tmp_path: Path) -> None:
    db = await sample_db(tmp_path / "sunbae.db")
    store = SqliteSearchStore(db)
    try:
        first = {c.entry_id: c for c in await store.match(["대학원"])}
        assert "grad-worry" in first
        [entry] = await store.live_entries(["grad-worry"])
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE entries SET body = '대학원 고민은 연구가 좋은지부터' WHERE id = 'grad-worry'"
            )
            await conn.execute("UPDATE entries SET title = '새 제목' WHERE id = 'startup-choice'")
        again = {c.entry_id: c for c in await store.match(["대학원"])}
        assert again["grad-worry"].body.startswith("대학원 고민은 연구가 좋은지부터")
        assert again["startup-choice"].title == "새 제목"
        [edited] = await store.live_entries(["grad-worry"])
        assert edited.body == "대학원 고민은 연구가 좋은지부터" != entry.body
    finally:
        await db.close()


async def test_held_text_is_read_again_after_a_write_of_another_process(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await sample_db(path)
    store = SqliteSearchStore(db)
    try:
        assert "grad-worry" in {c.entry_id for c in await store.match(["대학원"])}
        await store.live_entries(["grad-worry"])
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE entries SET title = '대학원 다른 제목' WHERE id = 'grad-worry'")
        again = {c.entry_id: c for c in await store.match(["대학원"])}
        assert again["grad-worry"].title == "대학원 다른 제목"
        [edited] = await store.live_entries(["grad-worry"])
        assert edited.title == "대학원 다른 제목"
        with sqlite3.connect(path) as conn:  # refiled: the topics come with the text
            conn.execute("DELETE FROM entry_topics WHERE entry_id = 'grad-worry'")
        [refiled] = [c for c in await store.match(["대학원"]) if c.entry_id == "grad-worry"]
        assert refiled.topics == ()
        with sqlite3.connect(path) as conn:  # retired: no longer found, nor read as live
            conn.execute("UPDATE entries SET retired = 1 WHERE id = 'grad-worry'")
        assert "grad-worry" not in {c.entry_id for c in await store.match(["대학원"])}
        assert await store.live_entries(["grad-worry"]) == []
    finally:
        await db.close()


def test_held_rows_and_entries_stay_within_their_budgets() -> None:
    held = _Held(1)
    row = Candidate("e", "제목", "", "가" * 1000, 0.0)
    for doc in range(_Held.ROW_CHARS // 1000 + 50):
        held.keep_rows({doc: row})
    assert sum(len(r.body) for r in held.rows.values()) <= _Held.ROW_CHARS
    assert max(held.rows) == _Held.ROW_CHARS // 1000 + 49  # the newest are kept
    assert 0 not in held.rows
    entry = Entry(
        "x", "", "나" * 1000, "", "", None, Kind.INSIGHT, "ko", (), (), (), Source(),
        Origin.FILE, False, "", "",
    )  # fmt: skip
    many = _Held.ENTRY_CHARS // 1000 + 50
    for i in range(many):
        held.keep_entries({f"k{i}": entry})
    assert len(held.entries) * 1000 <= _Held.ENTRY_CHARS
    assert "k0" not in held.entries and f"k{many - 1}" in held.entries
