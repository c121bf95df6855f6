"""/advice and /entry: find advice for a question, or open one entry."""

from __future__ import annotations

from bot.adapter.client import SunbaeBot
from cogs.advice.cog import AdviceCog


async def setup(bot: SunbaeBot) -> None:
    await bot.add_cog(AdviceCog(bot, bot.services))
