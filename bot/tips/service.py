"""TipService: the tip of a server's day, the rotation, and the posting settings.

What the commands (`/tip`, `/tip-config`, the CLI) call. No Discord here; time comes from the
injected clock, so tests can walk through days and DST changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from bot.clock import Clock, utcnow
from bot.models import Entry
from bot.models.tips import DEFAULT_TIME, DailyTip, Deck, TipSettings
from bot.tips import deck as decks
from bot.tips.errors import NoTipsError, TipConfigError
from bot.tips.ports import EntryLookup, TipStore
from bot.tips.schedule import local_date, parse_day, parse_time, parse_zone, slot_at

log = logging.getLogger(__name__)

PREVIEW_LIMIT = 30


def _daily(guild_id: int, day: dt.date, entry: Entry) -> DailyTip:
    return DailyTip(
        guild_id=guild_id,
        date=day,
        entry_id=entry.id,
        title=entry.title,
        tip=entry.tip or "",
        source=entry.source.attribution(),
        url=entry.source.url,
        title_en=entry.title_en,
    )


class TipService:
    def __init__(
        self,
        *,
        tips: TipStore,
        entries: EntryLookup,
        clock: Clock = utcnow,
        default_timezone: str = "Asia/Seoul",
        default_time: str = DEFAULT_TIME,
    ) -> None:
        self.store = tips
        self.clock = clock
        self._entries = entries
        self._default_zone = parse_zone(default_timezone)
        self._default_time = parse_time(default_time)

    # -- the tip of a day ------------------------------------------------------------------

    async def local_today(self, guild_id: int) -> dt.date:
        """Today in the server's zone (the default zone for unconfigured servers and guild 0)."""
        return local_date(self.clock(), (await self._stored_or_default(guild_id)).timezone)

    async def today(self, guild_id: int) -> DailyTip:
        return await self.tip_for(guild_id, await self.local_today(guild_id))

    async def tip_for(self, guild_id: int, day: dt.date) -> DailyTip:
        """The tip of `day`, decided on first request and kept; NoTipsError if there are none.

        A kept tip whose entry was since retired (or lost its tip) is replaced by the next card:
        retiring is how moderators take advice out of circulation.
        """
        async with self.store.dealing() as unit:
            kept = await unit.decided(guild_id, day)
            if kept is None or not await unit.is_live_tip(guild_id, kept):
                deck = await unit.load_deck(guild_id) or Deck.new()
                card, deck = await decks.draw(unit, guild_id, deck)
                if card is None:
                    raise NoTipsError()
                await unit.save_deck(guild_id, deck, now=self.clock())
                await unit.decide(guild_id, day, card, now=self.clock())
                kept = card
        entry = await self._entries.get(kept, guild_id=guild_id)
        if entry is None or entry.tip is None:  # retired between the commit and this read
            return await self.tip_for(guild_id, day)
        return _daily(guild_id, day, entry)

    async def preview(self, guild_id: int, n: int = 5) -> list[DailyTip]:
        """The tips of the next `n` days from today, without deciding or dealing anything.

        Days already decided show their tip; the others show what the deck will deal, which
        holds as long as the corpus does not change before then.
        """
        n = max(0, min(n, PREVIEW_LIMIT))
        today = await self.local_today(guild_id)
        days = [today + dt.timedelta(days=i) for i in range(n)]
        if not days:
            return []
        # Reads outside any transaction: nothing can be dealt by accident.
        reads = self.store.reading()
        deck = await reads.load_deck(guild_id)
        if deck is None:
            # Store the seed now: a throw-away one would predict a different future.
            async with self.store.dealing() as unit:
                deck = await unit.load_deck(guild_id) or Deck.new()
                await unit.save_deck(guild_id, deck, now=self.clock())
        decided = await reads.decided_between(guild_id, days[0], days[-1])
        open_days = [
            d for d in days if d not in decided or not await reads.is_live_tip(guild_id, decided[d])
        ]
        upcoming = iter(await decks.peek(reads, guild_id, deck, len(open_days)))
        chosen = {d: decided[d] if d not in open_days else next(upcoming, None) for d in days}
        cards = [c for c in chosen.values() if c]
        entries = {e.id: e for e in await self._entries.get_many(cards, guild_id=guild_id)}
        return [_daily(guild_id, d, entries[c]) for d, c in chosen.items() if c and c in entries]

    # -- settings --------------------------------------------------------------------------

    async def settings(self, guild_id: int, *, acknowledge: bool = True) -> TipSettings:
        """The server's settings with its last problem and next post time.

        `acknowledge` clears the problem once returned: the `/tip-config` reply shows it once.
        """
        current = await self._stored_or_default(guild_id)
        if acknowledge and current.last_problem:
            await self.store.clear_problem_if(guild_id, current.last_problem, now=self.clock())
        return replace(current, next_post_at=await self._next_post(current))

    async def configure(
        self,
        guild_id: int,
        *,
        channel_id: int | None = None,
        time: str | None = None,
        timezone: str | None = None,
        thread: bool | None = None,
        enable: bool = True,
    ) -> TipSettings:
        """Change what is given (validated: TipConfigError) and turn posting on.

        `enable=False` saves the changes but leaves posting on or off as it was.
        """
        current = await self._stored_or_default(guild_id)
        new_time = parse_time(time) if time is not None else current.time
        new_zone = parse_zone(timezone) if timezone is not None else current.timezone
        if channel_id is not None and channel_id <= 0:
            raise TipConfigError(
                "channel_required", f"channel id must be a positive number, got {channel_id}"
            )
        channel = channel_id if channel_id is not None else current.channel_id
        if enable and channel is None:
            raise TipConfigError("channel_required", "choose a channel for the daily tip first")
        now = self.clock()
        updated = replace(
            current,
            channel_id=channel,
            time=new_time,
            timezone=new_zone,
            open_thread=current.open_thread if thread is None else thread,
            enabled=enable or current.enabled,
        )
        if (updated.time, updated.timezone, updated.enabled) != (
            current.time,
            current.timezone,
            current.enabled,
        ):
            # A new schedule starts now: slots it would have had earlier today are not "missed".
            updated = replace(updated, active_since=now)
        await self.store.save_settings(updated, now=now)
        return await self.settings(guild_id, acknowledge=False)

    async def disable(self, guild_id: int) -> TipSettings:
        current = await self._stored_or_default(guild_id)
        if current.enabled:
            await self.store.save_settings(replace(current, enabled=False), now=self.clock())
        return await self.settings(guild_id, acknowledge=False)

    async def skip(self, guild_id: int, day: dt.date | str | None = None) -> dt.date:
        """Skip one day's post: `day` (a date or YYYY-MM-DD, today or later, not yet posted),
        else the next one: today's if its slot is still ahead, else tomorrow's. One skipped day
        at a time: a new one replaces it."""
        current = await self._stored_or_default(guild_id)
        now = self.clock()
        today = local_date(now, current.timezone)
        if day is None:
            day = today
            if slot_at(day, current.time, current.timezone) <= now or await self.store.post(
                guild_id, day
            ):
                day += dt.timedelta(days=1)
        else:
            day = parse_day(day) if isinstance(day, str) else day
            if day < today:
                raise TipConfigError("past_date", f"{day} is in the past", value=day.isoformat())
            if await self.store.post(guild_id, day):
                raise TipConfigError(
                    "already_posted", f"the tip of {day} was already posted", value=day.isoformat()
                )
        await self.store.save_settings(replace(current, skip_date=day), now=now)
        return day

    async def unskip(self, guild_id: int) -> dt.date | None:
        """Post on the skipped day after all; returns that day (None: nothing was skipped)."""
        current = await self.store.settings(guild_id)
        if current is None or current.skip_date is None:
            return None
        day, now = current.skip_date, self.clock()
        await self.store.save_settings(replace(current, skip_date=None), now=now)
        # A day already gone by (or settled) stays as it was: there is nothing left to undo.
        if day < local_date(now, current.timezone) or await self.store.post(guild_id, day):
            return None
        return day

    # -- helpers ---------------------------------------------------------------------------

    def defaults(self, guild_id: int) -> TipSettings:
        return TipSettings(
            guild_id=guild_id,
            channel_id=None,
            time=self._default_time,
            timezone=self._default_zone,
            enabled=False,
            open_thread=False,
            skip_date=None,
            last_problem=None,
            problem_at=None,
            active_since=self.clock(),
        )

    async def _stored_or_default(self, guild_id: int) -> TipSettings:
        return await self.store.settings(guild_id) or self.defaults(guild_id)

    async def _next_post(self, s: TipSettings) -> dt.datetime | None:
        """When the next scheduled post is due (None when posting is off)."""
        if not (s.enabled and s.channel_id is not None):
            return None
        now = self.clock()
        today = local_date(now, s.timezone)
        for offset in range(3):
            day = today + dt.timedelta(days=offset)
            at = slot_at(day, s.time, s.timezone)
            if at >= now and day != s.skip_date and await self.store.post(s.guild_id, day) is None:
                return at
        return None
