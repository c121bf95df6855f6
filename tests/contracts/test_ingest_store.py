"""The IngestStore contract (bot/services/ports.py): a run's writes land together or not at
all, and what a run remembers of its files is read back by the next one."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.models import EntryDraft, IngestReport, Origin, Source, Topic
from bot.models.ingest import EntryRow, SeenFile
from tests.contracts.backends import Backend

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
ROOT = "content"


def row(backend: Backend, entry_id: str, *, position: int = 0) -> EntryRow:
    draft = EntryDraft(
        id=entry_id, title=f"title {entry_id}", body="body", position=position,
        source=Source(file="a.md"),
    )  # fmt: skip
    return backend.ingest.prepare_row(
        draft, f"hash-{entry_id}", origin=Origin.FILE, root=ROOT, now=NOW
    )


async def test_a_run_writes_entries_files_topics_and_its_record_together(
    backend: Backend,
) -> None:
    seen = SeenFile("a.md", 10, 1, "digest", 2)
    async with backend.ingest.writing() as unit:
        assert await unit.upsert_topics([Topic("t", "주제", "topic", "", "", ())], now=NOW) == 1
        rows = [(row(backend, "x"), "add"), (row(backend, "y", position=1), "add")]
        await unit.upsert_rows(rows, now=NOW, actor="ingest")
        await unit.record_files(ROOT, [seen], now=NOW)
        run_id = await unit.record_run(
            IngestReport(files=1, added=2), roots=[ROOT], started_at=NOW, finished_at=NOW
        )
    assert run_id > 0
    assert await backend.ingest.seen(ROOT) == {"a.md": seen}
    assert [t.id for t in await backend.ingest.topics()] == ["t"]
    assert [e.id for e in await backend.entries.get_many(["x", "y"])] == ["x", "y"]
    async with backend.ingest.writing() as unit:
        assert await unit.live_counts(ROOT) == {"a.md": 2}
        stored = await unit.file_entries_for(ids=["x"], files=[(ROOT, "a.md")])
        assert set(stored) == {"x", "y"} and stored["x"].content_hash == "hash-x"
        assert await unit.upsert_topics([Topic("t", "주제", "topic", "", "", ())], now=NOW) == 0


async def test_a_failed_run_leaves_nothing_behind(backend: Backend) -> None:
    with pytest.raises(RuntimeError):
        async with backend.ingest.writing() as unit:
            await unit.upsert_rows([(row(backend, "x"), "add")], now=NOW, actor="ingest")
            await unit.record_files(ROOT, [SeenFile("a.md", 1, 1, "d", 1)], now=NOW)
            raise RuntimeError("the disk filled up")
    assert await backend.entries.get("x") is None
    assert await backend.ingest.seen(ROOT) == {}


async def test_retire_move_and_forget(backend: Backend) -> None:
    async with backend.ingest.writing() as unit:
        await unit.upsert_rows(
            [(row(backend, "x"), "add"), (row(backend, "y", position=1), "add")],
            now=NOW, actor="ingest",
        )  # fmt: skip
        await unit.record_files(ROOT, [SeenFile("a.md", 1, 1, "d", 2)], now=NOW)
    async with backend.ingest.writing() as unit:
        assert await unit.retire(["x", "nope"], now=NOW, actor="ingest") == 1
        await unit.move([("y", 5)])
        await unit.forget_files(ROOT, ["a.md"])
    assert await backend.entries.get("x") is None
    moved = await backend.entries.get("y")
    assert moved is not None
    assert await backend.ingest.seen(ROOT) == {}
    async with backend.ingest.writing() as unit:
        assert (await unit.file_entries_for(ids=["y"], files=()))["y"].position == 5
        assert await unit.moderator_ids() == set()


async def test_staged_rows_are_seen_only_once_published(backend: Backend) -> None:
    async with backend.ingest.staging() as stage:
        assert await stage.moderator_ids() == set()
        await stage.stage([(row(backend, "x"), "add")])
        await stage.stage([(row(backend, "y", position=1), "add")])
        assert await backend.entries.get_many(["x", "y"]) == []
        async with backend.ingest.writing() as unit:
            assert not await unit.staged_taken(stage)
            await unit.publish(stage, now=NOW, actor="ingest")
    assert [e.id for e in await backend.entries.get_many(["x", "y"])] == ["x", "y"]
    assert sorted(c.entry_id for c in await backend.search.match(["title"])) == ["x", "y"]


async def test_a_stage_never_published_leaves_nothing(backend: Backend) -> None:
    async with backend.ingest.staging() as stage:
        await stage.stage([(row(backend, "x"), "add")])
    with pytest.raises(RuntimeError):
        async with backend.ingest.staging() as stage:
            await stage.stage([(row(backend, "y"), "add")])
            async with backend.ingest.writing() as unit:
                await unit.publish(stage, now=NOW, actor="ingest")
                raise RuntimeError("the disk filled up")
    assert await backend.entries.get_many(["x", "y"]) == []
    async with backend.ingest.writing() as unit:
        assert await unit.file_entries_for(ids=["x", "y"], files=[(ROOT, "a.md")]) == {}
