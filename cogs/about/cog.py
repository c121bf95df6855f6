"""/about: version, corpus size, sources, where the docs are."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from bot.adapter.client import DOCS
from bot.adapter.locale import cmd_str, lang
from bot.adapter.types import Interaction
from bot.app import Services
from cogs.about.embeds import about_embed


class AboutCog(commands.Cog):
    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name=cmd_str("about.name"), description=cmd_str("about.description"))
    async def about(self, interaction: Interaction) -> None:
        stats = await self.services.entries.stats()
        sources = await self.services.entries.sources()
        embed = about_embed(stats, sources, lang(interaction), DOCS)
        await interaction.response.send_message(embed=embed, ephemeral=True)
