"""Recording lookups off the reply path.

A cog calls `lookup()` / `follow_up()` after it has answered: each only puts a record on an
asyncio queue (no await, no I/O). A background task, started on first use, writes the queue in
batches every `flush_every` seconds and prunes records older than the retention once an hour.
A failed write is logged and the batch dropped: a camper never sees insights fail.

No user id is stored: the asker is hashed at write time with a salt of that day (blake2b keyed by
the salt), so distinct askers can be counted per day and never followed across days once the
salt is gone. The day is the server's own (its time zone; a salt of UTC days would count a
camper twice on a day that spans UTC midnight), computed once here: the same date picks the salt
and is handed to the store on the `Lookup` to file it under (the store reads no zone, so a zone
changed mid-write cannot file a lookup under a day other than its salt's).

Pruning keeps each server's last `retention_days` local days, today included: the days
`/insights overview` over that many days shows, whatever the server's zone.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.clock import Clock, utcnow
from bot.insights.repository import InsightsSink
from bot.insights.wording import normalize, query_key
from bot.insights.zones import server_zone
from bot.models.insights import (
    MAX_QUERY,
    MAX_RESULTS,
    Action,
    Command,
    FollowUp,
    Lookup,
    Outcome,
    Period,
)

log = logging.getLogger(__name__)

MAX_PENDING = 10_000  # beyond this, records are dropped (and counted) rather than held
BATCH = 1_000


@dataclass(frozen=True, slots=True)
class _Asked:
    """A lookup as the reply path queues it: worded, dated and hashed when written."""

    id: int
    guild_id: int
    at: dt.datetime
    command: Command
    query: str
    outcome: Outcome
    results: tuple[str, ...]
    topic: str | None
    user_id: int | None


@dataclass(frozen=True, slots=True)
class _Did:
    """A follow-up as the reply path queues it: dated when written."""

    guild_id: int
    lookup_id: int | None
    action: Action
    entry_id: str | None
    at: dt.datetime

    def dated(self, zone: ZoneInfo) -> FollowUp:
        day = self.at.astimezone(zone).date()
        return FollowUp(self.guild_id, self.lookup_id, self.action, self.entry_id, self.at, day)


def asker_hash(salt: bytes, guild_id: int, user_id: int) -> int:
    """A signed 63-bit integer (fits SQLite's INTEGER) that names nobody without the salt."""
    digest = hashlib.blake2b(f"{guild_id}:{user_id}".encode(), key=salt, digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


class InsightsRecorder:
    def __init__(
        self,
        sink: InsightsSink,
        *,
        clock: Clock = utcnow,
        retention_days: int = 90,
        timezone: str = "Asia/Seoul",
        enabled: bool = True,
        flush_every: float = 2.0,
        prune_every: dt.timedelta = dt.timedelta(hours=1),
        max_pending: int = MAX_PENDING,
    ) -> None:
        self._sink = sink
        self._clock = clock
        self.retention_days = retention_days
        self._default_zone = ZoneInfo(timezone)
        self.enabled = enabled
        self._flush_every = flush_every
        self._prune_every = prune_every
        self._queue: asyncio.Queue[_Asked | _Did] = asyncio.Queue(maxsize=max_pending)
        self._flushing = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()
        self._closed = False
        self._last_prune: dt.datetime | None = None
        self._salts: dict[dt.date, bytes] = {}
        self.dropped = 0  # records lost to a full queue or a failed write
        self.failures = 0  # failed writes

    # -- the reply path: never awaits -----------------------------------------------------------

    def lookup(
        self,
        guild_id: int | None,
        command: Command,
        query: str,
        *,
        outcome: Outcome,
        results: Sequence[str] = (),
        topic: str | None = None,
        user_id: int | None = None,
    ) -> int | None:
        """Queue one lookup; its id (for follow-ups), or None when nothing is recorded (outside
        a server, recording off, an empty query). The query is normalized when written."""
        if not self.enabled or not guild_id or not query or query.isspace():
            return None
        asked = _Asked(
            id=secrets.randbits(62) + 1,
            guild_id=guild_id,
            at=self._clock(),
            command=command,
            query=query[: 4 * MAX_QUERY],
            outcome=outcome,
            results=tuple(results)[:MAX_RESULTS],
            topic=topic,
            user_id=user_id,
        )
        return asked.id if self._put(asked) else None

    def follow_up(
        self,
        guild_id: int | None,
        lookup_id: int | None,
        action: Action,
        entry_id: str | None = None,
    ) -> None:
        if not self.enabled or not guild_id:
            return
        self._put(_Did(guild_id, lookup_id, action, entry_id, self._clock()))

    def page_events(
        self, guild_id: int | None, lookup_id: int | None, entry_of_page: Sequence[str]
    ) -> Callable[[str, int], None]:
        """What a pages view reports ("page" or "share", page index) as follow-ups of a lookup: a
        turn counts once per entry it reaches first (a long entry has several pages)."""
        seen = set(entry_of_page[:1])

        def on_event(action: str, page: int) -> None:
            entry = entry_of_page[page] if 0 <= page < len(entry_of_page) else None
            if action == "share":
                self.follow_up(guild_id, lookup_id, "share", entry)
            elif action == "page" and entry is not None and entry not in seen:
                seen.add(entry)
                self.follow_up(guild_id, lookup_id, "page", entry)

        return on_event

    def _put(self, item: _Asked | _Did) -> bool:
        if self._closed:
            return False
        try:
            self._queue.put_nowait(item)
        except asyncio.QueueFull:
            self.dropped += 1
            if self.dropped == 1 or self.dropped % 1000 == 0:
                log.warning("insights: queue full, %d records dropped so far", self.dropped)
            return False
        self._start()
        return True

    def _start(self) -> None:
        if self._task is None or self._task.done():
            with contextlib.suppress(RuntimeError):  # no running loop: flushed by close()
                self._task = asyncio.get_running_loop().create_task(
                    self._run(), name="sunbae-insights"
                )

    # -- the background writer ------------------------------------------------------------------

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    async def _run(self) -> None:
        while not self._closed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self._flush_every)
            await self.flush()

    async def flush(self) -> None:
        """Write everything queued so far (and prune when due). Never raises."""
        async with self._flushing:
            while not self._queue.empty():
                batch = [self._queue.get_nowait() for _ in range(min(BATCH, self._queue.qsize()))]
                await self._write(batch)
            await self._prune_when_due()

    async def _write(self, batch: list[_Asked | _Did]) -> None:
        try:
            zones = {g: await self.zone(g) for g in {p.guild_id for p in batch}}  # once a batch
            lookups = [
                x
                for p in batch
                if isinstance(p, _Asked) and (x := await self._finished(p, zones[p.guild_id]))
            ]
            follow_ups = [p.dated(zones[p.guild_id]) for p in batch if isinstance(p, _Did)]
            await self._sink.write(lookups, follow_ups)
        except Exception:
            self.failures += 1
            self.dropped += len(batch)
            log.warning("insights: could not record %d lookups", len(batch), exc_info=True)

    async def zone(self, guild_id: int) -> ZoneInfo:
        """The zone whose days the server's insights are counted in."""
        return server_zone(await self._sink.timezone(guild_id), self._default_zone)

    async def _finished(self, asked: _Asked, zone: ZoneInfo) -> Lookup | None:
        """The lookup as stored: its query normalized and keyed, its local day, its asker
        hashed with that day's salt."""
        text = normalize(asked.query)
        if not text:
            return None
        day = asked.at.astimezone(zone).date()
        asker = None
        if asked.user_id is not None:
            asker = asker_hash(await self._salt(day), asked.guild_id, asked.user_id)
        return Lookup(
            id=asked.id,
            guild_id=asked.guild_id,
            at=asked.at,
            day=day,
            command=asked.command,
            query=text,
            query_key=query_key(text),
            outcome=asked.outcome,
            results=asked.results,
            topic=asked.topic,
            asker=asker,
        )

    async def _salt(self, day: dt.date) -> bytes:
        salt = self._salts.get(day)
        if salt is None:
            salt = await self._sink.day_salt(day)
            # Servers' days differ by up to two dates (UTC+14 and UTC-12): keep three.
            self._salts = {d: s for d, s in self._salts.items() if d >= day - dt.timedelta(2)}
            self._salts[day] = salt
        return salt

    async def _prune_when_due(self) -> None:
        now = self._clock()
        if self._last_prune is not None and now - self._last_prune < self._prune_every:
            return
        self._last_prune = now
        try:
            gone = await self.prune()
        except Exception:
            log.warning("insights: pruning failed", exc_info=True)
            return
        if gone:
            log.info("insights: pruned %d lookups older than %d days", gone, self.retention_days)

    async def prune(self) -> int:
        """Prune now (the CLI, tests): each server keeps its last `retention_days` local days,
        today included; the number of lookups gone."""
        now = self._clock()
        gone = 0
        for guild_id in await self._sink.logged_guilds():
            today = now.astimezone(await self.zone(guild_id)).date()
            kept = Period.ending(today, self.retention_days)
            gone += await self._sink.prune(guild_id, kept.first)
        return gone

    async def close(self) -> None:
        """Stop taking records, let the writer finish its round, write what is left."""
        self._closed = True
        self._stop.set()
        if self._task is not None and not self._task.done():
            with contextlib.suppress(Exception):
                await self._task
        await self.flush()
