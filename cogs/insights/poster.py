"""The weekly digest in Discord (implements bot.insights.digest.DigestPoster): the overview embed
and its chart posted in the server's channel, its nonce in the footer so a resumed post finds it."""

from __future__ import annotations

import asyncio
import io

import discord

from bot.adapter.channels import deleted
from bot.adapter.client import SunbaeBot
from bot.adapter.locale import server_language
from bot.insights.chart import chart_text, render_overview
from bot.insights.digest import ChannelGone
from bot.models.insights import Overview
from cogs.insights.embeds import CHART_FILE, overview_embed, recording_off

HISTORY_SCAN = 30


class DiscordDigestPoster:
    def __init__(self, bot: SunbaeBot) -> None:
        self._bot = bot

    async def _channel(self, guild_id: int, channel_id: int) -> discord.abc.Messageable:
        if deleted(self._bot.get_guild(guild_id), channel_id):
            raise ChannelGone(channel_id)
        try:
            channel = self._bot.get_channel(channel_id) or await self._bot.fetch_channel(channel_id)
        except discord.NotFound as exc:
            raise ChannelGone(channel_id) from exc
        if not isinstance(channel, discord.abc.Messageable):
            raise TypeError(f"channel {channel_id} cannot hold messages")
        return channel

    async def find(self, guild_id: int, channel_id: int, nonce: str) -> int | None:
        channel = await self._channel(guild_id, channel_id)
        me = self._bot.user
        async for message in channel.history(limit=HISTORY_SCAN):
            if me is not None and message.author.id != me.id:
                continue
            if any(nonce in (embed.footer.text or "") for embed in message.embeds):
                return message.id
        return None

    async def post(self, guild_id: int, channel_id: int, nonce: str, overview: Overview) -> int:
        channel = await self._channel(guild_id, channel_id)
        language = server_language(self._bot.get_guild(guild_id))
        overview = await self._bot.services.insights.in_language(overview, language)
        topics = await self._bot.services.search.topics()
        names = {topic.id: topic.name(language) for topic in topics}
        text = chart_text(language, overview.period.days)
        png = await asyncio.to_thread(render_overview, overview, text, names)
        retention = self._bot.services.settings.insights_retention_days
        embed = overview_embed(overview, names, language, retention=retention)
        if not self._bot.services.settings.insights:
            embed = recording_off(embed, language)
        embed.set_footer(text=f"{embed.footer.text} · {nonce}")
        # discord.py sends enforce_nonce with a nonce: a retried send returns the first message.
        message = await channel.send(
            embed=embed,
            file=discord.File(io.BytesIO(png), filename=CHART_FILE),
            nonce=nonce,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        return message.id
