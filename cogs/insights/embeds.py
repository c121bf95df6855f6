"""The /insights embeds: a server's overview, its gaps, one entry's numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from bot.adapter import limits
from bot.adapter.render import COLOR, fit
from bot.i18n import Language, t
from bot.models.insights import Counted, EntryStats, Gap, Overview

CHART_FILE = "insights.png"
LIST_LINES = 10


def _lines(
    rows: Sequence[Counted], language: Language, names: Mapping[str, str] | None = None
) -> str:
    names = names or {}
    lines = [
        f"{n}. "
        + t(
            "insights.count_line",
            language,
            label=limits.clip(names.get(r.key, r.label), 80),
            count=r.count,
        )
        for n, r in enumerate(rows[:LIST_LINES], start=1)
    ]
    return limits.clip("\n".join(lines), limits.EMBED_FIELD_VALUE) or "—"


def overview_embed(
    overview: Overview, topic_names: Mapping[str, str], language: Language, *, retention: int
) -> discord.Embed:
    days = overview.period.days
    embed = discord.Embed(title=t("insights.title", language, days=days), colour=COLOR)
    if overview.lookups == 0:
        embed.description = t("insights.empty", language, days=days)
    for key, value in (
        ("insights.lookups", overview.lookups),
        ("insights.askers", overview.askers),
        ("insights.unanswered", overview.unanswered),
        ("insights.shares", overview.shares),
        ("insights.discussions", overview.discussions),
    ):
        embed.add_field(name=t(key, language), value=str(value), inline=True)
    for key, rows, names in (
        ("insights.top_queries", overview.top_queries, None),
        ("insights.top_entries", overview.top_entries, None),
        ("insights.top_topics", overview.top_topics, topic_names),
        ("insights.top_unanswered", overview.top_unanswered, None),
    ):
        if rows:
            embed.add_field(
                name=t(key, language), value=_lines(rows, language, names), inline=False
            )
    embed.set_image(url=f"attachment://{CHART_FILE}")
    embed.set_footer(text=t("insights.footer", language, retention=retention))
    return fit(embed)


def gaps_embed(gaps: Sequence[Gap], language: Language, *, days: int) -> discord.Embed:
    embed = discord.Embed(title=t("insights.gaps.title", language, days=days), colour=COLOR)
    if not gaps:
        embed.description = t("insights.gaps.none", language, days=days)
        return embed
    embed.description = t("insights.gaps.intro", language)
    for n, gap in enumerate(gaps, start=1):
        name = f"{n}. " + t(
            "insights.gaps.line", language, label=limits.clip(gap.label, 100), count=gap.count
        )
        details = []
        if gap.answered_title:
            details.append(
                t("insights.gaps.answered", language, title=limits.clip(gap.answered_title, 100))
            )
        others = [q for q in gap.queries if q != gap.label][:5]
        if others:
            listed = ", ".join(limits.clip(q, 60) for q in others)
            details.append(t("insights.gaps.also", language, queries=listed))
        embed.add_field(
            name=limits.clip(name, limits.EMBED_FIELD_NAME),
            value=limits.clip("\n".join(details), limits.EMBED_FIELD_VALUE) or "—",
            inline=False,
        )
    return fit(embed)


def entry_embed(
    stats: EntryStats, title: str, language: Language, *, retired: bool = False
) -> discord.Embed:
    days = stats.period.days
    embed = discord.Embed(
        title=limits.clip(
            t("insights.entry.title", language, title=title, days=days), limits.EMBED_TITLE
        ),
        description=t("insights.entry.retired", language) if retired else None,
        colour=COLOR,
    )
    for key, value in (
        ("insights.views", stats.views),
        ("insights.shares", stats.shares),
        ("insights.discussions", stats.discussions),
    ):
        embed.add_field(name=t(key, language), value=str(value), inline=True)
    queries = (
        _lines(stats.queries, language)
        if stats.queries
        else t("insights.entry.no_queries", language)
    )
    embed.add_field(name=t("insights.entry.queries", language), value=queries, inline=False)
    embed.set_footer(text=f"id: {stats.entry_id}")
    return fit(embed)


def recording_off(embed: discord.Embed, language: Language) -> discord.Embed:
    """The bot records no lookups (SUNBAE_INSIGHTS=off): said above what the log still holds,
    so empty counts are not read as nobody asking."""
    notice = t("insights.recording_off", language)
    embed.description = f"{notice}\n\n{embed.description}" if embed.description else notice
    return fit(embed)
