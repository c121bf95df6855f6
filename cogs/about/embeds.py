"""The /about card: what sunbae is, the commands to try, what it holds per source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot import __version__
from bot.adapter import limits
from bot.adapter.render import COLOR, fit
from bot.i18n import Language, Verbatim, t

SOURCES_SHOWN = 8


@dataclass(frozen=True, slots=True)
class AboutCounts:
    entries: int
    tips: int
    topics: int
    sources: Sequence[tuple[str, int]]  # (source label, entries), most first


def about_embed(counts: AboutCounts, language: Language) -> discord.Embed:
    embed = discord.Embed(
        title=t("about.title", language), description=t("about.intro", language), colour=COLOR
    )
    embed.add_field(
        name=t("about.try", language), value=t("about.commands", language), inline=False
    )
    held = t("about.held", language, entries=counts.entries, tips=counts.tips, topics=counts.topics)
    if counts.sources:
        lines = [
            t("about.source_line", language, source=_label(label, language), n=n)
            for label, n in counts.sources[:SOURCES_SHOWN]
        ]
        rest = counts.sources[SOURCES_SHOWN:]
        if rest:
            lines.append(
                t("about.more_sources", language, sources=len(rest), n=sum(n for _, n in rest))
            )
        held += "\n" + "\n".join(lines)
    embed.add_field(
        name=t("about.corpus", language),
        value=limits.clip(held, limits.EMBED_FIELD_VALUE),
        inline=False,
    )
    if language == "en":
        embed.add_field(
            name=t("about.language", language), value=t("about.english", language), inline=False
        )
    embed.set_footer(text=f"sunbae {__version__}")
    return fit(embed)


def _label(label: str, language: Language) -> str:
    """A source as campers know it: its post title, clipped; a server's own entries by name."""
    if label == "moderators":
        return Verbatim(t("about.moderators", language))
    return limits.clip(label, 70)
