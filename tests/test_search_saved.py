"""The built index is saved beside the database and read back by the next process, only when it
holds this database's state; the writes since are followed; a damaged file is rebuilt, never
trusted. Whatever path the index took, it answers exactly as a fresh build would.
"""

from __future__ import annotations

import random
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.search import SearchService, live_index, saved
from bot.search.saved import file_for
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.search_index import SqliteSearchStore
from tests.helpers_search import add_entries, draft, retire, sample_db
from tests.helpers_store import app_services
from tests.test_search_follow import answers, queries, write


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await sample_db(tmp_path / "sunbae.db")
    yield database
    await database.close()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per full build of the index from the database."""
    done: list[int] = []
    build = live_index._build

    def counted(*args: object) -> object:
        done.append(1)
        return build(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(live_index, "_build", counted)
    monkeypatch.setattr(live_index, "FOLLOW_WAIT", 60)  # compare once it has caught up
    return done


async def started(db: Database) -> SearchService:
    """The search service as the bot starts it (saved index beside the database)."""
    search = (await app_services(db)).search
    await search.refresh()
    return search


async def fresh_answers(db: Database) -> list[object]:
    """What an index built from the database now answers (no saved file involved)."""
    fresh = SearchService(SqliteSearchStore(db), entries=EntryRepository(db))
    await fresh.refresh()
    try:
        return await answers(fresh, queries())
    finally:
        await fresh.close()


async def test_the_next_start_reads_the_saved_index(db: Database, builds: list[int]) -> None:
    first = await started(db)
    assert builds == [1]
    assert file_for(db.path).is_file()  # type: ignore[union-attr]
    await first.close()
    second = await started(db)
    assert builds == [1]  # read, not built
    assert await answers(second, queries()) == await fresh_answers(db)
    await second.close()


async def test_an_index_saved_by_other_code_is_rebuilt(
    db: Database, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade that changes how words are split or keyed, the file the old code saved
    for this very database state is not trusted: its titles would be keyed the old way."""
    await (await started(db)).close()
    assert builds == [1]
    monkeypatch.setattr(saved, "code_mark", lambda: "an upgrade")
    upgraded = await started(db)
    assert builds == [1, 1]  # built again, and saved under the new code's mark
    await upgraded.close()
    await (await started(db)).close()
    assert builds == [1, 1]  # read back


async def test_writes_since_the_save_are_followed_at_start(db: Database, builds: list[int]) -> None:
    await (await started(db)).close()
    await add_entries(
        db, [draft("finetune", "파인튜닝과 프롬프트", "파인튜닝은 가중치를 바꿉니다.")]
    )
    await retire(db, "grad-worry")
    search = await started(db)
    assert len(builds) == 1
    assert "finetune" in [s.ref for s in await search.suggest("파인")]
    assert "grad-worry" not in [s.ref for s in await search.suggest("대학원")]
    assert await answers(search, queries()) == await fresh_answers(db)
    await search.close()


async def test_close_saves_what_was_followed(db: Database, builds: list[int]) -> None:
    from bot.search import index_file
    from bot.store import search_index

    search = await started(db)
    await add_entries(
        db, [draft("finetune", "파인튜닝과 프롬프트", "파인튜닝은 가중치를 바꿉니다.")]
    )
    assert "finetune" in [s.ref for s in await search.suggest("파인")]  # followed
    await search.close()
    path = file_for(db.path)
    assert path is not None
    found = index_file.read(path)
    assert found is not None
    assert found[0]["seq"] == await search_index.last_change(db.reader)  # nothing to follow
    again = await started(db)
    assert len(builds) == 1
    assert "finetune" in [s.ref for s in await again.suggest("파인")]
    assert await answers(again, queries()) == await fresh_answers(db)
    await again.close()


@pytest.mark.parametrize(
    "damage",
    ["flip", "truncate", "empty", "garbage", "header"],
)
async def test_a_damaged_file_is_rebuilt_not_trusted(
    db: Database, builds: list[int], damage: str
) -> None:
    await (await started(db)).close()
    path = file_for(db.path)
    assert path is not None
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        data = data[: len(data) - 7]
    elif damage == "empty":
        data = bytearray()
    elif damage == "garbage":
        data = bytearray(random.Random(1).randbytes(len(data)))
    else:  # a header longer than its stated length; the checksum recomputed
        import zlib

        data = data.replace(b'"titles": ', b'"titles":  ', 1)
        data[-4:] = zlib.crc32(bytes(data[:-4])).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    search = await started(db)
    assert len(builds) == 2  # rebuilt
    assert await answers(search, queries()) == await fresh_answers(db)
    await search.close()
    assert path.read_bytes() != bytes(data)  # and saved again, whole
    await (await started(db)).close()
    assert len(builds) == 3  # the fresh build of fresh_answers only


