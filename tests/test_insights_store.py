"""Insights' recorder and store on a real SQLite file: what is kept (and what never is), per
server, pruned after the retention, forgotten on request; failures never reach the caller."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bot.insights.recorder import InsightsRecorder
from bot.insights.service import Answer, InsightsService, query_digest
from bot.insights.wording import normalize, query_key
from bot.models.insights import DigestPost, FollowUp, Lookup, Period
from bot.models.tips import TipSettings
from bot.store.database import Database
from bot.store.insights import SqliteDigestRepository, SqliteInsightsRepository
from bot.store.tips import TipRepository
from tests.helpers_tips import ManualClock

A, B = 111_111_111_111_111_111, 222_222_222_222_222_222
CAMPER = 987_654_321_987_654_321
START = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)


class FakeLibrary:
    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}

    async def answer(self, query: str, guild_id: int) -> Answer | None:
        return self.answers.get(query)

    async def titles(
        self, entry_ids: Sequence[str], guild_id: int, language: str = "ko"
    ) -> dict[str, str]:
        return {e: f"title of {e}" for e in entry_ids}


class Rig:
    def __init__(self, db: Database, clock: ManualClock) -> None:
        self.db, self.clock = db, clock
        self.store = SqliteInsightsRepository(db)
        self.recorder = InsightsRecorder(self.store, clock=clock, retention_days=90)
        self.library = FakeLibrary()
        self.service = InsightsService(self.store, self.recorder, self.library, clock=clock)

    def week(self) -> Period:
        """The last seven days in the bot's default zone (these servers set none)."""
        return Period.ending(self.clock().astimezone(ZoneInfo("Asia/Seoul")).date(), 7)


@pytest_asyncio.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    db = await Database.open(tmp_path / "insights.db")
    r = Rig(db, ManualClock(START))
    try:
        yield r
    finally:
        await r.recorder.close()
        await db.close()


