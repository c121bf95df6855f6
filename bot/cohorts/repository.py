"""The storage the cohort domain needs, declared on its side; `bot/store/cohorts.py` implements
it for SQLite. Every read and write is scoped to one server (`guild_id`)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.models.cohorts import (
    Cohort,
    CohortDraft,
    CohortState,
    Discussion,
    DiscussionState,
    Subject,
)


class CohortRepository(Protocol):
    async def add(
        self, guild_id: int, draft: CohortDraft, *, actor: int, now: dt.datetime
    ) -> Cohort:
        """Store a new cohort; raise NameTaken when the server has one with its name key."""
        ...

    async def update(self, cohort: Cohort, *, now: dt.datetime) -> Cohort:
        """Save every field of `cohort` (found by guild and id); raise NameTaken likewise."""
        ...

    async def get(self, guild_id: int, cohort_id: int) -> Cohort | None: ...

    async def by_name(self, guild_id: int, name: str) -> Cohort | None:
        """The cohort whose name has the same key (case and spacing do not count)."""
        ...

    async def all(self, guild_id: int) -> list[Cohort]:
        """Active cohorts first, then archived ones, each by name (numbers by value: 2기, 10기)."""
        ...

    async def set_state(
        self, guild_id: int, cohort_id: int, state: CohortState, *, now: dt.datetime
    ) -> None: ...

    async def set_problem(
        self, guild_id: int, cohort_id: int, problem: str | None, *, now: dt.datetime
    ) -> None: ...


class DiscussionRepository(Protocol):
    async def live(self, guild_id: int, cohort_id: int, subject: Subject) -> Discussion | None:
        """The one pending, open, archived or locked record of (cohort, subject), if any."""
        ...

    async def claim(
        self,
        guild_id: int,
        cohort_id: int,
        subject: Subject,
        *,
        channel_id: int,
        nonce: str,
        user_id: int,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> Discussion | None:
        """Create the pending record; None when a live one exists (someone claimed first)."""
        ...

    async def take_over(
        self, discussion_id: int, *, now: dt.datetime, lease: dt.timedelta
    ) -> Discussion | None:
        """Take a pending record whose lease ran out (its holder crashed); None if it is held."""
        ...

    async def record(
        self,
        discussion_id: int,
        *,
        thread_id: int,
        starter_message_id: int | None,
        state: DiscussionState,
        now: dt.datetime,
    ) -> Discussion:
        """Settle a record with its thread (a pending claim, or an adopted thread)."""
        ...

    async def adopt(
        self,
        guild_id: int,
        cohort_id: int,
        subject: Subject,
        *,
        channel_id: int,
        thread_id: int,
        starter_message_id: int | None,
        user_id: int,
        now: dt.datetime,
    ) -> Discussion | None:
        """Record a thread opened elsewhere (the daily tip's) as open; None if one is live, or
        if that thread was deleted (a record of it is marked deleted): never adopted again."""
        ...

    async def expire_lease(self, discussion_id: int, *, now: dt.datetime) -> None:
        """End a pending claim's lease now (its Discord call failed or timed out), so the next
        caller takes it over at once and looks for what the call may have opened."""
        ...

    async def release(self, discussion_id: int) -> None:
        """Drop a pending claim that opened nothing (Discord refused)."""
        ...

    async def mark(
        self,
        discussion_id: int,
        state: DiscussionState,
        *,
        now: dt.datetime,
        closed_by: int | None = None,
    ) -> None: ...

    async def mark_thread(
        self, guild_id: int, thread_id: int, state: DiscussionState, *, now: dt.datetime
    ) -> int:
        """Set the state of the live records of a thread (a gateway event); how many changed."""
        ...

    async def for_cohort(
        self, guild_id: int, cohort_id: int, *, limit: int, offset: int = 0
    ) -> list[Discussion]:
        """Its records with a thread, most recently active first (deleted ones left out)."""
        ...

    async def count_for_cohort(self, guild_id: int, cohort_id: int) -> int: ...

    async def open_counts(self, guild_id: int) -> dict[int, int]:
        """Open (not archived, locked or deleted) discussions per cohort id."""
        ...
