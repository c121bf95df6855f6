"""Content (콘텐츠): a server's editors manage its advice from Discord with /content."""

from __future__ import annotations

from bot.adapter.client import SunbaeBot
from cogs.content.cog import ContentCog


async def setup(bot: SunbaeBot) -> None:
    await bot.add_cog(ContentCog(bot))