def dump(path: Path) -> str:
    """Every value of every insights table, as text."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'insight_%'"
            )
        ]
        return repr([list(conn.execute(f"SELECT * FROM {t}")) for t in tables])
    finally:
        conn.close()


def test_queries_are_stored_as_search_cleans_them() -> None:
    decomposed = "\u1100\u1161 대학원"  # 가 typed as conjoining jamo
    assert normalize(f"  {decomposed}\u200b  가자 \n") == "가 대학원 가자"
    assert len(normalize("가" * 500)) == 200
    assert query_key("코테 준비는 어떻게 해요?") == query_key("코테 준비 어떻게")


async def test_a_lookup_is_written_off_the_reply_path_without_the_user(rig: Rig) -> None:
    lookup_id = rig.recorder.lookup(
        A, "advice", " 코테  준비\u200b ", outcome="shown", results=["e1", "e2"], user_id=CAMPER
    )
    assert lookup_id is not None
    assert rig.recorder.pending == 1  # queued, nothing written yet
    rig.recorder.follow_up(A, lookup_id, "page", "e2")
    rig.recorder.follow_up(A, lookup_id, "share", "e2")
    overview = await rig.service.overview(A, rig.week())  # reads write the queue first
    assert rig.recorder.pending == 0
    assert (overview.lookups, overview.askers, overview.shares) == (1, 1, 1)
    assert [(c.label, c.count) for c in overview.top_queries] == [("코테 준비", 1)]
    assert [(c.key, c.count) for c in overview.top_entries] == [("e1", 1), ("e2", 1)]
    assert overview.top_entries[0].label == "title of e1"
    assert str(CAMPER) not in dump(rig.db.path)


async def test_distinct_askers_are_counted_per_day_with_a_salt_that_goes_away(rig: Rig) -> None:
    for user in (1, 1, 2):
        rig.recorder.lookup(A, "advice", "포폴", outcome="shown", results=["e"], user_id=user)
    await rig.recorder.flush()
    assert (await rig.store.totals(A, rig.week()))[1] == 2
    first_salt = await rig.store.day_salt(START.date())
    rig.clock.advance(days=3)
    rig.recorder.lookup(A, "advice", "포폴", outcome="shown", results=["e"], user_id=1)
    await rig.recorder.flush()
    assert (await rig.store.totals(A, rig.week()))[1] == 3  # the same camper, another day
    # The first day's salt is gone: its hashes can no longer be recomputed from a user id.
    assert await rig.store.day_salt(START.date()) != first_salt


async def test_servers_never_see_each_others_lookups(rig: Rig) -> None:
    rig.recorder.lookup(A, "advice", "대학원", outcome="none")
    rig.recorder.lookup(B, "advice", "코테", outcome="shown", results=["e"])
    rig.recorder.lookup(None, "advice", "DM은 기록하지 않아요", outcome="none")
    a = await rig.service.overview(A, rig.week())
    b = await rig.service.overview(B, rig.week())
    assert [c.label for c in a.top_queries] == ["대학원"]
    assert [c.label for c in b.top_queries] == ["코테"]
    assert [g.label for g in await rig.service.gaps(A, rig.week())] == ["대학원"]
    assert await rig.service.gaps(B, rig.week()) == []
    assert await rig.service.forget(A) == 1
    assert (await rig.service.overview(A, rig.week())).lookups == 0
    assert (await rig.service.overview(B, rig.week())).lookups == 1


async def test_a_long_wording_is_found_by_its_start_and_digest_in_its_server_only(
    rig: Rig,
) -> None:
    """A button too small for a long query names it by its start and digest: that finds the
    wording in the server that asked it, never in another (nor once the server forgot it)."""
    rig.recorder.lookup(B, "advice", "부트캠프 끝나고 대학원 진학과 취업 중에 " * 4, outcome="none")
    [wording] = [c.label for c in (await rig.service.overview(B, rig.week())).top_queries]
    start, digest = wording[:20], query_digest(wording)
    assert await rig.service.whole_query(B, start, digest) == wording
    assert await rig.service.whole_query(A, start, digest) is None
    await rig.service.forget(B)
    assert await rig.service.whole_query(B, start, digest) is None


async def test_gaps_group_similar_wordings_and_show_when_answered(rig: Rig) -> None:
    for query in ("코테 준비는 어떻게", "코테준비 어떻게 해요", "코테 준비", "블록체인"):
        rig.recorder.lookup(A, "advice", query, outcome="none")
    suggested = rig.recorder.lookup(A, "advice", "대학언", outcome="suggested")
    clicked = rig.recorder.lookup(A, "advice", "포트폴리고", outcome="suggested")
    rig.recorder.follow_up(A, clicked, "did_you_mean")
    assert suggested is not None
    gaps = await rig.service.gaps(A, rig.week())
    assert (gaps[0].count, len(gaps[0].queries)) == (3, 2)  # two keys, three lookups
    assert {g.label for g in gaps[1:]} == {"블록체인", "대학언"}  # the clicked one was answered
    rig.library.answers["블록체인"] = Answer("blockchain", "블록체인 취업")
    [answered] = [g for g in await rig.service.gaps(A, rig.week()) if g.label == "블록체인"]
    assert (answered.answered_by, answered.answered_title) == ("blockchain", "블록체인 취업")


async def test_lookups_older_than_the_retention_are_pruned(rig: Rig) -> None:
    rig.recorder.lookup(A, "advice", "오래된 질문", outcome="shown", results=["e"])
    rig.recorder.follow_up(A, None, "discuss", "e")
    await rig.recorder.flush()
    rig.clock.advance(days=89)
    assert await rig.recorder.prune() == 0
    rig.clock.advance(days=2)
    rig.recorder.lookup(A, "advice", "새 질문", outcome="none")
    await rig.recorder.flush()  # the first flush prunes
    everything = Period(START.date() - dt.timedelta(days=1), rig.clock.now.date())
    overview = await rig.service.overview(A, everything)
    assert [c.label for c in overview.top_queries] == ["새 질문"]
    assert overview.discussions == 0
    assert "오래된" not in dump(rig.db.path)


async def test_a_failed_write_is_logged_and_never_raised(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(lookups: Sequence[Lookup], follow_ups: Sequence[FollowUp]) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    rig.store.write = broken  # type: ignore[method-assign]
    assert rig.recorder.lookup(A, "advice", "질문", outcome="none") is not None
    with caplog.at_level(logging.WARNING):
        await rig.recorder.flush()
    assert rig.recorder.failures == 1 and rig.recorder.dropped == 1
    assert "could not record" in caplog.text


async def test_a_full_queue_drops_instead_of_waiting(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "full.db")
    try:
        recorder = InsightsRecorder(SqliteInsightsRepository(db), max_pending=2)
        ids = [recorder.lookup(A, "advice", f"q{n}", outcome="none") for n in range(3)]
        assert ids[2] is None and recorder.dropped == 1
        await recorder.close()
        assert recorder.lookup(A, "advice", "after close", outcome="none") is None
    finally:
        await db.close()


async def test_recording_off_records_nothing(rig: Rig) -> None:
    rig.recorder.enabled = False
    assert rig.recorder.lookup(A, "advice", "질문", outcome="none") is None
    assert rig.recorder.pending == 0


async def test_one_entry_views_shares_discussions_and_queries(rig: Rig) -> None:
    first = rig.recorder.lookup(A, "advice", "포폴 몇 개", outcome="shown", results=["p", "q"])
    rig.recorder.lookup(A, "advice", "포폴", outcome="shown", results=["p"])
    rig.recorder.lookup(A, "entry", "p", outcome="shown", results=["p"])
    rig.recorder.follow_up(A, first, "page", "q")
    rig.recorder.follow_up(A, first, "share", "q")
    rig.recorder.follow_up(A, None, "discuss", "p")
    rig.recorder.lookup(B, "advice", "포폴", outcome="shown", results=["p"])
    stats = await rig.service.entry(A, "p", rig.week())
    assert (stats.views, stats.shares, stats.discussions) == (3, 0, 1)
    # One wording: 몇 and 개 are not content words. /entry opens count as views, not queries.
    assert [(c.label, c.count) for c in stats.queries] == [("포폴 몇 개", 2)]
    q = await rig.service.entry(A, "q", rig.week())
    assert (q.views, q.shares) == (1, 1)


async def test_a_did_you_mean_click_written_later_still_answers_its_lookup(rig: Rig) -> None:
    offered = rig.recorder.lookup(A, "advice", "대학언", outcome="suggested", user_id=1)
    await rig.recorder.flush()
    assert [g.label for g in await rig.service.gaps(A, rig.week())] == ["대학언"]
    rig.clock.advance(minutes=5)
    rig.recorder.follow_up(A, offered, "did_you_mean")
    rig.recorder.follow_up(A, offered, "did_you_mean")  # a second click changes nothing
    assert await rig.service.gaps(A, rig.week()) == []
    overview = await rig.service.overview(A, rig.week())
    assert (overview.lookups, overview.unanswered) == (1, 0)


async def test_the_log_of_0009_is_counted_by_0012(tmp_path: Path) -> None:
    """A database that recorded lookups before the per-day counts existed keeps them."""
    from bot.store.database import apply_migrations

    db = await Database.open(tmp_path / "old.db", migrate=False)
    try:
        conn = db._writer  # the migration runner works on the writer connection
        await apply_migrations(conn, target=9)
        await conn.execute(
            "INSERT INTO insight_lookups (id, guild_id, at, day, command, query, query_key,"
            " outcome, topic, asker) VALUES (1, ?, ?, ?, 'advice', '코테', '코테', 'none', NULL, 7)",
            (A, "2026-03-02T03:00:00+00:00", "2026-03-02"),
        )
        await apply_migrations(conn)
        store = SqliteInsightsRepository(db)
        week = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7))
        assert await store.totals(A, week) == (1, 1, 1)
        assert [c.label for c in await store.unanswered(A, week, 10)] == ["코테"]
    finally:
        await db.close()


async def test_a_camper_asking_either_side_of_utc_midnight_is_one_asker_of_the_servers_day(
    rig: Rig,
) -> None:
    # Los Angeles: 23:30 and 00:30 UTC are 15:30 and 16:30 of the same local day.
    la = TipSettings(A, None, "09:00", "America/Los_Angeles", False, False, None, None, None, START)
    await TipRepository(rig.db).save_settings(la, now=START)
    rig.clock.set(dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.UTC))
    rig.recorder.lookup(A, "advice", "포폴", outcome="shown", results=["e"], user_id=CAMPER)
    await rig.recorder.flush()
    rig.clock.set(dt.datetime(2026, 3, 3, 0, 30, tzinfo=dt.UTC))
    rig.recorder.lookup(A, "advice", "면접", outcome="shown", results=["e"], user_id=CAMPER)
    await rig.recorder.flush()
    monday = Period.ending(dt.date(2026, 3, 2), 1)
    assert await rig.store.totals(A, monday) == (2, 1, 0)


async def set_zone(rig: Rig, guild_id: int, zone: str) -> None:
    """What /tip-config does to the server's time zone."""
    settings = TipSettings(guild_id, None, "09:00", zone, False, False, None, None, None, START)
    await TipRepository(rig.db).save_settings(settings, now=START)


