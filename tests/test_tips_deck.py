"""The rotation rules (bot/tips/deck.py) on a real SQLite store: every card once per cycle, the
last shown kept off the next cycle's top, tips added and retired mid-cycle, exact previews, and
a draw that reads a few index rows whatever the number of tips; decks of the JSON-array era
keep their place and their no-repeat promise through migration 0011."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.models import EntryDraft
from bot.models.tips import Deck
from bot.store.database import Database, apply_migrations
from bot.store.tips import TipRepository
from bot.tips.deck import draw, peek
from tests.helpers_store import retire_ids, store_drafts

NOW = "2026-12-01T00:00:00+00:00"
A, B = 101, 202


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "deck.db")
    yield database
    await database.close()


def cards(n: int, prefix: str = "c") -> list[str]:
    return [f"{prefix}{i:02d}" for i in range(n)]


async def add_tips(db: Database, ids: list[str]) -> None:
    drafts = [EntryDraft(id=i, title=f"title {i}", body="body", tip=f"tip {i}") for i in ids]
    await store_drafts(db, drafts, now=NOW)


async def deal(db: Database, deck: Deck, n: int, guild: int = A) -> tuple[list[str], Deck]:
    store = TipRepository(db)
    dealt: list[str] = []
    for _ in range(n):
        async with store.dealing() as unit:
            card, deck = await draw(unit, guild, deck)
            assert card is not None
        dealt.append(card)
    return dealt, deck


async def test_every_card_once_per_cycle(db: Database) -> None:
    live = cards(12)
    await add_tips(db, live)
    dealt, _ = await deal(db, Deck(seed="a"), 36)
    for start in (0, 12, 24):
        assert sorted(dealt[start : start + 12]) == live


async def test_order_depends_on_the_seed(db: Database) -> None:
    await add_tips(db, cards(12))
    first = (await deal(db, Deck(seed="a"), 12, guild=A))[0]
    assert first != (await deal(db, Deck(seed="b"), 12, guild=B))[0]


@pytest.mark.parametrize(("n", "keep_away"), [(2, 1), (3, 1), (7, 3), (10, 5), (40, 5)])
async def test_a_new_cycle_keeps_the_last_shown_off_the_top(
    db: Database, n: int, keep_away: int
) -> None:
    await add_tips(db, cards(n))
    for seed in range(12):  # many cycles: a rule that only usually holds would fail here
        dealt, _ = await deal(db, Deck(seed=str(seed)), 2 * n, guild=seed + 1)
        assert not set(dealt[n - keep_away : n]) & set(dealt[n : n + keep_away]), (seed, dealt)


async def test_a_new_card_joins_the_current_cycle(db: Database) -> None:
    live = cards(10)
    await add_tips(db, live)
    first, deck = await deal(db, Deck(seed="s"), 5)
    await add_tips(db, ["new"])
    rest, _ = await deal(db, deck, 6)  # the 5 left plus the newcomer, before a new cycle
    assert sorted(first + rest) == sorted([*live, "new"])


async def test_a_retired_card_leaves_the_deck(db: Database) -> None:
    live = cards(10)
    await add_tips(db, live)
    first, deck = await deal(db, Deck(seed="s"), 3)
    gone = next(c for c in live if c not in first)
    await retire_ids(db, [gone], now=NOW)
    later, _ = await deal(db, deck, 30)
    assert gone not in later
    assert sorted(first + later[:6]) == sorted(c for c in live if c != gone)


async def test_peek_predicts_draws_across_a_new_cycle(db: Database) -> None:
    await add_tips(db, cards(6))
    _, deck = await deal(db, Deck(seed="p"), 4)
    predicted = await peek(TipRepository(db).reading(), A, deck, 9)
    assert predicted == (await deal(db, deck, 9))[0]


async def test_servers_deal_apart(db: Database) -> None:
    await add_tips(db, cards(8))
    mine, _ = await deal(db, Deck(seed="same"), 5, guild=A)
    theirs, _ = await deal(db, Deck(seed="same"), 8, guild=B)
    assert sorted(theirs) == cards(8)  # A's deals take nothing from B's cycle
    assert theirs[:5] == mine  # same seed, same tips: same order


async def test_no_live_cards(db: Database) -> None:
    store = TipRepository(db)
    async with store.dealing() as unit:
        card, deck = await draw(unit, A, Deck(seed="e"))
    assert card is None
    assert await peek(store.reading(), A, deck, 3) == []


async def test_a_draw_reads_the_live_tips_index(db: Database) -> None:
    """The draw's queries go through the partial index in rowid order: no scan of the entries
    (the cost does not grow with the tips; bench/load.py measures it)."""
    await add_tips(db, cards(30))
    await store_drafts(
        db, [EntryDraft(id=f"plain{i}", title="t", body="b") for i in range(30)], now=NOW
    )
    plans: list[str] = []
    conn = sqlite3.connect(db.path)
    visible = "(e.guild_id IS NULL)"
    for sql in (
        "SELECT e.rowid FROM entries e WHERE (e.tip IS NOT NULL) = 1"
        " AND e.retired = 0 AND e.tip IS NOT NULL ORDER BY e.rowid DESC LIMIT 1",
        "SELECT coalesce(e.base_id, e.id) FROM entries e WHERE (e.tip IS NOT NULL) = 1"
        f" AND e.retired = 0 AND e.tip IS NOT NULL AND {visible} AND e.rowid >= 3"
        " ORDER BY e.rowid LIMIT 1",
    ):
        plans += [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    conn.close()
    assert all("entries_live_tips" in p for p in plans if "entries" in p or "e " in p), plans
    assert not any(p.startswith("SCAN e") for p in plans), plans


async def test_migration_keeps_each_servers_place_and_promise(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = await Database.open(path, migrate=False)
    await apply_migrations(db._writer, target=10)
    live = cards(8)
    async with db.transaction() as conn:  # as that schema's store wrote them (today's needs more)
        await conn.executemany(
            "INSERT INTO entries (id, title, body, tip, content_hash, origin, created_at,"
            " updated_at) VALUES (?, ?, 'body', ?, 'h', 'moderator', ?, ?)",
            [(i, f"title {i}", f"tip {i}", NOW, NOW) for i in live],
        )
    dealt = ["c03", "c06", "c00"]
    remaining = ["c01", "c07", "c02", "c05", "c04"]
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO tip_decks (guild_id, seed, cycle, remaining, dealt, recent, updated_at)"
            " VALUES (?, 'old', 2, ?, ?, ?, ?)",
            (A, json.dumps(remaining), json.dumps(dealt), json.dumps(["c02", *dealt]), NOW),
        )
    await apply_migrations(db._writer)
    store = TipRepository(db)
    deck = await store.reading().load_deck(A)
    assert deck == Deck(seed="old", cycle=2, dealt=3, keep_away=4, recent=("c02", *dealt))
    rest, deck = await deal(db, deck, 5)
    assert sorted(rest) == sorted(remaining)  # the cycle ends with what was left, no repeats
    assert deck.cycle == 2
    following, _ = await deal(db, deck, 8)
    assert sorted(following) == live
    await db.close()
