"""Entries rendered as embeds within Discord's limits (the advice, topics and later features
all show entries), the product's embed colour, and the last-guard `fit`."""

from __future__ import annotations

import re
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
        footer = [f"id: {entry.id}"]  # parts joined by FOOTER_SEP
        if position is not None:
            footer.append(t("embed.result", language, n=position[0], total=position[1]))
        if len(bodies) > 1:
            footer.append(t("embed.part", language, n=number, total=len(bodies)))
        embed.set_footer(text=limits.clip(FOOTER_SEP.join(footer), limits.EMBED_FOOTER))
        pages.append(fit(embed))
    return pages


FOOTER_SEP = " · "


def _position_pattern(language: Language) -> re.Pattern[str]:
    shape = re.escape(t("embed.result", language, n="\x00", total="\x01"))
    return re.compile(shape.replace("\x00", r"\d+").replace("\x01", r"\d+"))


def shared_copy(embed: discord.Embed, language: Language) -> discord.Embed:
    """A page posted to the channel on its own: without "Result 2/10" in its footer (a place
    in a list the channel never saw). The part of a long entry (1/3) stays."""
    copy = embed.copy()
    footer = copy.footer.text
    if footer:
        position = _position_pattern(language)
        parts = [p for p in footer.split(FOOTER_SEP) if not position.fullmatch(p)]
        copy.set_footer(text=FOOTER_SEP.join(parts), icon_url=copy.footer.icon_url)
    return copy


def fit(embed: discord.Embed) -> discord.Embed:
    """Last guard: trim the description until the whole embed fits the 6000-character total."""
    overflow = len(embed) - limits.EMBED_TOTAL
    if overflow > 0 and embed.description:
        embed.description = limits.clip(embed.description, len(embed.description) - overflow - 1)
    return embed
