"""The TipStore contract (bot/tips/ports.py), written against the interface only: what any
backend must do for the daily tip to be dealt without repeats and posted exactly once."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.models import EntryDraft
from bot.models.tips import Deck, TipSettings
from tests.contracts.backends import Backend

A, B = 101, 202
DAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=2)


def tip(entry_id: str) -> EntryDraft:
    return EntryDraft(id=entry_id, title=f"title {entry_id}", body="body", tip=f"tip {entry_id}")


def settings(guild_id: int, **changes: object) -> TipSettings:
    base = TipSettings(
        guild_id=guild_id,
        channel_id=555,
        time="09:00",
        timezone="Asia/Seoul",
        enabled=True,
        open_thread=False,
        skip_date=None,
        last_problem=None,
        problem_at=None,
        active_since=NOW,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


async def test_live_tips_are_the_entries_with_a_tip_that_are_not_retired(
    backend: Backend,
) -> None:
    await backend.add_entries([tip("b"), tip("a"), EntryDraft(id="c", title="c", body="no tip")])
    assert await backend.tips.reading().live_tip_ids(A) == ["a", "b"]
    await backend.retire(["b"])
    assert await backend.tips.reading().live_tip_ids(A) == ["a"]


async def test_cards_come_from_the_point_on_and_dealt_ones_are_skipped(
    backend: Backend,
) -> None:
    await backend.add_entries([tip(c) for c in "abcd"] + [EntryDraft(id="x", title="x", body="x")])
    reads = backend.tips.reading()
    assert await reads.live_tip_count(A, at_most=10) == 4
    assert await reads.live_tip_count(A, at_most=2) == 2
    assert await reads.is_live_tip(A, "a") and not await reads.is_live_tip(A, "x")
    found = {await reads.next_card(A, p / 10, skip=(), undealt=True) for p in range(10)}
    assert found == set("abcd")  # every card is some point's
    assert await reads.next_card(A, 0.0, skip="abc", undealt=True) == "d"
    assert await reads.next_card(A, 0.99, skip="bcd", undealt=True) == "a"  # wraps around
    async with backend.tips.dealing() as unit:
        for card in "abc":
            await unit.mark_dealt(A, card)
        assert await unit.next_card(A, 0.0, skip=(), undealt=True) == "d"
        assert await unit.next_card(A, 0.0, skip="d", undealt=True) is None
        assert await unit.next_card(A, 0.0, skip="d", undealt=False) is not None
    assert await reads.next_card(B, 0.0, skip="bcd", undealt=True) == "a"  # B dealt nothing
    async with backend.tips.dealing() as unit:
        await unit.new_cycle(A)
    assert await reads.next_card(A, 0.0, skip="bcd", undealt=True) == "a"
    await backend.retire(["a"])
    assert await reads.next_card(A, 0.0, skip="bcd", undealt=True) is None
    assert not await reads.is_live_tip(A, "a")
    assert await reads.live_tip_count(A, at_most=10) == 3


async def test_a_deal_commits_as_one_and_is_read_back(backend: Backend) -> None:
    deck = Deck(seed="s", cycle=1, dealt=1, keep_away=1, recent=("a",))
    async with backend.tips.dealing() as unit:
        assert await unit.load_deck(A) is None
        await unit.save_deck(A, deck, now=NOW)
        await unit.decide(A, DAY, "a", now=NOW)
        assert await unit.decided(A, DAY) == "a"  # a unit sees its own writes
    reads = backend.tips.reading()
    assert await reads.load_deck(A) == deck
    assert await reads.decided(A, DAY) == "a"
    assert await reads.decided_between(A, DAY, DAY + dt.timedelta(days=3)) == {DAY: "a"}
    assert await reads.load_deck(B) is None and await reads.decided(B, DAY) is None


async def test_a_failed_deal_writes_nothing(backend: Backend) -> None:
    with pytest.raises(RuntimeError):
        async with backend.tips.dealing() as unit:
            await unit.save_deck(A, Deck(seed="s"), now=NOW)
            await unit.decide(A, DAY, "a", now=NOW)
            raise RuntimeError("the draw failed")
    assert await backend.tips.reading().load_deck(A) is None
    assert await backend.tips.reading().decided(A, DAY) is None


async def test_deciding_a_day_again_replaces_its_tip(backend: Backend) -> None:
    async with backend.tips.dealing() as unit:
        await unit.decide(A, DAY, "a", now=NOW)
    async with backend.tips.dealing() as unit:
        await unit.decide(A, DAY, "b", now=NOW)
    assert await backend.tips.reading().decided(A, DAY) == "b"


async def test_settings_round_trip_per_server(backend: Backend) -> None:
    assert await backend.tips.settings(A) is None
    await backend.tips.save_settings(settings(A), now=NOW)
    await backend.tips.save_settings(settings(B, enabled=False), now=NOW)
    stored = await backend.tips.settings(A)
    assert stored is not None and (stored.channel_id, stored.time) == (555, "09:00")
    assert [s.guild_id for s in await backend.tips.active_settings()] == [A]
    await backend.tips.set_problem(A, "boom", now=NOW)
    await backend.tips.clear_problem_if(A, "other", now=NOW)  # not the current one: kept
    assert (await backend.tips.settings(A)).last_problem == "boom"  # type: ignore[union-attr]
    await backend.tips.clear_problem_if(A, "boom", now=NOW)
    assert (await backend.tips.settings(A)).last_problem is None  # type: ignore[union-attr]


async def test_a_day_is_claimed_once_then_attempted_under_a_lease_and_finished_once(
    backend: Backend,
) -> None:
    store = backend.tips

    async def claim(nonce: str) -> bool:
        return await store.claim(
            A, DAY, status="pending", nonce=nonce, slot_at=NOW, channel_id=555,
            entry_id="a", reason=None, now=NOW,
        )  # fmt: skip

    assert await claim("first") is True
    assert await claim("second") is False  # the day has its record: the second process loses
    assert (await store.post(A, DAY)).nonce == "first"  # type: ignore[union-attr]
    assert [p.guild_id for p in await store.pending_posts()] == [A]
    assert await store.post(B, DAY) is None

    assert await store.begin_attempt(A, DAY, channel_id=555, now=NOW, lease=LEASE)
    assert not await store.begin_attempt(A, DAY, channel_id=555, now=NOW, lease=LEASE)
    later = NOW + LEASE + dt.timedelta(seconds=1)
    assert await store.begin_attempt(A, DAY, channel_id=555, now=later, lease=LEASE)

    assert await store.finish(A, DAY, status="sent", now=later, message_id=9, entry_id="a")
    assert not await store.finish(A, DAY, status="failed", now=later, reason="late")
    done = await store.post(A, DAY)
    assert done is not None and (done.status, done.message_id) == ("sent", 9)
    assert await store.pending_posts() == []


async def test_retry_later_keeps_the_post_pending_until_then(backend: Backend) -> None:
    store = backend.tips
    await store.claim(
        A, DAY, status="pending", nonce="n", slot_at=NOW, channel_id=555, entry_id="a",
        reason=None, now=NOW,
    )  # fmt: skip
    retry_at = NOW + dt.timedelta(minutes=5)
    await store.retry_later(A, DAY, retry_at=retry_at, reason="429", now=NOW)
    post = await store.post(A, DAY)
    assert post is not None and post.status == "pending" and post.retry_at == retry_at


async def test_entries_are_looked_up_as_the_server_sees_them(backend: Backend) -> None:
    await backend.add_entries([tip("a"), tip("b")])
    entry = await backend.entries.get("a", guild_id=A)
    assert entry is not None and entry.tip == "tip a"
    assert [e.id for e in await backend.entries.get_many(["b", "zz", "a"], guild_id=A)] == [
        "b",
        "a",
    ]
