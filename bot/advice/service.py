"""Keeping a public /advice answer's pages, and opening them again at a click."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.clock import Clock, iso, utcnow
from bot.models import Entry
from bot.models.advice import KeptPages

# How long a public answer's pages are kept: a server's older rows go when it keeps a new one.
KEEP_FOR = dt.timedelta(days=90)


class PagesStore(Protocol):
    async def keep(
        self,
        *,
        guild_id: int,
        owner_id: int,
        language: Literal["ko", "en"],
        topic_id: str | None,
        entry_ids: Sequence[str],
        lookup_id: int | None,
        now: str,
        forget_before: str,
    ) -> int: ...

    async def sent(self, pages_id: int, *, guild_id: int, message_id: int) -> None: ...

    async def get(self, pages_id: int, *, guild_id: int, message_id: int) -> KeptPages | None: ...

    async def reach(self, pages_id: int, *, guild_id: int, n: int) -> bool: ...


class EntryLookup(Protocol):
    async def get_many(self, ids: Sequence[str], *, guild_id: int | None = None) -> list[Entry]: ...


@dataclass(frozen=True, slots=True)
class OpenedPages:
    kept: KeptPages
    entries: tuple[Entry | None, ...]  # per result, as the server sees it now (None: gone)

    @property
    def live(self) -> tuple[bool, ...]:
        return tuple(e is not None for e in self.entries)


class AdvicePages:
    def __init__(self, store: PagesStore, entries: EntryLookup, *, clock: Clock = utcnow) -> None:
        self._store = store
        self._entries = entries
        self._clock = clock

    async def keep(
        self,
        *,
        guild_id: int,
        owner_id: int,
        language: Literal["ko", "en"],
        topic_id: str | None,
        entry_ids: Sequence[str],
        lookup_id: int | None,
    ) -> int:
        now = self._clock()
        return await self._store.keep(
            guild_id=guild_id, owner_id=owner_id, language=language,
            topic_id=topic_id, entry_ids=entry_ids, lookup_id=lookup_id, now=iso(now),
            forget_before=iso(now - KEEP_FOR),
        )  # fmt: skip

    async def sent(self, pages_id: int, *, guild_id: int, message_id: int) -> None:
        await self._store.sent(pages_id, guild_id=guild_id, message_id=message_id)

    async def open(self, pages_id: int, *, guild_id: int, message_id: int) -> OpenedPages | None:
        """The answer kept for that message in that server, with its results as they are now;
        None when there is none (another server's, another message's, or never kept)."""
        kept = await self._store.get(pages_id, guild_id=guild_id, message_id=message_id)
        if kept is None:
            return None
        found = {e.id: e for e in await self._entries.get_many(kept.entry_ids, guild_id=guild_id)}
        return OpenedPages(kept, tuple(found.get(i) for i in kept.entry_ids))

    async def reach(self, kept: KeptPages, n: int) -> bool:
        """True the first time result `n` or one further is paged to (insights count it once)."""
        return n > kept.reached and await self._store.reach(kept.id, guild_id=kept.guild_id, n=n)
