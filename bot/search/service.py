"""The search service: Korean-aware search and autocomplete over the stored entries.

Pipeline for `search`: exact topic or alias -> FTS5 prefix terms (particles stripped, stopwords
dropped, topic synonyms added, unknown words corrected at jamo level) -> entries filed under a
named topic -> rerank (title hit, coverage, BM25, topic). Nothing found -> "did you mean"
suggestions, and the search is retried once with the best one (`corrected_query`).

The in-memory index the queries read (vocabulary, topics, titles) is `live_index.py`'s: loaded
once, then kept up to date with the database as it changes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.models import Entry, Topic
from bot.models.search import Candidate
from bot.search.autocomplete import MAX_CHOICES, autocomplete
from bot.search.confidence import CORRECTED, SHOWN, THRESHOLD, confidence
from bot.search.lexicon import Lexicon
from bot.search.live_index import LiveIndex, Snapshot
from bot.search.models import (
    SearchHit,
    SearchResult,
    Suggestion,
    SuggestionKind,
    fit,
    parse_value,
)
from bot.search.ports import EntryLookup, SearchStore
from bot.search.query import QueryPlan, plan_query
from bot.search.rank import Scored, rerank
from bot.search.retrieval import plan_retrieval
from bot.text import clean, is_stopword, keystrokes, stem, words

CANDIDATES = 40  # reranked per query; deeper pages extend it
TOPIC_CANDIDATES = 200  # entries filed under a named topic that FTS did not find
MAX_LIMIT = 100
FALLBACK_SUGGESTIONS = 5
_SPARE = 10  # extra autocomplete candidates, for those of other servers that are left out


@dataclass(frozen=True, slots=True)
class _Where:
    """What a search is limited to: a topic, and the entries one server sees."""

    topic_id: str | None
    guild_id: int | None


def spells(title: str, query: str) -> bool:
    """Each word typed (stopwords aside) begins a word of `title`, or runs from one across the
    next (`새ㅂ` in "새 분야에", `취업준비` in "취업 준비"): the query is that title half-typed,
    and searching the title instead is what was meant. Not so for `asdf 질문`, nor a typo."""
    keys = [keystrokes(w) for w in words(title)]
    tails = ["".join(keys[i:]) for i in range(len(keys))]
    typed = [w for w in words(query) if not is_stopword(w)]
    return bool(typed) and all(
        any(t.startswith(k) for t in tails for k in {keystrokes(w), keystrokes(stem(w))})
        for w in typed
    )


def plan_df(plan: QueryPlan, lex: Lexicon) -> int:
    """An upper bound on the entries the plan matches (the sum of its forms' estimates)."""
    return sum(lex.form_df(f) for f in plan.forms())


class SearchService:
    """Built once per process by `bot.app.bootstrap`; `await refresh()` at start-up so the first
    query does not load the index; `await close()` before the database closes. `index_file` and
    `build_elsewhere`: where the index is saved and who rebuilds it (`LiveIndex`).
    """

    def __init__(
        self,
        store: SearchStore,
        *,
        entries: EntryLookup,
        index_file: Path | None = None,
        build_elsewhere: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        self._store = store
        self._entries = entries
        self._index = LiveIndex(store, index_file=index_file, build_elsewhere=build_elsewhere)

    @property
    def ready(self) -> bool:
        """An index is in memory: no query waits for a full load (at most `RELOAD_WAIT`)."""
        return self._index.ready

    async def refresh(self) -> None:
        """Reload the in-memory index now (at start-up, or after a bulk write)."""
        await self._index.refresh()

    async def close(self) -> None:
        """Stop the index's background work and save what it followed since it was saved."""
        await self._index.close()

    async def build_and_save(self, path: Path) -> None:
        """Build the index from the store and save it at `path` (`bot/search/build_index.py`)."""
        await self._index.build_and_save(path)

    # -- autocomplete ------------------------------------------------------------------------

    async def suggest(
        self,
        prefix: str,
        *,
        limit: int = MAX_CHOICES,
        guild_id: int | None = None,
        language: str = "ko",
    ) -> list[Suggestion]:
        """Autocomplete choices (≤ 25, names and values ≤ 100 characters) for `prefix`, among
        what server `guild_id` sees, named in `language` ("en": English titles where given)."""
        snapshot = await self._index.current()
        limit = max(1, min(limit, MAX_CHOICES))
        found = await self._visible(
            autocomplete(prefix, snapshot.lexicon, snapshot.titles, limit=limit + _SPARE),
            guild_id,
            limit,
        )
        return await self.localize(found, language, guild_id=guild_id)

    async def localize(
        self, suggestions: Sequence[Suggestion], language: str, *, guild_id: int | None = None
    ) -> list[Suggestion]:
        """The suggestions named for `language`: for "en", entries by their English title (when
        they have one), topics English name first, "Search:" for queries. Values stay as they
        are, so a pick means the same thing in either language."""
        if language != "en":
            return list(suggestions)
        snapshot = await self._index.current()
        ids = [s.ref for s in suggestions if s.kind is SuggestionKind.ENTRY]
        english = await self._entries.english_titles(ids, guild_id=guild_id)
        named: list[Suggestion] = []
        for s in suggestions:
            if s.kind is SuggestionKind.ENTRY and s.ref in english:
                s = replace(s, name=fit(english[s.ref]))  # noqa: PLW2901
            elif s.kind is SuggestionKind.TOPIC and s.ref in snapshot.lexicon.topics:
                topic = snapshot.lexicon.topics[s.ref].topic
                s = replace(s, name=Suggestion.for_topic(topic, "en").name)  # noqa: PLW2901
            elif s.kind is SuggestionKind.QUERY:
                s = replace(s, name=Suggestion.for_query(s.ref, "en").name)  # noqa: PLW2901
            named.append(s)
        return named

    async def _visible(
        self, suggestions: list[Suggestion], guild_id: int | None, limit: int
    ) -> list[Suggestion]:
        """The suggestions of entries the server sees (the title index holds every server's),
        naming each by the id campers see, and completions of words it sees: the vocabulary
        holds every server's words too (a name in one server's own entry is no one else's)."""
        keys = [s.ref for s in suggestions if s.kind is SuggestionKind.ENTRY]
        ids = await self._store.visible_ids(keys, guild_id=guild_id)
        completed = [_completed(s) for s in suggestions if s.kind is SuggestionKind.QUERY]
        unseen = await self._store.unseen_words(completed, guild_id=guild_id)
        kept: list[Suggestion] = []
        for s in suggestions:
            if s.kind is SuggestionKind.ENTRY:
                if s.ref not in ids:
                    continue
                if ids[s.ref] != s.ref:
                    s = Suggestion.for_entry(ids[s.ref], s.name)  # noqa: PLW2901
            elif s.kind is SuggestionKind.QUERY and _completed(s) in unseen:
                continue
            kept.append(s)
        return kept[:limit]

    async def topics(self) -> list[Topic]:
        """The taxonomy, biggest topics first."""
        snapshot = await self._index.current()
        return [t.topic for t in snapshot.lexicon.ordered_topics()]

    # -- search ------------------------------------------------------------------------------

    async def search(
        self,
        query: str,
        *,
        topic: str | None = None,
        limit: int = 10,
        offset: int = 0,
        guild_id: int | None = None,
    ) -> SearchResult:
        """Entries for `query` that server `guild_id` sees (None: the shared ones), best first.
        `topic` (an id, name or alias) filters; `query` may also be an autocomplete value
        (`entry:<id>`, `topic:<id>`)."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        query = clean(query or "", max_chars=1000)
        snapshot = await self._index.current()
        lex = snapshot.lexicon
        topic_id: str | None = None
        if topic is not None and topic.strip():
            topic_id = topic if topic in lex.topics else lex.topic_for(topic)
            if topic_id is None:  # an unknown topic filter matches nothing
                return SearchResult(query, (), 0, offset, limit)
        kind, ref = parse_value(query)
        if kind is SuggestionKind.ENTRY:
            return await self._one_entry(
                query, entry_id=ref, topic_id=topic_id, lex=lex, limit=limit, offset=offset,
                guild_id=guild_id,
            )  # fmt: skip
        if kind is SuggestionKind.TOPIC:
            if ref not in lex.topics:
                return SearchResult(query, (), 0, offset, limit)
            query = lex.topics[ref].topic.name_ko
            topic_id = topic_id or ref
        plan = plan_query(query, lex)
        if plan.empty:
            if topic_id is None:
                return SearchResult(query, (), 0, offset, limit)
            plan = plan_query(lex.topics[topic_id].topic.name_ko, lex)
        where = _Where(topic_id, guild_id)
        result = await self._run(
            query, plan, snapshot=snapshot, where=where, limit=limit, offset=offset
        )
        if result.total or not plan.groups:
            return result
        return await self._retry(query, snapshot=snapshot, where=where, limit=limit, offset=offset)

    async def _retry(
        self, query: str, *, snapshot: Snapshot, where: _Where, limit: int, offset: int
    ) -> SearchResult:
        """Nothing matched: offer "did you mean" and search the best of them instead."""
        lex = snapshot.lexicon
        found = autocomplete(query, lex, snapshot.titles, limit=FALLBACK_SUGGESTIONS + _SPARE)
        suggestions = tuple(await self._visible(found, where.guild_id, FALLBACK_SUGGESTIONS))
        empty = SearchResult(query, (), 0, offset, limit, suggestions=suggestions)
        if not suggestions:
            return empty
        best = suggestions[0]
        if best.kind is SuggestionKind.ENTRY and not spells(best.name, query):
            return empty  # a title found by one word or by likeness: offered, not assumed
        if best.kind is SuggestionKind.TOPIC:
            corrected = lex.topics[best.ref].topic.name_ko
        elif best.kind is SuggestionKind.ENTRY:
            corrected = best.name
        else:
            corrected = best.ref
        plan = plan_query(corrected, lex)
        if plan.empty:
            return empty
        retried = await self._run(
            query, plan, snapshot=snapshot, where=where, limit=limit, offset=offset
        )
        if not retried.total:
            return empty
        sure = retried.confidence * CORRECTED  # the words typed found nothing as they are
        return replace(
            retried,
            corrected_query=corrected,
            suggestions=suggestions,
            confidence=sure,
            low_confidence=sure < THRESHOLD,
        )

    async def _one_entry(
        self,
        query: str,
        *,
        entry_id: str,
        topic_id: str | None,
        lex: Lexicon,
        limit: int,
        offset: int,
        guild_id: int | None,
    ) -> SearchResult:
        entry = await self._entries.get(entry_id, guild_id=guild_id)
        if entry is None or (topic_id is not None and topic_id not in entry.topics):
            return SearchResult(query, (), 0, offset, limit)
        hit = SearchHit(entry, 1.0, (), True)
        hits = (hit,) if offset == 0 else ()
        topics = tuple(lex.topics[t].topic for t in entry.topics if t in lex.topics)
        return SearchResult(query, hits, 1, offset, limit, topics, confidence=1.0)

    async def _run(
        self,
        query: str,
        plan: QueryPlan,
        *,
        snapshot: Snapshot,
        where: _Where,
        limit: int,
        offset: int,
    ) -> SearchResult:
        lex = snapshot.lexicon
        topic_id = where.topic_id
        wanted = max(CANDIDATES, offset + limit)
        candidates, total = await self._retrieve(plan, lex, where, wanted)
        # Entries filed under a topic the query named, though their text never says its name
        # (only when the words themselves left room: such entries rank below any that do).
        named = [t for t in plan.topic_ids if topic_id is None or t == topic_id]
        if named and len(candidates) < wanted:
            found = {c.entry_id for c in candidates}
            room = min(TOPIC_CANDIDATES, wanted - len(candidates))
            ids = await self._store.topic_entries(
                named, limit=room + len(candidates), guild_id=where.guild_id
            )
            extra = await self._store.documents([i for i in ids if i not in found])
            candidates = candidates + extra
            total = None if total is None else total + len(extra)
        scored = rerank(plan, candidates, lex)
        first = scored[:SHOWN]
        scored, folded = self._fold(scored)
        if total is None:  # counting every match of common words costs more than the search
            most = lex.topics[topic_id].count if topic_id in lex.topics else lex.doc_count
            total = max(len(scored), min(most, plan_df(plan, lex)))
        else:
            total = max(len(scored), total - folded)
        # The first before folding: a folded pair is one answer, as sure as its better half.
        sure = confidence(plan, first, lex)
        page = scored[offset : offset + limit]
        hits = await self._hits(plan, page)
        topic_ids = list(plan.topic_ids)
        if topic_id is not None and topic_id not in topic_ids:
            topic_ids.append(topic_id)
        return SearchResult(
            query=query,
            hits=hits,
            total=total,
            offset=offset,
            limit=limit,
            topics=tuple(lex.topics[t].topic for t in topic_ids if t in lex.topics),
            terms=tuple(plan.forms()),
            corrected_query=plan.corrected_query,
            confidence=sure,
            low_confidence=sure < THRESHOLD,
        )

    @staticmethod
    def _fold(scored: list[Scored]) -> tuple[list[Scored], int]:
        """A raw post section and the curated entry written from it (`Candidate.section`) are
        one answer: the section is left out, and the entry takes the better of the two places."""
        place = {s.entry_id: i for i, s in enumerate(scored)}
        pairs = {
            s.entry_id: s.candidate.section
            for s in scored
            if s.candidate.section is not None and s.candidate.section in place
        }
        if not pairs:
            return scored, 0
        for entry_id, section_id in pairs.items():
            place[entry_id] = min(place[entry_id], place[section_id])
        folded = set(pairs.values())
        kept = [s for s in scored if s.entry_id not in folded]
        kept.sort(key=lambda s: place[s.entry_id])  # stable: ties keep their order
        return kept, len(folded)

    async def _retrieve(
        self, plan: QueryPlan, lex: Lexicon, where: _Where, wanted: int
    ) -> tuple[list[Candidate], int | None]:
        """FTS candidates, in the steps `retrieval.py` plans, and how many entries match in all
        when that is known exactly (one step with every form, short of `wanted`)."""
        retrieval = plan_retrieval(plan, lex, topic_id=where.topic_id)
        found: list[Candidate] = []
        seen: set[str] = set()
        for step in retrieval.steps:
            room = wanted - len(found)
            if step.rare:  # a rare word typed: strong evidence, though titles filled the list
                room = max(room, wanted // 2)
            elif not step.fill:  # each shape the reranker favours brings a few at least
                room = max(room, wanted // 4)
            if room <= 0:
                continue
            more = await self._store.match(
                step.forms,
                topic=where.topic_id,
                guild_id=where.guild_id,
                limit=room + len(seen),  # those found already may come again
                titles_only=step.titles,
                all_of=step.all_of,
                filed_first=step.filed_first,
                ranked=step.ranked,
                in_titles=step.in_titles,
            )
            new = [c for c in more if c.entry_id not in seen][:room]
            seen.update(c.entry_id for c in new)
            found += new
        exact = retrieval.complete and len(found) < wanted
        return found, (len(found) if exact else None)

    async def _hits(self, plan: QueryPlan, page: list[Scored]) -> tuple[SearchHit, ...]:
        entries: list[Entry] = await self._store.live_entries([s.entry_id for s in page])
        by_key = {e.key: e for e in entries}
        forms = tuple(plan.forms())
        hits: list[SearchHit] = []
        for s in page:
            entry = by_key.get(s.entry_id)
            if entry is None:  # retired between the FTS read and this one
                continue
            hits.append(SearchHit(entry, s.score, s.matched_topics, s.title_match, forms))
        return tuple(hits)


def _completed(suggestion: Suggestion) -> str:
    """The word a query suggestion completes (its last)."""
    return suggestion.ref.rsplit(" ", 1)[-1]
