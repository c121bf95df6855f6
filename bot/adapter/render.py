"""Entries rendered as embeds within Discord's limits (the advice, topics and later features
all show entries), the product's embed colour, and the last-guard `fit`."""

from __future__ import annotations

from collections.abc import Mapping

import discord

from bot.adapter import limits
from bot.i18n import Language, t
from bot.models import Entry, Topic
from bot.text.markdown import safe_links

COLOR = discord.Colour(0x4F7CFF)


def topic_label(topic: Topic | None, topic_id: str, language: Language) -> str:
    return topic.name(language) if topic else topic_id


def entry_pages(
    entry: Entry,
    language: Language,
    *,
    topics: Mapping[str, Topic],
    position: tuple[int, int] | None = None,
) -> list[discord.Embed]:
    """One or more embeds for an entry: the body split into pages when it is long."""
    title = entry.title
    if language == "en" and entry.title_en:
        title = entry.title_en
    body = safe_links(entry.body)
    if language == "en" and entry.summary:
        # English first: the summary on top, then the advice as it was given, in Korean.
        summary = "\n".join(f"> {line}" for line in safe_links(entry.summary).splitlines())
        body = f"{summary}\n{t('embed.in_korean', language)}\n\n{body}"
    bodies = limits.paginate(body)
    pages: list[discord.Embed] = []
    for number, body in enumerate(bodies, start=1):
        embed = discord.Embed(
            title=limits.clip(title, limits.EMBED_TITLE),
            description=limits.clip(body, limits.EMBED_DESCRIPTION),
            colour=COLOR,
        )
        if number == 1 and entry.tip:
            embed.add_field(
                name=t("embed.tip", language),
                value=limits.clip(safe_links(entry.tip), limits.EMBED_FIELD_VALUE),
                inline=False,
            )
        if entry.topics:
            names = ", ".join(topic_label(topics.get(x), x, language) for x in entry.topics)
            embed.add_field(
                name=t("embed.topics", language),
                value=limits.clip(names, limits.EMBED_FIELD_VALUE),
                inline=True,
            )
        attribution = entry.source.attribution()
        if attribution:
            value = attribution
            if entry.source.post and entry.source.post not in attribution:
                value += f"\n{entry.source.post}"
            if entry.source.url:
                value += f"\n{entry.source.url}"
            embed.add_field(
                name=t("embed.source", language),
                value=limits.clip(safe_links(value), limits.EMBED_FIELD_VALUE),
                inline=True,
            )
        footer = [f"id: {entry.id}"]
        if position is not None:
            footer.append(t("embed.result", language, n=position[0], total=position[1]))
        if len(bodies) > 1:
            footer.append(t("embed.part", language, n=number, total=len(bodies)))
        embed.set_footer(text=limits.clip(" · ".join(footer), limits.EMBED_FOOTER))
        pages.append(fit(embed))
    return pages


def fit(embed: discord.Embed) -> discord.Embed:
    """Last guard: trim the description until the whole embed fits the 6000-character total."""
    overflow = len(embed) - limits.EMBED_TOTAL
    if overflow > 0 and embed.description:
        embed.description = limits.clip(embed.description, len(embed.description) - overflow - 1)
    return embed
