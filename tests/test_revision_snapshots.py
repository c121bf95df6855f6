"""Revisions keep a copy of an entry only once it has changed (migration 0022): the latest
revision of an unchanged entry is the entry itself, and what any revision shows never moves."""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import aiosqlite

from bot.content import EntryInput
from bot.models import EntryDraft, Kind, Source
from bot.models.content import Snapshot
from bot.models.content_errors import NoChange
from bot.store.database import Database, apply_migrations, load_migrations
from bot.store.entries import EntryRepository
from bot.store.rows import revision_snapshot
from tests.helpers_content import GUILD_A, MOD_A, content_service, ingest, write_content
from tests.helpers_store import retire_ids, store_drafts

NOW = "2025-03-01T09:00:00+00:00"
# The schema before this migration (its number is the next free one when it lands).
PREVIOUS = (
    next(m.version for m in load_migrations() if m.name.endswith("_revision_snapshots.sql")) - 1
)


def effective(path: Path) -> dict[int, str]:
    """Every revision's snapshot as readers get it."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT r.id, {revision_snapshot('r')} FROM entry_revisions r")
        return {int(r[0]): str(r[1]) for r in rows}


def current(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT entry_id, snapshot FROM entry_snapshots").fetchall())


def stored_copies(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT count(snapshot) FROM entry_revisions").fetchone()
    return int(row[0])


def shown(text: str | None) -> Snapshot | None:
    """What history shows of a snapshot (topics as a set: entries list them sorted)."""
    snap = Snapshot.from_json(text) if text else None
    return replace(snap, topics=tuple(sorted(snap.topics))) if snap else None


def legacy(entry: dict[str, object], **changes: object) -> str:
    """A snapshot as ingestion wrote it before schema 19 (no 'retired', topics as drafted)."""
    snap = {
        "aliases": [], "body": entry["body"], "id": entry["id"], "kind": "qa",
        "language": "ko", "position": entry["position"],
        "source": {"cohort": None, "date": None, "event": None, "file": "f.md", "post": None,
                   "speaker": None, "url": None},
        "summary": "", "tags": [], "tip": None, "title": entry["title"], "title_en": "",
        "topics": entry["topics"],
    }  # fmt: skip
    snap.update(changes)
    return json.dumps(snap, ensure_ascii=False)


async def test_a_database_of_the_previous_schema_keeps_its_history(tmp_path: Path) -> None:
    path = tmp_path / "v18.db"
    entries: list[dict[str, object]] = [
        {"id": "same", "title": "그대로", "body": "본문", "position": 0, "topics": ["b", "a"]},
        {"id": "moved", "title": "옮김", "body": "본문", "position": 1, "topics": []},
        {"id": "edited", "title": "새 제목", "body": "본문", "position": 2, "topics": ["a"]},
        {"id": "unknown", "title": "모름", "body": "본문", "position": 3, "topics": ["zz"]},
        {"id": "gone", "title": "은퇴", "body": "본문", "position": 4, "topics": []},
    ]
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, target=PREVIOUS)
        await conn.execute("PRAGMA foreign_keys = ON")
        for topic in ("a", "b"):
            await conn.execute(
                "INSERT INTO topics (id, name_ko, name_en, updated_at) VALUES (?, ?, ?, ?)",
                (topic, topic, topic, NOW),
            )
        for e in entries:
            await conn.execute(
                "INSERT INTO entries (id, title, body, kind, source_file, position, content_hash,"
                " origin, retired, created_at, updated_at)"
                " VALUES (?, ?, ?, 'qa', 'f.md', ?, 'h', 'file', ?, ?, ?)",
                (e["id"], e["title"], e["body"], e["position"], int(e["id"] == "gone"), NOW, NOW),
            )
            for topic in e["topics"]:  # type: ignore[attr-defined]
                await conn.execute(
                    "INSERT OR IGNORE INTO entry_topics (entry_id, topic_id)"
                    " SELECT ?, id FROM topics WHERE id = ?",
                    (e["id"], topic),
                )
        revisions = [
            ("same", "add", legacy(entries[0])),
            ("moved", "add", legacy(entries[1], position=9)),  # moved since: kept
            ("edited", "add", legacy(entries[2], title="옛 제목")),
            ("edited", "file_update", legacy(entries[2])),
            ("unknown", "add", legacy(entries[3])),  # a topic that is not filed: kept
            ("gone", "add", legacy(entries[4])),
            ("gone", "retire", legacy(entries[4], retired=True)),
        ]
        await conn.executemany(
            "INSERT INTO entry_revisions (entry_id, action, actor, snapshot, at)"
            " VALUES (?, ?, 'ingest', ?, ?)",
            [(*r, NOW) for r in revisions],
        )
    finally:
        await conn.close()
    with sqlite3.connect(path) as conn:
        before = {n: shown(t) for n, t in conn.execute("SELECT id, snapshot FROM entry_revisions")}

    db = await Database.open(path)
    try:
        service = content_service(db)
        history = (await service.history(GUILD_A, "edited")).revisions
        assert [r.snapshot.title for r in history if r.snapshot] == ["새 제목", "옛 제목"]
        assert history[0].previous is not None and history[0].previous.title == "옛 제목"
    finally:
        await db.close()
    assert {n: shown(text) for n, text in effective(path).items()} == before
    with sqlite3.connect(path) as conn:
        kept = conn.execute(
            "SELECT entry_id, action FROM entry_revisions WHERE snapshot IS NOT NULL ORDER BY id"
        ).fetchall()
    assert kept == [("moved", "add"), ("edited", "add"), ("unknown", "add"), ("gone", "add")]


def draft(rng: random.Random, n: int) -> EntryDraft:
    return EntryDraft(
        id=f"e{n}",
        title=rng.choice(["대학원", "포트폴리오", "면접"]) + f" {rng.randint(0, 3)}",
        body=rng.choice(["본문 하나", "본문 둘", "본문 셋"]),
        kind=Kind.QA,
        topics=tuple(rng.sample(["portfolio", "grad-school"], rng.randint(0, 2))),
        source=Source(file=f"f/{n}.md"),
        position=rng.randint(0, 3),
    )


async def test_no_write_changes_what_an_earlier_revision_shows(tmp_path: Path) -> None:
    """Whatever writes an entry (bulk, retire, move, plain SQL, its topics, a moderator's edit
    or revert), each revision shows the entry as it was right after that revision's write."""
    root = tmp_path / "root"
    folder = write_content(root)
    path = tmp_path / "writes.db"
    rng = random.Random(3)
    db = await Database.open(path)
    try:
        await ingest(db, folder)
        service = content_service(db)
        seen = effective(path)
        assert stored_copies(path) == 0  # an added entry is its own latest revision
        for _ in range(40):
            ids = rng.sample(range(6), rng.randint(1, 3))
            op = rng.choice(["bulk", "retire", "move", "sql", "topics", "edit", "revert"])
            if op == "bulk":
                await store_drafts(db, [draft(rng, n) for n in ids], now=NOW)
            elif op == "retire":
                await retire_ids(db, [f"e{n}" for n in ids], now=NOW)
            elif op == "move":
                async with db.transaction() as conn:
                    await EntryRepository.move(conn, [(f"e{n}", rng.randint(0, 9)) for n in ids])
            elif op in ("sql", "topics"):
                async with db.transaction() as conn:
                    for n in ids:
                        if op == "sql":
                            await conn.execute(
                                "UPDATE entries SET summary = ? WHERE id = ?", (str(n), f"e{n}")
                            )
                        else:
                            await conn.execute(
                                "DELETE FROM entry_topics WHERE entry_id = ?", (f"e{n}",)
                            )
                            await conn.execute(
                                "INSERT OR IGNORE INTO entry_topics (entry_id, topic_id)"
                                " SELECT id, 'portfolio' FROM entries WHERE id = ?",
                                (f"e{n}",),
                            )
            elif op == "edit":
                given = EntryInput(title=f"고친 제목 {rng.randint(0, 99)}", body="고친 본문")
                _, based_on = await service.get(GUILD_A, "portfolio-depth")
                with contextlib.suppress(NoChange):
                    await service.edit(GUILD_A, "portfolio-depth", given, MOD_A, based_on=based_on)
            else:  # back to the file's version
                history = (await service.history(GUILD_A, "portfolio-depth")).revisions
                with contextlib.suppress(NoChange):
                    await service.revert(GUILD_A, "portfolio-depth", history[-1].number, MOD_A)
            now_seen = effective(path)
            for number, text in seen.items():
                assert now_seen[number] == text, (op, number)
            latest = current(path)
            with sqlite3.connect(path) as conn:
                fresh = conn.execute(
                    "SELECT id, entry_id FROM entry_revisions WHERE id > ?", (max(seen, default=0),)
                ).fetchall()
            for number, key in fresh:  # a new revision is the entry as written
                assert now_seen[number] == latest[key], (op, key)
            seen = now_seen
        assert stored_copies(path) < len(seen)
    finally:
        await db.close()