async def test_sections_that_disagree_are_rebuilt(db: Database, builds: list[int]) -> None:
    """A whole file (checksum right) whose counts do not fit its sections."""
    from bot.search import index_file

    await (await started(db)).close()
    path = file_for(db.path)
    assert path is not None
    found = index_file.read(path)
    assert found is not None
    head, sections = found
    head["titles"]["titles"] += 1
    index_file.write(path, head, {k: bytes(v) for k, v in sections.items()})
    search = await started(db)
    assert len(builds) == 2
    await search.close()


async def test_another_database_at_the_same_path_is_not_trusted(
    tmp_path: Path, builds: list[int]
) -> None:
    first = await sample_db(tmp_path / "sunbae.db")
    await (await started(first)).close()
    await first.close()
    saved_file = file_for(tmp_path / "sunbae.db")
    assert saved_file is not None
    kept = saved_file.read_bytes()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp_path / 'sunbae.db'}{suffix}").unlink(missing_ok=True)  # noqa: ASYNC240
    other = await sample_db(tmp_path / "sunbae.db")  # same content, same generation
    await add_entries(other, [draft("other-only", "다른 데이터베이스", "여기에만 있습니다.")])
    saved_file.write_bytes(kept)
    try:
        search = await started(other)
        assert len(builds) == 2
        assert "other-only" in [s.ref for s in await search.suggest("다른 데이터")]
        await search.close()
    finally:
        await other.close()


async def test_a_database_restored_from_an_older_backup_is_not_answered_from_a_newer_index(
    tmp_path: Path, builds: list[int]
) -> None:
    """The same database (same instance) put back as a backup had it: the index saved later
    holds writes the database no longer has, and is built again rather than trusted."""
    path = tmp_path / "sunbae.db"
    first = await sample_db(path)
    await first.close()
    backup = path.read_bytes()
    again = await Database.open(path)
    await add_entries(again, [draft("after-backup", "백업 뒤에 쓴 글", "백업에는 없습니다.")])
    search = await started(again)
    assert "after-backup" in [s.ref for s in await search.suggest("백업 뒤")]
    await search.close()  # saves the index, which has the entry
    await again.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)  # noqa: ASYNC240
    path.write_bytes(backup)
    restored = await Database.open(path)
    try:
        search = await started(restored)
        assert len(builds) == 2
        assert "after-backup" not in [s.ref for s in await search.suggest("백업 뒤")]
        await search.close()
    finally:
        await restored.close()


async def test_a_taxonomy_change_is_followed(db: Database, builds: list[int]) -> None:
    await (await started(db)).close()
    async with db.transaction() as conn:
        await conn.execute("UPDATE topics SET aliases = '[\"랭킹\"]' WHERE id = 'kaggle'")
    search = await started(db)  # from the file, the topics followed
    assert len(builds) == 1
    assert await answers(search, queries()) == await fresh_answers(db)
    async with db.transaction() as conn:  # and while it runs
        await conn.execute(
            "INSERT INTO topics (id, name_ko, name_en, aliases, updated_at)"
            " VALUES ('mlops', '엠엘옵스', 'MLOps', '[\"배포\"]', '2025-03-01T09:00:00+00:00')"
        )
    assert "mlops" in [s.ref for s in await search.suggest("엠엘")]
    assert len(builds) == 2  # fresh_answers' only
    assert await answers(search, queries()) == await fresh_answers(db)
    await search.close()


