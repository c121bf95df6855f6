"""Contract of the cohort repositories, written against the domain's Protocols and run against
the SQLite implementation (a second backend must pass it unchanged)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cohorts.repository import CohortRepository, DiscussionRepository
from bot.models.cohort_errors import CohortError, NameTaken
from bot.models.cohorts import CohortDraft, Subject
from bot.store.cohorts import SqliteCohortRepository, SqliteDiscussionRepository
from bot.store.database import Database

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(seconds=60)
A, B = 111, 222
ENTRY = Subject.entry("portfolio-few-and-deep")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "cohorts.db")
    yield database
    await database.close()


@pytest.fixture
def cohorts(db: Database) -> CohortRepository:
    return SqliteCohortRepository(db)


@pytest.fixture
def discussions(db: Database) -> DiscussionRepository:
    return SqliteDiscussionRepository(db)


def draft(name: str = "AI Lab 3기", channel: int = 10) -> CohortDraft:
    return CohortDraft(name=name, channel_id=channel, channel_kind="text", number=3)


async def claim(
    store: DiscussionRepository, guild: int, cohort: int, *, now: dt.datetime = NOW, user: int = 7
) -> object:
    return await store.claim(
        guild, cohort, ENTRY, channel_id=10, nonce="n1", user_id=user, now=now, lease=LEASE
    )


async def test_cohorts_belong_to_their_server(cohorts: CohortRepository) -> None:
    mine = await cohorts.add(A, draft(), actor=1, now=NOW)
    theirs = await cohorts.add(B, draft(), actor=2, now=NOW)  # same name, other server: fine
    assert mine.id != theirs.id
    assert await cohorts.get(A, theirs.id) is None
    assert [c.id for c in await cohorts.all(A)] == [mine.id]
    assert (await cohorts.by_name(B, "ai lab 3 기")) == theirs
    assert await cohorts.by_name(A, "AI Lab 4기") is None


async def test_names_are_unique_per_server_ignoring_case_and_spaces(
    cohorts: CohortRepository,
) -> None:
    first = await cohorts.add(A, draft("AI Lab 3기"), actor=1, now=NOW)
    with pytest.raises(NameTaken):
        await cohorts.add(A, draft("ai lab 3 기"), actor=1, now=NOW)
    other = await cohorts.add(A, draft("AI Lab 4기"), actor=1, now=NOW)
    with pytest.raises(NameTaken):
        await cohorts.update(replace(other, name="AILAB3기"), now=NOW)
    assert (await cohorts.get(A, other.id)) == other
    renamed = await cohorts.update(replace(first, name="AI Lab 3기 (봄)", role_id=55), now=NOW)
    assert await cohorts.get(A, first.id) == renamed


async def test_active_before_archived_then_by_name(cohorts: CohortRepository) -> None:
    b = await cohorts.add(A, draft("B반"), actor=1, now=NOW)
    a = await cohorts.add(A, draft("A반"), actor=1, now=NOW)
    c = await cohorts.add(A, draft("C반"), actor=1, now=NOW)
    await cohorts.set_state(A, a.id, "archived", now=NOW)
    await cohorts.set_state(B, b.id, "archived", now=NOW)  # another server's id: no effect
    assert [x.name for x in await cohorts.all(A)] == ["B반", "C반", "A반"]
    await cohorts.set_problem(A, c.id, '{"kind": "forbidden"}', now=NOW)
    found = await cohorts.get(A, c.id)
    assert found is not None and found.last_problem == '{"kind": "forbidden"}'


async def test_numbers_in_names_sort_by_value(cohorts: CohortRepository) -> None:
    for name in (
        "AI Lab 10기",
        "ai lab 2기",
        "AI Lab 1기",
        "AI Lab",
        "부트캠프 3기",
        "AI Lab 2기 B",
    ):
        await cohorts.add(A, draft(name), actor=1, now=NOW)
    assert [x.name for x in await cohorts.all(A)] == [
        "AI Lab",
        "AI Lab 1기",
        "ai lab 2기",
        "AI Lab 2기 B",
        "AI Lab 10기",
        "부트캠프 3기",
    ]


async def test_one_live_discussion_per_cohort_and_subject(
    cohorts: CohortRepository, discussions: DiscussionRepository
) -> None:
    cohort = await cohorts.add(A, draft(), actor=1, now=NOW)
    first = await claim(discussions, A, cohort.id)
    assert first is not None
    assert await claim(discussions, A, cohort.id) is None  # the second click loses
    live = await discussions.live(A, cohort.id, ENTRY)
    assert live is not None and live.state == "pending" and live.thread_id is None
    assert live.lease_until == NOW + LEASE
    settled = await discussions.record(
        live.id, thread_id=900, starter_message_id=900, state="open", now=NOW
    )
    assert settled.state == "open" and settled.thread_id == 900 and settled.lease_until is None
    assert await claim(discussions, A, cohort.id) is None
    await discussions.mark(settled.id, "deleted", now=NOW)
    assert await discussions.live(A, cohort.id, ENTRY) is None
    again = await claim(discussions, A, cohort.id)  # a deleted thread frees the subject
    assert again is not None


async def test_a_claim_needs_its_cohort_in_the_same_server(
    cohorts: CohortRepository, discussions: DiscussionRepository
) -> None:
    cohort = await cohorts.add(A, draft(), actor=1, now=NOW)
    with pytest.raises(CohortError) as refused:
        await claim(discussions, B, cohort.id)
    assert refused.value.code == "not_found"


async def test_take_over_only_after_the_lease(
    cohorts: CohortRepository, discussions: DiscussionRepository
) -> None:
    cohort = await cohorts.add(A, draft(), actor=1, now=NOW)
    first = await claim(discussions, A, cohort.id)
    assert first is not None
    live = await discussions.live(A, cohort.id, ENTRY)
    assert live is not None
    assert await discussions.take_over(live.id, now=NOW + LEASE / 2, lease=LEASE) is None
    taken = await discussions.take_over(live.id, now=NOW + LEASE, lease=LEASE)
    assert taken is not None and taken.attempts == 2 and taken.nonce == live.nonce
    assert await discussions.take_over(live.id, now=NOW + LEASE, lease=LEASE) is None
    # A lease taken under a clock that later jumped back does not block for hours.
    jumped_back = NOW - dt.timedelta(hours=5)
    assert await discussions.take_over(live.id, now=jumped_back, lease=LEASE) is not None
    await discussions.expire_lease(live.id, now=NOW + LEASE)
    assert await discussions.take_over(live.id, now=NOW + LEASE, lease=LEASE) is not None


async def test_release_frees_the_subject(
    cohorts: CohortRepository, discussions: DiscussionRepository
) -> None:
    cohort = await cohorts.add(A, draft(), actor=1, now=NOW)
    await claim(discussions, A, cohort.id)
    live = await discussions.live(A, cohort.id, ENTRY)
    assert live is not None
    await discussions.release(live.id)
    assert await discussions.live(A, cohort.id, ENTRY) is None
    assert await discussions.count_for_cohort(A, cohort.id) == 0


async def test_thread_events_listing_and_counts(
    cohorts: CohortRepository, discussions: DiscussionRepository
) -> None:
    cohort = await cohorts.add(A, draft(), actor=1, now=NOW)
    other = await cohorts.add(A, draft("AI Lab 4기"), actor=1, now=NOW)
    ids = []
    for i, subject in enumerate((ENTRY, Subject.entry("b"), Subject.tip(dt.date(2026, 12, 1)))):
        found = await discussions.adopt(
            A,
            cohort.id,
            subject,
            channel_id=10,
            thread_id=900 + i,
            starter_message_id=900 + i,
            user_id=7,
            now=NOW + dt.timedelta(minutes=i),
        )
        assert found is not None and found.state == "open"
        ids.append(found.id)
    assert (
        await discussions.adopt(
            A,
            cohort.id,
            ENTRY,
            channel_id=10,
            thread_id=1,
            starter_message_id=1,
            user_id=7,
            now=NOW,
        )
        is None
    )
    assert await discussions.mark_thread(A, 901, "archived", now=NOW) == 1
    assert await discussions.mark_thread(B, 902, "deleted", now=NOW) == 0  # not B's thread
    assert await discussions.mark_thread(A, 902, "deleted", now=NOW) == 1
    # A deleted thread is never adopted again (the tip's post still names it).
    gone = {"channel_id": 10, "thread_id": 902, "starter_message_id": 902, "user_id": 7}
    tip = Subject.tip(dt.date(2026, 12, 1))
    assert await discussions.adopt(A, cohort.id, tip, **gone, now=NOW) is None
    assert await discussions.live(A, cohort.id, tip) is None
    assert await discussions.open_counts(A) == {cohort.id: 1}
    assert await discussions.open_counts(B) == {}
    assert await discussions.count_for_cohort(A, cohort.id) == 2
    assert await discussions.count_for_cohort(A, other.id) == 0
    await discussions.mark(ids[0], "open", now=NOW + dt.timedelta(hours=1))  # active again
    listed = await discussions.for_cohort(A, cohort.id, limit=10)
    assert [d.thread_id for d in listed] == [900, 901]
    assert [d.thread_id for d in await discussions.for_cohort(A, cohort.id, limit=1, offset=1)] == [
        901
    ]
    assert await discussions.for_cohort(B, cohort.id, limit=10) == []
