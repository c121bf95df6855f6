"""Insights' view of the advice library: does an entry answer a query now, and entries' titles
(over the search service and the entry store, as the server sees them)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.insights.service import Answer
from bot.search import SearchService
from bot.store.entries import EntryRepository


class SearchLibrary:
    """Implements bot.insights.service.Library."""

    def __init__(self, search: SearchService, entries: EntryRepository) -> None:
        self._search = search
        self._entries = entries

    async def answer(self, query: str, guild_id: int) -> Answer | None:
        """What /advice would answer now: none when its best hit is too weak to show."""
        result = await self._search.search(query, limit=1, guild_id=guild_id)
        if result.no_match:
            return None
        hit = result.hits[0]
        return Answer(hit.id, hit.title)

    async def titles(
        self, entry_ids: Sequence[str], guild_id: int, language: str = "ko"
    ) -> dict[str, str]:
        if not entry_ids:
            return {}
        found = await self._entries.get_many(list(entry_ids), guild_id=guild_id)
        titles = {entry.id: entry.title for entry in found}
        if language == "en":
            titles |= await self._entries.english_titles(list(entry_ids), guild_id=guild_id)
        return titles
