"""Issue 11 defect 5 (and defect 3's last clause): writes stalled behind an external ingest.

An ingest parses with no lock held and writes in one short transaction; an interaction that
writes defers when its wait for the write lock runs long, so Discord keeps it open (10062 was
the refusal after 4.24 s), and its answer fills the defer in.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

import bot.services.ingest as ingest_module
from bot.adapter import respond
from bot.content import EntryInput
from bot.emulator import Perm
from bot.services.ingest import IngestService
from bot.store.entries import EntryRepository
from bot.store.ingest_state import SqliteIngestStore
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_content import GUILD_A, MOD_A, content_service
from tests.helpers_ingest import StepClock, curated, live_titles, open_db, post, write


def lock_is_free(db_path: Path) -> bool:
    """Whether another connection could start a write right now."""
    conn = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


async def test_parsing_runs_with_no_write_lock_and_lets_a_short_write_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    for n in range(6):
        write(content / f"post{n}.md", post(f"글 {n}", {f"질문 {n}": "답입니다. 꾸준히 하세요."}))
    write(content / "entry.md", curated("entry", "조언"))
    db_path = tmp_path / "a.db"
    seen_free: list[bool] = []
    real = ingest_module.read_document

    def probing(data: bytes, **kwargs: object) -> object:
        seen_free.append(lock_is_free(db_path))
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "read_document", probing)
    db = await open_db(db_path)
    try:
        report = await IngestService(SqliteIngestStore(db), clock=StepClock(), workers=0).ingest(
            [content]
        )
    finally:
        await db.close()
    assert report.errors == [] and report.added == 7
    assert seen_free == [True] * 7  # every parse: another process could have written
    assert len(live_titles(db_path)) == 7


async def test_a_run_prepares_again_when_another_ingest_wrote_meanwhile(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "a.md", curated("aa", "첫 조언"))
    db_path = tmp_path / "a.db"
    db, other = await open_db(db_path), await open_db(db_path)
    try:
        first = IngestService(SqliteIngestStore(db), clock=StepClock(), workers=0)
        await first.ingest([content])
        write(content / "a.md", curated("aa", "고친 조언"))
        write(content / "b.md", curated("bb", "새 조언"))
        prepares = 0
        real_prepare = first._prepare

        async def prepare_then_race(paths: list[Path], **options: bool) -> object:
            nonlocal prepares
            prepares += 1
            prepared = await real_prepare(paths, **options)
            if prepares == 1:  # another process ingests the same folder before this one writes
                await IngestService(SqliteIngestStore(other), clock=StepClock(), workers=0).ingest(
                    [content]
                )
            return prepared

        first._prepare = prepare_then_race  # type: ignore[method-assign]
        report = await first.ingest([content])
    finally:
        await db.close()
        await other.close()
    assert prepares == 2
    # The second look finds the other run's work: nothing left to write.
    assert (report.added, report.updated, report.unchanged, report.errors) == (0, 0, 2, [])
    assert sorted(live_titles(db_path)) == ["고친 조언", "새 조언"]


async def test_an_id_a_moderator_takes_while_a_run_stages_stays_the_moderators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run resolved `night-study` as a free id and staged the file's entry under it; before
    it writes, a moderator adds an entry that gets that id. The run looks again: the file is
    refused (the id is the moderator's) and the moderator's entry is left as they wrote it."""
    content = tmp_path / "content"
    write(content / "a.md", curated("aa", "첫 조언"))
    db_path = tmp_path / "a.db"
    db, other = await open_db(db_path), await open_db(db_path)
    try:
        ingest = IngestService(SqliteIngestStore(db), clock=StepClock(), workers=0)
        await ingest.ingest([content])
        write(content / "night.md", curated("night-study", "파일의 밤 공부"))
        moderator = content_service(other)
        real = EntryRepository.stage_rows
        added: list[str] = []

        async def staging_then_a_moderator_adds(*args: object, **kwargs: object) -> None:
            await real(*args, **kwargs)  # type: ignore[arg-type]
            if not added:
                given = EntryInput(
                    title="밤 공부", title_en="Night study", body="모더레이터의 본문"
                )
                added.append((await moderator.add(GUILD_A, given, MOD_A)).id)

        monkeypatch.setattr(
            EntryRepository, "stage_rows", staticmethod(staging_then_a_moderator_adds)
        )
        report = await ingest.ingest([content])
        entry, _ = await moderator.get(GUILD_A, "night-study")
    finally:
        await db.close()
        await other.close()
    assert added == ["night-study"]
    assert (entry.title, entry.body, entry.origin) == ("밤 공부", "모더레이터의 본문", "moderator")
    assert [(e.file, "moderator" in e.reason) for e in report.errors] == [
        ("content/night.md", True)
    ]


async def test_a_write_command_defers_while_the_database_is_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.05)
    db_path = tmp_path / "bot.db"
    async with start_harness(bot_settings(db_path)) as h:
        guild = h.emu.add_guild("lock-server", locale="ko")
        channel = h.emu.state.channels[guild.system_channel_id or 0]
        mod = h.emu.add_member(guild, "lock-mod", permissions=Perm.MANAGE_GUILD, locale="ko")
        await eventually(lambda: h.bot.get_guild(guild.id))
        # Another process (an ingest's write phase) holds the write lock.
        holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        released = threading.Event()
        try:
            res = await h.emu.slash(
                "tip-config set", {"channel": channel, "time": "09:30"}, user=mod, channel=channel
            )
            assert res.deferred and res.ephemeral  # answered "thinking" while it waited
        finally:
            holder.execute("ROLLBACK")
            holder.close()
            released.set()
        final = await res.wait_final()
        assert final is not None and final["content"] == "저장했어요."
        show = await h.emu.slash("tip-config show", user=mod, channel=channel)
        assert not show.deferred and show.embeds  # no wait: one plain response
        await asyncio.sleep(0)
