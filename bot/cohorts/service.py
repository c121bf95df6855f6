"""CohortService: what the `/cohort` commands call. Plain async; time from the injected clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from bot.clock import Clock, utcnow
from bot.cohorts import rules
from bot.cohorts.names import NAME_LIMIT, clean, number_in, units
from bot.cohorts.repository import CohortRepository, DiscussionRepository
from bot.models.cohort_errors import CohortError
from bot.models.cohorts import (
    ChannelKind,
    Cohort,
    CohortDraft,
    CohortProblem,
    CohortSummary,
    ProblemKind,
    name_key,
)

SUGGESTIONS = 25
# Problems of a cohort's channel: moving the cohort to another channel leaves them behind.
_CHANNEL_PROBLEMS = ("unknown_channel", "forbidden", "tag_required")


def _name(name: str) -> str:
    name = clean(name)
    if not name_key(name):
        raise CohortError("name_empty")
    if units(name) > NAME_LIMIT:
        raise CohortError("name_too_long", limit=NAME_LIMIT, length=units(name))
    return name


def _checked(draft: CohortDraft) -> CohortDraft:
    if draft.starts_on and draft.ends_on and draft.ends_on < draft.starts_on:
        raise CohortError("bad_dates", starts=draft.starts_on, ends=draft.ends_on)
    if draft.auto_archive_minutes not in rules.AUTO_ARCHIVE_MINUTES:
        raise CohortError("bad_auto_archive", allowed=rules.AUTO_ARCHIVE_MINUTES)
    name = _name(draft.name)
    number = draft.number if draft.number is not None else number_in(name)
    return replace(draft, name=name, number=number, program=clean(draft.program or "") or None)


class CohortService:
    def __init__(
        self,
        cohorts: CohortRepository,
        discussions: DiscussionRepository,
        *,
        clock: Clock = utcnow,
    ) -> None:
        self._cohorts = cohorts
        self._discussions = discussions
        self.clock = clock

    # -- moderators ----------------------------------------------------------------------

    async def create(self, guild_id: int, draft: CohortDraft, *, actor: int) -> Cohort:
        """A new active cohort; CohortError when its name or dates do not hold."""
        return await self._cohorts.add(guild_id, _checked(draft), actor=actor, now=self.clock())

    async def edit(
        self,
        guild_id: int,
        cohort_id: int,
        *,
        name: str | None = None,
        channel: tuple[int, ChannelKind] | None = None,
        role_id: int | None = None,
        clear_role: bool = False,
        program: str | None = None,
        number: int | None = None,
        starts_on: dt.date | None = None,
        ends_on: dt.date | None = None,
        auto_archive_minutes: int | None = None,
    ) -> Cohort:
        """Change the given fields (None leaves one as it is)."""
        cohort = await self.get(guild_id, cohort_id)
        channel_id, channel_kind = channel or (cohort.channel_id, cohort.channel_kind)
        renamed = name is not None and name_key(name) != name_key(cohort.name)
        draft = _checked(
            CohortDraft(
                name=cohort.name if name is None else name,
                channel_id=channel_id,
                channel_kind=channel_kind,
                role_id=None if clear_role else (role_id or cohort.role_id),
                program=program or cohort.program,
                # A new name carries its own number unless one is given.
                number=number if number is not None else (None if renamed else cohort.number),
                starts_on=starts_on or cohort.starts_on,
                ends_on=ends_on or cohort.ends_on,
                auto_archive_minutes=auto_archive_minutes or cohort.auto_archive_minutes,
            )
        )
        updated = replace(
            cohort,
            name=draft.name,
            channel_id=draft.channel_id,
            channel_kind=draft.channel_kind,
            role_id=draft.role_id,
            program=draft.program,
            number=draft.number,
            starts_on=draft.starts_on,
            ends_on=draft.ends_on,
            auto_archive_minutes=draft.auto_archive_minutes,
        )
        saved = await self._cohorts.update(updated, now=self.clock())
        problem = cohort.problem
        if saved.channel_id != cohort.channel_id and problem and problem.kind in _CHANNEL_PROBLEMS:
            # What went wrong in the old channel says nothing of the new one.
            await self._cohorts.set_problem(guild_id, cohort.id, None, now=self.clock())
            saved = replace(saved, last_problem=None)
        return saved

    async def archive(self, guild_id: int, cohort_id: int) -> Cohort:
        cohort = await self.get(guild_id, cohort_id)
        if not cohort.active:
            raise CohortError("already_archived", name=cohort.name)
        await self._cohorts.set_state(guild_id, cohort_id, "archived", now=self.clock())
        return replace(cohort, state="archived")

    async def unarchive(self, guild_id: int, cohort_id: int) -> Cohort:
        cohort = await self.get(guild_id, cohort_id)
        if cohort.active:
            raise CohortError("not_archived", name=cohort.name)
        await self._cohorts.set_state(guild_id, cohort_id, "active", now=self.clock())
        return replace(cohort, state="active")

    async def report_problem(
        self, guild_id: int, cohort_id: int, kind: ProblemKind, detail: str = ""
    ) -> None:
        """Keep what went wrong for the moderators' `/cohort info`."""
        problem = CohortProblem(kind, self.clock(), detail)
        await self._cohorts.set_problem(guild_id, cohort_id, problem.encode(), now=self.clock())

    async def channel_deleted(self, guild_id: int, channel_id: int) -> None:
        """A channel is gone: the cohorts discussing there keep it as a problem for moderators
        (their /cohort info), until `/cohort edit` names another."""
        for cohort in await self._cohorts.all(guild_id):
            if cohort.channel_id == channel_id:
                await self.report_problem(guild_id, cohort.id, "unknown_channel")

    async def clear_problem(self, cohort: Cohort, *kinds: ProblemKind) -> None:
        """Forget the cohort's problem when it is one of `kinds` (it was since solved)."""
        problem = cohort.problem
        if problem is not None and problem.kind in kinds:
            await self._cohorts.set_problem(cohort.guild_id, cohort.id, None, now=self.clock())

    # -- everyone ------------------------------------------------------------------------

    async def get(self, guild_id: int, cohort_id: int) -> Cohort:
        cohort = await self._cohorts.get(guild_id, cohort_id)
        if cohort is None:
            raise CohortError("not_found", name=str(cohort_id))
        return cohort

    async def find(self, guild_id: int, value: str) -> Cohort:
        """The cohort an option names: an autocomplete value (its id) or a typed name."""
        text = value.strip()
        if text.isdigit():
            cohort = await self._cohorts.get(guild_id, int(text))
            if cohort is not None:
                return cohort
        cohort = await self._cohorts.by_name(guild_id, text)
        if cohort is None:
            raise CohortError("not_found", name=text)
        return cohort

    async def all(self, guild_id: int) -> list[Cohort]:
        return await self._cohorts.all(guild_id)

    async def summaries(self, guild_id: int) -> list[CohortSummary]:
        """Active cohorts first, then alumni, each with its open discussions."""
        counts = await self._discussions.open_counts(guild_id)
        return [CohortSummary(c, counts.get(c.id, 0)) for c in await self._cohorts.all(guild_id)]

    async def suggest(
        self, guild_id: int, typed: str, *, active_only: bool = False, joinable: bool = False
    ) -> list[Cohort]:
        """Cohorts for autocomplete: names starting with what was typed first, then containing it.
        `joinable`: only those `/cohort join` can give (see `joinable`)."""
        key = name_key(typed)
        cohorts = await (self.joinable(guild_id) if joinable else self._cohorts.all(guild_id))
        cohorts = [c for c in cohorts if c.active or not active_only]
        starts = [c for c in cohorts if name_key(c.name).startswith(key)]
        contains = [c for c in cohorts if key in name_key(c.name) and c not in starts]
        return (starts + contains)[:SUGGESTIONS]

    async def joinable(self, guild_id: int) -> list[Cohort]:
        """The cohorts a member can join: active ones with a role (an archived cohort has
        graduated; its role is its alumni's, not a way in)."""
        return [c for c in await self._cohorts.all(guild_id) if c.active and c.role_id is not None]

    async def pick(
        self, guild_id: int, *, channel_ids: Sequence[int], role_ids: Sequence[int]
    ) -> rules.Pick:
        cohorts = await self._cohorts.all(guild_id)
        return rules.pick_cohort(cohorts, channel_ids=channel_ids, role_ids=role_ids)

    async def any_active(self, guild_id: int) -> bool:
        """Whether the server has a cohort to discuss in (the Discuss button shows then)."""
        return any(c.active for c in await self._cohorts.all(guild_id))

    async def for_channel(self, guild_id: int, channel_id: int) -> Cohort | None:
        """The active cohort whose discussion channel this is (the daily tip's cohort)."""
        for cohort in await self._cohorts.all(guild_id):
            if cohort.active and cohort.channel_id == channel_id:
                return cohort
        return None