async def test_an_unchanged_ingest_writes_no_revision(tmp_path: Path) -> None:
    folder = write_content(tmp_path / "root")
    path = tmp_path / "same.db"
    db = await Database.open(path)
    try:
        await ingest(db, folder)
        before = effective(path)
        await ingest(db, folder)
        for file in folder.glob("*.md"):  # new mtimes, same bytes
            file.write_bytes(file.read_bytes())
        await ingest(db, folder)
        assert effective(path) == before
        assert stored_copies(path) == 0
    finally:
        await db.close()


async def test_an_upgraded_database_gives_its_copies_back_to_the_disk(tmp_path: Path) -> None:
    """The upgrade drops the FTS copies of the text and the revision copies: the file shrinks
    (VACUUM once, after the migrations), it does not keep them as free pages."""
    path = tmp_path / "big.db"
    first = next(m.version for m in load_migrations() if m.name.endswith("_external_content.sql"))
    body = "대학원 포트폴리오 면접 준비 경험 " * 60
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, target=first - 1)
        await conn.execute("BEGIN")
        for n in range(3000):
            await conn.execute(
                "INSERT INTO entries (id, title, body, content_hash, origin, created_at,"
                " updated_at) VALUES (?, ?, ?, 'h', 'file', ?, ?)",
                (f"e{n}", f"제목 {n}", body + str(n), NOW, NOW),
            )
            await conn.execute(
                "INSERT INTO entry_revisions (entry_id, action, actor, snapshot, at)"
                " SELECT id, 'add', 'ingest', json_object('id', id, 'title', title, 'body', body,"
                " 'retired', json('false')), ? FROM entries WHERE id = ?",
                (NOW, f"e{n}"),
            )
        await conn.execute("COMMIT")
        await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        await conn.close()
    before = path.stat().st_size

    db = await Database.open(path)
    await db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("SELECT count(snapshot) FROM entry_revisions").fetchone()[0] == 0
    assert path.stat().st_size < before * 0.75
