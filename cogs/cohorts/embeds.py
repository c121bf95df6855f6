"""What cohorts look like in Discord: the starter of a discussion, a cohort's card, the list."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import discord

from bot.adapter import limits
from bot.adapter.render import COLOR
from bot.cohorts.discussions import ThreadPage
from bot.cohorts.port import Starter
from bot.i18n import Language, Verbatim, t
from bot.models.cohorts import Cohort, CohortSummary, Discussion
from bot.text.markdown import escape, safe_links

STARTER_MARK = "sunbae discussion"


def starter_embed(starter: Starter, language: Language, *, nonce: str) -> discord.Embed:
    """The advice (or the day's tip) the thread is about, within embed limits."""
    title = starter.shown_title(language)
    if starter.kind == "tip" and starter.day is not None:
        title = f"{t('tip.title', language, date=starter.day.isoformat())} · {title}"
    embed = discord.Embed(
        title=limits.clip(title, limits.EMBED_TITLE),
        description=limits.clip(safe_links(starter.body), limits.BODY_PAGE),
        colour=COLOR,
        url=starter.url if starter.url and starter.url.startswith("https://") else None,
    )
    if starter.source:
        embed.add_field(
            name=t("embed.source", language),
            value=limits.clip(safe_links(starter.source), limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    if starter.topics:
        names = " · ".join(topic.name(language) for topic in starter.topics)
        embed.add_field(
            name=t("embed.topics", language), value=limits.clip(names, 1024), inline=False
        )
    embed.add_field(
        name=t("discuss.open_entry", language),
        value=limits.clip(f"`/entry id:{starter.entry_id}`", limits.EMBED_FIELD_VALUE),
        inline=False,
    )
    # The nonce in the footer lets a restarted bot find a starter it sent before a crash.
    embed.set_footer(text=f"{STARTER_MARK} · {nonce}")
    return embed


def opening_question(cohort_name: str, language: Language) -> str:
    return limits.clip(t("discuss.question", language, name=cohort_name), limits.CONTENT)


def _dates(cohort: Cohort, language: Language) -> str:
    if not cohort.starts_on and not cohort.ends_on:
        return t("cohort.info.none", language)
    start = cohort.starts_on.isoformat() if cohort.starts_on else "…"
    end = cohort.ends_on.isoformat() if cohort.ends_on else "…"
    return f"{start} ~ {end}"


def problem_text(cohort: Cohort, language: Language) -> str | None:
    problem = cohort.problem
    if problem is None:
        return None
    at = f"<t:{int(problem.at.timestamp())}:f>"
    return t(f"cohort.problem.{problem.kind}", language, at=Verbatim(at), channel=cohort.channel_id)


def info_embed(
    cohort: Cohort,
    page: ThreadPage,
    language: Language,
    *,
    titles: Mapping[str, str],
    show_problem: bool,
) -> discord.Embed:
    embed = discord.Embed(title=limits.clip(escape(cohort.name), limits.EMBED_TITLE), colour=COLOR)
    state = "cohort.info.active" if cohort.active else "cohort.info.archived"
    role = f"<@&{cohort.role_id}>" if cohort.role_id else t("cohort.info.none", language)
    fields = (
        ("cohort.info.state", t(state, language)),
        ("cohort.info.channel", f"<#{cohort.channel_id}>"),
        ("cohort.info.role", role),
        ("cohort.info.dates", _dates(cohort, language)),
        (
            "cohort.info.archive_after",
            t("cohort.info.minutes", language, minutes=cohort.auto_archive_minutes),
        ),
    )
    for key, value in fields:
        embed.add_field(name=t(key, language), value=value, inline=True)
    embed.add_field(
        name=t("cohort.info.threads", language),
        value=thread_lines(page.discussions, titles, language)
        or t("cohort.info.no_threads", language),
        inline=False,
    )
    problem = problem_text(cohort, language) if show_problem else None
    if problem:
        embed.add_field(name=t("cohort.problem", language), value=problem, inline=False)
    return embed


def subject_title(discussion: Discussion, titles: Mapping[str, str], language: Language) -> str:
    subject = discussion.subject
    if subject.kind == "tip":
        return t("cohort.tip_subject", language, date=subject.key)
    return escape(titles.get(subject.key, subject.key))


def thread_lines(
    discussions: Sequence[Discussion], titles: Mapping[str, str], language: Language
) -> str:
    lines = []
    for d in discussions:
        state = t(f"cohort.thread.{d.state}", language) if d.state != "open" else ""
        mark = f" · {state}" if state else ""
        lines.append(f"<#{d.thread_id}> · {subject_title(d, titles, language)}{mark}")
    return limits.clip("\n".join(lines), limits.EMBED_FIELD_VALUE)


def threads_embed(
    page: ThreadPage, language: Language, *, titles: Mapping[str, str]
) -> discord.Embed:
    embed = discord.Embed(
        title=limits.clip(
            t("cohort.threads.title", language, name=page.cohort.name), limits.EMBED_TITLE
        ),
        description=limits.clip(
            thread_lines(page.discussions, titles, language)
            or t("cohort.info.no_threads", language),
            limits.EMBED_DESCRIPTION,
        ),
        colour=COLOR,
    )
    if page.pages > 1:
        embed.set_footer(text=t("cohort.threads.page", language, n=page.page + 1, total=page.pages))
    return embed


def _count(members: Mapping[int, int], role_id: int | None) -> str:
    """Members with the cohort's role; a dash when it has none or Discord did not say."""
    return str(members[role_id]) if role_id is not None and role_id in members else "—"


def _channel(channel_id: int, gone: Collection[int], language: Language) -> str:
    """A link to the discussion channel, or that it was deleted (a link to nothing otherwise)."""
    return t("cohort.list.channel_deleted", language) if channel_id in gone else f"<#{channel_id}>"


def list_embed(
    summaries: Sequence[CohortSummary],
    members: Mapping[int, int],
    language: Language,
    *,
    gone: Collection[int] = (),
) -> discord.Embed:
    """`gone`: the discussion channels deleted in Discord."""
    embed = discord.Embed(title=t("cohort.list.title", language), colour=COLOR)
    if not summaries:
        embed.description = t("cohort.list.empty", language)
        return embed
    for active, key in ((True, "cohort.list.active"), (False, "cohort.list.alumni")):
        lines = [
            t(
                "cohort.list.line",
                language,
                name=s.cohort.name,
                channel=Verbatim(_channel(s.cohort.channel_id, gone, language)),
                members=Verbatim(_count(members, s.cohort.role_id)),
                threads=s.open_threads,
            )
            for s in summaries
            if s.cohort.active is active
        ]
        if lines:
            _add_lines(embed, t(key, language), lines, language)
    return embed


# Room kept for the alumni's heading and an "and N more" line once the active ones fill up.
_RESERVE = 300


def _add_lines(embed: discord.Embed, heading: str, lines: list[str], language: Language) -> None:
    """The lines in as many fields as they need (one field holds 1024 characters: a single
    field cut the list off after a dozen or so cohorts), within the embed's total; what does
    not fit is counted in a last line."""
    chunk: list[str] = []
    name = heading
    for shown, whole in enumerate(lines):
        line = limits.clip(whole, limits.EMBED_FIELD_VALUE - 100)
        value = "\n".join([*chunk, line])
        if len(value) > limits.EMBED_FIELD_VALUE - 100:  # room for the "more" line
            embed.add_field(name=name, value="\n".join(chunk), inline=False)
            name, chunk, value = "\u200b", [], line  # a continuation: no heading of its own
        full = len(embed) + len(name) + len(value) + _RESERVE > limits.EMBED_TOTAL
        if full or len(embed.fields) >= limits.EMBED_FIELDS - 2:
            more = t("cohort.list.more", language, n=len(lines) - shown)
            embed.add_field(name=name, value="\n".join([*chunk, more]), inline=False)
            return
        chunk.append(line)
    embed.add_field(name=name, value="\n".join(chunk), inline=False)
