"""TipScheduler driven by a manual clock and a recording poster, on a real SQLite file."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.models.tips import Outcome, PostStatus, TipProblem
from bot.store.database import Database
from bot.tips.errors import PostError
from bot.tips.poster import PostedTip
from tests.helpers_store import app_services
from tests.helpers_tips import (
    Crash,
    ManualClock,
    RecordingPoster,
    add_tip_entries,
    tip_scheduler,
)

UTC = dt.UTC
SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
A, B = 111, 222  # servers
STEP = dt.timedelta(minutes=10)
CH_A, CH_B = 11, 22  # their channels


class Bot:
    """One running bot process: database, service, scheduler. `restart()` is a new process."""

    def __init__(self, path: Path, clock: ManualClock, poster: RecordingPoster) -> None:
        self.path, self.clock, self.poster = path, clock, poster

    async def start(self) -> Bot:
        self.db = await Database.open(self.path)
        self.services = await app_services(self.db, clock=self.clock)
        self.service = self.services.tips
        self.scheduler = tip_scheduler(
            self.services, grace=dt.timedelta(hours=3), sleep=self.clock.sleep
        )
        return self

    async def restart(self) -> None:
        await self.db.close()
        await self.start()

    async def walk(self, until: dt.datetime, step: dt.timedelta = STEP) -> list[Outcome]:
        outcomes: list[Outcome] = []
        while self.clock() < until:
            outcomes += await self.scheduler.tick(self.poster)
            self.clock.advance(step)
        return outcomes


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2025, 3, 1, 8, 0, tzinfo=SEOUL))


@pytest.fixture
def poster(clock: ManualClock) -> RecordingPoster:
    return RecordingPoster(clock=clock)


@pytest.fixture
async def bot(tmp_path: Path, clock: ManualClock, poster: RecordingPoster) -> AsyncIterator[Bot]:
    running = await Bot(tmp_path / "bot.db", clock, poster).start()
    await add_tip_entries(running.db, [f"e{i:02d}" for i in range(40)])
    yield running
    await running.db.close()


def local(moment: dt.datetime | None, zone: ZoneInfo) -> tuple[dt.date, str]:
    assert moment is not None
    wall = moment.astimezone(zone)
    return wall.date(), f"{wall:%H:%M}"


async def test_run_posts_once_a_day_on_time(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    stop = asyncio.Event()
    end = clock() + dt.timedelta(days=5)

    async def sleep(seconds: float) -> None:
        assert 0 < seconds <= 3600
        clock.advance(seconds=seconds)
        if clock() >= end:
            stop.set()

    # Long naps keep the test fast; they still have to end exactly at each slot.
    scheduler = tip_scheduler(bot.services, sleep=sleep, max_sleep=3600)
    await asyncio.wait_for(scheduler.run(stop, bot.poster), timeout=5)
    posts = bot.poster.posted_in(A)
    assert [local(m.at, SEOUL) for m in posts] == [
        (dt.date(2025, 3, d), "09:00") for d in range(1, 6)
    ]
    assert len({m.tip.entry_id for m in posts}) == 5
    assert len({m.nonce for m in posts}) == 5
    row = await bot.service.store.post(A, dt.date(2025, 3, 3))
    assert row is not None
    assert (row.status, row.message_id, row.entry_id) == (
        "sent",
        posts[2].id,
        posts[2].tip.entry_id,
    )


async def test_run_stops_promptly_with_the_real_sleep(bot: Bot) -> None:
    stop = asyncio.Event()
    scheduler = tip_scheduler(bot.services)  # default sleep: waits on `stop`
    task = asyncio.create_task(scheduler.run(stop, bot.poster))
    await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=2)


async def test_restart_within_the_grace_window_posts_once_late(
    bot: Bot, clock: ManualClock
) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    await bot.db.close()  # the bot is down at 09:00
    clock.set(dt.datetime(2025, 3, 1, 11, 40, tzinfo=SEOUL))
    await bot.start()
    first = await bot.scheduler.tick(bot.poster)
    assert [(o.guild_id, o.kind) for o in first] == [(A, "sent")]
    await bot.walk(dt.datetime(2025, 3, 1, 23, 0, tzinfo=SEOUL))
    assert [local(m.at, SEOUL) for m in bot.poster.messages] == [(dt.date(2025, 3, 1), "11:40")]


async def test_restart_after_the_grace_window_skips_the_day(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    await bot.db.close()
    clock.set(dt.datetime(2025, 3, 1, 12, 10, tzinfo=SEOUL))  # 3 h 10 min late
    await bot.start()
    outcomes = await bot.walk(dt.datetime(2025, 3, 1, 23, 0, tzinfo=SEOUL))
    assert [(o.kind, o.date) for o in outcomes] == [("skipped", dt.date(2025, 3, 1))]
    assert outcomes[0].reason is not None and "missed" in outcomes[0].reason
    assert bot.poster.messages == []
    row = await bot.service.store.post(A, dt.date(2025, 3, 1))
    assert row is not None and row.status == "skipped"
    await bot.walk(dt.datetime(2025, 3, 2, 10, 0, tzinfo=SEOUL))  # the next day is normal
    assert [local(m.at, SEOUL) for m in bot.poster.messages] == [(dt.date(2025, 3, 2), "09:00")]


async def test_two_servers_in_different_zones(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00", timezone="Asia/Seoul")
    await bot.service.configure(B, channel_id=CH_B, time="09:00", timezone="America/New_York")
    await bot.walk(clock() + dt.timedelta(days=3))
    seoul = [local(m.at, SEOUL) for m in bot.poster.posted_in(A)]
    new_york = [local(m.at, NEW_YORK) for m in bot.poster.posted_in(B)]
    assert seoul == [(dt.date(2025, 3, d), "09:00") for d in (1, 2, 3)]
    # From 18:00 on 28 February to 18:00 on 3 March in New York.
    assert new_york == [(dt.date(2025, 3, d), "09:00") for d in (1, 2, 3)]
    assert bot.poster.posted_in(B)[0].at == dt.datetime(2025, 3, 1, 14, 0, tzinfo=UTC)
    assert {m.channel_id for m in bot.poster.posted_in(B)} == {CH_B}


async def test_slots_either_side_of_utc_midnight_post_at_their_local_minute(
    bot: Bot, clock: ManualClock
) -> None:
    """08:00 in Seoul is 23:00 UTC the day before; 20:00 in New York is 01:00 UTC the day
    after: each server's day is its own, whatever the UTC date."""
    await bot.service.configure(A, channel_id=CH_A, time="08:00", timezone="Asia/Seoul")
    await bot.service.configure(B, channel_id=CH_B, time="20:00", timezone="America/New_York")
    await bot.walk(clock() + dt.timedelta(days=3))
    seoul = [local(m.at, SEOUL) for m in bot.poster.posted_in(A)]
    new_york = [local(m.at, NEW_YORK) for m in bot.poster.posted_in(B)]
    assert seoul == [(dt.date(2025, 3, d), "08:00") for d in (1, 2, 3)]
    assert new_york == [(dt.date(2025, 2, 28), "20:00")] + [
        (dt.date(2025, 3, d), "20:00") for d in (1, 2)
    ]


