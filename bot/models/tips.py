"""Records of the tip domain (plain data: the Discord adapter renders them)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import asdict, dataclass
from typing import Literal

DEFAULT_TIME = "09:00"
# The rotation outside any server: /tip in a DM and the CLI's default share it.
GLOBAL_GUILD = 0


@dataclass(frozen=True, slots=True)
class DailyTip:
    """The tip of one server's local date."""

    guild_id: int
    date: dt.date
    entry_id: str
    title: str
    tip: str
    source: str  # attribution line ("speaker · event · date"), may be ""
    url: str | None = None
    title_en: str = ""  # the entry's English title, for English-speaking servers and members

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.entry_id,
            "title": self.title,
            "tip": self.tip,
            "date": self.date.isoformat(),
            "source": self.source,
            "url": self.url,
            "guild": self.guild_id,
        }


# What went wrong with a server's daily tip:
# - refused: a post Discord refused for good (`cause`: missing_permissions, unknown_channel)
# - gave_up: retries (rate limits, Discord errors) ran out at the end of the grace window
# - no_tips: no live entry has a tip
# - no_thread: the tip was posted but its discussion thread could not be opened
ProblemKind = Literal["refused", "gave_up", "no_tips", "no_thread"]


@dataclass(frozen=True, slots=True)
class TipProblem:
    """A server's last problem, stored as JSON and put into words by the adapter in the
    moderator's language (`detail` is what Discord or the error said, verbatim)."""

    date: dt.date
    kind: ProblemKind
    cause: str = ""
    channel_id: int | None = None
    attempts: int = 0
    detail: str = ""

    def encode(self) -> str:
        return json.dumps(asdict(self) | {"date": self.date.isoformat()}, ensure_ascii=False)

    @classmethod
    def decode(cls, text: str) -> TipProblem | None:
        """None for text that is not an encoded problem (written by an older version)."""
        try:
            data = json.loads(text)
            return cls(**(data | {"date": dt.date.fromisoformat(data["date"])}))
        except (ValueError, TypeError, KeyError):
            return None


@dataclass(frozen=True, slots=True)
class TipSettings:
    """A server's posting settings; `last_problem` is what went wrong last, for moderators
    (a TipProblem's JSON; see `problem`)."""

    guild_id: int
    channel_id: int | None
    time: str  # HH:MM, local
    timezone: str  # IANA name
    enabled: bool
    open_thread: bool
    skip_date: dt.date | None
    last_problem: str | None
    problem_at: dt.datetime | None
    active_since: dt.datetime  # slots before this instant were never scheduled
    next_post_at: dt.datetime | None = None  # filled in by TipService.settings()

    @property
    def configured(self) -> bool:
        return self.channel_id is not None

    @property
    def problem(self) -> TipProblem | None:
        return TipProblem.decode(self.last_problem) if self.last_problem else None


PostStatus = Literal["pending", "sent", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class PostRecord:
    """One row of `tip_posts`: the claim on a server's date, then its result."""

    guild_id: int
    date: dt.date
    status: PostStatus
    nonce: str
    slot_at: dt.datetime
    channel_id: int | None
    entry_id: str | None
    message_id: int | None
    thread_id: int | None
    attempts: int
    retry_at: dt.datetime | None
    lease_until: dt.datetime | None
    reason: str | None


OutcomeKind = Literal["sent", "recovered", "skipped", "failed", "retry"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one tick did for one server's date (for logs and tests)."""

    guild_id: int
    date: dt.date
    kind: OutcomeKind
    message_id: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Deck:
    """A server's rotation: a few numbers whatever the number of tips (bot/tips/deck.py). Which
    cards this cycle dealt is kept by the store, a row per card dealt (one a day)."""

    seed: str
    cycle: int = 0  # 0: never shuffled
    dealt: int = 0  # cards dealt in this cycle: the next draw's number
    keep_away: int = 0  # this cycle's first draws that skip `recent`
    recent: tuple[str, ...] = ()  # the last 2 * RECENT_KEEP dealt across cycles, oldest first

    @classmethod
    def new(cls) -> Deck:
        return cls(seed=secrets.token_hex(8))
