"""The gap's "✍️ Write an answer" button (the query it answers is in its custom_id, so it works
on any message that carries it, after a restart too) and the forget confirmation.

A query too long for a custom_id (100 characters) is named by its start and a digest of the
whole, found again in the server's query log when clicked; the form gets the whole query (cut at
a word, with "…", only where the title field or a forgotten log leaves no choice)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.adapter import limits
from bot.adapter.locale import text
from bot.adapter.tree import reply_ephemeral
from bot.adapter.views import ActionButton, OwnedView
from bot.corpus.documents import TITLE_LIMIT
from bot.i18n import Language, t
from bot.insights.service import query_digest
from bot.text.cut import fit, shortened
from cogs.content.access import is_editor

PREFIX = "sunbae:gap:"
CUT_PREFIX = "sunbae:gapx:"  # + 8 hex digits of the whole query + ":" + its start
_TEMPLATE = re.compile(r"sunbae:gap(?::|x:(?P<digest>[0-9a-f]{8}):)(?P<query>.+)", re.DOTALL)
QUERY_ROOM = limits.CUSTOM_ID - len(PREFIX)
START_ROOM = limits.CUSTOM_ID - len(CUT_PREFIX) - 9


def gap_custom_id(query: str) -> str:
    if len(query) <= QUERY_ROOM:
        return PREFIX + query
    return f"{CUT_PREFIX}{query_digest(query)}:{query[:START_ROOM]}"


def can_moderate(interaction: discord.Interaction[Any]) -> bool:
    """Manage Server: what erasing the log needs."""
    return interaction.guild_id is not None and interaction.permissions.manage_guild


async def can_read(interaction: discord.Interaction[Any]) -> bool:
    """Manage Server, or the server's content editor role: who reads insights and writes
    the missing answers."""
    return await is_editor(interaction)


class WriteAnswerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_TEMPLATE):
    def __init__(
        self, query: str, number: int = 0, language: Language = "ko", *, digest: str | None = None
    ) -> None:
        """`query` the whole query; or, with `digest`, the start a custom_id had room for."""
        label = t("insights.write", language)
        super().__init__(
            discord.ui.Button(
                label=limits.clip(f"{number}. {label}" if number else label, limits.BUTTON_LABEL),
                emoji="✍️",
                style=discord.ButtonStyle.secondary,
                custom_id=f"{CUT_PREFIX}{digest}:{query}" if digest else gap_custom_id(query),
            )
        )
        self.query = query
        self.digest = digest

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> WriteAnswerButton:
        return cls(match["query"], digest=match["digest"])

    async def _whole_query(self, interaction: discord.Interaction[Any]) -> str:
        """The query the gap is about, as a title: whole where the field allows."""
        query = self.query
        if self.digest is not None:
            whole = None
            if interaction.guild_id is not None:
                insights = interaction.client.services.insights
                whole = await insights.whole_query(interaction.guild_id, query, self.digest)
            if whole is None:  # the log forgot it: its start, cut at a word
                return shortened(query)
            query = whole
        return fit(query, TITLE_LIMIT)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.content.cog import ContentCog  # the form /content add opens

        if not await can_read(interaction):
            await reply_ephemeral(interaction, text(interaction, "content.not_editor"))
            return
        content = interaction.client.get_cog(ContentCog.__cog_name__)
        if not isinstance(content, ContentCog):  # not loaded: say how to add it instead
            await interaction.response.send_message(
                text(interaction, "insights.write.todo", query=self.query), ephemeral=True
            )
            return
        title = await self._whole_query(interaction)
        form = await content.group.add_form(interaction, title=title)
        await interaction.response.send_modal(form)


class ConfirmView(OwnedView):
    """Two buttons: the dangerous action, or cancel. Either replaces the question."""

    def __init__(
        self,
        owner_id: int,
        language: Language,
        on_confirm: Callable[[discord.Interaction[Any]], Awaitable[str]],
    ) -> None:
        super().__init__(owner_id, language, timeout=120)
        self._on_confirm = on_confirm
        yes = ActionButton(
            self._yes,
            label=t("insights.forget.yes", language),
            style=discord.ButtonStyle.danger,
            emoji="🗑️",
        )
        no = ActionButton(
            self._no, label=t("insights.forget.no", language), style=discord.ButtonStyle.secondary
        )
        self.add_item(yes)
        self.add_item(no)

    async def _yes(self, interaction: discord.Interaction[Any]) -> None:
        # The erase waits for the writer (an ingest may hold it): acknowledge the click first.
        await interaction.response.defer()
        message = await self._on_confirm(interaction)
        self.stop()
        await interaction.edit_original_response(content=message, view=None)

    async def _no(self, interaction: discord.Interaction[Any]) -> None:
        self.stop()
        await interaction.response.edit_message(
            content=t("insights.forget.cancelled", self.language), view=None
        )
