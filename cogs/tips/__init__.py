"""The daily tip: /tip, /tip-config, the scheduler and its Discord poster."""

from __future__ import annotations

from bot.adapter.client import SunbaeBot
from cogs.tips.cog import TipsCog
from cogs.tips.config import TipConfig


async def setup(bot: SunbaeBot) -> None:
    await bot.add_cog(TipsCog(bot))
    await bot.add_cog(TipConfig(bot.services.tips))
