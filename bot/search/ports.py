"""The storage search needs, declared on the domain's side (SQLite: bot/store/search_index.py).

Full-text matching is the store's: the domain hands it the forms a query was reduced to and gets
candidates back, best first; how they are matched and ranked (FTS5, bm25, planner hints) stays
behind this seam.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.models import Entry, Topic
from bot.models.search import Candidate, Change, TitleRow


class IndexReads(Protocol):
    """What the in-memory index loads and follows. Inside `SearchStore.one_read()` the reads
    see one state of the database."""

    async def instance(self) -> int:
        """Which database this is (a copy restored elsewhere is another instance)."""
        ...

    async def generation(self) -> int:
        """Bumped on every change to entries, topics or their links."""
        ...

    async def taxonomy(self) -> int:
        """Bumped when the topics themselves change."""
        ...

    async def last_change(self) -> int: ...

    async def changes_since(self, seq: int) -> tuple[list[Change], int] | None:
        """The entries written after change `seq` and the last change's number; None when the
        log no longer reaches back that far (rebuild instead)."""
        ...

    async def topic_counts(self) -> dict[str, int]: ...

    async def load_topics(self) -> list[tuple[Topic, int]]: ...

    async def load_vocabulary(self) -> dict[str, int]: ...

    async def load_titles(self) -> list[TitleRow]: ...


class Tokenizer(Protocol):
    """The index's own tokenizer: the terms each text adds to the vocabulary, exactly."""

    def terms(self, texts: Sequence[str]) -> list[set[str]]: ...

    def close(self) -> None: ...


class SearchStore(IndexReads, Protocol):
    def one_read(self) -> AbstractAsyncContextManager[IndexReads]: ...

    def tokenizer(self) -> Tokenizer: ...

    async def match(
        self,
        forms: Sequence[str],
        *,
        topic: str | None = None,
        guild_id: int | None = None,
        limit: int = 100,
        titles_only: bool = False,
        all_of: Sequence[Sequence[str]] = (),
        filed_first: Sequence[str] = (),
        ranked: bool = True,
        in_titles: bool = False,
    ) -> list[Candidate]:
        """The `limit` best entries containing any form (as a prefix), best first; [] when
        nothing matches. `titles_only`: titles, English titles, aliases and tags only;
        `all_of`: groups of forms the entry must also contain one of each; `filed_first`:
        entries filed under one of these topics before the others; `ranked=False`: the newest
        matches, unranked (for forms too common to rank); `in_titles`: entries with a form in
        their title, aliases or tags, ranked on the whole entry (`titles_only`: on those)."""
        ...

    async def documents(self, entry_ids: Sequence[str]) -> list[Candidate]:
        """Indexed text of live entries by id (found another way: no relevance)."""
        ...

    async def live_entries(self, entry_ids: Sequence[str]) -> list[Entry]: ...

    async def topic_entries(
        self, topic_ids: Sequence[str], *, limit: int, guild_id: int | None = None
    ) -> list[str]: ...

    async def visible_ids(self, keys: Sequence[str], *, guild_id: int | None) -> dict[str, str]:
        """Row key -> entry id, for the live rows among `keys` that the server sees."""
        ...

    async def unseen_words(self, words: Sequence[str], *, guild_id: int | None) -> set[str]:
        """Of `words` (terms of the index's vocabulary, which holds every server's words),
        those no entry the server sees has (as a prefix of one of its terms)."""
        ...


class EntryLookup(Protocol):
    async def get(self, entry_id: str, *, guild_id: int | None = None) -> Entry | None: ...

    async def english_titles(
        self, ids: Sequence[str], *, guild_id: int | None = None
    ) -> dict[str, str]:
        """id -> English title, for the live entries among `ids` that have one."""
        ...
