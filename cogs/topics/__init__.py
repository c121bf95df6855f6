"""/topics: the taxonomy with counts; a menu opens a topic's entries."""

from __future__ import annotations

from bot.adapter.client import SunbaeBot
from cogs.topics.cog import TopicsCog


async def setup(bot: SunbaeBot) -> None:
    await bot.add_cog(TopicsCog(bot.services))
