"""The FTS indexes without a copy of the text (migration 0020): a database made by the previous
schema answers every query as before, and any sequence of writes leaves the index equal to a
fresh build from `entries`."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import aiosqlite

from bot.models import EntryDraft, Kind, Source
from bot.store import search_index
from bot.store.database import Database, apply_migrations, load_migrations
from tests.helpers_store import app_services, retire_ids, store_drafts

NOW = "2025-03-01T09:00:00+00:00"
# The schema before this migration (its number is the next free one when it lands).
PREVIOUS = (
    next(m.version for m in load_migrations() if m.name.endswith("_search_external_content.sql"))
    - 1
)
WORDS = [
    "대학원",
    "석사",
    "포트폴리오",
    "깃허브",
    "면접",
    "코딩테스트",
    "캐글",
    "이력서",
    "자소서",
    "취업",
    "준비",
    "연구",
    "실력",
    "경험",
    "프로젝트",
    "블로그",
    "인턴",
    "신입",
    "데이터",
    "모델",
    "kaggle",
    "github",
    "interview",
    "resume",
    "grad",
    "school",
]
QUERIES = [
    '"대학원"*',
    '"포트"*',
    '"면접"* OR "코딩"*',
    '"kaggle"*',
    '"취업"* OR "준비"* OR "경험"*',
    '"ㄷ"*',
    '"gr"*',
    '"인턴"*',
    '{title keys} : ("이력서"* OR "github"*)',
]


def text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def answers(path: Path) -> dict[str, object]:
    """Every query's rowids and bm25 scores in both indexes, and the vocabulary."""
    found: dict[str, object] = {}
    with sqlite3.connect(path) as conn:
        for q in QUERIES:
            found[f"fts {q}"] = conn.execute(
                "SELECT rowid, round(bm25(search_fts, 0.0, 8.0, 5.0, 1.0), 9) FROM search_fts"
                " WHERE search_fts MATCH ? ORDER BY rank, rowid",
                (q,),
            ).fetchall()
            if not q.startswith("{"):
                found[f"titles {q}"] = conn.execute(
                    "SELECT rowid, round(bm25(search_titles, 8.0, 5.0), 9) FROM search_titles"
                    " WHERE search_titles MATCH ? ORDER BY rank, rowid",
                    (q,),
                ).fetchall()
        found["vocab"] = conn.execute("SELECT term, doc, cnt FROM search_vocab").fetchall()
        found["text"] = conn.execute(
            "SELECT rowid, entry_id, title, keys, body FROM search_fts ORDER BY rowid"
        ).fetchall()
    return found


def check_index(path: Path) -> None:
    """FTS5's own check of each index against search_rows, whose rows match search_docs."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")
        conn.execute(
            "INSERT INTO search_titles (search_titles, rank) VALUES ('integrity-check', 1)"
        )
        live = conn.execute("SELECT count(*) FROM entries WHERE retired = 0").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM search_docs").fetchone()[0] == live


async def test_a_database_of_the_previous_schema_answers_the_same(tmp_path: Path) -> None:
    path = tmp_path / "previous.db"
    rng = random.Random(5)
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, target=PREVIOUS)
        for n in range(120):  # written, rewritten, retired and deleted by the old triggers
            await conn.execute(
                "INSERT INTO entries (id, title, title_en, body, summary, tip, aliases, tags,"
                " content_hash, origin, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'h', 'file', ?, ?)",
                (
                    f"e{n:03d}", text(rng, 2, 6), rng.choice(["", "grad school tips"]),
                    text(rng, 5, 40), rng.choice(["", text(rng, 2, 5)]),
                    rng.choice([None, text(rng, 1, 4)]), '["포폴"]' if n % 7 == 0 else "[]",
                    '["interview"]' if n % 5 == 0 else "[]", NOW, NOW,
                ),
            )  # fmt: skip
        for n in range(0, 120, 3):
            await conn.execute(
                "UPDATE entries SET body = ? WHERE id = ?", (text(rng, 5, 30), f"e{n:03d}")
            )
        await conn.execute("UPDATE entries SET retired = 1 WHERE id IN ('e010', 'e011')")
        await conn.execute("DELETE FROM entries WHERE id = 'e012'")
    finally:
        await conn.close()
    before = answers(path)

    db = await Database.open(path)
    try:
        sizes = await (
            await db.reader.execute(
                "SELECT count(*) FROM sqlite_schema WHERE name IN"
                " ('search_fts_content', 'search_titles_content')"
            )
        ).fetchone()
        assert sizes is not None and sizes[0] == 0  # no second copy of the text
        hits = (await (await app_services(db)).search.search("대학원 면접")).hits
        assert hits
    finally:
        await db.close()
    assert answers(path) == before
    check_index(path)


def draft(rng: random.Random, n: int) -> EntryDraft:
    return EntryDraft(
        id=f"e{n:02d}",
        title=text(rng, 2, 5),
        body=text(rng, 5, 25),
        title_en=rng.choice(["", "portfolio advice"]),
        summary=rng.choice(["", text(rng, 1, 3)]),
        tip=rng.choice([None, text(rng, 1, 3)]),
        kind=Kind.QA,
        aliases=tuple(rng.sample(WORDS, rng.randint(0, 2))),
        source=Source(file=f"f/{n}.md"),
    )


async def test_any_sequence_of_writes_leaves_the_index_a_fresh_build_would_make(
    tmp_path: Path,
) -> None:
    path = tmp_path / "writes.db"
    rng = random.Random(11)
    db = await Database.open(path)
    try:
        for _ in range(60):
            ids = rng.sample(range(40), rng.randint(1, 6))
            op = rng.choice(["bulk", "bulk", "update", "retire", "restore", "delete"])
            if op == "bulk":  # ingestion's path: triggers paused, rows indexed together
                await store_drafts(db, [draft(rng, n) for n in ids], now=NOW)
            elif op == "retire":
                await retire_ids(db, [f"e{n:02d}" for n in ids], now=NOW)
            else:  # plain SQL: the row triggers
                async with db.transaction() as conn:
                    for n in ids:
                        sql, params = {
                            "update": ("UPDATE entries SET title = ?, tip = ? WHERE id = ?",
                                       (text(rng, 1, 4), rng.choice([None, "팁"]), f"e{n:02d}")),
                            "restore": ("UPDATE entries SET retired = 0 WHERE id = ?",
                                        (f"e{n:02d}",)),
                            "delete": ("DELETE FROM entries WHERE id = ?", (f"e{n:02d}",)),
                        }[op]  # fmt: skip
                        await conn.execute(sql, params)
            check_index(path)
        incremental = answers(path)
        async with db.transaction() as conn:
            await search_index.rebuild(conn)
    finally:
        await db.close()
    check_index(path)
    fresh = answers(path)
    # A rebuild numbers the documents anew: compare by entry, not by rowid.
    assert _by_entry(incremental) == _by_entry(fresh)


def _by_entry(found: dict[str, object]) -> dict[str, object]:
    text_rows = found["text"]
    assert isinstance(text_rows, list)
    entry_of = {r[0]: r[1] for r in text_rows}
    same: dict[str, object] = {"text": sorted(r[1:] for r in text_rows), "vocab": found["vocab"]}
    for key, value in found.items():
        if key not in ("text", "vocab"):
            assert isinstance(value, list)
            same[key] = sorted((entry_of[rowid], score) for rowid, score in value)
    return same
