"""The search index in memory (taxonomy keys, vocabulary, title index), kept up to date with the
database.

Loaded once: read from the file a previous process saved when it holds this database's state,
else built and saved (`saved.py`). Then it follows the database: when `search_meta.generation`
(bumped by every write) has moved, the entries written since are read from the change log
(`search_changes`) and applied in place, in time proportional to them and in slices that leave
the event loop free between. A query waits for a few entries (one slice: milliseconds), at most
FOLLOW_WAIT; while more are followed, it answers at once from the snapshot as far as it got.
Checking the generation costs a read only when the store saw a write; a change of the taxonomy
is followed too (topics and their lookup keys swapped in). Only a gap in the log (more than its
10,000 entries written between two looks) reloads everything: another process builds and saves
the index (`build_index.py`) while queries answer from the previous snapshot (matches still come
from the FTS index, always current), then the snapshot is let go and the file read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from bot.models import Topic
from bot.models.search import Change, TitleRow
from bot.search import saved
from bot.search.lexicon import Lexicon, topic_info
from bot.search.ports import SearchStore, Tokenizer
from bot.search.saved import Marks
from bot.search.titles import TitleIndex, TitleSource

log = logging.getLogger(__name__)

RELOAD_WAIT = 0.5  # seconds a query waits for a reload before it uses the previous snapshot
MAX_FOLLOW = 10_000  # the whole change log: only a gap in it rebuilds (two snapshots a while)
FOLLOW_SLICE = 16  # entries applied between two yields to the event loop
FOLLOW_WAIT = 0.1  # seconds a query waits for a few writes (one slice) to be followed


@dataclass(slots=True)
class Snapshot:
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
) -> Snapshot:
    lexicon = Lexicon([topic_info(t, n) for t, n in topics], vocabulary, len(titles))
    index = TitleIndex(_source(r) for r in titles)
    return Snapshot(*marks, lexicon, index)


def _build_and_save(
    marks: Marks,
    topics: list[tuple[Topic, int]],
    vocabulary: dict[str, int],
    titles: list[TitleRow],
    path: Path | None,
) -> Snapshot:
    """Build, and save before anyone can change it (a follow would, once it is published)."""
    snapshot = _build((marks.generation, marks.taxonomy, marks.seq), topics, vocabulary, titles)
    snapshot.instance = marks.instance
    if path is not None:
        saved.save(path, marks, snapshot.lexicon, snapshot.titles)
        snapshot.saved_seq = marks.seq
    return snapshot


def _marks(snapshot: Snapshot) -> Marks:
    return Marks(snapshot.instance, snapshot.generation, snapshot.taxonomy, snapshot.seq)


def _followed(task: asyncio.Task[bool]) -> bool:
    """A finished follow applied every write (not cancelled, failed, or too far behind)."""
    return not task.cancelled() and task.exception() is None and task.result()


class LiveIndex:
    """The snapshot queries answer from (`current()`), loaded by `refresh()` and followed or
    reloaded as the database changes; `close()` saves the writes followed since the file was
    saved. With `index_file`, a built index is saved there and read back by the next process
    instead of built again (`saved.py` says when it is trusted). With `build_elsewhere` too (it
    builds and saves the index in another process: `build_index.py`), a rebuild while the bot
    runs never holds two snapshots in this process, nor its CPU.
    """

    def __init__(
        self,
        store: SearchStore,
        *,
        index_file: Path | None = None,
        build_elsewhere: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        self._store = store
        self._index_file = index_file
        self._build_elsewhere = build_elsewhere if index_file is not None else None
        self._closing = False
        self._snapshot: Snapshot | None = None
        self._lock = asyncio.Lock()
        self._reload: asyncio.Task[Snapshot] | None = None
        self._following: asyncio.Task[bool] | None = None
        # Set once the follow running is known to be long (more than a slice) or is done:
        # queries wait for a few writes (milliseconds), never for many.
        self._settled = asyncio.Event()
        self._tokenizer: Tokenizer | None = None

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

    async def _load(self, *, lazy: bool = True) -> Snapshot:
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

    async def _built(self, path: Path | None) -> Snapshot:
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

    async def _read_saved(self, path: Path, *, lazy: bool) -> Snapshot | None:
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
        snapshot = Snapshot(
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

    async def _follow(self, snapshot: Snapshot, settled: asyncio.Event | None = None) -> bool:
        """Apply the writes since `snapshot` to it in place; False when only a reload will do.
        `settled` is set when it is done, or as soon as it is found to be long."""
        try:
            return await self._follow_writes(snapshot, settled)
        finally:
            if settled is not None:
                settled.set()

    async def _follow_writes(self, snapshot: Snapshot, settled: asyncio.Event | None) -> bool:
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
        if snapshot.taxonomy < 0:  # its titles, read lazily just now, did not fit their file
            return False
        snapshot.lexicon.set_topic_counts(counts)
        snapshot.generation, snapshot.seq, snapshot.taxonomy = generation, seq, taxonomy
        return True

    def _follow_done(self, task: asyncio.Task[bool]) -> None:
        if self._following is task:
            self._following = None
        if not task.cancelled() and task.exception() is not None:
            log.warning("following the search index failed", exc_info=task.exception())

    async def _apply(self, snapshot: Snapshot, changes: list[Change]) -> None:
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

    async def _reloaded(self, generation: int) -> Snapshot:
        async with self._lock:
            if self._snapshot is None or self._snapshot.generation < generation:
                self._snapshot = await self._replace()
            return self._snapshot

    async def _replace(self) -> Snapshot:
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

    def _reload_done(self, task: asyncio.Task[Snapshot]) -> None:
        if self._reload is task:
            self._reload = None
        if not task.cancelled() and task.exception() is not None:
            # Queries answer from the previous snapshot meanwhile: the error is only here.
            log.warning("search index reload failed", exc_info=task.exception())

    async def current(self) -> Snapshot:
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
