"""The content cog: registers /content with the tree."""

from __future__ import annotations

from discord.ext import commands

from bot.adapter.client import SunbaeBot
from cogs.content.group import ContentGroup
from cogs.content.review import ReviewButton


class ContentCog(commands.Cog):
    def __init__(self, bot: SunbaeBot) -> None:
        self.bot = bot
        self.group = ContentGroup(bot.services)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)
        self.bot.add_dynamic_items(ReviewButton)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)
        self.bot.remove_dynamic_items(ReviewButton)
