"""Records of the cohort domain (plain data: the store fills them, the Discord side renders them)."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Literal

CohortState = Literal["active", "archived"]
ChannelKind = Literal["text", "forum"]
# pending: claimed, the Discord call is in flight (or crashed: the lease says until when).
DiscussionState = Literal["pending", "open", "archived", "locked", "deleted"]
LIVE_STATES: tuple[DiscussionState, ...] = ("pending", "open", "archived", "locked")
SubjectKind = Literal["entry", "tip"]


@dataclass(frozen=True, slots=True)
class Cohort:
    id: int
    guild_id: int
    name: str
    channel_id: int
    channel_kind: ChannelKind
    role_id: int | None = None
    program: str | None = None
    number: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    state: CohortState = "active"
    auto_archive_minutes: int = 10080  # rules.DEFAULT_AUTO_ARCHIVE
    last_problem: str | None = None  # a CohortProblem's JSON, for moderators
    created_by: int | None = None

    @property
    def active(self) -> bool:
        return self.state == "active"

    @property
    def label(self) -> str:
        """The short tag of its threads: `3기` when it has a number, else its name."""
        return f"{self.number}기" if self.number is not None else self.name

    @property
    def problem(self) -> CohortProblem | None:
        return CohortProblem.decode(self.last_problem) if self.last_problem else None


@dataclass(frozen=True, slots=True)
class CohortDraft:
    """What a moderator gives to create a cohort (or, all fields, to edit one)."""

    name: str
    channel_id: int
    channel_kind: ChannelKind
    role_id: int | None = None
    program: str | None = None
    number: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    auto_archive_minutes: int = 10080  # rules.DEFAULT_AUTO_ARCHIVE


# What went wrong for a cohort, shown to moderators in `/cohort info`:
# - max_threads: Discord's limit of active threads (160006) refused a discussion
# - forbidden: Discord refused (403) to open a discussion in its channel
# - role_forbidden / role_hierarchy: the bot could not give or take its role
ProblemKind = Literal[
    "max_threads",
    "forbidden",
    "unknown_channel",
    "tag_required",
    "role_forbidden",
    "role_hierarchy",
]


@dataclass(frozen=True, slots=True)
class CohortProblem:
    kind: ProblemKind
    at: dt.datetime
    detail: str = ""

    def encode(self) -> str:
        return json.dumps(asdict(self) | {"at": self.at.isoformat()}, ensure_ascii=False)

    @classmethod
    def decode(cls, text: str) -> CohortProblem | None:
        try:
            data = json.loads(text)
            return cls(**(data | {"at": dt.datetime.fromisoformat(data["at"])}))
        except (ValueError, TypeError, KeyError):
            return None


@dataclass(frozen=True, slots=True)
class Subject:
    """What a discussion is about: an entry (by id) or a server's daily tip (by its local date)."""

    kind: SubjectKind
    key: str

    @classmethod
    def entry(cls, entry_id: str) -> Subject:
        return cls("entry", entry_id)

    @classmethod
    def tip(cls, day: dt.date) -> Subject:
        return cls("tip", day.isoformat())

    @property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.key) if self.kind == "tip" else None

    def encode(self) -> str:
        return f"{self.kind}:{self.key}"

    @classmethod
    def decode(cls, text: str) -> Subject:
        kind, _, key = text.partition(":")
        if kind == "entry" and key:
            return cls("entry", key)
        if kind == "tip":
            return cls.tip(dt.date.fromisoformat(key))
        raise ValueError(f"not a discussion subject: {text!r}")


@dataclass(frozen=True, slots=True)
class Discussion:
    """One discussion record: the claim on (server, cohort, subject), then its thread."""

    id: int
    guild_id: int
    cohort_id: int
    subject: Subject
    state: DiscussionState
    channel_id: int
    nonce: str
    thread_id: int | None
    starter_message_id: int | None
    opened_by: int
    opened_at: dt.datetime
    last_active_at: dt.datetime
    closed_by: int | None = None
    attempts: int = 1
    lease_until: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CohortSummary:
    """A cohort with its counts, for `/cohort list`."""

    cohort: Cohort
    open_threads: int


# Spacing, and what shows as nothing: zero-width and bidi marks, the BOM, Hangul fillers.
_SPACES = re.compile(
    r"[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u115f\u1160\u3164\uffa0]+"
)


def name_key(name: str) -> str:
    """What makes two cohort names the same: case, width and spacing do not count, nor
    invisible characters (`AI Lab 3기` and `AI Lab 3기` + a zero-width space are one name; a
    name of fillers alone is empty)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name).casefold())


_DIGITS = re.compile(r"(\d+)")


def sort_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Where a cohort name sorts in every list: by its name key, numbers by value, so
    `AI Lab 2기` comes before `AI Lab 10기` (a plain string sort put 10기 first)."""
    parts = _DIGITS.split(name_key(name))
    # Tagging each part keeps numbers and text comparable: a number sorts before text.
    return tuple((0, int(p)) if i % 2 else (1, p) for i, p in enumerate(parts) if p)
