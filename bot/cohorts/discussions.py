"""DiscussionService: one thread per (server, cohort, subject), never duplicated, never a dead link.

The database decides who opens a thread: a pending record is claimed (a unique index allows one
live record per cohort and subject) before the Discord call and settled after it. Callers in the
same process queue on a lock per subject; another process's claim is waited on until its lease
runs out, and a claim left by a crash is taken over, looking first for what the crashed attempt
may have opened (same nonce; 160004 adopts a thread already started on the message).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Literal, Protocol, TypeVar

from bot.clock import Clock, utcnow
from bot.cohorts.names import thread_name
from bot.cohorts.port import OpenedThread, Starter, ThreadPort, ThreadRequest
from bot.cohorts.repository import DiscussionRepository
from bot.cohorts.service import CohortService
from bot.models.cohort_errors import CohortError, ThreadError
from bot.models.cohorts import Cohort, Discussion, DiscussionState, Subject

log = logging.getLogger(__name__)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
OutcomeKind = Literal["opened", "existing", "unarchived", "locked", "busy"]
PAGE = 10


@dataclass(frozen=True, slots=True)
class TipThread:
    """The thread the daily tip opened on its post (`/tip-config` threads on)."""

    channel_id: int
    message_id: int
    thread_id: int


class Subjects(Protocol):
    """The content a discussion is about (entries, daily tips), as the domain sees it."""

    async def starter(self, guild_id: int, subject: Subject) -> Starter | None: ...

    async def tip_thread(self, guild_id: int, day: dt.date) -> TipThread | None: ...


@dataclass(frozen=True, slots=True)
class DiscussOutcome:
    """opened: a new thread; existing: it was there; unarchived: it was archived and is open
    again; locked: closed by moderators (no other is opened); busy: another process is still
    opening it."""

    kind: OutcomeKind
    cohort: Cohort
    discussion: Discussion | None

    @property
    def thread_id(self) -> int | None:
        return self.discussion.thread_id if self.discussion else None


@dataclass(frozen=True, slots=True)
class ThreadPage:
    cohort: Cohort
    discussions: list[Discussion]
    page: int
    pages: int


class DiscussionService:
    def __init__(
        self,
        cohorts: CohortService,
        store: DiscussionRepository,
        subjects: Subjects,
        *,
        clock: Clock = utcnow,
        sleep: Sleep = asyncio.sleep,
        call_timeout: float = 15.0,
        poll: float = 0.25,
    ) -> None:
        self._cohorts = cohorts
        self._store = store
        self._subjects = subjects
        self.clock = clock
        self._sleep = sleep
        self._timeout = call_timeout
        self._poll = poll
        # Covers find_started + open (two bounded calls, the open one two requests) with room.
        self.lease = dt.timedelta(seconds=4 * call_timeout + 10)
        self._locks: dict[tuple[int, int, str], asyncio.Lock] = {}
        self._waiting: dict[tuple[int, int, str], int] = {}

    # -- /discuss and the Discuss button ---------------------------------------------------

    async def discuss(
        self, port: ThreadPort, guild_id: int, cohort_id: int, subject: Subject, *, user_id: int
    ) -> DiscussOutcome:
        """Open the cohort's thread about `subject`, or find the one there is.

        Raises CohortError (unknown or archived cohort, unknown subject) and ThreadError (Discord
        refused: nothing is recorded as open; max_threads and forbidden are kept for moderators).
        """
        cohort = await self._cohorts.get(guild_id, cohort_id)
        async with self._serialized((guild_id, cohort_id, subject.encode())):
            waited_until = self.clock() + self.lease + dt.timedelta(seconds=self._poll)
            while True:
                outcome = await self._once(port, cohort, subject, user_id)
                if outcome.kind != "busy" or self.clock() > waited_until:
                    return outcome
                await self._sleep(self._poll)

    async def _once(
        self, port: ThreadPort, cohort: Cohort, subject: Subject, user_id: int
    ) -> DiscussOutcome:
        guild_id = cohort.guild_id
        for _ in range(3):  # a deleted thread, then a lost race, then settle
            now = self.clock()
            record = await self._store.live(guild_id, cohort.id, subject)
            if record is None:
                if not cohort.active:
                    raise CohortError("archived", name=cohort.name)
                record = await self._adopt_tip_thread(cohort, subject, user_id)
            if record is None:
                claim = await self._store.claim(
                    guild_id,
                    cohort.id,
                    subject,
                    channel_id=cohort.channel_id,
                    nonce=f"sd{secrets.token_hex(8)}",
                    user_id=user_id,
                    now=now,
                    lease=self.lease,
                )
                if claim is None:
                    continue  # another process claimed it between the two statements
                return await self._open(port, cohort, claim, subject)
            if record.state == "pending":
                lease = record.lease_until
                # A lease further ahead than one lease length was taken under a clock that has
                # since jumped back: treated as expired.
                if lease is not None and now < lease <= now + self.lease:
                    return DiscussOutcome("busy", cohort, record)
                taken = await self._store.take_over(record.id, now=now, lease=self.lease)
                if taken is None:
                    return DiscussOutcome("busy", cohort, record)
                log.warning("discussion %s: taking over a claim whose lease ran out", record.id)
                return await self._open(port, cohort, taken, subject)
            outcome = await self._existing(port, cohort, record)
            if outcome is not None:
                return outcome
        return DiscussOutcome("busy", cohort, None)

    async def _existing(
        self, port: ThreadPort, cohort: Cohort, record: Discussion
    ) -> DiscussOutcome | None:
        """The recorded thread, made usable if it can be; None when it is gone (marked deleted)."""
        assert record.thread_id is not None  # only pending records lack a thread
        status = await self._bounded(port.status(cohort.guild_id, record.thread_id))
        now = self.clock()
        if status.condition == "missing":
            log.info("discussion %s: thread %s is gone", record.id, record.thread_id)
            await self._store.mark(record.id, "deleted", now=now)
            return None
        if status.condition == "locked":
            closed_by = status.locked_by or record.closed_by
            if record.state != "locked" or closed_by != record.closed_by:
                await self._store.mark(record.id, "locked", now=now, closed_by=closed_by)
            return DiscussOutcome("locked", cohort, replace(record, closed_by=closed_by))
        kind: OutcomeKind = "existing"
        if status.condition == "archived":
            await self._bounded(port.unarchive(cohort.guild_id, record.thread_id))
            kind = "unarchived"
        await self._store.mark(record.id, "open", now=now)
        return DiscussOutcome(kind, cohort, replace(record, state="open", last_active_at=now))

    async def _adopt_tip_thread(
        self, cohort: Cohort, subject: Subject, user_id: int
    ) -> Discussion | None:
        """The daily tip's own thread, when it was posted in this cohort's channel (a tip
        posted before the cohort existed, or whose recording failed)."""
        day = subject.day
        if day is None:
            return None
        found = await self._subjects.tip_thread(cohort.guild_id, day)
        if found is None or found.channel_id != cohort.channel_id:
            return None
        await self._adopt(cohort, day, found, user_id)
        return await self._store.live(cohort.guild_id, cohort.id, subject)

    async def tip_thread_opened(
        self, guild_id: int, day: dt.date, thread: TipThread, *, user_id: int
    ) -> Discussion | None:
        """Record the thread the daily tip opened as the discussion of that day's tip for the
        cohort of its channel, if the channel is a cohort's; None otherwise (or if one is live)."""
        cohort = await self._cohorts.for_channel(guild_id, thread.channel_id)
        return None if cohort is None else await self._adopt(cohort, day, thread, user_id)

    async def _adopt(
        self, cohort: Cohort, day: dt.date, thread: TipThread, user_id: int
    ) -> Discussion | None:
        return await self._store.adopt(
            cohort.guild_id,
            cohort.id,
            Subject.tip(day),
            channel_id=thread.channel_id,
            thread_id=thread.thread_id,
            starter_message_id=thread.message_id,
            user_id=user_id,
            now=self.clock(),
        )

    async def _open(
        self, port: ThreadPort, cohort: Cohort, claim: Discussion, subject: Subject
    ) -> DiscussOutcome:
        try:
            starter = await self._subjects.starter(cohort.guild_id, subject)
            if starter is None:
                raise CohortError("subject_not_found", subject=subject.key)
            request = ThreadRequest(
                guild_id=cohort.guild_id,
                channel_id=cohort.channel_id,
                channel_kind=cohort.channel_kind,
                name=thread_name(cohort.label, starter.title),
                name_en=thread_name(cohort.label, starter.title_en) if starter.title_en else "",
                auto_archive_minutes=cohort.auto_archive_minutes,
                nonce=claim.nonce,
                cohort_name=cohort.name,
                starter=starter,
            )
            opened = None
            if claim.attempts > 1:  # an earlier attempt may have reached Discord
                opened = await self._bounded(port.find_started(request))
            if opened is None:
                opened = await self._start(port, request)
        except TimeoutError:
            # Discord may have acted on it: the claim stays, free to take at once, and whoever
            # takes it looks for the thread by the nonce first.
            await self._store.expire_lease(claim.id, now=self.clock())
            raise ThreadError("transient", "Discord did not answer in time") from None
        except ThreadError as exc:
            if exc.kind == "transient":
                await self._store.expire_lease(claim.id, now=self.clock())
                raise
            await self._store.release(claim.id)  # refused: nothing was opened
            if exc.kind in ("max_threads", "forbidden", "unknown_channel", "tag_required"):
                await self._cohorts.report_problem(
                    cohort.guild_id, cohort.id, exc.kind, exc.message
                )
            raise
        except CohortError:
            await self._store.release(claim.id)
            raise
        # Anything else (a bug, a cancelled task) keeps the claim until its lease runs out, as a
        # crash would: the Discord call may have gone through.
        record = await self._store.record(
            claim.id,
            thread_id=opened.thread_id,
            starter_message_id=opened.starter_message_id,
            state="open",
            now=self.clock(),
        )
        await self._cohorts.clear_problem(
            cohort, "max_threads", "forbidden", "unknown_channel", "tag_required"
        )
        return DiscussOutcome("opened", cohort, record)

    async def _start(self, port: ThreadPort, request: ThreadRequest) -> OpenedThread:
        try:
            return await self._bounded(port.open(request))
        except ThreadError as exc:
            if exc.kind == "exists" and exc.thread_id is not None:
                # 160004: a thread was started on this starter already (by an earlier attempt).
                return OpenedThread(exc.thread_id, exc.thread_id)
            raise

    # -- what Discord tells us -------------------------------------------------------------

    async def thread_deleted(self, guild_id: int, thread_id: int) -> int:
        return await self._store.mark_thread(guild_id, thread_id, "deleted", now=self.clock())

    async def thread_changed(
        self, guild_id: int, thread_id: int, *, archived: bool, locked: bool
    ) -> int:
        state: DiscussionState = "locked" if locked else "archived" if archived else "open"
        return await self._store.mark_thread(guild_id, thread_id, state, now=self.clock())

    # -- /cohort threads -------------------------------------------------------------------

    async def threads(
        self, guild_id: int, cohort_id: int, *, page: int = 0, port: ThreadPort | None = None
    ) -> ThreadPage:
        """A page of the cohort's threads, most recently active first. With `port`, the page's
        threads are checked with Discord first: one deleted while the bot was away (no event
        told it) is marked deleted rather than listed as a dead link."""
        cohort = await self._cohorts.get(guild_id, cohort_id)
        wanted = page
        for _ in range(3):  # a page that lost rows is read again, then others may show
            total = await self._store.count_for_cohort(guild_id, cohort_id)
            pages = max(1, -(-total // PAGE))
            page = min(max(wanted, 0), pages - 1)
            found = await self._store.for_cohort(
                guild_id, cohort_id, limit=PAGE, offset=page * PAGE
            )
            if port is None or not await self._forget_gone(port, guild_id, found):
                break
        return ThreadPage(cohort, found, page, pages)

    async def _forget_gone(self, port: ThreadPort, guild_id: int, listed: list[Discussion]) -> bool:
        """Mark the listed threads Discord no longer has as deleted; True if there were any.
        A thread Discord does not answer for is kept (listed as it was)."""

        async def gone(discussion: Discussion) -> bool:
            if discussion.thread_id is None:
                return False
            try:
                status = await self._bounded(port.status(guild_id, discussion.thread_id))
            except (ThreadError, TimeoutError):
                return False
            if status.condition != "missing":
                return False
            log.info("discussion %s: thread %s is gone", discussion.id, discussion.thread_id)
            await self._store.mark(discussion.id, "deleted", now=self.clock())
            return True

        return any(await asyncio.gather(*(gone(d) for d in listed)))

    # -- helpers ---------------------------------------------------------------------------

    async def _bounded(self, call: Awaitable[T]) -> T:
        return await asyncio.wait_for(call, self._timeout)

    @asynccontextmanager
    async def _serialized(self, key: tuple[int, int, str]) -> AsyncIterator[None]:
        """One caller at a time per subject in this process (the others then find its thread)."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]
