"""Cohorts (기수): /cohort, /discuss, the Discuss button and the discussion threads in Discord."""

from __future__ import annotations

from bot.adapter.client import SunbaeBot
from cogs.cohorts.cog import CohortsCog


async def setup(bot: SunbaeBot) -> None:
    await bot.add_cog(CohortsCog(bot))
