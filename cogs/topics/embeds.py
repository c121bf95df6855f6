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
    intro = f"{t('topics.intro', language)}\n\n"
    heads = [
        f"**{limits.clip(topic.name(language), NAME_CHARS)}** · "
        + t("topics.count", language, n=counts.get(topic.id, 0))
        for topic in topics
    ]
    descriptions = [
        " ".join((topic.description_en if language == "en" else topic.description).split())
        for topic in topics
    ]
    # Every topic is listed: the descriptions share what the names leave of the description.
    room = limits.EMBED_DESCRIPTION - len(intro) - sum(len(h) + 2 for h in heads)
    shown = _shares(descriptions, room)
    lines = [f"{head}\n{text}" if text else head for head, text in zip(heads, shown, strict=True)]
    embed.description = intro + "\n".join(lines)
    return fit(embed)


NAME_CHARS = 100  # as a menu option's label
MIN_DESCRIPTION = 20  # shorter than this a cut description says nothing: left out


def _shares(texts: Sequence[str], room: int) -> list[str]:
    """`texts` within `room` characters in all: the shortest whole, the longer ones cut (with
    …) to an equal share of what is left."""
    shown = [""] * len(texts)
    waiting = sorted((i for i, text in enumerate(texts) if text), key=lambda i: len(texts[i]))
    for n, i in enumerate(waiting):
        share = room // (len(waiting) - n) if room > 0 else 0
        text = texts[i] if len(texts[i]) <= share else limits.clip(texts[i], share)
        if len(texts[i]) > share and share < MIN_DESCRIPTION:
            text = ""
        shown[i] = text
        room -= len(text)
    return shown


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
