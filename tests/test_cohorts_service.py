"""CohortService and DiscussionService on a real SQLite file, with a manual clock and a Discord
stand-in: one thread per (cohort, subject) whatever the clicks, crashes and thread states."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import iso
from bot.cohorts.service import SUGGESTIONS
from bot.models.cohort_errors import CohortError, ThreadError
from bot.models.cohorts import Cohort, CohortDraft, Subject
from bot.store.database import Database
from tests.helpers_cohorts import CohortApp, Crash, FakeDiscord, FakeThread, refused
from tests.helpers_tips import ManualClock, add_tip_entries

A, B = 111, 222
CHANNEL = 10
ENTRY = Subject.entry("e01")
MOD, CAMPER = 1, 2


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "bot.db")
    await add_tip_entries(database, ["e01", "e02"])
    yield database
    await database.close()


@pytest.fixture
async def app(db: Database, clock: ManualClock) -> CohortApp:
    return await CohortApp.build(db, clock)


@pytest.fixture
def discord() -> FakeDiscord:
    return FakeDiscord()


async def make(app: CohortApp, guild: int = A, name: str = "AI Lab 3기", **kw: object) -> Cohort:
    draft = CohortDraft(name=name, channel_id=CHANNEL, channel_kind="text", **kw)  # type: ignore[arg-type]
    return await app.cohorts.create(guild, draft, actor=MOD)


# -- cohorts -----------------------------------------------------------------------------------


async def test_create_validates_and_derives_the_number(app: CohortApp) -> None:
    cohort = await make(app, name="  AI   Lab 3기 ")
    assert (cohort.name, cohort.number, cohort.label) == ("AI Lab 3기", 3, "3기")
    with pytest.raises(CohortError) as taken:
        await make(app, name="ai lab 3 기")
    assert taken.value.code == "name_taken"
    with pytest.raises(CohortError) as long:
        await make(app, name="가" * 51)
    assert long.value.code == "name_too_long"
    assert (await make(app, name="가" * 50)).name == "가" * 50
    with pytest.raises(CohortError) as empty:
        await make(app, name="   ")
    assert empty.value.code == "name_empty"
    with pytest.raises(CohortError) as dates:
        await make(app, name="X", starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 1, 1))
    assert dates.value.code == "bad_dates"
    with pytest.raises(CohortError) as minutes:
        await make(app, name="Y", auto_archive_minutes=30)
    assert minutes.value.code == "bad_auto_archive"


async def test_edit_archive_and_find(app: CohortApp) -> None:
    cohort = await make(app)
    edited = await app.cohorts.edit(A, cohort.id, name="부스트캠프 AI Tech 7기", role_id=55)
    assert (edited.name, edited.number, edited.role_id) == ("부스트캠프 AI Tech 7기", 7, 55)
    assert (await app.cohorts.edit(A, cohort.id, clear_role=True)).role_id is None
    assert (await app.cohorts.find(A, str(cohort.id))).id == cohort.id
    assert (await app.cohorts.find(A, "부스트캠프 ai tech 7 기")).id == cohort.id
    with pytest.raises(CohortError):
        await app.cohorts.find(B, str(cohort.id))  # another server's id names nothing here
    archived = await app.cohorts.archive(A, cohort.id)
    assert archived.state == "archived"
    with pytest.raises(CohortError) as again:
        await app.cohorts.archive(A, cohort.id)
    assert again.value.code == "already_archived"
    assert (await app.cohorts.unarchive(A, cohort.id)).active


async def test_a_channel_problem_stays_until_the_channel_changes(app: CohortApp) -> None:
    """What went wrong in a channel (the bot may not post there) still holds after a rename;
    naming another channel forgets it."""
    cohort = await make(app)
    await app.cohorts.report_problem(A, cohort.id, "forbidden")
    renamed = await app.cohorts.edit(A, cohort.id, name="AI Lab 3기 (가을)")
    assert renamed.problem is not None and renamed.problem.kind == "forbidden"
    assert (await app.cohorts.get(A, cohort.id)).problem is not None
    moved = await app.cohorts.edit(
        A, cohort.id, channel=(cohort.channel_id + 1, cohort.channel_kind)
    )
    assert moved.problem is None and (await app.cohorts.get(A, cohort.id)).problem is None


async def test_archived_cohorts_neither_discuss_nor_take_a_channel(app: CohortApp) -> None:
    """Every cohort archived: no Discuss button, and the channel's daily tip has no cohort."""
    cohort = await make(app)
    assert await app.cohorts.any_active(A)
    assert (await app.cohorts.for_channel(A, CHANNEL)) == cohort
    await app.cohorts.archive(A, cohort.id)
    assert not await app.cohorts.any_active(A)
    assert await app.cohorts.for_channel(A, CHANNEL) is None


