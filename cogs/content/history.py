"""`/content history`: an entry's revisions, newest first, a page at a time (read on turning)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import discord

from bot.adapter.views import ActionButton, OwnedView
from bot.content import ContentService
from bot.i18n import Language, t
from bot.models.content import HistoryPage
from cogs.content.embeds import history_embed

PER_PAGE = 5


class HistoryView(OwnedView):
    def __init__(
        self,
        owner_id: int,
        language: Language,
        *,
        content: ContentService,
        guild_id: int,
        entry_id: str,
        title: str,
        zone: ZoneInfo,
        first: HistoryPage,
    ) -> None:
        super().__init__(owner_id, language)
        self._content = content
        self._guild_id = guild_id
        self._entry_id = entry_id
        self._title = title
        self._zone = zone
        self.page = first
        self.prev = ActionButton(self._on_prev, label=t("button.prev", language), emoji="◀️")
        self.next = ActionButton(self._on_next, label=t("button.next", language), emoji="▶️")
        if first.total > PER_PAGE:
            self.add_item(self.prev)
            self.add_item(self.next)
        self._sync()

    @property
    def number(self) -> int:
        return self.page.offset // PER_PAGE

    def embed(self) -> discord.Embed:
        return history_embed(
            self._title, self._entry_id, self.page, per_page=PER_PAGE,
            language=self.language, zone=self._zone,
        )  # fmt: skip

    def _sync(self) -> None:
        self.prev.disabled = self.number == 0
        self.next.disabled = self.page.offset + PER_PAGE >= self.page.total

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        # Read again: revisions made meanwhile shift the pages, the numbers say which is which.
        self.page = await self._content.history(
            self._guild_id, self._entry_id, page=max(0, self.number + step), per_page=PER_PAGE
        )
        self._sync()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    async def _on_prev(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, -1)

    async def _on_next(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, +1)