async def test_a_lookup_is_filed_under_the_day_whose_salt_counted_its_asker(rig: Rig) -> None:
    """The server's day is computed once, by the recorder: a zone changed while a batch is
    written cannot file a lookup under another day than the one whose salt hashed its asker."""
    await set_zone(rig, A, "America/Los_Angeles")
    read_zone = rig.store.timezone

    async def changed_after_reading(guild_id: int) -> str | None:
        zone = await read_zone(guild_id)
        await set_zone(rig, A, "Asia/Seoul")  # /tip-config lands while the batch is written
        return zone

    rig.store.timezone = changed_after_reading  # type: ignore[method-assign]
    # 20:00 UTC on Monday 2 March: Monday noon in Los Angeles, already Tuesday in Seoul.
    rig.clock.set(dt.datetime(2026, 3, 2, 20, 0, tzinfo=dt.UTC))
    rig.recorder.lookup(A, "advice", "포폴", outcome="shown", results=["e"], user_id=CAMPER)
    await rig.recorder.flush()
    rig.store.timezone = read_zone  # type: ignore[method-assign]
    rig.recorder.lookup(A, "advice", "면접", outcome="shown", results=["e"], user_id=CAMPER)
    await rig.recorder.flush()
    monday, tuesday = (Period.ending(dt.date(2026, 3, day), 1) for day in (2, 3))
    # One camper: one asker on Los Angeles' Monday, one on Seoul's Tuesday (not two then).
    assert await rig.store.totals(A, monday) == (1, 1, 0)
    assert await rig.store.totals(A, tuesday) == (1, 1, 0)


