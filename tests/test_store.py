"""The SQLite store: pragmas, transactions, and the repositories' reads and writes."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import pytest

from bot.models import EntryDraft, Kind, Origin, Source, Topic
from bot.store.database import Database, load_migrations
from bot.store.entries import EntryRepository
from bot.store.state import StateRepository
from bot.store.topics import TopicRepository
from tests.helpers_ingest import STATE_TABLES, rows

NOW = "2025-03-01T09:00:00+00:00"
LATER = "2025-03-02T09:00:00+00:00"


def draft(entry_id: str = "mod-note", **changes: object) -> EntryDraft:
    values: dict[str, object] = {
        "id": entry_id,
        "title": "포트폴리오는 적고 깊게",
        "body": "프로젝트 하나를 끝까지 파고드세요.",
        "kind": Kind.TIP,
        "tip": "하나를 깊게!",
        "topics": ("portfolio",),
        "tags": ("취업",),
        "source": Source(speaker="박은정", event="마스터클래스", date="2021-03-02"),
    }
    values.update(changes)
    return EntryDraft(**values)  # type: ignore[arg-type]


PORTFOLIO = Topic("portfolio", "포트폴리오", "Portfolio", aliases=("포폴",))


async def test_pragmas_wal_foreign_keys_busy_timeout(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db" / "sunbae.db")  # the folder is created
    try:
        for conn in (db.reader, db._writer):
            fk = await (await conn.execute("PRAGMA foreign_keys")).fetchone()
            busy = await (await conn.execute("PRAGMA busy_timeout")).fetchone()
            assert fk[0] == 1
            assert busy[0] >= 1000
        mode = await (await db.reader.execute("PRAGMA journal_mode")).fetchone()
        assert mode[0] == "wal"
        assert await db.user_version() == len(load_migrations())
    finally:
        await db.close()


async def test_every_table_is_strict(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    await db.close()
    listed = {
        name: strict
        for name, kind, strict in rows(
            tmp_path / "sunbae.db", "SELECT name, type, strict FROM pragma_table_list"
        )
        if kind == "table" and not name.startswith("sqlite_")
    }
    for table in (*STATE_TABLES, "search_docs", "search_meta"):
        assert listed.get(table) == 1, f"{table} is not STRICT"


async def test_strict_table_rejects_wrong_type(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO bot_state (key, value, updated_at) VALUES ('k', 'v', ?)", (NOW,)
                )
                await conn.execute(
                    "INSERT INTO source_files VALUES ('r', 'p', 'big', 1, 'h', 1, ?)", (NOW,)
                )
        # The whole transaction rolled back, the good row too.
        assert await StateRepository(db).get("k") is None
    finally:
        await db.close()


async def test_reader_cannot_write(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    try:
        with pytest.raises(sqlite3.OperationalError):
            await db.reader.execute("DELETE FROM entries")
    finally:
        await db.close()


async def test_upsert_get_and_history(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    repo = EntryRepository(db)
    try:
        async with db.transaction() as conn:
            await TopicRepository.upsert_many(conn, [PORTFOLIO], now=NOW)
            await EntryRepository.upsert_many(
                conn, [(draft(), "h1", "add")], origin=Origin.MODERATOR, root=None, now=NOW,
                actor="1234",
            )  # fmt: skip
        entry = await repo.get("mod-note")
        assert entry is not None
        assert entry.title == "포트폴리오는 적고 깊게"
        assert entry.topics == ("portfolio",)
        assert entry.tags == ("취업",)
        assert entry.origin is Origin.MODERATOR
        assert entry.source.attribution() == "박은정 · 마스터클래스 · 2021-03-02"
        assert entry.created_at == entry.updated_at == NOW

        async with db.transaction() as conn:
            await EntryRepository.upsert_many(
                conn, [(draft(title="새 제목"), "h2", "file_update")], origin=Origin.MODERATOR,
                root=None, now=LATER, actor="1234",
            )  # fmt: skip
        entry = await repo.get("mod-note")
        assert entry is not None
        assert entry.title == "새 제목"
        assert entry.created_at == NOW
        assert entry.updated_at == LATER
        history = await repo.history("mod-note")
        assert [h.action for h in history] == ["add", "file_update"]
        assert history[0].actor == "1234"
        # Each revision keeps the entry as it was written: every field of the draft.
        first = json.loads(json.dumps(asdict(draft())))  # tuples as JSON lists
        first["kind"] = "tip"
        first["retired"] = False  # the stored row's snapshot (migration 0022) says so too
        assert json.loads(history[0].snapshot) == first
        assert json.loads(history[1].snapshot)["title"] == "새 제목"
        assert (history[0].at, history[1].at) == (NOW, LATER)
    finally:
        await db.close()


async def test_unknown_topic_is_not_linked(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    try:
        async with db.transaction() as conn:
            await EntryRepository.upsert_many(
                conn, [(draft(topics=("nope",)), "h", "add")], origin=Origin.FILE, root="/r",
                now=NOW, actor="ingest",
            )  # fmt: skip
        entry = await EntryRepository(db).get("mod-note")
        assert entry is not None
        assert entry.topics == ()
    finally:
        await db.close()


async def test_retire_hides_and_counts_only_live(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    repo = EntryRepository(db)
    try:
        async with db.transaction() as conn:
            await TopicRepository.upsert_many(conn, [PORTFOLIO], now=NOW)
            await EntryRepository.upsert_many(
                conn, [(draft("a"), "h", "add"), (draft("b"), "h", "add")], origin=Origin.FILE,
                root="/r", now=NOW, actor="ingest",
            )  # fmt: skip
        async with db.transaction() as conn:
            assert await EntryRepository.retire(conn, ["a", "zzz"], now=LATER, actor="ingest") == 1
            assert await EntryRepository.retire(conn, ["a"], now=LATER, actor="ingest") == 0
        assert await repo.get("a") is None
        retired = await repo.get("a", include_retired=True)
        assert retired is not None
        assert retired.retired
        assert await repo.live_ids() == ["b"]
        assert [e.id for e in await repo.get_many(["b", "a", "missing"])] == ["b"]
        assert await repo.topic_counts() == {"portfolio": 1}
        stats = await repo.stats()
        assert stats["entries"] == 1
        assert stats["retired"] == 1
        assert stats["tips"] == 1
        assert stats["topics"] == 1
    finally:
        await db.close()


async def test_topic_upsert_counts_real_changes(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    try:
        async with db.transaction() as conn:
            assert await TopicRepository.upsert_many(conn, [PORTFOLIO], now=NOW) == 1
        async with db.transaction() as conn:
            assert await TopicRepository.upsert_many(conn, [PORTFOLIO], now=LATER) == 0
        renamed = Topic("portfolio", "포트폴리오 만들기", "Portfolio")
        async with db.transaction() as conn:
            assert await TopicRepository.upsert_many(conn, [renamed], now=LATER) == 1
        topics = await TopicRepository(db).all()
        assert [(t.id, t.name_ko) for t in topics] == [("portfolio", "포트폴리오 만들기")]
    finally:
        await db.close()


async def test_state_round_trip(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sunbae.db")
    state = StateRepository(db)
    try:
        assert await state.get("tree_hash") is None
        await state.set("tree_hash", "abc", now=NOW)
        await state.set("tree_hash", "def", now=LATER)
        assert await state.get("tree_hash") == "def"
    finally:
        await db.close()


async def test_data_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "sunbae.db"
    db = await Database.open(path)
    await StateRepository(db).set("k", "선배", now=NOW)
    await db.close()
    db = await Database.open(path)
    try:
        assert await StateRepository(db).get("k") == "선배"
    finally:
        await db.close()