async def test_the_loop_wakes_for_a_slot_on_the_servers_date(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(B, channel_id=CH_B, time="20:00", timezone="America/New_York")
    clock.set(dt.datetime(2025, 3, 1, 19, 59, 30, tzinfo=NEW_YORK))  # 00:59:30 UTC, 2 March
    assert await bot.scheduler.seconds_until_due() == 30


async def test_missing_permission_is_recorded_once_and_others_still_post(
    bot: Bot, clock: ManualClock
) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    await bot.service.configure(B, channel_id=CH_B, time="09:00")
    bot.poster.fail_with[CH_A] = PostError("missing_permissions", "cannot send messages in #tips")
    outcomes = await bot.walk(dt.datetime(2025, 3, 1, 23, 0, tzinfo=SEOUL))
    assert sorted((o.guild_id, o.kind) for o in outcomes) == [(A, "failed"), (B, "sent")]
    assert [c[0] for c in bot.poster.post_calls].count(A) == 1  # no retry storm
    assert len(bot.poster.posted_in(B)) == 1
    problem = (await bot.service.settings(A)).problem
    assert problem == TipProblem(
        dt.date(2025, 3, 1), "refused", "missing_permissions", CH_A, 1,
        "cannot send messages in #tips",
    )  # fmt: skip
    assert (await bot.service.settings(A)).last_problem is None  # shown once
    row = await bot.service.store.post(A, dt.date(2025, 3, 1))
    assert row is not None and row.status == "failed"

    # Fixed overnight: the next day posts, and a success clears any problem.
    del bot.poster.fail_with[CH_A]
    await bot.service.store.set_problem(A, "stale", now=clock())
    await bot.walk(dt.datetime(2025, 3, 2, 10, 0, tzinfo=SEOUL))
    assert len(bot.poster.posted_in(A)) == 1
    assert (await bot.service.settings(A)).last_problem is None


async def test_one_servers_retry_neither_holds_up_nor_settles_anothers_tip(
    bot: Bot, clock: ManualClock
) -> None:
    """Two servers at the same slot; A's channel is failing. B posts at 09:00 all the same,
    and A's day stays pending (it is not B's message) until A's own retry posts in A's channel."""
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    await bot.service.configure(B, channel_id=CH_B, time="09:00")
    bot.poster.fail_with[CH_A] = PostError("transient", "502 Bad Gateway")
    minute = dt.timedelta(minutes=1)
    await bot.walk(dt.datetime(2025, 3, 1, 9, 1, tzinfo=SEOUL), minute)
    [b_tip] = bot.poster.posted_in(B)
    assert (b_tip.channel_id, b_tip.at) == (CH_B, dt.datetime(2025, 3, 1, 0, 0, tzinfo=UTC))
    a_row = await bot.service.store.post(A, dt.date(2025, 3, 1))
    assert a_row is not None and (a_row.status, a_row.message_id) == ("pending", None)

    del bot.poster.fail_with[CH_A]
    await bot.walk(dt.datetime(2025, 3, 1, 10, 0, tzinfo=SEOUL), minute)
    [a_tip] = bot.poster.posted_in(A)
    assert a_tip.channel_id == CH_A
    a_row = await bot.service.store.post(A, dt.date(2025, 3, 1))
    assert a_row is not None and (a_row.status, a_row.message_id) == ("sent", a_tip.id)
    b_row = await bot.service.store.post(B, dt.date(2025, 3, 1))
    assert b_row is not None and (b_row.status, b_row.message_id) == ("sent", b_tip.id)
    assert len(bot.poster.posted_in(B)) == 1


async def test_transient_errors_retry_then_give_up_at_the_window(
    bot: Bot, clock: ManualClock
) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    bot.poster.fail_with[CH_A] = PostError("transient", "502 Bad Gateway")
    outcomes = await bot.walk(dt.datetime(2025, 3, 1, 10, 0, tzinfo=SEOUL), dt.timedelta(minutes=1))
    kinds = [o.kind for o in outcomes]
    assert kinds and set(kinds) == {"retry"}
    assert len(kinds) <= 6  # backing off, not once a minute
    del bot.poster.fail_with[CH_A]
    outcomes = await bot.walk(dt.datetime(2025, 3, 1, 11, 0, tzinfo=SEOUL), dt.timedelta(minutes=1))
    assert [o.kind for o in outcomes] == ["sent"]
    assert len(bot.poster.messages) == 1

    bot.poster.fail_with[CH_A] = PostError("rate_limited", "slow down", retry_after=30)
    outcomes = await bot.walk(dt.datetime(2025, 3, 2, 23, 0, tzinfo=SEOUL))
    assert outcomes[-1].kind == "failed"
    assert outcomes[-1].reason is not None and "gave up" in outcomes[-1].reason
    day_2 = [o.kind for o in outcomes if o.date == dt.date(2025, 3, 2)]
    assert 3 <= day_2.count("retry") <= 10
    gave_up = (await bot.service.settings(A)).problem
    assert gave_up is not None and (gave_up.kind, gave_up.cause) == ("gave_up", "rate_limited")
    assert gave_up.attempts == day_2.count("retry") + 1
    assert len(bot.poster.messages) == 1


async def test_crash_between_send_and_record_does_not_post_twice(
    bot: Bot, clock: ManualClock
) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    clock.set(dt.datetime(2025, 3, 1, 9, 0, tzinfo=SEOUL))
    bot.poster.crash_after_send = True
    with pytest.raises(Crash):
        await bot.scheduler.tick(bot.poster)
    [sent] = bot.poster.messages
    row = await bot.service.store.post(A, dt.date(2025, 3, 1))
    assert row is not None and (row.status, row.message_id) == ("pending", None)

    await bot.restart()
    assert await bot.scheduler.tick(bot.poster) == []  # the crashed attempt's lease still holds
    clock.advance(minutes=5)
    outcomes = await bot.scheduler.tick(bot.poster)
    assert [(o.kind, o.message_id) for o in outcomes] == [("recovered", sent.id)]
    assert bot.poster.find_calls == [(CH_A, sent.nonce)]
    await bot.walk(dt.datetime(2025, 3, 1, 23, 0, tzinfo=SEOUL))
    assert bot.poster.messages == [sent]
    row = await bot.service.store.post(A, dt.date(2025, 3, 1))
    assert row is not None and (row.status, row.message_id) == ("sent", sent.id)


async def test_crash_before_the_send_reached_discord_posts_once_on_restart(
    bot: Bot, clock: ManualClock
) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    clock.set(dt.datetime(2025, 3, 1, 9, 0, tzinfo=SEOUL))
    bot.poster.fail_with[CH_A] = Crash("killed mid-request")  # type: ignore[assignment]
    with pytest.raises(Crash):
        await bot.scheduler.tick(bot.poster)
    del bot.poster.fail_with[CH_A]
    await bot.restart()
    clock.advance(minutes=10)
    outcomes = await bot.scheduler.tick(bot.poster)
    assert [o.kind for o in outcomes] == ["sent"]
    [message] = bot.poster.messages
    assert message.nonce == bot.poster.find_calls[0][1]  # looked first, then sent, same nonce


async def test_a_crashed_attempt_resumed_after_the_grace_window_skips_the_day(
    bot: Bot, clock: ManualClock
) -> None:
    """Killed before the send reached Discord, down until 14:00: the day's tip is not posted
    five hours late; the day is skipped and the next one posts on time."""
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    clock.set(dt.datetime(2025, 3, 1, 9, 0, tzinfo=SEOUL))
    bot.poster.fail_with[CH_A] = Crash("killed mid-request")  # type: ignore[assignment]
    with pytest.raises(Crash):
        await bot.scheduler.tick(bot.poster)
    del bot.poster.fail_with[CH_A]
    await bot.restart()
    clock.set(dt.datetime(2025, 3, 1, 14, 0, tzinfo=SEOUL))
    outcomes = await bot.scheduler.tick(bot.poster)
    assert [(o.kind, o.date) for o in outcomes] == [("skipped", dt.date(2025, 3, 1))]
    assert bot.poster.messages == []
    row = await bot.service.store.post(A, dt.date(2025, 3, 1))
    assert row is not None and row.status == "skipped"
    await bot.walk(dt.datetime(2025, 3, 2, 10, 0, tzinfo=SEOUL))
    assert [local(m.at, SEOUL) for m in bot.poster.messages] == [(dt.date(2025, 3, 2), "09:00")]


async def test_clock_jumps_do_not_double_post(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    await bot.walk(dt.datetime(2025, 3, 1, 9, 30, tzinfo=SEOUL))
    assert len(bot.poster.messages) == 1
    clock.advance(hours=-1)  # NTP correction: 08:30 again
    await bot.walk(dt.datetime(2025, 3, 1, 10, 0, tzinfo=SEOUL))
    clock.advance(days=-1)  # a wildly wrong clock: yesterday
    await bot.walk(clock() + dt.timedelta(hours=3))
    assert len(bot.poster.messages) == 1
    clock.set(dt.datetime(2025, 3, 2, 10, 0, tzinfo=SEOUL))  # forward past the next slot
    assert [o.kind for o in await bot.scheduler.tick(bot.poster)] == ["sent"]
    assert await bot.scheduler.tick(bot.poster) == []
    assert len(bot.poster.messages) == 2


async def test_skip_and_disable(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00", thread=True)
    assert await bot.service.skip(A) == dt.date(2025, 3, 1)
    outcomes = await bot.walk(dt.datetime(2025, 3, 2, 10, 0, tzinfo=SEOUL))
    assert [(o.date.day, o.kind) for o in outcomes] == [(1, "skipped"), (2, "sent")]
    assert bot.poster.messages[0].thread_id is not None
    await bot.service.disable(A)
    await bot.walk(dt.datetime(2025, 3, 4, 10, 0, tzinfo=SEOUL))
    assert len(bot.poster.messages) == 1


async def test_configuring_after_the_slot_waits_for_tomorrow(bot: Bot, clock: ManualClock) -> None:
    clock.set(dt.datetime(2025, 3, 1, 10, 0, tzinfo=SEOUL))
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    outcomes = await bot.walk(dt.datetime(2025, 3, 2, 9, 5, tzinfo=SEOUL))
    assert [(o.date.day, o.kind) for o in outcomes] == [(2, "sent")]


async def test_seconds_until_due_aims_at_the_slot(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="08:00")
    clock.set(dt.datetime(2025, 3, 1, 7, 59, 30, tzinfo=SEOUL))
    assert await bot.scheduler.seconds_until_due() == 30
    clock.set(dt.datetime(2025, 3, 1, 6, 0, tzinfo=SEOUL))
    assert await bot.scheduler.seconds_until_due() == 60


async def test_a_late_evening_slot_is_posted_after_midnight(bot: Bot, clock: ManualClock) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="23:30")
    await bot.db.close()  # down from before 23:30 until 00:40
    clock.set(dt.datetime(2025, 3, 2, 0, 40, tzinfo=SEOUL))
    await bot.start()
    outcomes = await bot.scheduler.tick(bot.poster)
    assert [(o.date, o.kind) for o in outcomes] == [(dt.date(2025, 3, 1), "sent")]
    assert bot.poster.messages[0].tip.date == dt.date(2025, 3, 1)


async def test_two_processes_on_one_database_post_once(
    bot: Bot, clock: ManualClock, poster: RecordingPoster
) -> None:
    await bot.service.configure(A, channel_id=CH_A, time="09:00")
    other = await Bot(bot.path, clock, poster).start()
    try:
        clock.set(dt.datetime(2025, 3, 1, 9, 0, tzinfo=SEOUL))
        for _ in range(3):
            await asyncio.gather(bot.scheduler.tick(bot.poster), other.scheduler.tick(other.poster))
            clock.advance(minutes=3)
    finally:
        await other.db.close()
    assert len(poster.messages) == 1


async def test_a_claimed_date_cannot_be_claimed_again(bot: Bot, clock: ManualClock) -> None:
    store, day = bot.service.store, dt.date(2025, 3, 1)

    async def claim(status: PostStatus) -> bool:
        return await store.claim(
            A,
            day,
            status=status,
            nonce="n",
            slot_at=clock(),
            channel_id=CH_A,
            entry_id=None,
            reason=None,
            now=clock(),
        )

    assert await claim("pending")
    assert await store.finish(A, day, status="sent", message_id=5, now=clock())
    assert not await claim("pending")
    assert not await store.finish(A, day, status="failed", now=clock())  # settled stays settled
    # A second process that read the row while it was pending cannot start sending it again.
    assert not await store.begin_attempt(
        A, day, channel_id=CH_A, now=clock(), lease=dt.timedelta(minutes=3)
    )
    row = await store.post(A, day)
    assert row is not None and (row.status, row.message_id) == ("sent", 5)


async def test_a_partial_problem_is_recorded_on_success(bot: Bot, clock: ManualClock) -> None:
    class NoThreads(RecordingPoster):
        async def post(self, *args: object, **kwargs: object) -> PostedTip:
            posted = await super().post(*args, **kwargs)  # type: ignore[arg-type]
            return PostedTip(posted.message_id, None, thread_problem="Missing Permissions")

    poster = NoThreads(clock=clock)
    await bot.service.configure(A, channel_id=CH_A, time="09:00", thread=True)
    await bot.service.store.set_problem(A, "an older problem", now=clock())
    clock.set(dt.datetime(2025, 3, 1, 9, 0, tzinfo=SEOUL))
    assert [o.kind for o in await bot.scheduler.tick(poster)] == ["sent"]
    problem = (await bot.service.settings(A)).problem
    assert problem == TipProblem(
        dt.date(2025, 3, 1), "no_thread", channel_id=CH_A, detail="Missing Permissions"
    )
