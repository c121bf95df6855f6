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
    """One or more embeds for an entry: the body split into pages when it is long, each page's
    share of the body what its title, fields and footer leave of Discord's 6,000 (every word
    of the body is on a page: `fit` never has to cut it)."""
    title = entry.title
    if language == "en" and entry.title_en:
        title = entry.title_en
    title = limits.clip(title, limits.EMBED_TITLE)
    body = safe_links(entry.body)
    if language == "en" and entry.summary:
        # English first: the summary on top, then the advice as it was given, in Korean.
        summary = "\n".join(f"> {line}" for line in safe_links(entry.summary).splitlines())
        body = f"{summary}\n{t('embed.in_korean', language)}\n\n{body}"
    tip = _tip_field(entry, language)
    fields = _fields(entry, language, topics)
    footer = [f"id: {entry.id}"]  # parts joined by FOOTER_SEP
    if position is not None:
        footer.append(t("embed.result", language, n=position[0], total=position[1]))
    widest_footer = FOOTER_SEP.join([*footer, t("embed.part", language, n=999, total=999)])
    framed = len(title) + _length(fields) + min(len(widest_footer), limits.EMBED_FOOTER)
    room = min(limits.BODY_PAGE, limits.EMBED_TOTAL - framed)
    bodies = limits.paginate(body, room, first=room - _length(tip))
    pages: list[discord.Embed] = []
    for number, text in enumerate(bodies, start=1):
        embed = discord.Embed(
            title=title, description=limits.clip(text, limits.EMBED_DESCRIPTION), colour=COLOR
        )
        for name, value, inline in (tip if number == 1 else []) + fields:
            embed.add_field(name=name, value=value, inline=inline)
        parts = footer.copy()
        if len(bodies) > 1:
            parts.append(t("embed.part", language, n=number, total=len(bodies)))
        embed.set_footer(text=limits.clip(FOOTER_SEP.join(parts), limits.EMBED_FOOTER))
        pages.append(fit(embed))
    return pages


Field = tuple[str, str, bool]  # name, value, inline


def _length(fields: list[Field]) -> int:
    """What the fields count toward the embed's total (names and values)."""
    return sum(len(name) + len(value) for name, value, _ in fields)


def _tip_field(entry: Entry, language: Language) -> list[Field]:
    if not entry.tip:
        return []
    value = limits.clip(safe_links(entry.tip), limits.EMBED_FIELD_VALUE)
    return [(t("embed.tip", language), value, False)]


def _fields(entry: Entry, language: Language, topics: Mapping[str, Topic]) -> list[Field]:
    """The fields every page shows: the entry's topics and its source."""
    fields: list[Field] = []
    if entry.topics:
        names = ", ".join(topic_label(topics.get(x), x, language) for x in entry.topics)
        fields.append(
            (t("embed.topics", language), limits.clip(names, limits.EMBED_FIELD_VALUE), True)
        )
    attribution = entry.source.attribution()
    if attribution:
        value = attribution
        if entry.source.post and entry.source.post not in attribution:
            value += f"\n{entry.source.post}"
        if entry.source.url:
            value += f"\n{entry.source.url}"
        fields.append(
            (
                t("embed.source", language),
                limits.clip(safe_links(value), limits.EMBED_FIELD_VALUE),
                True,
            )
        )
    return fields


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
