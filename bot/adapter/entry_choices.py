"""Autocomplete of an option that names an entry (`/advice entry`, `/discuss`, `/insights
entry`): the entries search offers for what was typed, among those the server sees, named in
the member's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands

from bot.adapter import limits
from bot.adapter.locale import lang
from bot.adapter.types import Interaction
from bot.search.models import SuggestionKind

if TYPE_CHECKING:
    from bot.search import SearchService


async def entry_pairs(
    search: SearchService, interaction: Interaction, current: str, *, limit: int = limits.CHOICES
) -> list[tuple[str, str]]:
    """(name, value) of the entries offered for `current`, best first."""
    suggestions = await search.suggest(
        current, limit=limit, guild_id=interaction.guild_id, language=lang(interaction)
    )
    return [(s.name, s.ref) for s in suggestions if s.kind is SuggestionKind.ENTRY]


async def entry_choices(
    search: SearchService, interaction: Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return limits.choices(await entry_pairs(search, interaction, current))
