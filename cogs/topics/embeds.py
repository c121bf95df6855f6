"""The /topics embeds: the taxonomy with counts, and one topic's entries page by page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from bot.adapter import limits
from bot.adapter.render import COLOR, fit
from bot.i18n import Language, t
from bot.models import Entry, Topic


def topics_embed(
    topics: Sequence[Topic],
    counts: Mapping[str, int],
    language: Language,
    *,
    page: tuple[int, int] = (1, 1),
) -> discord.Embed:
    """The topics of one page of the /topics menu; `page`: (this page, pages)."""
    embed = discord.Embed(title=t("topics.title", language), colour=COLOR)
    if page[1] > 1:
        embed.set_footer(text=t("topics.page", language, n=page[0], total=page[1]))
    if not topics:
        embed.description = t("topics.empty", language)
        return embed
    lines = []
    for topic in topics:
        description = topic.description_en if language == "en" else topic.description
        count = t("topics.count", language, n=counts.get(topic.id, 0))
        line = f"**{topic.name(language)}** · {count}"
        if description:
            line += f"\n{description}"
        lines.append(line)
    body = "\n".join(lines)
    embed.description = limits.clip(
        f"{t('topics.intro', language)}\n\n{body}", limits.EMBED_DESCRIPTION
    )
    return fit(embed)


def topic_page_embed(
    topic: Topic,
    entries: Sequence[Entry],
    language: Language,
    *,
    page: int,
    pages: int,
    total: int,
) -> discord.Embed:
    embed = discord.Embed(
        title=limits.clip(
            t("topics.page_title", language, topic=topic.name(language), total=total),
            limits.EMBED_TITLE,
        ),
        colour=COLOR,
    )
    lines = []
    for entry in entries:
        title = entry.title_en if language == "en" and entry.title_en else entry.title
        lines.append(f"• **{limits.clip(title, 150)}**  `{entry.id}`")
    embed.description = limits.clip("\n".join(lines), limits.EMBED_DESCRIPTION)
    embed.set_footer(text=t("topics.page", language, n=page, total=pages))
    return fit(embed)
