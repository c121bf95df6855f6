"""TipScheduler: posts each server's tip once per local date, at its HH:MM in its zone.

Exactly once is the database's job, not the timer's: a `tip_posts` row keyed (server, date) is
claimed before the send and settled after it, so clock jumps, DST repeats and restarts find the
row and do nothing. A row left pending by a crash between the send and the record is resumed
with the same nonce, asking the poster for the earlier message first.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.clock import Clock
from bot.models.tips import Outcome, PostRecord, PostStatus, TipProblem, TipSettings
from bot.tips.errors import NoTipsError, PostError
from bot.tips.ports import TipStore
from bot.tips.poster import TipPoster
from bot.tips.schedule import local_date, nonce_for, slot_at
from bot.tips.service import TipService

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
T = TypeVar("T")
DAY = dt.timedelta(days=1)


class TipScheduler:
    def __init__(
        self,
        service: TipService,
        store: TipStore,
        *,
        clock: Clock | None = None,
        grace: dt.timedelta = dt.timedelta(hours=3),
        sleep: Sleep | None = None,
        max_sleep: float = 60.0,
        send_timeout: float = 60.0,
        retry_delay: dt.timedelta = dt.timedelta(minutes=2),
        max_retry_delay: dt.timedelta = dt.timedelta(minutes=30),
    ) -> None:
        if not dt.timedelta(0) <= grace < DAY:
            raise ValueError("grace must be at least 0 and under 24 hours")
        self._service = service
        self._store = store
        self._clock = clock or service.clock
        self._grace = grace
        self._sleep = sleep
        self._max_sleep = max_sleep
        self._send_timeout = send_timeout
        self._retry_delay = retry_delay
        self._max_retry_delay = max_retry_delay
        # Long enough to cover find_existing + post; a crashed attempt is resumed after it.
        self._lease = dt.timedelta(seconds=2 * send_timeout + 30)
        # Ticks in one process take turns: the loop's and one asked for with tick_now().
        self._turn = asyncio.Lock()
        self._poster: TipPoster | None = None
        self._first_round = asyncio.Event()

    # -- the loop ----------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event, poster: TipPoster) -> None:
        """Tick, then sleep until the next due slot (at most `max_sleep`), until `stop` is set.

        The poster comes with the run, not the constructor: the scheduler is built with the
        other services, before the Discord client that posts exists."""
        log.info("daily tip scheduler started (grace %s)", self._grace)
        self._poster = poster
        while not stop.is_set():
            delay = self._max_sleep
            try:
                async with self._turn:
                    await self._tick(poster)
                    delay = await self.seconds_until_due()
            except Exception:  # the database hiccuped: try again next round
                log.exception("daily tip scheduler tick failed")
            self._first_round.set()
            if stop.is_set():
                break
            if self._sleep is not None:
                await self._sleep(delay)
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
        self._poster = None
        log.info("daily tip scheduler stopped")

    async def idle(self) -> None:
        """Until the loop has made its first round and is between rounds (the sandbox and the
        tests start acting then, so the start-up round does not race their first command)."""
        await self._first_round.wait()
        async with self._turn:
            pass

    async def tick_now(self) -> list[Outcome]:
        """A tick at once, with the running loop's poster: what the sandbox's clock command
        does after moving the clock (the loop itself may be asleep for up to `max_sleep`)."""
        if self._poster is None:
            raise RuntimeError("the daily tip scheduler is not running")
        return await self.tick(self._poster)

    async def tick(self, poster: TipPoster) -> list[Outcome]:
        """Do everything due at `clock()`: post, resume, retry or skip, server by server."""
        async with self._turn:
            return await self._tick(poster)

    async def _tick(self, poster: TipPoster) -> list[Outcome]:
        now = self._clock()
        outcomes: list[Outcome] = []
        for settings in await self._store.active_settings():
            try:
                today = local_date(now, settings.timezone)
                # Yesterday too: a late slot's grace window can run past midnight.
                for day in (today - DAY, today):
                    outcome = await self._handle(poster, settings, day, now)
                    if outcome is not None:
                        outcomes.append(outcome)
            except Exception:  # one server's trouble must not stop the others
                log.exception("daily tip for server %s failed", settings.guild_id)
        return outcomes

    async def seconds_until_due(self) -> float:
        """Seconds until the next slot or retry, clamped to [1, max_sleep]."""
        now = self._clock()
        due = await self.next_due()
        ahead = (due - now).total_seconds() if due is not None else self._max_sleep
        return max(1.0, min(self._max_sleep, ahead))

    async def next_due(self) -> dt.datetime | None:
        """The next moment after now with something to do: a slot (today's or tomorrow's), a
        retry or a lease running out; None when no server has a schedule."""
        now = self._clock()
        due: list[dt.datetime] = []
        for s in await self._store.active_settings():
            with contextlib.suppress(ValueError, LookupError):  # a zone this host lacks
                today = local_date(now, s.timezone)
                due.extend(slot_at(today + DAY * i, s.time, s.timezone) for i in range(2))
        for row in await self._store.pending_posts():
            due.extend(t for t in (row.retry_at, row.lease_until) if t is not None)
        return min((t for t in due if t > now), default=None)

    # -- one server's date -------------------------------------------------------------------

    async def _handle(
        self, poster: TipPoster, s: TipSettings, day: dt.date, now: dt.datetime
    ) -> Outcome | None:
        slot = slot_at(day, s.time, s.timezone)
        row = await self._store.post(s.guild_id, day)
        if row is None:
            if slot > now or slot < s.active_since:
                return None  # not due yet, or before this schedule existed
            if day == s.skip_date:
                return await self._claim_skipped(s, day, slot, now, "skipped by a moderator")
            if now - slot > self._grace:
                reason = f"missed: the bot was not running at {s.time} {s.timezone} nor within {self._grace} after"
                return await self._claim_skipped(s, day, slot, now, reason)
            claimed = await self._claim(s, day, slot, now, status="pending")
            row = await self._store.post(s.guild_id, day) if claimed else None
        if row is None or row.status != "pending":
            return None
        if row.retry_at is not None and now < row.retry_at:
            return None
        return await self._attempt(poster, s, row, now)

    async def _claim(
        self,
        s: TipSettings,
        day: dt.date,
        slot: dt.datetime,
        now: dt.datetime,
        *,
        status: PostStatus,
        reason: str | None = None,
    ) -> bool:
        """The database's one-row-per-server-per-date claim: false when another run has it."""
        return await self._store.claim(
            s.guild_id,
            day,
            status=status,
            nonce=nonce_for(s.guild_id, day),
            slot_at=slot,
            channel_id=s.channel_id,
            entry_id=None,
            reason=reason,
            now=now,
        )

    async def _claim_skipped(
        self, s: TipSettings, day: dt.date, slot: dt.datetime, now: dt.datetime, reason: str
    ) -> Outcome | None:
        claimed = await self._claim(s, day, slot, now, status="skipped", reason=reason)
        if not claimed:
            return None
        log.warning("daily tip for server %s on %s skipped: %s", s.guild_id, day, reason)
        return Outcome(s.guild_id, day, "skipped", reason=reason)

    async def _attempt(
        self, poster: TipPoster, s: TipSettings, row: PostRecord, now: dt.datetime
    ) -> Outcome | None:
        assert s.channel_id is not None  # active_settings() only returns servers with a channel
        guild, day = s.guild_id, row.date
        earlier_attempt = row.attempts > 0
        if not await self._store.begin_attempt(
            guild, day, channel_id=s.channel_id, now=now, lease=self._lease
        ):
            return None  # another attempt holds the lease
        try:
            if earlier_attempt and row.channel_id is not None:
                found = await self._find_existing(poster, row)
                if found is not None:
                    reason = "recovered: posted before a restart or a timeout"
                    await self._store.finish(
                        guild,
                        day,
                        status="sent",
                        message_id=found,
                        reason=reason,
                        now=self._clock(),
                    )
                    await self._store.set_problem(guild, None, now=self._clock())
                    log.info("daily tip for server %s on %s: %s", guild, day, reason)
                    return Outcome(guild, day, "recovered", message_id=found, reason=reason)
            if now - row.slot_at > self._grace:
                reason = "missed: the grace window ended before the tip could be posted"
                await self._store.finish(
                    guild, day, status="skipped", reason=reason, now=self._clock()
                )
                log.warning("daily tip for server %s on %s skipped: %s", guild, day, reason)
                return Outcome(guild, day, "skipped", reason=reason)
            try:
                tip = await self._service.tip_for(guild, day)
            except NoTipsError as exc:
                await self._store.finish(
                    guild, day, status="skipped", reason=str(exc), now=self._clock()
                )
                problem = TipProblem(day, "no_tips", detail=str(exc))
                await self._store.set_problem(guild, problem.encode(), now=self._clock())
                return Outcome(guild, day, "skipped", reason=str(exc))
            posted = await self._bounded(
                poster.post(guild, s.channel_id, tip, nonce=row.nonce, open_thread=s.open_thread)
            )
        except PostError as exc:
            return await self._failed(s, row, exc, now)
        except TimeoutError:
            error = PostError(
                "transient", f"Discord did not answer within {self._send_timeout:g} s"
            )
            return await self._failed(s, row, error, now)
        except Exception as exc:  # a bug in the adapter: retried like a transient failure
            log.exception("daily tip poster raised unexpectedly for server %s", guild)
            return await self._failed(s, row, PostError("transient", repr(exc)), now)
        await self._store.finish(
            guild,
            day,
            status="sent",
            message_id=posted.message_id,
            thread_id=posted.thread_id,
            entry_id=tip.entry_id,
            now=self._clock(),
        )
        # Success clears the server's problem, or records a partial one (no thread).
        partial = None
        if posted.thread_problem:
            partial = TipProblem(
                day, "no_thread", channel_id=s.channel_id, detail=posted.thread_problem
            ).encode()
        await self._store.set_problem(guild, partial, now=self._clock())
        log.info("daily tip for server %s on %s posted: %s", guild, day, tip.entry_id)
        return Outcome(guild, day, "sent", message_id=posted.message_id)

    async def _find_existing(self, poster: TipPoster, row: PostRecord) -> int | None:
        assert row.channel_id is not None
        try:
            return await self._bounded(poster.find_existing(row.channel_id, row.nonce))
        except PostError as exc:
            if not exc.permanent:
                raise
            # The old channel is gone or unreadable: the send below reports the real problem.
            log.warning("cannot look for an earlier tip in channel %s: %s", row.channel_id, exc)
            return None

    async def _failed(
        self, s: TipSettings, row: PostRecord, error: PostError, now: dt.datetime
    ) -> Outcome:
        guild, day = s.guild_id, row.date
        attempts = row.attempts + 1
        if not error.permanent:
            delay = min(self._retry_delay * 2 ** (attempts - 1), self._max_retry_delay)
            if error.retry_after is not None:
                delay = max(delay, dt.timedelta(seconds=error.retry_after))
            retry_at = now + delay
            if retry_at <= row.slot_at + self._grace:
                await self._store.retry_later(
                    guild, day, retry_at=retry_at, reason=str(error), now=self._clock()
                )
                log.warning(
                    "daily tip for server %s on %s: %s; retrying at %s",
                    guild,
                    day,
                    error,
                    retry_at,
                )
                return Outcome(guild, day, "retry", reason=str(error))
        # Permanent, or out of time: the day fails once (no retry storm); moderators are told.
        reason = str(error) if error.permanent else f"gave up after {attempts} attempts: {error}"
        await self._store.finish(guild, day, status="failed", reason=reason, now=self._clock())
        problem = TipProblem(
            day,
            "refused" if error.permanent else "gave_up",
            cause=error.kind,
            channel_id=s.channel_id,
            attempts=attempts,
            detail=error.message,
        )
        await self._store.set_problem(guild, problem.encode(), now=self._clock())
        log.warning("daily tip for server %s on %s failed: %s", guild, day, reason)
        return Outcome(guild, day, "failed", reason=reason)

    async def _bounded(self, call: Awaitable[T]) -> T:
        return await asyncio.wait_for(call, self._send_timeout)
