"""Stand-ins for the tip tests: a clock you move, a poster that records, and
helpers that store tip entries.

No Discord here either; RecordingPoster behaves like the adapter should (nonce dedupe,
find_existing by nonce, typed errors).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.app import Services
from bot.clock import Clock, iso
from bot.models import EntryDraft, Kind, Source
from bot.models.tips import DailyTip
from bot.store.database import Database
from bot.tips.errors import PostError
from bot.tips.poster import PostedTip
from bot.tips.scheduler import TipScheduler
from tests.helpers_store import retire_ids, store_drafts


def tip_scheduler(services: Services, **kwargs: Any) -> TipScheduler:
    """A scheduler on the bootstrap's services, with the test's own pace (sleep, grace…)."""
    return TipScheduler(services.tips, services.tip_store, **kwargs)


class ManualClock:
    """A Clock (call it) that stands still until moved.

    Kept in UTC: arithmetic on a datetime in a ZoneInfo zone is wall-clock arithmetic, which
    would walk straight through a DST change as if it were not there.
    """

    def __init__(self, start: dt.datetime) -> None:
        self.now = _utc(start)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta | None = None, **kwargs: float) -> dt.datetime:
        self.now += delta if delta is not None else dt.timedelta(**kwargs)
        return self.now

    def set(self, moment: dt.datetime) -> dt.datetime:
        self.now = _utc(moment)
        return self.now

    async def sleep(self, seconds: float) -> None:
        """A TipScheduler `sleep` that moves the clock instead of waiting."""
        self.advance(seconds=seconds)


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("ManualClock needs an aware datetime")
    return moment.astimezone(dt.UTC)


@dataclass(slots=True)
class Message:
    id: int
    guild_id: int
    channel_id: int
    nonce: str
    tip: DailyTip
    thread_id: int | None
    at: dt.datetime | None  # when it was sent, by the poster's clock


@dataclass
class RecordingPoster:
    """Records messages per channel; `fail_with[channel_id]` makes sends there raise."""

    messages: list[Message] = field(default_factory=list)
    fail_with: dict[int, PostError] = field(default_factory=dict)
    find_calls: list[tuple[int, str]] = field(default_factory=list)
    crash_after_send: bool = False  # raise Crash once the message exists, like a killed process
    clock: Clock | None = None  # stamps Message.at
    post_calls: list[tuple[int, int, str]] = field(default_factory=list)  # guild, channel, nonce
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    async def find_existing(self, channel_id: int, nonce: str) -> int | None:
        self.find_calls.append((channel_id, nonce))
        if channel_id in self.fail_with:
            raise self.fail_with[channel_id]
        return next(
            (m.id for m in self.messages if m.channel_id == channel_id and m.nonce == nonce), None
        )

    async def post(
        self, guild_id: int, channel_id: int, tip: DailyTip, *, nonce: str, open_thread: bool
    ) -> PostedTip:
        self.post_calls.append((guild_id, channel_id, nonce))
        if channel_id in self.fail_with:
            raise self.fail_with[channel_id]
        at = self.clock() if self.clock else None
        message = Message(next(self._ids), guild_id, channel_id, nonce, tip, None, at)
        if open_thread:
            message.thread_id = message.id + 1
        self.messages.append(message)
        if self.crash_after_send:
            self.crash_after_send = False
            raise Crash("process died after the send, before the record")
        return PostedTip(message.id, message.thread_id)

    def posted_in(self, guild_id: int) -> list[Message]:
        return [m for m in self.messages if m.guild_id == guild_id]


class Crash(BaseException):
    """Escapes every `except Exception`, as a killed process would."""


async def add_tip_entries(
    db: Database, ids: Sequence[str], *, now: dt.datetime | None = None, tip: bool = True
) -> None:
    """Store minimal live entries (with a tip unless `tip=False`), as moderators would."""
    drafts = [
        EntryDraft(
            id=i,
            title=f"title {i}",
            body=f"body {i}",
            tip=f"tip {i}" if tip else None,
            kind=Kind.TIP,
            source=Source(speaker=f"senior {i}", event="mentoring"),
        )
        for i in ids
    ]
    await store_drafts(db, drafts, now=iso(now or dt.datetime.now(dt.UTC)))


async def retire_entries(db: Database, ids: Sequence[str]) -> None:
    await retire_ids(db, ids, now=iso(dt.datetime.now(dt.UTC)))