async def test_a_deleted_channel_flags_only_the_cohorts_discussing_there(app: CohortApp) -> None:
    here = await make(app)
    elsewhere = await make(app, name="AI Lab 4기")
    elsewhere = await app.cohorts.edit(A, elsewhere.id, channel=(CHANNEL + 1, "text"))
    await app.cohorts.channel_deleted(A, CHANNEL)
    assert (await app.cohorts.get(A, here.id)).problem is not None
    assert (await app.cohorts.get(A, elsewhere.id)).problem is None


async def test_suggestions_stop_at_what_autocomplete_shows(app: CohortApp) -> None:
    for n in range(SUGGESTIONS + 3):
        await make(app, name=f"AI Lab {n + 1}기")
    assert len(await app.cohorts.suggest(A, "")) == SUGGESTIONS


async def test_summaries_and_suggestions(app: CohortApp, discord: FakeDiscord) -> None:
    three = await make(app)
    four = await make(app, name="AI Lab 4기")
    await make(app, name="Alumni 1기")
    await app.cohorts.archive(A, four.id)
    await app.discussions.discuss(discord, A, three.id, ENTRY, user_id=CAMPER)
    listed = await app.cohorts.summaries(A)
    assert [(s.cohort.name, s.open_threads) for s in listed] == [
        ("AI Lab 3기", 1),
        ("Alumni 1기", 0),
        ("AI Lab 4기", 0),
    ]
    assert [c.name for c in await app.cohorts.suggest(A, "lab")] == ["AI Lab 3기", "AI Lab 4기"]
    assert [c.name for c in await app.cohorts.suggest(A, "ai", active_only=True)] == ["AI Lab 3기"]
    assert await app.cohorts.suggest(B, "") == []


# -- discussions -------------------------------------------------------------------------------


async def test_discuss_opens_once_then_links(app: CohortApp, discord: FakeDiscord) -> None:
    cohort = await make(app)
    first = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert first.kind == "opened" and first.thread_id is not None
    request = discord.opens[0]
    assert request.name == "[3기] title e01"
    assert request.starter.body == "body e01" and request.auto_archive_minutes == 10080
    second = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=MOD)
    assert (second.kind, second.thread_id) == ("existing", first.thread_id)
    assert len(discord.opens) == 1
    other = await app.discussions.discuss(
        discord, A, cohort.id, Subject.entry("e02"), user_id=CAMPER
    )
    assert other.thread_id != first.thread_id


async def test_twenty_concurrent_clicks_open_one_thread(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    discord.gate = asyncio.Event()
    clicks = [
        asyncio.create_task(app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=i))
        for i in range(20)
    ]
    await asyncio.sleep(0.01)
    discord.gate.set()
    outcomes = await asyncio.gather(*clicks)
    assert len(discord.live()) == 1
    assert {o.thread_id for o in outcomes} == {discord.live()[0].id}
    assert sorted(o.kind for o in outcomes) == ["existing"] * 19 + ["opened"]


async def test_two_processes_open_one_thread(
    db: Database, clock: ManualClock, discord: FakeDiscord
) -> None:
    async def sleep(seconds: float) -> None:  # time passes, and the other process runs
        clock.advance(seconds=seconds)
        # A real pause too: with sleep(0) the 280 polls of a lease could all run within the
        # test's 20 ms look, expire the first claim in fake time and open a second thread.
        await asyncio.sleep(0.002)

    one = await CohortApp.build(db, clock, sleep=sleep)
    two = await CohortApp.build(db, clock, sleep=sleep)
    cohort = await make(one)
    discord.gate = asyncio.Event()
    first = asyncio.create_task(one.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=1))
    second = asyncio.create_task(two.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=2))
    await discord.opening.wait()
    await asyncio.sleep(0.02)
    assert len(discord.opens) == 1 and not second.done()  # it waits on the first one's claim
    discord.gate.set()
    outcomes = await asyncio.gather(first, second)
    assert [o.kind for o in outcomes] == ["opened", "existing"]
    assert len(discord.live()) == 1


async def test_archived_thread_is_reopened_and_linked(app: CohortApp, discord: FakeDiscord) -> None:
    cohort = await make(app)
    opened = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert opened.thread_id is not None
    discord.threads[opened.thread_id].archived = True
    await app.discussions.thread_changed(A, opened.thread_id, archived=True, locked=False)
    again = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert (again.kind, again.thread_id) == ("unarchived", opened.thread_id)
    assert not discord.threads[opened.thread_id].archived
    assert (await app.cohorts.summaries(A))[0].open_threads == 1