async def test_pruning_keeps_each_servers_own_last_days(rig: Rig) -> None:
    """Retention N keeps a server's last N local days, today included (what an N-day overview
    shows), in its own zone: UTC+9 and UTC-8 servers keep different dates at one moment."""
    await set_zone(rig, A, "Asia/Tokyo")
    await set_zone(rig, B, "America/Los_Angeles")
    now = dt.datetime(2026, 3, 5, 6, 0, tzinfo=dt.UTC)  # Thursday 15:00 Tokyo, Wednesday 22:00 LA
    zones = {A: ZoneInfo("Asia/Tokyo"), B: ZoneInfo("America/Los_Angeles")}
    today = {guild: now.astimezone(zone).date() for guild, zone in zones.items()}
    for guild, zone in zones.items():
        for back in range(4, -1, -1):  # noon of each of the server's last five days
            day = today[guild] - dt.timedelta(days=back)
            rig.clock.set(dt.datetime.combine(day, dt.time(12), tzinfo=zone))
            rig.recorder.lookup(guild, "advice", f"질문 {day}", outcome="none", user_id=CAMPER)
            rig.recorder.follow_up(guild, None, "discuss", "e")
            await rig.recorder.flush()
    rig.clock.set(now)
    rig.recorder.retention_days = 3
    assert await rig.recorder.prune() == 4  # two days of each server
    everything = Period(dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    conn = sqlite3.connect(rig.db.path)
    try:
        for guild in (A, B):
            kept = [today[guild] - dt.timedelta(days=back) for back in (2, 1, 0)]
            assert [d.day for d in await rig.store.per_day(guild, everything)] == kept
            assert (await rig.store.totals(guild, everything))[:2] == (3, 3)
            assert (await rig.store.entry_counts(guild, "e", everything))[2] == 3
            assert sorted(q.label for q in await rig.store.top_queries(guild, everything, 10)) == [
                f"질문 {day}" for day in kept
            ]
            for table in ("insight_lookups", "insight_actions"):
                [(rows,)] = conn.execute(
                    f"SELECT COUNT(*) FROM {table} WHERE guild_id = ?", (guild,)
                )
                assert rows == 3, table
    finally:
        conn.close()


async def test_a_weeks_digest_row_is_settled_for_its_server_only_and_never_claimed_again(
    rig: Rig,
) -> None:
    """Two servers post their digest on the same date: one's post is recorded on its row only
    (the other, still pending after a failed post, is retried), and a posted week is not
    claimed again by a run that read it while it was pending."""
    digests = SqliteDigestRepository(rig.db)
    day, now = dt.date(2026, 3, 2), START
    lease = now + dt.timedelta(minutes=2)
    for guild, channel in ((A, 11), (B, 22)):
        post = DigestPost(guild, day, "pending", channel, f"d{guild}", None, lease)
        assert await digests.claim(post, now=now)
    await digests.release(B, day, now=now)  # B's post failed: retried on the next tick
    await digests.posted(A, day, 900)
    a_row, b_row = await digests.post(A, day), await digests.post(B, day)
    assert a_row is not None and (a_row.status, a_row.message_id) == ("posted", 900)
    assert b_row is not None and (b_row.status, b_row.message_id) == ("pending", None)

    later = now + dt.timedelta(hours=1)
    again = DigestPost(A, day, "pending", 11, f"d{A}", None, later + dt.timedelta(minutes=2))
    assert not await digests.claim(again, now=later, expired_before=later)
    retry = DigestPost(B, day, "pending", 22, f"d{B}", None, later + dt.timedelta(minutes=2))
    assert await digests.claim(retry, now=later, expired_before=later)


async def test_a_digest_row_released_by_an_older_bot_is_read_as_free(rig: Rig) -> None:
    """Releases before the fix wrote '' as the lease: such a row reads back, as expired."""
    digests = SqliteDigestRepository(rig.db)
    day, now = dt.date(2026, 3, 2), START
    post = DigestPost(A, day, "pending", 11, "dA", None, now + dt.timedelta(minutes=2))
    assert await digests.claim(post, now=now)
    async with rig.db.transaction() as conn:
        await conn.execute("UPDATE insight_digest_posts SET lease_until = ''")
    row = await digests.post(A, day)
    assert row is not None and row.status == "pending" and row.lease_until < now
    assert await digests.claim(post, now=now, expired_before=now)