async def test_an_unwritable_folder_still_answers(
    db: Database, builds: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()  # a folder where the file should be: the write fails
    search = SearchService(SqliteSearchStore(db), entries=EntryRepository(db), index_file=blocked)
    await search.refresh()
    assert [s.ref for s in await search.suggest("포폴")]
    await search.close()


@pytest.mark.parametrize("seed", [3, 4])
async def test_restarts_between_random_writes_answer_as_a_fresh_build(
    db: Database, builds: list[int], seed: int
) -> None:
    """Random writes; now and then the service closes (saving) or the process dies (nothing
    saved) and a new one starts from the file: it always answers as a fresh build."""
    rng = random.Random(seed)
    async with db.transaction() as conn:
        rows = await (await conn.execute("SELECT id, retired FROM entries")).fetchall()
    ids = [r[0] for r in rows]
    retired = {r[0] for r in rows if r[1]}
    search = await started(db)
    for _ in range(5):
        for _ in range(rng.randint(1, 4)):
            await write(db, rng, ids, retired)
        if rng.random() < 0.5:
            await search.close()  # saves what it followed
        search = await started(db)  # else: the previous one died without saving
        assert await answers(search, queries()) == await fresh_answers(db)
    await search.close()
    assert len(builds) == 1 + 5  # the first start, and fresh_answers' builds


async def test_a_command_reads_titles_only_when_it_needs_them(
    db: Database, builds: list[int]
) -> None:
    """`python -m bot search` answers its one query without reading the title index; a title
    index that does not check out when it is read is rebuilt, and the answer is still right."""
    from bot.search import index_file

    await (await started(db)).close()
    search = SearchService(
        SqliteSearchStore(db), entries=EntryRepository(db), index_file=file_for(db.path)
    )
    assert [h.id for h in (await search.search("포트폴리오")).hits][:1] == ["portfolio-depth"]
    assert len(builds) == 1
    assert "portfolio-depth" in [s.ref for s in await search.suggest("포트")]
    await search.close()

    path = file_for(db.path)
    assert path is not None
    found = index_file.read(path)
    assert found is not None
    head, sections = found
    broken = {k: bytes(v) for k, v in sections.items()}
    broken["titles.keys"] = broken["titles.keys"][:-3]  # whole file, titles that do not fit
    index_file.write(path, head, broken)
    search = SearchService(
        SqliteSearchStore(db), entries=EntryRepository(db), index_file=file_for(db.path)
    )
    assert [h.id for h in (await search.search("포트폴리오")).hits][:1] == ["portfolio-depth"]
    await search.suggest("포트")  # reads the titles: unusable, answered without them
    assert "portfolio-depth" in [s.ref for s in await search.suggest("포트")]  # rebuilt
    assert len(builds) == 2
    await search.close()
    assert await answers(await started(db), queries()) == await fresh_answers(db)


async def test_a_title_index_that_fails_when_a_write_is_followed_is_rebuilt_not_trusted(
    db: Database, builds: list[int]
) -> None:
    """The saved file checked out and the titles left to be read when first needed; the first
    to need them is following a write, and they do not fit their file. That follow used to
    carry on into an empty title index and mark it current: autocomplete then knew only the
    entry just written, and close() saved that as the index the next start trusts."""
    from bot.search import index_file

    await (await started(db)).close()
    path = file_for(db.path)
    assert path is not None
    found = index_file.read(path)
    assert found is not None
    head, sections = found
    broken = {k: bytes(v) for k, v in sections.items()}
    broken["titles.keys"] = broken["titles.keys"][:-3]  # whole file, titles that do not fit
    index_file.write(path, head, broken)
    search = SearchService(
        SqliteSearchStore(db), entries=EntryRepository(db), index_file=file_for(db.path)
    )
    assert [h.id for h in (await search.search("포트폴리오")).hits][:1] == ["portfolio-depth"]
    assert len(builds) == 1  # read lazily: the titles not yet
    await add_entries(
        db, [draft("finetune", "파인튜닝과 프롬프트", "파인튜닝은 가중치를 바꿉니다.")]
    )
    await search.suggest("파인")  # follows the write: reads the titles, which fail
    assert "finetune" in [s.ref for s in await search.suggest("파인")]
    assert "portfolio-depth" in [s.ref for s in await search.suggest("포트")]
    assert len(builds) == 2  # rebuilt
    assert await answers(search, queries()) == await fresh_answers(db)
    await search.close()
    restarted = await started(db)
    assert await answers(restarted, queries()) == await fresh_answers(db)
    await restarted.close()


async def test_a_rebuild_while_running_is_built_elsewhere_and_read_back(
    db: Database, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the change log no longer reaches back, another process builds and saves the index
    (bot/search/build_index.py) and this one reads it: no build here, never two snapshots."""
    search = await started(db)
    assert len(builds) == 1
    held = search._index._snapshot
    monkeypatch.setattr(live_index, "MAX_FOLLOW", 0)  # every write too big to follow
    monkeypatch.setattr(live_index, "RELOAD_WAIT", 60)  # compare once it has reloaded
    await add_entries(
        db, [draft("finetune", "파인튜닝과 프롬프트", "파인튜닝은 가중치를 바꿉니다.")]
    )
    assert "finetune" in [s.ref for s in await search.suggest("파인")]
    assert len(builds) == 1  # built by the other process
    assert search._index._snapshot is not held
    assert await answers(search, queries()) == await fresh_answers(db)
    await search.close()


def test_a_dead_writers_temporary_file_is_swept(tmp_path: Path) -> None:
    import os

    from bot.search import index_file

    path = tmp_path / "sunbae.db.search-index"
    old = tmp_path / "sunbae.db.search-index.999999.tmp"
    recent = tmp_path / "sunbae.db.search-index.999998.tmp"
    old.write_bytes(b"half")
    recent.write_bytes(b"being written")
    stale = time.time() - index_file.STALE_SECONDS - 10
    os.utime(old, (stale, stale))
    index_file.write(path, {}, {"s": b"x"})
    assert not old.exists()  # left by a writer that died
    assert recent.exists()  # maybe another process writing now
    assert index_file.read(path) is not None
