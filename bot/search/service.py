"""The search service: Korean-aware search and autocomplete over the stored entries.

Pipeline for `search`: exact topic or alias -> FTS5 prefix terms (particles stripped, stopwords
dropped, topic synonyms added, unknown words corrected at jamo level) -> entries filed under a
named topic -> rerank (title hit, coverage, BM25, topic). Nothing found -> "did you mean"
suggestions, and the search is retried once with the best one (`corrected_query`).

The in-memory structures (taxonomy keys, vocabulary, title index) are loaded once (read from the
file a previous process saved when it holds this database's state, else built and saved:
`saved.py`), then follow the database: when `search_meta.generation` (bumped by every write) has
moved, the entries written since are read from the change log (`search_changes`) and applied in
place, in time proportional to them and in slices that leave the event loop free between. A query
waits for a few entries (one slice: milliseconds), at most FOLLOW_WAIT; while more are followed,
it answers at once from the snapshot as far as it got. Checking the generation costs a read only when the store saw a write; a
change of the taxonomy is followed too (topics and their lookup keys swapped in). Only a gap in the
log (more than its 10,000 entries written between two looks) reloads everything: another process
builds and saves the index (`build_index.py`) while queries answer from the previous snapshot
(matches still come from the FTS index, always current), then the snapshot is let go and the file
read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.models import Entry, Topic
from bot.models.search import Candidate, Change, TitleRow
from bot.search import saved
from bot.search.autocomplete import MAX_CHOICES, autocomplete
from bot.search.confidence import CORRECTED, SHOWN, THRESHOLD, confidence
from bot.search.lexicon import Lexicon, topic_info
from bot.search.models import (
    SearchHit,
    SearchResult,
    Suggestion,
    SuggestionKind,
    fit,
    parse_value,
)
from bot.search.ports import EntryLookup, SearchStore, Tokenizer
from bot.search.query import QueryPlan, plan_query
from bot.search.rank import Scored, rerank
from bot.search.retrieval import plan_retrieval
from bot.search.saved import Marks
from bot.search.snippet import make_snippet
from bot.search.titles import TitleIndex, TitleSource
from bot.text import clean

log = logging.getLogger(__name__)

CANDIDATES = 40  # reranked per query; deeper pages extend it
TOPIC_CANDIDATES = 200  # entries filed under a named topic that FTS did not find
MAX_LIMIT = 100
FALLBACK_SUGGESTIONS = 5
_SPARE = 10  # extra autocomplete candidates, for those of other servers that are left out
RELOAD_WAIT = 0.5  # seconds a query waits for a reload before it uses the previous snapshot
MAX_FOLLOW = 10_000  # the whole change log: only a gap in it rebuilds (two snapshots a while)
FOLLOW_SLICE = 16  # entries applied between two yields to the event loop
FOLLOW_WAIT = 0.1  # seconds a query waits for a few writes (one slice) to be followed


@dataclass(frozen=True, slots=True)
class _Where:
    """What a search is limited to: a topic, and the entries one server sees."""

    topic_id: str | None
    guild_id: int | None


def plan_df(plan: QueryPlan, lex: Lexicon) -> int:
    """An upper bound on the entries the plan matches (the sum of its forms' estimates)."""
    return sum(lex.form_df(f) for f in plan.forms())


@dataclass(slots=True)
class _Snapshot:
    generation: int
    taxonomy: int
    seq: int  # the last change of the log it holds
    lexicon: Lexicon
    _titles: TitleIndex | Callable[[], TitleIndex]  # the index, or what reads it when asked
    instance: int = 0  # the database's (`SearchStore.instance`)
    saved_seq: int | None = None  # the change its saved file holds (None: no file)

    @property
    def titles(self) -> TitleIndex:
        if not isinstance(self._titles, TitleIndex):
            try:
                self._titles = self._titles()
            except saved.Unusable:  # answer without titles; the next query rebuilds
                self._titles = TitleIndex(())
                self.generation = self.taxonomy = -1
        return self._titles


def _source(row: TitleRow) -> TitleSource:
    extra = tuple(x for x in (row.title_en, *row.aliases) if x)
    return TitleSource(row.entry_id, row.title, extra, row.doc)


def _build(
    marks: tuple[int, int, int],
    topics: list[tuple[Topic, int]],
    vocabulary: dict[str, int],
    titles: list[TitleRow],
) -> _Snapshot:
    lexicon = Lexicon([topic_info(t, n) for t, n in topics], vocabulary, len(titles))
    index = TitleIndex(_source(r) for r in titles)
    return _Snapshot(*marks, lexicon, index)


def _build_and_save(
    marks: Marks,
    topics: list[tuple[Topic, int]],
    vocabulary: dict[str, int],
    titles: list[TitleRow],
    path: Path | None,
) -> _Snapshot:
    """Build, and save before anyone can change it (a follow would, once it is published)."""
    snapshot = _build((marks.generation, marks.taxonomy, marks.seq), topics, vocabulary, titles)
    snapshot.instance = marks.instance
    if path is not None:
        saved.save(path, marks, snapshot.lexicon, snapshot.titles)
        snapshot.saved_seq = marks.seq
    return snapshot


def _marks(snapshot: _Snapshot) -> Marks:
    return Marks(snapshot.instance, snapshot.generation, snapshot.taxonomy, snapshot.seq)


def _followed(task: asyncio.Task[bool]) -> bool:
    """A finished follow applied every write (not cancelled, failed, or too far behind)."""
    return not task.cancelled() and task.exception() is None and task.result()


class SearchService:
    """Built once per process by `bot.app.bootstrap`; `await refresh()` at start-up so the first
    query does not load the index; `await close()` before the database closes.

    With `index_file`, a built index is saved there and read back by the next process instead
    of built again (`bot/search/saved.py` says when it is trusted); `close` saves the writes
    followed since. With `build_elsewhere` too (it builds and saves the index in another
    process: `bot/search/build_index.py`), a rebuild while the bot runs never holds two
    snapshots in this process, nor its CPU.
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
        self._index_file = index_file
        self._build_elsewhere = build_elsewhere if index_file is not None else None
        self._closing = False
        self._snapshot: _Snapshot | None = None
        self._lock = asyncio.Lock()
        self._reload: asyncio.Task[_Snapshot] | None = None
        self._following: asyncio.Task[bool] | None = None
        # Set once the follow running is known to be long (more than a slice) or is done:
        # queries wait for a few writes (milliseconds), never for many.
        self._settled = asyncio.Event()
        self._tokenizer: Tokenizer | None = None

    # -- the in-memory snapshot --------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """An index is in memory: no query waits for a full load (at most `RELOAD_WAIT`)."""
        return self._snapshot is not None

    async def refresh(self) -> None:
        """Reload the in-memory structures now (at start-up, or after a bulk write)."""
        if self._following is not None:  # one read transaction at a time on the reader
            await asyncio.gather(self._following, return_exceptions=True)
        async with self._lock:
            self._snapshot = await self._load(lazy=False)

    async def close(self) -> None:
        """Stop a reload still running in the background; save the writes followed since the
        index was saved (the next start reads them instead of following them again)."""
        self._closing = True
        for task in (self._reload, self._following):
            if task is not None and not task.done():
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._reload = self._following = None
        if self._tokenizer is not None:
            self._tokenizer.close()
        snapshot = self._snapshot
        if (
            self._index_file is not None
            and snapshot is not None
            and snapshot.seq >= 0
            and snapshot.saved_seq != snapshot.seq
        ):
            await asyncio.to_thread(
                saved.save, self._index_file, _marks(snapshot), snapshot.lexicon, snapshot.titles
            )
            snapshot.saved_seq = snapshot.seq

    async def _load(self, *, lazy: bool = True) -> _Snapshot:
        """The index from its saved file or else built; `lazy`: a saved title index is read
        when first used (the first query of a command that only searches never does)."""
        if self._index_file is not None:
            snapshot = await self._read_saved(self._index_file, lazy=lazy)
            if snapshot is not None:
                return snapshot
        return await self._built(self._index_file)

    async def build_and_save(self, path: Path) -> None:
        """Build the index from the store and save it at `path` (`bot/search/build_index.py`)."""
        await self._built(path)

    async def _built(self, path: Path | None) -> _Snapshot:
        async with self._store.one_read() as reads:
            marks = Marks(
                await reads.instance(),
                await reads.generation(),
                await reads.taxonomy(),
                await reads.last_change(),
            )
            topics = await reads.load_topics()
            vocabulary = await reads.load_vocabulary()
            titles = await reads.load_titles()
        # Pure CPU work; off the event loop so a big corpus does not stall the bot's heartbeat.
        snapshot = await asyncio.to_thread(_build_and_save, marks, topics, vocabulary, titles, path)
        log.debug("search index built: %d entries, generation %d", len(titles), marks.generation)
        return snapshot

    async def _read_saved(self, path: Path, *, lazy: bool) -> _Snapshot | None:
        """The saved index brought up to date with the writes since; None: build instead."""
        found = await asyncio.to_thread(saved.load, path)
        if found is None:
            return None
        async with self._store.one_read() as reads:
            instance = await reads.instance()
            generation = await reads.generation()
        marks = found.marks
        if marks.instance != instance or marks.generation > generation:
            log.info("the saved search index is of another database state: rebuilding")
            return None
        snapshot = _Snapshot(
            marks.generation, marks.taxonomy, marks.seq, found.lexicon, found.titles,
            marks.instance, marks.seq,
        )  # fmt: skip
        if not lazy or generation != marks.generation:  # following writes needs the titles
            try:
                snapshot._titles = await asyncio.to_thread(found.titles)
            except saved.Unusable:
                return None
        try:
            if not await self._follow(snapshot):
                log.info("the saved search index is too old to follow: rebuilding")
                return None
        except Exception:
            log.warning("following the saved search index failed: rebuilding", exc_info=True)
            return None
        log.debug("search index read: generation %d", snapshot.generation)
        return snapshot

    async def _follow(self, snapshot: _Snapshot, settled: asyncio.Event | None = None) -> bool:
        """Apply the writes since `snapshot` to it in place; False when only a reload will do.
        `settled` is set when it is done, or as soon as it is found to be long."""
        try:
            return await self._follow_writes(snapshot, settled)
        finally:
            if settled is not None:
                settled.set()

    async def _follow_writes(self, snapshot: _Snapshot, settled: asyncio.Event | None) -> bool:
        topics: list[tuple[Topic, int]] | None = None
        async with self._store.one_read() as reads:
            generation = await reads.generation()
            if generation == snapshot.generation:
                return True
            if snapshot.taxonomy < 0:
                return False
            taxonomy = await reads.taxonomy()
            if taxonomy != snapshot.taxonomy:  # topics edited: the new ones, with their counts
                topics = await reads.load_topics()
            found = await reads.changes_since(snapshot.seq)
            if found is None or len(found[0]) > MAX_FOLLOW:
                return False
            counts = await reads.topic_counts()
        changes, seq = found
        if settled is not None and len(changes) > FOLLOW_SLICE:
            settled.set()  # queries answer from the snapshot as far as it got meanwhile
        try:
            await self._apply(snapshot, changes)
            if topics is not None:
                infos = [topic_info(t, n) for t, n in topics]
                # Off the loop (a bucket per word); nothing else changes the lexicon meanwhile.
                lookups = await asyncio.to_thread(snapshot.lexicon.lookups, infos)
                snapshot.lexicon.set_topics(infos, lookups)
        except BaseException:
            snapshot.seq = -1  # half applied: the log cannot bring it back, a reload will
            raise
        snapshot.lexicon.set_topic_counts(counts)
        snapshot.generation, snapshot.seq, snapshot.taxonomy = generation, seq, taxonomy
        return True

    def _follow_done(self, task: asyncio.Task[bool]) -> None:
        if self._following is task:
            self._following = None
        if not task.cancelled() and task.exception() is not None:
            log.warning("following the search index failed", exc_info=task.exception())

    async def _apply(self, snapshot: _Snapshot, changes: list[Change]) -> None:
        """Each entry's first logged text is what the snapshot holds, its current one what it
        should: titles out then in (a document number can pass from one entry to another),
        and the terms of the texts swapped, a slice at a time."""
        first: dict[str, Change] = {}
        last: dict[str, Change] = {}
        for change in changes:
            first.setdefault(change.entry_id, change)
            last[change.entry_id] = change
        titles, lexicon = snapshot.titles, snapshot.lexicon
        tokenizer = self._tokenizer = self._tokenizer or self._store.tokenizer()
        ids = list(last)
        for start in range(0, len(ids), FOLLOW_SLICE):
            for entry_id in ids[start : start + FOLLOW_SLICE]:
                if entry_id in titles.position:
                    titles.remove(titles.position[entry_id])
            await asyncio.sleep(0)
        for start in range(0, len(ids), FOLLOW_SLICE):
            chunk = ids[start : start + FOLLOW_SLICE]
            for entry_id in chunk:
                if (now := last[entry_id].now) is not None:
                    titles.add(now.doc, _source(now))
            old = [t for i in chunk if (t := first[i].old) is not None]
            new = [t for i in chunk if (t := last[i].text) is not None]
            removed, added = tokenizer.terms(old), tokenizer.terms(new)
            lexicon.update_terms(
                (t for terms in removed for t in terms),
                (t for terms in added for t in terms),
                len(titles),
            )
            await asyncio.sleep(0)

    async def _reloaded(self, generation: int) -> _Snapshot:
        async with self._lock:
            if self._snapshot is None or self._snapshot.generation < generation:
                self._snapshot = await self._replace()
            return self._snapshot

    async def _replace(self) -> _Snapshot:
        """A reload while a snapshot answers: built and saved by another process when there is
        one, then read here once the previous snapshot is let go (queries wait for that read,
        tenths of a second, rather than two snapshots sitting side by side); else built here."""
        if self._snapshot is not None and self._build_elsewhere is not None:
            assert self._index_file is not None  # set together (__init__)
            try:
                built = await self._build_elsewhere()
            except Exception:
                log.warning("building the search index elsewhere failed", exc_info=True)
                built = False
            if built:
                self._snapshot = None
                snapshot = await self._read_saved(self._index_file, lazy=False)
                if snapshot is not None:
                    return snapshot
        return await self._load()

    def _reload_done(self, task: asyncio.Task[_Snapshot]) -> None:
        if self._reload is task:
            self._reload = None
        if not task.cancelled() and task.exception() is not None:
            # Queries answer from the previous snapshot meanwhile: the error is only here.
            log.warning("search index reload failed", exc_info=task.exception())

    async def _current(self) -> _Snapshot:
        generation = await self._store.generation()
        snapshot = self._snapshot
        if snapshot is not None and (snapshot.generation == generation or self._closing):
            return snapshot
        if snapshot is not None and self._reload is None:
            follow = self._following
            if follow is None:
                self._settled = asyncio.Event()
                follow = self._following = asyncio.create_task(
                    self._follow(snapshot, self._settled), name="search-follow"
                )
                follow.add_done_callback(self._follow_done)
            if not self._settled.is_set():  # (waiting on a set event would still yield)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._settled.wait(), FOLLOW_WAIT)
            # Still running (long, or slow): part of the writes applied, and the matches come
            # from FTS anyway. Failed (logged by _follow_done) or too far behind: reload.
            if not follow.done() or _followed(follow):
                return snapshot
        reload = self._reload
        if reload is None:
            reload = self._reload = asyncio.create_task(
                self._reloaded(generation), name="search-reload"
            )
            reload.add_done_callback(self._reload_done)
        if snapshot is None:
            return await asyncio.shield(reload)  # nothing to answer from yet
        try:
            return await asyncio.wait_for(asyncio.shield(reload), RELOAD_WAIT)
        except TimeoutError:
            return snapshot
        except Exception:  # logged by _reload_done; the next query tries again
            return snapshot

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
        snapshot = await self._current()
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
        snapshot = await self._current()
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
        naming each by the id campers see."""
        keys = [s.ref for s in suggestions if s.kind is SuggestionKind.ENTRY]
        ids = await self._store.visible_ids(keys, guild_id=guild_id)
        kept: list[Suggestion] = []
        for s in suggestions:
            if s.kind is SuggestionKind.ENTRY:
                if s.ref not in ids:
                    continue
                if ids[s.ref] != s.ref:
                    s = Suggestion.for_entry(ids[s.ref], s.name)  # noqa: PLW2901
            kept.append(s)
        return kept[:limit]

    async def topics(self) -> list[Topic]:
        """The taxonomy, biggest topics first."""
        snapshot = await self._current()
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
        snapshot = await self._current()
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
        self, query: str, *, snapshot: _Snapshot, where: _Where, limit: int, offset: int
    ) -> SearchResult:
        """Nothing matched: offer "did you mean" and search the best of them instead."""
        lex = snapshot.lexicon
        found = autocomplete(query, lex, snapshot.titles, limit=FALLBACK_SUGGESTIONS + _SPARE)
        suggestions = tuple(await self._visible(found, where.guild_id, FALLBACK_SUGGESTIONS))
        empty = SearchResult(query, (), 0, offset, limit, suggestions=suggestions)
        if not suggestions:
            return empty
        best = suggestions[0]
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
        hit = SearchHit(entry, 1.0, make_snippet(entry.body, ()), (), True)
        hits = (hit,) if offset == 0 else ()
        topics = tuple(lex.topics[t].topic for t in entry.topics if t in lex.topics)
        return SearchResult(query, hits, 1, offset, limit, topics, confidence=1.0)

    async def _run(
        self,
        query: str,
        plan: QueryPlan,
        *,
        snapshot: _Snapshot,
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
        forms = plan.forms()
        hits: list[SearchHit] = []
        for s in page:
            entry = by_key.get(s.entry_id)
            if entry is None:  # retired between the FTS read and this one
                continue
            snippet = make_snippet(entry.body, forms)
            hits.append(SearchHit(entry, s.score, snippet, s.matched_topics, s.title_match))
        return tuple(hits)
