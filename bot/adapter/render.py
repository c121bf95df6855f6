"""Entries and lists rendered as embeds, always within Discord's limits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from bot import __version__
from bot.adapter import limits
from bot.i18n import Language, t
from bot.models import Entry, Topic

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
    bodies = limits.paginate(entry.body)
    pages: list[discord.Embed] = []
    for number, body in enumerate(bodies, start=1):
        embed = discord.Embed(
            title=limits.clip(title, limits.EMBED_TITLE),
            description=limits.clip(body, limits.EMBED_DESCRIPTION),
            colour=COLOR,
        )
        if number == 1:
            if language == "en" and entry.summary:
                embed.add_field(
                    name=t("embed.english", language),
                    value=limits.clip(entry.summary, limits.EMBED_FIELD_VALUE),
                    inline=False,
                )
            if entry.tip:
                embed.add_field(
                    name=t("embed.tip", language),
                    value=limits.clip(entry.tip, limits.EMBED_FIELD_VALUE),
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
                value=limits.clip(value, limits.EMBED_FIELD_VALUE),
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


def topics_embed(
    topics: Sequence[Topic], counts: Mapping[str, int], language: Language
) -> discord.Embed:
    embed = discord.Embed(title=t("topics.title", language), colour=COLOR)
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


def about_embed(
    stats: Mapping[str, int], sources: Sequence[tuple[str, int]], language: Language, docs: str
) -> discord.Embed:
    embed = discord.Embed(
        title=t("about.title", language), description=t("about.description", language), colour=COLOR
    )
    embed.add_field(name=t("about.version", language), value=__version__, inline=True)
    embed.add_field(
        name=t("about.corpus", language),
        value=t("about.corpus_value", language, **stats),
        inline=True,
    )
    if sources:
        listed = "\n".join(f"{n:3d} · {limits.clip(s, 80)}" for s, n in sources[:10])
        embed.add_field(
            name=t("about.sources", language),
            value=limits.clip(listed, limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    embed.add_field(name=t("about.docs", language), value=docs, inline=False)
    return fit(embed)
