"""Autocomplete of an option that names an entry (`/advice entry`, `/discuss`, `/insights
entry`): the entries search offers for what was typed, among those the server sees, named in
the member's language; and the entry a value sent without picking names by its whole title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands

from bot.adapter import limits
from bot.adapter.locale import lang
from bot.adapter.types import Interaction
from bot.models import Entry
from bot.search.models import SuggestionKind
from bot.text.normalize import clean

if TYPE_CHECKING:
    from bot.search import SearchService
    from bot.store.entries import EntryRepository


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


def titled(entry: Entry, typed: str) -> bool:
    """`typed` is the entry's title or English title, whole (case, spacing and 「」 aside): a
    title typed, or copied from where another entry cites it, and sent without picking it."""

    def plain(text: str) -> str:
        return clean(text).casefold()

    wanted = plain(typed.strip().removeprefix("「").removesuffix("」"))
    return wanted in {plain(entry.title), plain(entry.title_en)} - {""}


async def entry_titled(search: SearchService, typed: str, guild_id: int | None) -> Entry | None:
    """The entry among the server's best hits for `typed` whose whole title it is, if any."""
    result = await search.search(typed, limit=5, guild_id=guild_id)
    return next((h.entry for h in result.hits if titled(h.entry, typed)), None)


async def typed_entry(
    entries: EntryRepository,
    search: SearchService,
    typed: str,
    guild_id: int | None,
    *,
    include_retired: bool = False,
) -> Entry | None:
    """The entry an option names, picked or typed: its id (in any case), else the entry whose
    whole title was typed (found among live entries only: search offers no retired one)."""
    ref = typed.strip()
    return await entries.get(
        ref.lower(), guild_id=guild_id, include_retired=include_retired
    ) or await entry_titled(search, ref, guild_id)
