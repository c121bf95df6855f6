"""/tip: today's tip; the cog also runs the daily tip scheduler."""

from __future__ import annotations

import asyncio

from discord import app_commands
from discord.ext import commands

from bot.adapter.background import BackgroundLoop
from bot.adapter.client import SunbaeBot
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.types import Interaction
from bot.models.tips import GLOBAL_GUILD
from bot.tips.errors import NoTipsError
from cogs.tips.embeds import tip_embed
from cogs.tips.poster import DiscordTipPoster


class TipsCog(commands.Cog):
    def __init__(self, bot: SunbaeBot) -> None:
        self.bot = bot
        self.tips = bot.services.tips
        self.scheduler = bot.services.tip_scheduler
        self._loop = BackgroundLoop(bot, "sunbae-tip-scheduler", self._run_scheduler)

    async def cog_load(self) -> None:
        self._loop.start()

    async def cog_unload(self) -> None:
        await self._loop.stop()

    async def _run_scheduler(self, stop: asyncio.Event) -> None:
        poster = DiscordTipPoster(
            self.bot, cohorts=self.bot.services.cohorts, discussions=self.bot.services.discussions
        )
        await self.scheduler.run(stop, poster)

    @app_commands.command(name=cmd_str("tip.name"), description=cmd_str("tip.description"))
    @app_commands.rename(share=cmd_str("tip.share.name"))
    @app_commands.describe(share=cmd_str("tip.share.description"))
    async def tip(self, interaction: Interaction, share: bool = False) -> None:
        try:
            today = await self.tips.today(interaction.guild_id or GLOBAL_GUILD)
        except NoTipsError:
            await interaction.response.send_message(text(interaction, "tip.none"), ephemeral=True)
            return
        await interaction.response.send_message(
            embed=tip_embed(today, lang(interaction)), ephemeral=not share
        )
