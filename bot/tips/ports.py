"""The storage the tips feature needs, declared on the domain's side.

`bot/store/tips.py` implements it on SQLite; another backend implements the same methods and
passes the same contract tests (`tests/contracts/`). Every call carries the server's id: a deck,
a decided tip, a setting or a post belongs to one server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.models import Entry
from bot.models.tips import Deck, PostRecord, PostStatus, TipSettings


class DeckUnit(Protocol):
    """A server's rotation and its decided tips, inside one unit of work."""

    async def live_tip_ids(self, guild_id: int) -> list[str]:
        """The ids of the live tips the server sees (its deck's cards), sorted."""
        ...

    async def is_live_tip(self, guild_id: int, card: str) -> bool:
        """`card` is a live tip the server sees."""
        ...

    async def live_tip_count(self, guild_id: int, *, at_most: int) -> int:
        """How many live tips the server sees, counting no further than `at_most`."""
        ...

    async def next_card(
        self, guild_id: int, position: float, *, skip: Collection[str], undealt: bool
    ) -> str | None:
        """The first live tip the server sees at or after `position` (0 <= position < 1: that
        far through the live tips, in an order of the store's that does not change), wrapping
        around; never one in `skip`, and with `undealt` never one dealt in this cycle. It must
        not read every tip: a draw is one of these calls, whatever the number of tips."""
        ...

    async def mark_dealt(self, guild_id: int, card: str) -> None: ...

    async def new_cycle(self, guild_id: int) -> None:
        """Forget which cards were dealt (the deck's cycle starts again)."""
        ...

    async def load_deck(self, guild_id: int) -> Deck | None: ...

    async def save_deck(self, guild_id: int, deck: Deck, *, now: dt.datetime) -> None: ...

    async def decided(self, guild_id: int, day: dt.date) -> str | None:
        """The entry decided as the server's tip of `day`, if any."""
        ...

    async def decided_between(
        self, guild_id: int, first: dt.date, last: dt.date
    ) -> dict[dt.date, str]: ...

    async def decide(
        self, guild_id: int, day: dt.date, entry_id: str, *, now: dt.datetime
    ) -> None: ...


class TipStore(Protocol):
    def dealing(self) -> AbstractAsyncContextManager[DeckUnit]:
        """A unit of work: its writes are committed together when the block ends, or none."""
        ...

    def reading(self) -> DeckUnit:
        """The same reads outside any transaction (they never deal)."""
        ...

    # -- settings ------------------------------------------------------------------------

    async def settings(self, guild_id: int) -> TipSettings | None: ...

    async def active_settings(self) -> list[TipSettings]:
        """Every server whose daily post is on."""
        ...

    async def save_settings(self, s: TipSettings, *, now: dt.datetime) -> None: ...

    async def set_problem(self, guild_id: int, problem: str | None, *, now: dt.datetime) -> None:
        """Record (or clear, with None) the server's last posting problem."""
        ...

    async def clear_problem_if(self, guild_id: int, problem: str, *, now: dt.datetime) -> None:
        """Clear the problem only if it is still `problem` (shown once, not lost if replaced)."""
        ...

    # -- posts: one per (server, local date), claimed before Discord is called -------------

    async def post(self, guild_id: int, day: dt.date) -> PostRecord | None: ...

    async def pending_posts(self) -> list[PostRecord]:
        """Posts claimed but not finished (a restart resumes them)."""
        ...

    async def claim(
        self,
        guild_id: int,
        day: dt.date,
        *,
        status: PostStatus,
        nonce: str,
        slot_at: dt.datetime,
        channel_id: int | None,
        entry_id: str | None,
        reason: str | None,
        now: dt.datetime,
    ) -> bool:
        """Create the day's post record; False if the day already has one (someone else won)."""
        ...

    async def begin_attempt(
        self,
        guild_id: int,
        day: dt.date,
        *,
        channel_id: int,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> bool:
        """Take the day's lease for one attempt; False while another holder's lease runs."""
        ...

    async def finish(
        self,
        guild_id: int,
        day: dt.date,
        *,
        status: PostStatus,
        now: dt.datetime,
        message_id: int | None = None,
        thread_id: int | None = None,
        entry_id: str | None = None,
        reason: str | None = None,
    ) -> bool:
        """Settle a pending post; False if it was already settled."""
        ...

    async def retry_later(
        self, guild_id: int, day: dt.date, *, retry_at: dt.datetime, reason: str, now: dt.datetime
    ) -> None: ...


class EntryLookup(Protocol):
    """Entries as one server sees them (its own version of a shared entry first)."""

    async def get(self, entry_id: str, *, guild_id: int | None = None) -> Entry | None: ...

    async def get_many(self, ids: Sequence[str], *, guild_id: int | None = None) -> list[Entry]: ...
