"""The weekly digest: a server's overview of the past week, posted in its channel at its local
weekday and time, exactly once per week across restarts and clock jumps.

As the daily tip: the week's row (server, slot date) is claimed in the database before Discord is
called and settled with the message after. A run that died between the two left the row pending;
when its lease runs out the next tick asks Discord for the message first (its nonce is in it) and
posts only if there is none. A slot more than `grace` in the past is not posted (no back-fill
after downtime).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from dataclasses import replace
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.clock import Clock, utcnow
from bot.insights.service import InsightsService
from bot.models.insights import DigestPost, DigestSettings, Overview, Period
from bot.rounds import Rounds

log = logging.getLogger(__name__)
WEEK = dt.timedelta(days=7)


class DigestRepository(Protocol):
    async def settings(self, guild_id: int) -> DigestSettings | None: ...

    async def active(self) -> list[DigestSettings]: ...

    async def save(self, s: DigestSettings, *, now: dt.datetime) -> None: ...

    async def post(self, guild_id: int, slot_date: dt.date) -> DigestPost | None: ...

    async def claim(
        self, post: DigestPost, *, now: dt.datetime, expired_before: dt.datetime | None = None
    ) -> bool: ...

    async def posted(self, guild_id: int, slot_date: dt.date, message_id: int) -> None: ...

    async def release(self, guild_id: int, slot_date: dt.date, *, now: dt.datetime) -> None: ...


class ChannelGone(Exception):
    """The server no longer has the digest's channel: nothing to post to (and no use asking
    Discord each minute) until a moderator picks another, which `/insights digest` asks for."""


class DigestPoster(Protocol):
    """The Discord side: post the digest with `nonce` in it, or find it by that nonce; both
    raise ChannelGone when the server no longer has the channel."""

    async def find(self, guild_id: int, channel_id: int, nonce: str) -> int | None: ...

    async def post(self, guild_id: int, channel_id: int, nonce: str, overview: Overview) -> int: ...


def nonce_for(guild_id: int, slot_date: dt.date) -> str:
    """≤ 25 characters (Discord's nonce), the same for a server's week on every run."""
    return "dg" + hashlib.sha256(f"{guild_id}:{slot_date}".encode()).hexdigest()[:20]


def last_slot(s: DigestSettings, now: dt.datetime) -> tuple[dt.date, dt.datetime]:
    """The latest (local date, instant) of the server's weekday and time at or before now."""
    zone = ZoneInfo(s.timezone)
    local = now.astimezone(zone)
    day = local.date() - dt.timedelta(days=(local.weekday() - s.weekday) % 7)
    hour, minute = (int(part) for part in s.time.split(":"))
    slot = dt.datetime.combine(day, dt.time(hour, minute), zone)
    if slot > now:
        day -= WEEK
        slot = dt.datetime.combine(day, dt.time(hour, minute), zone)
    return day, slot


class DigestScheduler:
    def __init__(
        self,
        store: DigestRepository,
        insights: InsightsService,
        *,
        clock: Clock = utcnow,
        grace: dt.timedelta = dt.timedelta(hours=6),
        lease: dt.timedelta = dt.timedelta(minutes=2),
        every: float = 60.0,
    ) -> None:
        self._store = store
        self._insights = insights
        self._clock = clock
        self._grace = grace
        self._lease = lease
        self._rounds = Rounds("insights digest", every)
        self._poster: DigestPoster | None = None  # the running loop's, for tick_now()

    async def settings(self, guild_id: int) -> DigestSettings | None:
        s = await self._store.settings(guild_id)
        return None if s is None else await self._in_server_zone(s)

    async def _in_server_zone(self, s: DigestSettings) -> DigestSettings:
        """`s` in the zone the server has now (its daily tip's, which /tip-config may have
        changed since the digest was set): the days the digest counts are filed in that zone,
        and "Monday 09:00" is the server's."""
        zone = await self._insights.zone(s.guild_id)
        return s if zone.key == s.timezone else replace(s, timezone=zone.key)

    async def configure(
        self, guild_id: int, channel_id: int, weekday: int, time: str, timezone: str
    ) -> DigestSettings:
        """Post from the next slot on (a slot already past this week is not posted)."""
        hour, minute = (int(part) for part in time.split(":"))
        if not (0 <= weekday <= 6 and 0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError(f"bad weekday or time: {weekday} {time}")
        ZoneInfo(timezone)  # raises for an unknown zone
        now = self._clock()
        settings = DigestSettings(
            guild_id, channel_id, weekday, f"{hour:02d}:{minute:02d}", timezone, True, now
        )
        await self._store.save(settings, now=now)
        return settings

    async def turn_off(self, guild_id: int) -> DigestSettings | None:
        current = await self._store.settings(guild_id)
        if current is None:
            return None
        off = DigestSettings(
            current.guild_id, current.channel_id, current.weekday, current.time,
            current.timezone, False, current.active_since,
        )  # fmt: skip
        await self._store.save(off, now=self._clock())
        return off

    def next_slot(self, s: DigestSettings) -> dt.datetime:
        _, slot = last_slot(s, self._clock())
        return slot + WEEK

    async def run(self, stop: asyncio.Event, poster: DigestPoster) -> None:
        """Tick now (a slot passed while the bot was down is still posted within the grace),
        then every `every` seconds, until `stop` is set."""
        self._poster = poster
        try:
            await self._rounds.run(stop, lambda: self.tick(poster))
        finally:
            self._poster = None

    async def tick_now(self) -> list[tuple[int, dt.date]]:
        """A tick at once, with the running loop's poster: what the sandbox's clock command does
        at each slot it moves past (the loop itself ticks by the minute, in real time)."""
        return [] if self._poster is None else await self.tick(self._poster)

    async def next_due(self) -> dt.datetime | None:
        """The next slot of any server after now (where the sandbox's clock stops)."""
        now = self._clock()
        slots = [
            last_slot(await self._in_server_zone(s), now)[1] + WEEK
            for s in await self._store.active()
        ]
        return min(slots, default=None)

    async def idle(self) -> None:
        await self._rounds.idle()

    async def tick(self, poster: DigestPoster) -> list[tuple[int, dt.date]]:
        """Post every digest due now; (server, slot date) of those posted."""
        async with self._rounds.turn:
            done = []
            for settings in await self._store.active():
                try:
                    posted = await self._handle(poster, settings)
                except Exception:  # one server's trouble must not stop the others
                    log.exception("insights digest for server %s failed", settings.guild_id)
                    continue
                if posted is not None:
                    done.append((settings.guild_id, posted))
            return done

    async def _handle(self, poster: DigestPoster, s: DigestSettings) -> dt.date | None:
        s = await self._in_server_zone(s)
        now = self._clock()
        day, slot = last_slot(s, now)
        if slot < s.active_since or now - slot > self._grace:
            return None
        row = await self._store.post(s.guild_id, day)
        if row is not None and row.status == "posted":
            return None
        claim = DigestPost(
            s.guild_id, day, "pending", s.channel_id, nonce_for(s.guild_id, day), None,
            now + self._lease,
        )  # fmt: skip
        if row is not None:  # pending: a run died mid-post, or is posting right now
            claim = DigestPost(
                row.guild_id, day, "pending", row.channel_id, row.nonce, None, now + self._lease
            )
        if not await self._store.claim(claim, now=now, expired_before=now if row else None):
            return None
        try:
            message_id = None
            if row is not None:
                message_id = await poster.find(s.guild_id, claim.channel_id, claim.nonce)
            if message_id is None:
                overview = await self._insights.overview(
                    s.guild_id, Period.ending(day - dt.timedelta(days=1), 7)
                )
                message_id = await poster.post(s.guild_id, claim.channel_id, claim.nonce, overview)
        except ChannelGone:  # the moderators' /insights digest says so
            log.debug("insights digest for server %s: its channel is gone", s.guild_id)
            await self._store.release(s.guild_id, day, now=self._clock())
            return None
        except Exception:
            log.warning("insights digest for server %s not posted", s.guild_id, exc_info=True)
            await self._store.release(s.guild_id, day, now=self._clock())
            return None
        await self._store.posted(s.guild_id, day, message_id)
        return day
