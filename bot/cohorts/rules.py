"""Rules of cohorts and discussions that need no storage: which cohort, which forum tags,
which auto-archive durations Discord accepts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.discord_limits import FORUM_APPLIED_TAGS, FORUM_TAGS, THREAD_AUTO_ARCHIVE_MINUTES
from bot.models import Topic
from bot.models.cohorts import Cohort, name_key

AUTO_ARCHIVE_MINUTES = THREAD_AUTO_ARCHIVE_MINUTES
DEFAULT_AUTO_ARCHIVE = 10080  # a week: a cohort's discussion outlives a quiet weekend


@dataclass(frozen=True, slots=True)
class Pick:
    """The cohort `/discuss` uses, or (when `cohort` is None) the ones to ask the member about."""

    cohort: Cohort | None
    ask: tuple[Cohort, ...] = ()
    reason: str = ""  # channel, role, only, ask, none


def pick_cohort(
    cohorts: Sequence[Cohort],
    *,
    channel_ids: Sequence[int],
    role_ids: Sequence[int],
) -> Pick:
    """When `/discuss` names no cohort: the one whose channel the command is used in (or a
    thread in it: pass the thread's parent too), else the member's cohort role, else the
    server's only active cohort, else ask among the active ones."""
    active = [c for c in cohorts if c.active]
    for cohort in active:
        if cohort.channel_id in channel_ids:
            return Pick(cohort, reason="channel")
    by_role = [c for c in active if c.role_id is not None and c.role_id in role_ids]
    if len(by_role) == 1:
        return Pick(by_role[0], reason="role")
    if len(active) == 1:
        return Pick(active[0], reason="only")
    if by_role:
        return Pick(None, ask=tuple(by_role), reason="ask")
    return Pick(None, ask=tuple(active), reason="ask" if active else "none")


def match_tags(
    tags: Sequence[tuple[int, str]], topics: Sequence[Topic], *, limit: int = FORUM_APPLIED_TAGS
) -> list[int]:
    """Ids of the forum tags named like the entry's topics (Korean or English name, or the
    topic id), in the topics' order, at most `limit` (Discord applies 5)."""
    by_name: dict[str, int] = {}
    for tag_id, name in tags[:FORUM_TAGS]:
        by_name.setdefault(name_key(name.lstrip("#")), tag_id)
    found: list[int] = []
    for topic in topics:
        for name in (topic.name_ko, topic.name_en, topic.id):
            matched = by_name.get(name_key(name)) if name else None
            if matched is not None and matched not in found:
                found.append(matched)
                break
        if len(found) == limit:
            break
    return found
