"""/about: version, corpus size, sources, where the docs are."""

from __future__ import annotations

from bot.adapter.client import SunbaeBot
from cogs.about.cog import AboutCog


async def setup(bot: SunbaeBot) -> None:
    await bot.add_cog(AboutCog(bot.services))
