"""Issue 11 defect 5: a run stages its entry writes before its one write transaction.

Staging is a series of short steps that write only a TEMP table of the run: while it goes on,
another process can write (the bot's short writes), readers still see the previous state whole,
and a run killed in the middle (kill -9) leaves nothing behind but the previous state, which the
next run completes from.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.models import IngestReport
from bot.services.ingest import IngestService
from bot.store.entries import EntryRepository
from bot.store.ingest_state import SqliteIngestStore
from tests.helpers_ingest import (
    REPO,
    StepClock,
    curated,
    live_titles,
    open_db,
    post,
    rows,
    table_state,
    write,
)
from tests.test_write_contention import lock_is_free


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "advice", tmp_path / "posts"
    write(first / "a.md", curated("aa", "첫 조언"))
    write(first / "b.md", curated("bb", "둘째 조언"))
    write(second / "p.md", post("특강", {"질문 하나": "답입니다. 꾸준히 하세요."}))
    return first, second


def _edit(first: Path, second: Path) -> None:
    write(first / "a.md", curated("aa", "고친 조언"))
    (first / "b.md").unlink()
    write(first / "c.md", curated("cc", "새 조언"))
    write(second / "q.md", post("새 특강", {"질문 둘": "답입니다. 기록하세요."}))


async def _ingest(db_path: Path, *folders: Path) -> IngestReport:
    db = await open_db(db_path)
    try:
        service = IngestService(SqliteIngestStore(db), clock=StepClock(), workers=0)
        return await service.ingest(list(folders))
    finally:
        await db.close()


async def test_staging_locks_nothing_and_shows_readers_the_previous_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _folders(tmp_path)
    db_path = tmp_path / "a.db"
    await _ingest(db_path, first, second)
    before = table_state(db_path)
    _edit(first, second)
    real = EntryRepository.stage_rows
    seen: list[tuple[bool, bool]] = []

    async def probing(*args: object, **kwargs: object) -> None:
        await real(*args, **kwargs)  # type: ignore[arg-type]
        # Another process could write now, and what it reads is the previous state whole.
        seen.append((lock_is_free(db_path), table_state(db_path) == before))

    monkeypatch.setattr(EntryRepository, "stage_rows", staticmethod(probing))
    report = await _ingest(db_path, first, second)
    assert seen == [(True, True), (True, True)]  # one step per folder with changes
    assert (report.added, report.updated, report.retired) == (2, 1, 1)
    assert sorted(live_titles(db_path)) == sorted(["고친 조언", "새 조언", "질문 하나", "질문 둘"])


_KILLED_DURING_STAGING = """
import asyncio, sys
from pathlib import Path
from bot.models import IngestReport
from bot.services.ingest import IngestService
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.ingest_state import SqliteIngestStore

real = EntryRepository.stage_rows
calls = 0

async def staging_then_waiting(*args, **kwargs):
    global calls
    await real(*args, **kwargs)
    calls += 1
    if calls == 2:  # both folders staged: the write transaction comes next
        Path(sys.argv[2]).touch()
        await asyncio.sleep(120)

EntryRepository.stage_rows = staticmethod(staging_then_waiting)

async def main():
    db = await Database.open(sys.argv[1])
    await IngestService(SqliteIngestStore(db), workers=0).ingest([Path(p) for p in sys.argv[3:]])

asyncio.run(main())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_kill_9_during_staging_leaves_the_previous_state(tmp_path: Path) -> None:
    first, second = _folders(tmp_path)
    db_path = tmp_path / "a.db"
    asyncio.run(_ingest(db_path, first, second))
    before = table_state(db_path)
    _edit(first, second)
    script = tmp_path / "killed.py"
    script.write_text(_KILLED_DURING_STAGING, "utf-8")
    staged = tmp_path / "staged"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db_path), str(staged), str(first), str(second)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not staged.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert staged.exists(), proc.stderr.read().decode() if proc.poll() is not None else ""
        assert lock_is_free(db_path)  # everything staged, and others still write
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert table_state(db_path) == before  # nothing of the killed run, nothing lost
    assert rows(db_path, "PRAGMA quick_check") == [("ok",)]

    report = asyncio.run(_ingest(db_path, first, second))  # the next run does the work
    assert report.errors == []
    assert (report.added, report.updated, report.retired) == (2, 1, 1)
    assert sorted(live_titles(db_path)) == sorted(["고친 조언", "새 조언", "질문 하나", "질문 둘"])
