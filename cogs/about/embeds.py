"""The /about embed: version, corpus size, sources, docs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from bot import __version__
from bot.adapter import limits
from bot.adapter.render import COLOR, fit
from bot.i18n import Language, t


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
