"""The "📜 원문 보기" button on a curated entry: the raw post section it was written from, which
search folds into the entry instead of answering with it twice. The section's id lives in the
custom_id, so the button keeps working on a message shared before a restart."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.i18n import Language, t

PREFIX = "sunbae:original"
_TEMPLATE = re.compile(rf"{PREFIX}:(?P<section>p-[0-9a-f]{{12}})")


class OriginalButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_TEMPLATE):
    def __init__(self, section_id: str, language: Language = "ko") -> None:
        super().__init__(
            discord.ui.Button(
                label=t("original.button", language),
                emoji="📜",
                style=discord.ButtonStyle.secondary,
                custom_id=f"{PREFIX}:{section_id}",
            )
        )
        self.section_id = section_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> OriginalButton:
        return cls(match["section"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.advice.cog import AdviceCog  # the cog imports this module

        cog = interaction.client.get_cog(AdviceCog.__cog_name__)
        if not isinstance(cog, AdviceCog):  # the bot is shutting down: its cogs are gone
            return
        await cog.show_original(interaction, self.section_id)