async def test_locked_thread_is_closed_and_not_replaced(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    opened = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert opened.thread_id is not None
    discord.threads[opened.thread_id].locked = True
    for _ in range(2):
        closed = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
        assert (closed.kind, closed.thread_id) == ("locked", opened.thread_id)
    assert len(discord.opens) == 1


async def test_deleted_thread_is_replaced(app: CohortApp, discord: FakeDiscord) -> None:
    cohort = await make(app)
    opened = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert opened.thread_id is not None
    discord.threads[opened.thread_id].deleted = True  # a 404 on fetch, no event seen
    fresh = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert fresh.kind == "opened" and fresh.thread_id != opened.thread_id
    discord.threads[fresh.thread_id or 0].deleted = True
    assert await app.discussions.thread_deleted(A, fresh.thread_id or 0) == 1  # the event
    third = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert third.kind == "opened" and len(discord.live()) == 1
    page = await app.discussions.threads(A, cohort.id)
    assert [d.thread_id for d in page.discussions] == [third.thread_id]


async def test_listing_with_discord_at_hand_drops_threads_deleted_unseen(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    first = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    other = Subject.entry("e02")
    second = await app.discussions.discuss(discord, A, cohort.id, other, user_id=CAMPER)
    discord.threads[first.thread_id or 0].deleted = True  # no event seen (the bot was away)
    stale = await app.discussions.threads(A, cohort.id)  # the database alone cannot know
    assert len(stale.discussions) == 2
    page = await app.discussions.threads(A, cohort.id, port=discord)
    assert [d.thread_id for d in page.discussions] == [second.thread_id]
    assert await app.discussions.threads(A, cohort.id) == page  # recorded as deleted


async def test_thread_already_started_on_the_message_is_adopted(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    discord.fail.append(ThreadError("exists", "160004", thread_id=4242))
    adopted = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert (adopted.kind, adopted.thread_id) == ("opened", 4242)


@pytest.mark.parametrize("kind", ["max_threads", "forbidden"])
async def test_refusals_record_nothing_open_and_tell_moderators(
    app: CohortApp, discord: FakeDiscord, kind: str
) -> None:
    cohort = await make(app)
    discord.fail.append(refused(kind))
    with pytest.raises(ThreadError) as error:
        await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert error.value.kind == kind
    assert (await app.cohorts.summaries(A))[0].open_threads == 0
    problem = (await app.cohorts.get(A, cohort.id)).problem
    assert problem is not None and problem.kind == kind
    opened = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert opened.kind == "opened"  # the next try is free to open, and clears the problem
    assert (await app.cohorts.get(A, cohort.id)).problem is None


async def test_transient_failure_lets_the_next_click_look_first(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    discord.fail.append(refused("transient"))
    with pytest.raises(ThreadError):
        await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    opened = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert opened.kind == "opened" and len(discord.live()) == 1


async def test_crash_after_the_claim_leaves_no_stuck_claim(
    db: Database, clock: ManualClock, discord: FakeDiscord
) -> None:
    before = await CohortApp.build(db, clock)
    cohort = await make(before)
    discord.gate = asyncio.Event()  # the process dies while its Discord call is in flight
    dying = asyncio.create_task(
        before.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    )
    await asyncio.sleep(0.01)
    dying.cancel()
    with pytest.raises(asyncio.CancelledError):
        await dying
    discord.opens.clear()
    discord.gate = None
    after = await CohortApp.build(db, clock)  # the restarted process
    waited = await after.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert waited.kind == "opened"  # waited out the lease, then took the claim over
    assert clock() >= dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC) + after.discussions.lease
    assert len(discord.live()) == 1


async def test_crash_after_discord_opened_adopts_that_thread(
    db: Database, clock: ManualClock, discord: FakeDiscord
) -> None:
    before = await CohortApp.build(db, clock)
    cohort = await make(before)
    discord.crash_after_open = True
    with pytest.raises(Crash):
        await before.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    clock.advance(before.discussions.lease)
    after = await CohortApp.build(db, clock)
    found = await after.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert found.kind == "opened" and found.thread_id == discord.live()[0].id
    assert len(discord.opens) == 1  # found by its nonce, not opened again


async def test_archived_cohort_keeps_its_threads_but_gets_no_new_ones(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    opened = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    await app.cohorts.archive(A, cohort.id)
    kept = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert kept.thread_id == opened.thread_id
    with pytest.raises(CohortError) as refused_new:
        await app.discussions.discuss(discord, A, cohort.id, Subject.entry("e02"), user_id=1)
    assert refused_new.value.code == "archived"


async def test_servers_never_see_each_other(app: CohortApp, discord: FakeDiscord) -> None:
    mine = await make(app, A)
    await make(app, B)
    with pytest.raises(CohortError):
        await app.discussions.discuss(discord, B, mine.id, ENTRY, user_id=CAMPER)
    assert [c.guild_id for c in await app.cohorts.all(B)] == [B]


async def test_unknown_entry_opens_nothing(app: CohortApp, discord: FakeDiscord) -> None:
    cohort = await make(app)
    with pytest.raises(CohortError) as missing:
        await app.discussions.discuss(discord, A, cohort.id, Subject.entry("nope"), user_id=1)
    assert missing.value.code == "subject_not_found"
    assert discord.opens == []
    assert (await app.discussions.threads(A, cohort.id)).discussions == []


async def test_the_daily_tip_thread_is_the_discussion_of_the_day(
    app: CohortApp, db: Database, discord: FakeDiscord, clock: ManualClock
) -> None:
    cohort = await make(app)
    day = dt.date(2026, 12, 1)
    async with db.transaction() as conn:  # what the scheduler records after posting
        await conn.execute(
            "INSERT INTO tip_posts (guild_id, local_date, status, nonce, slot_at, channel_id,"
            " entry_id, message_id, thread_id, created_at, updated_at)"
            " VALUES (?, ?, 'sent', 'n', ?, ?, 'e01', 500, 500, ?, ?)",
            (A, day.isoformat(), iso(clock()), CHANNEL, iso(clock()), iso(clock())),
        )
    discord.threads[500] = FakeThread(500, CHANNEL, "tip", "n")
    found = await app.discussions.discuss(discord, A, cohort.id, Subject.tip(day), user_id=1)
    assert (found.kind, found.thread_id) == ("existing", 500)
    assert discord.opens == []
    other_day = await app.discussions.discuss(
        discord, A, cohort.id, Subject.tip(dt.date(2026, 12, 2)), user_id=1
    )
    assert other_day.kind == "opened"
    assert discord.opens[0].starter.kind == "tip" and discord.opens[0].starter.body


async def test_a_tip_thread_in_another_channel_is_not_the_cohorts_discussion(
    app: CohortApp, db: Database, discord: FakeDiscord, clock: ManualClock
) -> None:
    """The day's tip went to the server's tips channel, not the cohort's: discussing that tip
    in the cohort opens the cohort's own thread in its channel, it does not link elsewhere."""
    cohort = await make(app)
    day, tips_channel = dt.date(2026, 12, 1), CHANNEL + 1
    async with db.transaction() as conn:  # what the scheduler records after posting
        await conn.execute(
            "INSERT INTO tip_posts (guild_id, local_date, status, nonce, slot_at, channel_id,"
            " entry_id, message_id, thread_id, created_at, updated_at)"
            " VALUES (?, ?, 'sent', 'n', ?, ?, 'e01', 500, 500, ?, ?)",
            (A, day.isoformat(), iso(clock()), tips_channel, iso(clock()), iso(clock())),
        )
    discord.threads[500] = FakeThread(500, tips_channel, "tip", "n")
    found = await app.discussions.discuss(discord, A, cohort.id, Subject.tip(day), user_id=1)
    assert found.kind == "opened" and found.thread_id != 500
    assert [o.channel_id for o in discord.opens] == [CHANNEL]
    again = await app.discussions.discuss(discord, A, cohort.id, Subject.tip(day), user_id=2)
    assert (again.kind, again.thread_id) == ("existing", found.thread_id)


async def test_thread_pages_reach_every_thread_and_a_page_past_the_end_shows_the_last(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    days = [dt.date(2025, 3, d) for d in range(1, 11)]
    for subject in [ENTRY, Subject.entry("e02"), *(Subject.tip(day) for day in days)]:
        await app.discussions.discuss(discord, A, cohort.id, subject, user_id=CAMPER)
    first = await app.discussions.threads(A, cohort.id)
    assert (first.page, first.pages, len(first.discussions)) == (0, 2, 10)
    last = await app.discussions.threads(A, cohort.id, page=1)
    assert (last.page, len(last.discussions)) == (1, 2)
    assert len({d.id for d in first.discussions + last.discussions}) == 12
    assert await app.discussions.threads(A, cohort.id, page=7) == last  # a stale Next button


async def test_a_thread_locked_and_archived_is_listed_as_locked(
    app: CohortApp, discord: FakeDiscord
) -> None:
    cohort = await make(app)
    opened = await app.discussions.discuss(discord, A, cohort.id, ENTRY, user_id=CAMPER)
    assert opened.thread_id is not None
    await app.discussions.thread_changed(A, opened.thread_id, archived=True, locked=True)
    page = await app.discussions.threads(A, cohort.id)
    assert [d.state for d in page.discussions] == ["locked"]
