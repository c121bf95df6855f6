"""TipService against a real SQLite file: the tip of a day, the rotation, the settings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import get_args

import pytest

from bot.i18n import t
from bot.store.database import Database
from bot.tips.errors import NoTipsError, TipConfigError, TipConfigProblem
from bot.tips.service import TipService
from tests.helpers_store import app_services
from tests.helpers_tips import ManualClock, add_tip_entries, retire_entries

UTC = dt.UTC
GUILD = 111


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "tips.db")
    yield database
    await database.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2025, 3, 1, 0, 0, tzinfo=UTC))  # 09:00 in Seoul


@pytest.fixture
async def service(db: Database, clock: ManualClock) -> TipService:
    return (await app_services(db, clock=clock)).tips


async def test_the_tip_of_a_day_is_kept_all_day(
    db: Database, service: TipService, clock: ManualClock
) -> None:
    await add_tip_entries(db, [f"e{i}" for i in range(10)])
    clock.set(dt.datetime(2025, 3, 1, 15, 30, tzinfo=UTC))  # 00:30, 2 March in Seoul
    first = await service.today(GUILD)
    assert first.date == dt.date(2025, 3, 2)
    for hours in (3, 9, 16, 23):  # up to 23:30 in Seoul
        clock.set(dt.datetime(2025, 3, 1, 15, 30, tzinfo=UTC) + dt.timedelta(hours=hours))
        assert (await service.today(GUILD)).entry_id == first.entry_id
    clock.advance(hours=1)  # 00:30 on 3 March in Seoul: a new day, a new tip
    following = await service.today(GUILD)
    assert following.date == dt.date(2025, 3, 3)
    assert following.entry_id != first.entry_id


async def test_servers_have_their_own_rotation(db: Database, service: TipService) -> None:
    await add_tip_entries(db, [f"e{i}" for i in range(20)])
    day = dt.date(2025, 3, 1)
    a = [(await service.tip_for(1, day + dt.timedelta(days=i))).entry_id for i in range(20)]
    b = [(await service.tip_for(2, day + dt.timedelta(days=i))).entry_id for i in range(20)]
    assert sorted(a) == sorted(b) == sorted(f"e{i}" for i in range(20))
    assert a != b


async def test_a_new_cycle_in_one_server_leaves_anothers_cycle_alone(
    db: Database, service: TipService
) -> None:
    """Server 1 runs through its cycle and starts the next while server 2 is half way through
    its own: server 2 still shows each of its tips once before any comes back."""
    await add_tip_entries(db, [f"e{i}" for i in range(20)])
    day = dt.date(2025, 3, 1)
    first_half = [
        (await service.tip_for(2, day + dt.timedelta(days=i))).entry_id for i in range(10)
    ]
    for i in range(21):  # a whole cycle, then the first card of the next
        await service.tip_for(1, day + dt.timedelta(days=i))
    rest = [(await service.tip_for(2, day + dt.timedelta(days=i))).entry_id for i in range(10, 20)]
    assert sorted(first_half + rest) == sorted(f"e{i}" for i in range(20))


async def test_each_server_keeps_its_own_deck_and_its_last_tips_off_the_next_cycle(
    db: Database, service: TipService
) -> None:
    """Two servers deal day by day through several cycles: in each, no tip comes back within
    six days (a new cycle keeps the server's own last five off its top)."""
    await add_tip_entries(db, [f"e{i}" for i in range(10)])
    day = dt.date(2025, 3, 1)
    shown: dict[int, list[str]] = {1: [], 2: []}
    for i in range(40):
        for guild in (1, 2):
            shown[guild].append((await service.tip_for(guild, day + dt.timedelta(days=i))).entry_id)
    for cards in shown.values():
        assert all(len(set(cards[i : i + 6])) == 6 for i in range(len(cards) - 5)), cards
    async with service.store.dealing() as unit:
        one, two = await unit.load_deck(1), await unit.load_deck(2)
        assert await unit.load_deck(3) is None  # a server that never dealt has no deck
    assert one is not None and two is not None and one.seed != two.seed


async def test_new_entries_join_and_retired_ones_leave(db: Database, service: TipService) -> None:
    everything = {f"e{i}" for i in range(10)}
    await add_tip_entries(db, sorted(everything))
    day = dt.date(2025, 3, 1)
    shown = [(await service.tip_for(GUILD, day + dt.timedelta(days=i))).entry_id for i in range(4)]
    retired = set(sorted(everything - set(shown))[:2])  # two cards still in the deck
    await retire_entries(db, sorted(retired))
    await add_tip_entries(db, ["fresh"])
    await add_tip_entries(db, ["no-tip"], tip=False)  # advice without a tip never enters
    rest = [
        (await service.tip_for(GUILD, day + dt.timedelta(days=i))).entry_id for i in range(4, 40)
    ]
    # This cycle ends with exactly the unshown live cards, the newcomer among them.
    assert set(rest[:5]) == (everything - set(shown) - retired) | {"fresh"}
    assert not retired & set(rest)
    assert "no-tip" not in rest


async def test_a_retired_days_tip_is_replaced(db: Database, service: TipService) -> None:
    await add_tip_entries(db, ["a", "b", "c"])
    day = dt.date(2025, 3, 1)
    first = await service.tip_for(GUILD, day)
    await retire_entries(db, [first.entry_id])
    again = await service.tip_for(GUILD, day)
    assert again.entry_id != first.entry_id
    assert (await service.tip_for(GUILD, day)).entry_id == again.entry_id


async def test_preview_shows_the_coming_days_without_dealing(
    db: Database, service: TipService
) -> None:
    await add_tip_entries(db, [f"e{i}" for i in range(6)])
    today = await service.today(GUILD)  # today is decided; the rest are not
    preview = await service.preview(GUILD, 9)  # runs past the end of the 6-card cycle
    assert [p.date for p in preview] == [today.date + dt.timedelta(days=i) for i in range(9)]
    assert preview[0].entry_id == today.entry_id
    assert [p.entry_id for p in await service.preview(GUILD, 9)] == [p.entry_id for p in preview]
    actual = [await service.tip_for(GUILD, p.date) for p in preview]
    assert [a.entry_id for a in actual] == [p.entry_id for p in preview]


async def test_preview_shows_what_replaces_a_decided_tip_retired_since(
    db: Database, service: TipService
) -> None:
    await add_tip_entries(db, ["a", "b", "c", "d"])
    today = await service.today(GUILD)
    await retire_entries(db, [today.entry_id])
    preview = await service.preview(GUILD, 3)
    assert [p.date for p in preview] == [today.date + dt.timedelta(days=i) for i in range(3)]
    assert today.entry_id not in [p.entry_id for p in preview]
    assert (await service.tip_for(GUILD, today.date)).entry_id == preview[0].entry_id


async def test_preview_shows_the_servers_own_days_not_anothers(
    db: Database, service: TipService
) -> None:
    await add_tip_entries(db, [f"e{i}" for i in range(12)])
    today = await service.local_today(1)
    for i in range(5):  # server 1 has decided its coming days; server 2 has not
        await service.tip_for(1, today + dt.timedelta(days=i))
    preview = await service.preview(2, 5)
    actual = [await service.tip_for(2, p.date) for p in preview]
    assert [p.entry_id for p in preview] == [a.entry_id for a in actual]
    assert [p.date for p in preview] == [today + dt.timedelta(days=i) for i in range(5)]


async def test_no_tips(db: Database, service: TipService) -> None:
    await add_tip_entries(db, ["plain"], tip=False)
    with pytest.raises(NoTipsError, match="no tips"):
        await service.today(GUILD)
    assert await service.preview(GUILD, 3) == []


async def test_configure_validates(service: TipService) -> None:
    with pytest.raises(TipConfigError, match="choose a channel"):
        await service.configure(GUILD, time="09:00")
    with pytest.raises(TipConfigError, match="HH:MM"):
        await service.configure(GUILD, channel_id=5, time="25:00")
    with pytest.raises(TipConfigError, match="HH:MM"):
        await service.configure(GUILD, channel_id=5, time="9h")
    with pytest.raises(TipConfigError, match="unknown time zone 'Mars/Olympus'"):
        await service.configure(GUILD, channel_id=5, timezone="Mars/Olympus")
    assert not (await service.settings(GUILD)).enabled  # nothing was saved

    s = await service.configure(GUILD, channel_id=5, time="7:05", timezone="Europe/Berlin")
    assert (s.channel_id, s.time, s.timezone, s.enabled, s.open_thread) == (
        5,
        "07:05",
        "Europe/Berlin",
        True,
        False,
    )
    s = await service.configure(GUILD, thread=True)
    assert (s.channel_id, s.time, s.open_thread) == (5, "07:05", True)
    assert s.next_post_at == dt.datetime(2025, 3, 1, 6, 5, tzinfo=UTC)
    s = await service.disable(GUILD)
    assert not s.enabled
    assert s.next_post_at is None


async def test_last_problem_is_shown_once(service: TipService, clock: ManualClock) -> None:
    await service.configure(GUILD, channel_id=5)
    await service.store.set_problem(GUILD, "2025-03-01: missing_permissions", now=clock())
    assert (await service.settings(GUILD)).last_problem == "2025-03-01: missing_permissions"
    assert (await service.settings(GUILD)).last_problem is None


async def test_skip_targets_the_next_slot(service: TipService, clock: ManualClock) -> None:
    await service.configure(GUILD, channel_id=5, time="10:00")  # Seoul; it is 09:00 there
    assert await service.skip(GUILD) == dt.date(2025, 3, 1)
    clock.advance(hours=2)  # 11:00 in Seoul: today's slot has passed
    assert await service.skip(GUILD) == dt.date(2025, 3, 2)
    assert (await service.settings(GUILD)).skip_date == dt.date(2025, 3, 2)


async def test_a_skipped_day_moves_the_next_post_and_a_day_gone_by_stays_skipped(
    service: TipService, clock: ManualClock
) -> None:
    await service.configure(GUILD, channel_id=5, time="10:00")  # Seoul; it is 09:00 there
    assert (await service.settings(GUILD)).next_post_at == dt.datetime(2025, 3, 1, 1, tzinfo=UTC)
    assert await service.skip(GUILD) == dt.date(2025, 3, 1)
    # /tip-config shows tomorrow's 10:00 as the next post, not the skipped one
    assert (await service.settings(GUILD)).next_post_at == dt.datetime(2025, 3, 2, 1, tzinfo=UTC)
    # 01:00 on 2 March in Seoul (still 1 March in UTC), the bot down all of the skipped day:
    # that day is over for the server, so undoing the skip promises no post for it.
    clock.set(dt.datetime(2025, 3, 1, 16, 0, tzinfo=UTC))
    assert await service.unskip(GUILD) is None
    assert (await service.settings(GUILD)).skip_date is None


async def test_an_evening_in_new_york_is_still_its_day_though_utc_has_moved_on(
    service: TipService, clock: ManualClock
) -> None:
    await service.configure(GUILD, channel_id=5, time="21:00", timezone="America/New_York")
    clock.set(dt.datetime(2025, 3, 2, 1, 0, tzinfo=UTC))  # 20:00 on 1 March in New York
    assert (await service.settings(GUILD)).next_post_at == dt.datetime(2025, 3, 2, 2, tzinfo=UTC)
    assert await service.skip(GUILD, "2025-03-01") == dt.date(2025, 3, 1)  # not "in the past"
    assert await service.skip(GUILD) == dt.date(2025, 3, 1)  # tonight's 21:00 is next
    with pytest.raises(TipConfigError) as caught:
        await service.skip(GUILD, "2025-02-28")  # yesterday there
    assert caught.value.problem == "past_date"


async def test_every_refusal_can_be_said_in_the_users_language(service: TipService) -> None:
    """The service's messages are English (for the CLI); each refusal also names its problem,
    which the Discord side words in Korean or English, never showing the English text."""
    refusals = []
    for change in (
        {"time": "09:00"},
        {"channel_id": 0},
        {"channel_id": 5, "time": "25:00"},
        {"channel_id": 5, "timezone": "Mars/Olympus"},
    ):
        with pytest.raises(TipConfigError) as caught:
            await service.configure(GUILD, **change)  # type: ignore[arg-type]
        refusals.append(caught.value)
    await service.configure(GUILD, channel_id=5)
    await service.store.claim(
        GUILD, dt.date(2025, 3, 2), status="skipped", nonce="n", slot_at=service.clock(),
        channel_id=5, entry_id=None, reason="test", now=service.clock(),
    )  # fmt: skip
    for day in ("soon", "2025-02-27", "2025-03-02"):  # not a date, past, already settled
        with pytest.raises(TipConfigError) as caught:
            await service.skip(GUILD, day)
        refusals.append(caught.value)
    assert {r.problem for r in refusals} == set(get_args(TipConfigProblem))
    for refusal in refusals:
        korean = t(f"tipcfg.{refusal.problem}", "ko", value=refusal.value)
        english = t(f"tipcfg.{refusal.problem}", "en", value=refusal.value)
        assert re.search("[가-힣]", korean) and str(refusal) not in (korean, english)
