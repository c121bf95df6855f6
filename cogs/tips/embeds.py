"""The tip's embeds: a day's tip (in a channel or as a reply) and a server's tip settings."""

from __future__ import annotations

import datetime as dt

import discord

from bot.adapter import limits
from bot.adapter.render import COLOR
from bot.i18n import Language, t
from bot.models.tips import DailyTip, TipSettings
from bot.text.markdown import safe_links
from cogs.tips.problems import problem_text

FOOTER_MARK = "sunbae daily tip"


def tip_embed(tip: DailyTip, language: Language, *, nonce: str | None = None) -> discord.Embed:
    embed = discord.Embed(
        title=t("tip.title", language, date=tip.date.isoformat()),
        description=limits.clip(safe_links(tip.tip), limits.EMBED_DESCRIPTION),
        colour=COLOR,
    )
    title = tip.title_en if language == "en" and tip.title_en else tip.title
    source = limits.clip(
        f"**{title}**" + (f"\n{safe_links(tip.source)}" if tip.source else ""),
        limits.EMBED_FIELD_VALUE,
    )
    embed.add_field(name=t("tip.from", language), value=source, inline=False)
    # The nonce is visible in the footer: channel history doesn't return nonces, and a restart
    # after a crash between send and record finds the earlier post by it.
    footer = f"{FOOTER_MARK} · {nonce}" if nonce else f"id: {tip.entry_id}"
    embed.set_footer(text=footer)
    return embed


def settings_embed(
    s: TipSettings, language: Language, *, channel_deleted: bool = False
) -> discord.Embed:
    embed = discord.Embed(title=t("tipcfg.title", language), colour=COLOR)
    if not s.configured:
        embed.description = t("tipcfg.not_set", language)
    else:
        on = t("tipcfg.on" if s.enabled else "tipcfg.off", language)
        embed.add_field(name=t("tipcfg.status", language), value=on, inline=True)
        embed.add_field(name=t("tipcfg.channel", language), value=f"<#{s.channel_id}>", inline=True)
        embed.add_field(
            name=t("tipcfg.time", language), value=f"{s.time} ({s.timezone})", inline=True
        )
        thread = t("tipcfg.yes" if s.open_thread else "tipcfg.no", language)
        embed.add_field(name=t("tipcfg.thread", language), value=thread, inline=True)
        if s.enabled and s.next_post_at:
            embed.add_field(
                name=t("tipcfg.next", language),
                value=discord.utils.format_dt(s.next_post_at, "F"),
                inline=False,
            )
    # A skipped day still ahead (by the service's clock: the next post's date), not a past one.
    anchor = (s.next_post_at or dt.datetime.now(dt.UTC)).date() - dt.timedelta(days=1)
    if s.skip_date and s.skip_date >= anchor:
        embed.add_field(name=t("tipcfg.skip", language), value=s.skip_date.isoformat(), inline=True)
    problem = problem_text(s, language)
    if channel_deleted and s.configured:  # before its next post fails there
        problem = t("channel.deleted", language, channel=s.channel_id)
    if problem:
        embed.add_field(name=t("tipcfg.problem", language), value=problem, inline=False)
    return embed
