"""/about: what sunbae is, what it holds for this server, and the commands to try."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from bot.adapter.locale import cmd_str, lang
from bot.adapter.types import Interaction
from bot.app import Services
from cogs.about.embeds import AboutCounts, about_embed


class AboutCog(commands.Cog):
    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name=cmd_str("about.name"), description=cmd_str("about.description"))
    async def about(self, interaction: Interaction) -> None:
        tips, sources = await self.services.entries.sources_seen(interaction.guild_id)
        topics = await self.services.entries.topic_counts(guild_id=interaction.guild_id)
        counts = AboutCounts(
            entries=sum(n for _, n in sources), tips=tips, topics=len(topics), sources=sources
        )
        embed = about_embed(counts, lang(interaction))
        await interaction.response.send_message(embed=embed, ephemeral=True)
