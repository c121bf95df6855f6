"""The FTS index (migration 0002): built for existing rows, kept in sync by triggers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.store import search_index
from bot.store.database import Database, apply_migrations
from bot.store.entries import EntryRepository
from bot.store.search_index import SqliteSearchStore
from tests.helpers_search import NOW, add_entries, draft, retire, sample_db
from tests.helpers_store import app_services, store_drafts


def fts_ids(path: Path, match: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT entry_id FROM search_fts WHERE search_fts MATCH ? ORDER BY entry_id", (match,)
        ).fetchall()
    return [r[0] for r in rows]


def title_ids(path: Path, match: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT d.entry_id FROM search_titles t JOIN search_docs d ON d.doc = t.rowid"
            " WHERE search_titles MATCH ? ORDER BY d.entry_id",
            (match,),
        ).fetchall()
    return [r[0] for r in rows]


def integrity(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")
        conn.execute(
            "INSERT INTO search_titles (search_titles, rank) VALUES ('integrity-check', 1)"
        )
        docs = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM search_fts").fetchone()[0]
        titles = conn.execute("SELECT count(*) FROM search_titles").fetchone()[0]
        live = conn.execute("SELECT count(*) FROM entries WHERE retired = 0").fetchone()[0]
        # The title index holds the same documents under the same rowids.
        mismatched = conn.execute(
            "SELECT count(*) FROM search_titles t LEFT JOIN search_fts f ON f.rowid = t.rowid"
            " WHERE f.rowid IS NULL OR f.title IS NOT t.title"
        ).fetchone()[0]
    assert docs == rows == titles == live
    assert mismatched == 0


async def test_migration_indexes_rows_that_already_exist(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, target=1)
        await conn.executemany(
            "INSERT INTO entries (id, title, body, retired, content_hash, origin, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, 'h', 'moderator', ?, ?)",
            [
                ("old-live", "대학원 진학 고민", "연구가 좋아야 합니다", 0, NOW, NOW),
                ("old-retired", "대학원 옛날 글", "지난 이야기", 1, NOW, NOW),
            ],
        )
    finally:
        await conn.close()
    db = await Database.open(path)
    try:
        result = await (await app_services(db)).search.search("대학원")
        assert [h.id for h in result.hits] == ["old-live"]
    finally:
        await db.close()
    integrity(path)


async def test_triggers_follow_inserts_updates_retirements_and_deletes(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await sample_db(path)
    try:
        assert fts_ids(path, '"금전적인"') == ["grad-worry"]
        await add_entries(db, [draft("grad-worry", "진학 고민", "연구가 먼저입니다")])  # update
        assert fts_ids(path, '"금전적인"') == []
        assert fts_ids(path, '"진학"') == title_ids(path, '"진학"') == ["grad-worry"]
        assert title_ids(path, '"금전적인"') == []  # bodies are not in the title index
        await retire(db, "grad-worry")
        assert fts_ids(path, '"진학"') == title_ids(path, '"진학"') == []
        await add_entries(db, [draft("grad-worry", "진학 고민", "다시 돌아왔어요")])  # restore
        assert fts_ids(path, '"돌아왔어요"') == ["grad-worry"]
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM entries WHERE id = 'coding-test'")
            # Columns that are not searched do not touch the index.
            await conn.execute("UPDATE entries SET position = 7 WHERE id = 'math-basics'")
        assert fts_ids(path, '"코딩테스트는"') == title_ids(path, '"코딩테스트는"') == []
        assert fts_ids(path, '"수학"*') == ["math-basics"]
    finally:
        await db.close()
    integrity(path)


async def test_aliases_tags_and_english_title_are_searchable(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await Database.open(path)
    try:
        from dataclasses import replace

        entry = replace(
            draft("x", "면접 팁", "본문"),
            title_en="Interview tips",
            aliases=("기술면접",),
            tags=("checklist",),
            tip="면접관에게 되물어 보세요",
        )
        await add_entries(db, [entry])
        for word in ("interview", "기술면접", "checklist", "되물어"):
            assert fts_ids(path, f'"{word}"*') == ["x"], word
        assert title_ids(path, '"interview"*') == title_ids(path, '"checklist"') == ["x"]
    finally:
        await db.close()


async def test_generation_moves_on_every_change(tmp_path: Path) -> None:
    db = await sample_db(tmp_path / "sunbae.db")
    try:
        before = await search_index.generation(db.reader)
        await retire(db, "grad-worry")
        after_retire = await search_index.generation(db.reader)
        async with db.transaction() as conn:
            await conn.execute("UPDATE topics SET aliases = '[\"포폴\"]' WHERE id = 'portfolio'")
        after_topic = await search_index.generation(db.reader)
        assert before < after_retire < after_topic
    finally:
        await db.close()


async def test_rebuild_and_optimize(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await sample_db(path)
    try:
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM search_fts")  # a damaged index
            await conn.execute("DELETE FROM search_titles")
        assert fts_ids(path, '"대학원"*') == []
        async with db.transaction() as conn:
            assert await search_index.rebuild(conn) == 12
            await search_index.optimize(conn)
        assert "grad-worry" in fts_ids(path, '"대학원"*')
        assert "grad-worry" in title_ids(path, '"대학원"*')
    finally:
        await db.close()
    integrity(path)


async def test_malformed_expression_is_no_match(tmp_path: Path) -> None:
    db = await sample_db(tmp_path / "sunbae.db")
    try:
        for expression in ('"unterminated', "AND", "title:", "NEAR(", "*"):
            assert await search_index.match(db.reader, expression) == []
            assert await search_index.count_matches(db.reader, expression) == 0
    finally:
        await db.close()


async def test_match_titles_only_and_topic_filter(tmp_path: Path) -> None:
    db = await sample_db(tmp_path / "sunbae.db")
    try:
        anywhere = await search_index.match(db.reader, '"대학원"*')
        titles = await search_index.match(db.reader, '"대학원"*', titles_only=True)
        assert {c.entry_id for c in anywhere} == {"grad-worry", "startup-choice"}
        assert [c.entry_id for c in titles] == ["grad-worry"]  # the other says it in its body
        assert titles[0].body.startswith("연구에") and titles[0].topics == ("grad-school",)
        for titles_only in (False, True):
            kept = await search_index.match(
                db.reader, '"깃허브"*', topic="portfolio", titles_only=titles_only
            )
            assert [c.entry_id for c in kept] == ["github-blog"]
            assert (
                await search_index.match(
                    db.reader, '"깃허브"*', topic="interview", titles_only=titles_only
                )
                == []
            )
    finally:
        await db.close()


async def test_filed_first_puts_a_topic_s_matches_before_the_others(tmp_path: Path) -> None:
    db = await sample_db(tmp_path / "sunbae.db")
    try:
        plain = [c.entry_id for c in await search_index.match(db.reader, '"대학원"*')]
        assert plain[0] == "grad-worry"
        first = await search_index.match(db.reader, '"대학원"*', filed_first=["career"])
        assert [c.entry_id for c in first] == ["startup-choice", "grad-worry"]
        assert first[0].bm25 < first[1].bm25  # the order moved, not the scores
        newest = await search_index.match(db.reader, '"대학원"*', ranked=False, limit=1)
        assert [c.entry_id for c in newest] == ["startup-choice"]  # indexed last
    finally:
        await db.close()


def paused(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT value FROM search_meta WHERE key = 'paused'").fetchone()[0])


async def test_bulk_write_indexes_its_rows_and_hands_back_to_the_triggers(tmp_path: Path) -> None:
    """Entry writes pause the row triggers and index all their rows at once (migration 0005):
    new, updated and restored entries are all found afterwards, and plain SQL after it is indexed
    row by row again."""
    path = tmp_path / "sunbae.db"
    db = await sample_db(path)  # a bulk write of twelve new entries
    try:
        assert fts_ids(path, '"금전적인"') == ["grad-worry"]
        await retire(db, "coding-test")
        before = await search_index.generation(db.reader)
        await add_entries(
            db,
            [
                draft("grad-worry", "진학 고민", "연구가 먼저입니다"),  # update
                draft("coding-test", "코테 다시", "돌아온 코딩테스트 이야기"),  # restore
                draft("brand-new", "새 글", "처음 보는 단어 갸륵한"),  # add
            ],
        )
        assert await search_index.generation(db.reader) > before
        assert fts_ids(path, '"금전적인"') == []
        assert fts_ids(path, '"진학"') == title_ids(path, '"진학"') == ["grad-worry"]
        assert fts_ids(path, '"돌아온"') == ["coding-test"]
        assert fts_ids(path, '"갸륵한"') == ["brand-new"]
        assert paused(path) == 0
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE entries SET body = '손으로 고친 본문' WHERE id = 'brand-new'"
            )
        assert fts_ids(path, '"손으로"') == ["brand-new"]
        assert fts_ids(path, '"갸륵한"') == []
    finally:
        await db.close()
    integrity(path)


async def test_a_failed_bulk_write_takes_its_pause_back(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await sample_db(path)
    try:
        with pytest.raises(RuntimeError, match="mid-write"):
            async with db.transaction() as conn:
                await search_index.pause_triggers(
                    conn, "SELECT id FROM entries WHERE id = 'grad-worry'"
                )
                await conn.execute(
                    "UPDATE entries SET body = '사라질 본문' WHERE id = 'grad-worry'"
                )
                raise RuntimeError("mid-write")
        assert paused(path) == 0
        async with db.transaction() as conn:
            await conn.execute("UPDATE entries SET body = '남을 본문' WHERE id = 'grad-worry'")
        assert fts_ids(path, '"남을"') == ["grad-worry"]
        assert fts_ids(path, '"사라질"') == []
    finally:
        await db.close()
    integrity(path)


async def test_a_consistent_index_read_does_not_hold_back_other_reads(tmp_path: Path) -> None:
    """The search index reads its state in one read transaction; other tasks reading at the
    same moment still see what was just written (it ran on the shared reader, and a moderator's
    just-saved entry read back as missing)."""
    db = await Database.open(tmp_path / "snap.db")
    try:
        store = SqliteSearchStore(db)
        async with store.one_read() as reads:
            before = await reads.generation()
            await store_drafts(db, [draft("fresh", "새로 쓴 조언", "본문")], now=NOW)
            assert await EntryRepository(db).get("fresh") is not None  # others see the write
            assert await store.generation() > before
            assert await reads.generation() == before  # the snapshot stays one state
        async with store.one_read() as reads:
            assert await reads.generation() > before
    finally:
        await db.close()
