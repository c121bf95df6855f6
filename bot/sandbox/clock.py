"""The sandbox's clock: real time plus an offset the user moves (`:advance 1d`, `:time ...`).

Every service reads it (it is the `clock` given to `bootstrap`), so `/tip` shows the day the
sandbox is on and the real tip scheduler posts when that day's slot comes.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.clock import utcnow
from bot.insights.digest import DigestScheduler
from bot.models.tips import Outcome
from bot.tips.scheduler import TipScheduler

_STEP = re.compile(r"(\d+)\s*([dhms])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
MAX_STOPS = 2000  # a year of daily slots for a few servers; each stop moves time forward


class ClockError(ValueError):
    """A duration or a time the clock command cannot read; the message says what it takes."""


class SandboxClock:
    """Callable like `bot.clock.utcnow`; time keeps flowing from wherever it was set."""

    def __init__(self) -> None:
        self._offset = dt.timedelta(0)

    def __call__(self) -> dt.datetime:
        return utcnow() + self._offset

    def set(self, moment: dt.datetime) -> None:
        self._offset = moment - utcnow()


def parse_duration(text: str) -> dt.timedelta:
    """`1d`, `2h`, `1d12h`, `90m`, `30s` -> a positive timedelta."""
    compact = text.replace(" ", "").lower()
    steps = _STEP.findall(compact)
    if not steps or "".join(n + u for n, u in steps) != compact:
        raise ClockError(f"cannot read {text!r} as a duration: try 1d, 2h, 1d12h or 30m")
    total = sum((dt.timedelta(**{_UNITS[unit]: int(n)}) for n, unit in steps), dt.timedelta())
    if total <= dt.timedelta(0):
        raise ClockError("the duration must be more than zero")
    if total > dt.timedelta(days=366):
        raise ClockError("at most a year at a time")
    return total


def parse_moment(text: str, zone: str) -> dt.datetime:
    """`2026-12-02T09:00` (in `zone` unless it carries an offset) or `2026-12-02` (midnight)."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(
            f"cannot read {text!r} as a time: try 2026-12-02T09:00 (in {zone}) or 2026-12-02"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(dt.UTC)


def describe(moment: dt.datetime, zone: str) -> str:
    """`2026-12-02 (Wed) 09:00 Asia/Seoul`: what the sandbox prints after moving the clock."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%Y-%m-%d (%a) %H:%M} {zone}"


async def travel(
    clock: SandboxClock,
    scheduler: TipScheduler,
    target: dt.datetime,
    digests: DigestScheduler | None = None,
) -> list[Outcome]:
    """Move the clock to `target`, stopping at every moment the tip scheduler (or the weekly
    digest's) has something to do on the way (a day's slot, a retry, a week's digest) and
    running their ticks there, as a bot left running would. Going back in time just sets the
    clock (the schedulers' claims keep them from posting a day or a week twice). The daily tip's
    outcomes are returned; a digest shows as the post it makes."""
    outcomes: list[Outcome] = []
    for _ in range(MAX_STOPS):
        due = [await scheduler.next_due(), await digests.next_due() if digests else None]
        soonest = min((t for t in due if t is not None), default=None)
        if soonest is None or soonest > target:
            break
        clock.set(soonest)
        outcomes += await scheduler.tick_now()
        if digests is not None:
            await digests.tick_now()
    clock.set(target)
    outcomes += await scheduler.tick_now()
    if digests is not None:
        await digests.tick_now()
    return outcomes
