"""The pages of an /advice or /entry reply, made again from the database when turned to.

A reply's view listens for 10 minutes; holding its ten entries' embeds meanwhile made every
lookup of those 10 minutes cost the bot ~30 KB (bench/load.py). The view keeps per page the
entry's id and which of its pages it is; the first page is sent as made.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import discord

from bot.adapter.views import PageSource

# An entry's pages as they are now ([] when it is gone), given its id and its place in the list.
Render = Callable[[str, tuple[int, int] | None], Awaitable[list[discord.Embed]]]


@dataclass(frozen=True, slots=True)
class PageRef:
    entry_id: str
    position: tuple[int, int] | None  # (n, of) among the results; None for a lone entry
    part: int  # which of the entry's pages


class EntryPages(PageSource):
    def __init__(
        self, refs: Sequence[PageRef], render: Render, gone: Callable[[], discord.Embed]
    ) -> None:
        self._refs = tuple(refs)
        self._render = render
        self._gone = gone

    def __len__(self) -> int:
        return len(self._refs)

    async def page(self, index: int) -> discord.Embed:
        ref = self._refs[index]
        pages = await self._render(ref.entry_id, ref.position)
        if not pages:  # retired since the reply
            return self._gone()
        return pages[min(ref.part, len(pages) - 1)]  # edited since: fewer pages, maybe
