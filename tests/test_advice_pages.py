"""A public /advice answer's kept pages: where Previous/Next lead when results were retired
since (bot/advice/paging.py), and the rows on a real SQLite file, each answering only in its
own server and on its own message (bot/store/advice_pages.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.advice import Place, position, settle, step_from
from bot.store.advice_pages import SqliteAdvicePages
from bot.store.database import Database
from cogs.advice.paging import custom_id

A, B = 111, 222
NOW = "2026-12-06T17:00:00+00:00"
OLD = "2026-09-07T17:00:00+00:00"  # 90 days before


def parts(n: int) -> int:
    return {1: 3}.get(n, 1)  # result 1 has three pages, the others one


def test_next_and_previous_walk_every_page_of_every_result() -> None:
    live = (True, True, True)
    at: Place | None = Place(0, 0)
    walked = []
    while at is not None:
        walked.append((at.n, at.part))
        at = step_from(live, parts, at, +1)
    assert walked == [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0)]
    assert step_from(live, parts, Place(2, 0), -1) == Place(1, 2)  # back: its last page
    assert step_from(live, parts, Place(0, 0), -1) is None


def test_a_retired_result_is_skipped_and_the_count_is_among_those_left() -> None:
    live = (True, False, True, False)
    assert step_from(live, parts, Place(0, 0), +1) == Place(2, 0)
    assert step_from(live, parts, Place(2, 0), +1) is None
    assert step_from(live, parts, Place(2, 0), -1) == Place(0, 0)
    # A button drawn on a page that is gone now: from there, or back to the nearest left.
    assert step_from(live, parts, Place(1, 2), +1) == Place(2, 0)
    assert settle(live, parts, Place(3, 0)) == Place(2, 0)
    assert settle(live, parts, Place(1, 1)) == Place(2, 0)
    assert settle((True, True), lambda n: 1, Place(0, 4)) == Place(0, 0)  # fewer pages now
    assert settle((False, False), parts, Place(0, 0)) is None
    assert [position(live, n) for n in (0, 2)] == [(1, 2), (2, 2)]
    assert position((False, True), 1) is None  # one left: no "result 1/1"


def test_a_button_names_its_answer_within_a_custom_id() -> None:
    longest = custom_id(2**63 - 1, Place(999, 9999), "next")
    assert len(longest) <= 100


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "pages.db")
    yield database
    await database.close()


async def test_a_kept_answer_is_read_only_in_its_server_and_on_its_message(db: Database) -> None:
    store = SqliteAdvicePages(db)
    kept = await store.keep(
        guild_id=A, owner_id=7, language="en", topic_id="portfolio",
        entry_ids=["a-1", "b-2"], lookup_id=None, now=NOW, forget_before=OLD,
    )  # fmt: skip
    # Being sent: its message is not known yet, and a click may come first.
    assert await store.get(kept, guild_id=A, message_id=900) is not None
    assert await store.get(kept, guild_id=B, message_id=900) is None
    await store.sent(kept, guild_id=B, message_id=901)  # another server cannot claim it
    await store.sent(kept, guild_id=A, message_id=900)
    row = await store.get(kept, guild_id=A, message_id=900)
    assert row is not None
    assert (row.owner_id, row.language, row.topic_id, row.entry_ids) == (
        7, "en", "portfolio", ("a-1", "b-2"),
    )  # fmt: skip
    assert await store.get(kept, guild_id=B, message_id=900) is None
    assert await store.get(kept, guild_id=A, message_id=901) is None
    assert not await store.reach(kept, guild_id=B, n=1)
    assert await store.reach(kept, guild_id=A, n=1)
    assert not await store.reach(kept, guild_id=A, n=1)  # counted once


async def test_a_servers_rows_older_than_the_cutoff_go_when_it_keeps_a_new_one(
    db: Database,
) -> None:
    store = SqliteAdvicePages(db)

    async def keep(guild_id: int, now: str, forget_before: str) -> int:
        return await store.keep(
            guild_id=guild_id, owner_id=7, language="ko", topic_id=None,
            entry_ids=["a-1", "b-2"], lookup_id=None, now=now, forget_before=forget_before,
        )  # fmt: skip

    old_a = await keep(A, "2026-09-01T00:00:00+00:00", "2026-06-01T00:00:00+00:00")
    old_b = await keep(B, "2026-09-01T00:00:00+00:00", "2026-06-01T00:00:00+00:00")
    recent_a = await keep(A, "2026-11-01T00:00:00+00:00", "2026-08-01T00:00:00+00:00")
    await keep(A, NOW, OLD)  # alpha keeps a new answer: its rows before OLD go
    assert await store.get(old_a, guild_id=A, message_id=1) is None
    assert await store.get(recent_a, guild_id=A, message_id=1) is not None
    assert await store.get(old_b, guild_id=B, message_id=1) is not None  # beta's stay


async def test_the_table_is_strict(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER"):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO advice_pages (guild_id, owner_id, language, entry_ids,"
                " created_at) VALUES ('x', 1, 'ko', '[]', ?)",
                (NOW,),
            )


async def test_a_kept_answer_keeps_no_words_asked(tmp_path: Path) -> None:
    """Nothing reads them: a page is made from the results kept (migration 0024)."""
    db = await Database.open(tmp_path / "sunbae.db")
    try:
        columns = [r[1] for r in await db.fetch("PRAGMA table_info(advice_pages)")]
        assert "query" not in columns
        assert {"guild_id", "owner_id", "entry_ids"} <= set(columns)
    finally:
        await db.close()
