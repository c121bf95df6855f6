"""The content cog: registers /content with the tree."""

from __future__ import annotations

from discord.ext import commands

from bot.adapter.client import SunbaeBot
from cogs.content.group import ContentGroup


class ContentCog(commands.Cog):
    def __init__(self, bot: SunbaeBot) -> None:
        self.bot = bot
        self.group = ContentGroup(bot.services)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)
