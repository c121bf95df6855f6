"""Daily slots across DST changes: one post on spring-forward and fall-back days."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.store.database import Database
from bot.tips.schedule import nonce_for, slot_at
from tests.helpers_store import app_services
from tests.helpers_tips import ManualClock, RecordingPoster, add_tip_entries

UTC = dt.UTC
GUILD, CHANNEL = 333, 33


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "dst.db")
    await add_tip_entries(database, [f"e{i}" for i in range(10)])
    yield database
    await database.close()


@pytest.mark.parametrize(
    "case",
    [
        # zone, local date, slot, expected post instant (UTC), expected wall time
        # spring forward: 02:30 does not exist; the slot moves to the shifted wall time
        "America/New_York 2025-03-09 02:30 -> 2025-03-09T07:30 03:30",
        "Europe/Berlin 2025-03-30 02:30 -> 2025-03-30T01:30 03:30",
        # fall back: the wall time happens twice; only the first one posts
        "America/New_York 2025-11-02 01:30 -> 2025-11-02T05:30 01:30",
        "Europe/Berlin 2025-10-26 02:30 -> 2025-10-26T00:30 02:30",
        # an ordinary day, for contrast
        "America/New_York 2025-03-08 02:30 -> 2025-03-08T07:30 02:30",
    ],
)
async def test_one_post_on_a_dst_day(db: Database, case: str) -> None:
    zone, day_text, time, _, expected_utc, expected_wall = case.split()
    tz, day = ZoneInfo(zone), dt.date.fromisoformat(day_text)
    clock = ManualClock(dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz))
    poster = RecordingPoster(clock=clock)
    services = await app_services(db, clock=clock)
    await services.tips.configure(GUILD, channel_id=CHANNEL, time=time, timezone=zone)
    scheduler = services.tip_scheduler
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=tz)
    while clock() < end:  # every 10 minutes through the local day (23 or 25 hours long)
        await scheduler.tick(poster)
        clock.advance(minutes=10)
    [message] = poster.messages
    assert message.at == dt.datetime.fromisoformat(expected_utc).replace(tzinfo=UTC)
    assert f"{message.at.astimezone(tz):%H:%M}" == expected_wall
    assert message.nonce == nonce_for(GUILD, day)


def test_slot_times_in_the_gap_and_the_overlap() -> None:
    new_york = "America/New_York"
    assert slot_at(dt.date(2025, 3, 9), "02:00", new_york) == dt.datetime(
        2025, 3, 9, 7, 0, tzinfo=UTC
    )
    assert slot_at(dt.date(2025, 3, 9), "03:00", new_york) == dt.datetime(
        2025, 3, 9, 7, 0, tzinfo=UTC
    )
    assert slot_at(dt.date(2025, 11, 2), "01:00", new_york) == dt.datetime(
        2025, 11, 2, 5, 0, tzinfo=UTC
    )
    assert slot_at(dt.date(2025, 11, 2), "02:00", new_york) == dt.datetime(
        2025, 11, 2, 7, 0, tzinfo=UTC
    )


def test_nonces_are_short_and_distinct() -> None:
    big = 2**63 - 1
    nonces = {
        nonce_for(g, dt.date(2025, 1, 1) + dt.timedelta(days=d))
        for g in (0, 1, big)
        for d in range(3)
    }
    assert len(nonces) == 9
    assert max(len(n) for n in nonces) <= 25
