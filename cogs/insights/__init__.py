"""/insights: what campers look up, what finds nothing, and the loop back to content."""

from __future__ import annotations

from bot.adapter.client import SunbaeBot
from cogs.insights.cog import InsightsCog


async def setup(bot: SunbaeBot) -> None:
    await bot.add_cog(InsightsCog(bot))
