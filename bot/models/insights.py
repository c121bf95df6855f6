"""Records of insights (issue 17): what is recorded about a lookup and what moderators read
back. No user id anywhere: an asker is a per-day salted hash, good only for counting distinct
askers within one day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

Command = Literal["advice", "entry", "autocomplete", "topics"]
Action = Literal["page", "did_you_mean", "share", "discuss"]
# shown: entries were shown; suggested: only "did you mean" choices; none: nothing at all.
Outcome = Literal["shown", "suggested", "none"]

COMMANDS: tuple[Command, ...] = get_args(Command)
ACTIONS: tuple[Action, ...] = get_args(Action)
MAX_QUERY = 200
MAX_RESULTS = 10  # ranks kept per lookup


@dataclass(frozen=True, slots=True)
class Lookup:
    """One lookup as stored: `results` are the entry ids shown, best first (rank = index + 1).
    `day` is the server's local date of `at`, settled once by the recorder: the same day picks
    the salt of `asker` and files the lookup."""

    id: int
    guild_id: int
    at: dt.datetime
    day: dt.date
    command: Command
    query: str
    query_key: str
    outcome: Outcome
    results: tuple[str, ...] = ()
    topic: str | None = None  # the topic filter, or the top result's first topic
    asker: int | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What a camper did after a lookup: turned a page to an entry, clicked "did you mean",
    shared an entry, opened a discussion (`lookup_id` None: not tied to one lookup). `day` is
    the server's local date of `at`, as the recorder settles it for lookups."""

    guild_id: int
    lookup_id: int | None
    action: Action
    entry_id: str | None
    at: dt.datetime
    day: dt.date


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days in the server's time zone, `first` to `last`, both included."""

    first: dt.date
    last: dt.date

    @classmethod
    def ending(cls, last: dt.date, days: int) -> Period:
        """The `days` days up to `last`: ending(today, 7) is today and the six days before."""
        return cls(last - dt.timedelta(days=max(1, days) - 1), last)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True, slots=True)
class Counted:
    """A key (a query, an entry id, a topic id) with how often it came up."""

    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class DayCount:
    day: dt.date
    topic: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Overview:
    guild_id: int
    period: Period
    lookups: int
    askers: int  # distinct askers per day, summed over the days
    unanswered: int
    shares: int
    discussions: int
    top_queries: tuple[Counted, ...] = ()
    top_entries: tuple[Counted, ...] = ()
    top_topics: tuple[Counted, ...] = ()
    top_unanswered: tuple[Counted, ...] = ()
    per_day: tuple[DayCount, ...] = ()


@dataclass(frozen=True, slots=True)
class Gap:
    """Queries of similar wording that found nothing (or whose suggestions nobody clicked)."""

    label: str  # the most asked wording
    count: int
    queries: tuple[str, ...]
    answered_by: str | None = None  # an entry that answers it now (added since)
    answered_title: str | None = None


@dataclass(frozen=True, slots=True)
class EntryStats:
    guild_id: int
    entry_id: str
    period: Period
    views: int
    shares: int
    discussions: int
    queries: tuple[Counted, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """Where and when a server's weekly digest is posted (weekday 0 = Monday, local HH:MM)."""

    guild_id: int
    channel_id: int
    weekday: int
    time: str
    timezone: str
    enabled: bool
    active_since: dt.datetime


@dataclass(frozen=True, slots=True)
class DigestPost:
    guild_id: int
    slot_date: dt.date
    status: Literal["pending", "posted"]
    channel_id: int
    nonce: str
    message_id: int | None
    lease_until: dt.datetime
