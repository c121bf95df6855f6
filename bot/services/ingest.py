"""Ingestion: advice files under content folders -> SQLite, idempotent and incremental.

One run publishes in one transaction: a crash mid-run leaves the previous state whole. An unchanged file
costs a stat() (same size and mtime) or a hash; only changed entries are written; entries of a
vanished file or section are retired; moderator entries are never touched.

A run has three steps, so the database's write lock is held only to publish:
1. prepare, with no lock: find the files, stat/read/hash them against what the last run
   recorded (read from the reader connection), and parse the changed ones (markup cleaning,
   splitting, topic inference: the CPU-heavy part, in worker processes for a big run);
2. stage, a chunk of files a step: resolve ids against the stored entries and set the writes
   aside in a TEMP table of the run (`IngestStore.staging`). A step reads like any reader and
   writes no table of the database file, so it takes no write lock: other processes write
   between and during the steps, and readers see the previous state whole;
3. publish, in one transaction: check that no other run recorded files and no moderator took
   a staged id in between (else prepare again, at most `_ATTEMPTS` times; the last attempt
   stages inside its transaction), then write the staged rows set-based (one UPDATE … FROM, one
   INSERT … SELECT, the index in bulk), retirements, file records and the run's record.
A kill at any point leaves the previous state (the TEMP table dies with the connection); the
bot's own short writes wait only for step 3 (a cold 10,000-file run: see README), and the
interactions that write defer when that wait runs long (`bot.adapter.respond`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import multiprocessing
import os
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import Clock, utcnow
from bot.corpus import lineage
from bot.corpus.documents import (
    DocumentError,
    TopicInferer,
    draft_hash,
    read_document,
)
from bot.corpus.files import (
    DEFAULT_MAX_FILE_BYTES,
    FileRefused,
    Root,
    discover,
    display_path,
    open_content,
    read_content,
)
from bot.corpus.taxonomy import parse_taxonomy
from bot.models import FileProblem, IngestReport, Origin, Topic
from bot.models.ingest import EntryRow, SeenFile, StoredFileEntry
from bot.services.ports import IngestStage, IngestStore, IngestUnit
from bot.services.worker_guard import exit_with

log = logging.getLogger(__name__)

# The store's row builder (IngestStore.prepare_row), handed to the parser processes.
RowPreparer = Callable[..., EntryRow]

ACTOR = "ingest"


class EmptyFolderError(RuntimeError):
    """A content folder that held files last time is empty now: retiring all their entries
    is refused unless asked for (`allow_empty`); nothing was written."""

    def __init__(self, label: str, files: int) -> None:
        self.label = label
        super().__init__(
            f"the content folder {label}/ is empty, but it held {files} file(s) last time:"
            " nothing was retired (pass --allow-empty to retire their entries)"
        )


class IngestError(RuntimeError):
    """`--strict` and a file had a problem: nothing was written."""

    def __init__(self, report: IngestReport) -> None:
        self.report = report
        first = report.errors[0]
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        super().__init__(f"{first.file}: {first.reason}{more}")


@dataclass(slots=True)
class _Changed:
    """A file whose bytes differ from last time: to be parsed."""

    display: str
    record: SeenFile
    data: bytes


@dataclass(slots=True)
class _Scan:
    """One root after stat() and, where size or mtime moved, a read and a hash."""

    root: Root
    seen: dict[str, SeenFile]
    unchanged: list[SeenFile] = field(default_factory=list)  # same bytes as last time
    changed: list[_Changed] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # display paths found on disk
    skipped: int = 0  # files not even read: same size and mtime as last time

    @property
    def vanished(self) -> list[str]:
        """Files seen before and gone now (only a folder ingested whole can tell)."""
        if not self.root.whole_folder:
            return []
        return [p for p in self.seen if p not in self.present and not self.root.hides(p)]


@dataclass(slots=True)
class _Parsed:
    display: str
    record: SeenFile
    rows: list[EntryRow]
    problem: str | None = None


def _scan_root(root: Root, seen: dict[str, SeenFile], max_bytes: int) -> _Scan:
    """Stat every file; read and hash only those whose size or mtime moved (blocking)."""
    scan = _Scan(root, seen)
    for file in root.files:
        display = display_path(root, file)
        scan.present.add(display)
        try:
            with open_content(file, root.key, max_bytes=max_bytes) as content:
                stat = content.stat
                before = seen.get(display)
                if before and before.size == stat.st_size and before.mtime_ns == stat.st_mtime_ns:
                    scan.unchanged.append(before)
                    scan.skipped += 1
                    continue
                data = content.read()
        except FileRefused as exc:
            scan.problems.append(FileProblem(display, str(exc)))
            continue
        except OSError as exc:
            scan.problems.append(FileProblem(display, f"cannot read: {exc.strerror or exc}"))
            continue
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if before and before.file_hash == digest:
            record = SeenFile(display, stat.st_size, stat.st_mtime_ns, digest, before.entry_count)
            scan.unchanged.append(record)
        else:
            record = SeenFile(display, stat.st_size, stat.st_mtime_ns, digest, 0)
            scan.changed.append(_Changed(display, record, data))
    return scan


# Compiles a taxonomy into a TopicInferer (once per chunk of files, not once per entry).
InfererFactory = Callable[[Sequence[Topic]], TopicInferer]


def _parse(
    files: Sequence[_Changed],
    *,
    topics: Sequence[Topic],
    topic_inferer: InfererFactory | None,
    strict_topics: bool,
    root: str,
    now: dt.datetime,
    prepare_row: RowPreparer,
) -> list[_Parsed]:
    """Parse changed files into rows ready to write (blocking: run it in a worker)."""
    infer_topics = topic_inferer(topics) if topic_inferer and topics else None
    parsed: list[_Parsed] = []
    for item in files:
        try:
            doc = read_document(
                item.data,
                display_path=item.display,
                topics=topics,
                infer_topics=infer_topics,
                strict_topics=strict_topics,
            )
        except DocumentError as exc:
            parsed.append(_Parsed(item.display, item.record, [], str(exc)))
            continue
        record = dataclasses.replace(item.record, entry_count=len(doc.drafts))
        rows = [
            prepare_row(d, draft_hash(d), origin=Origin.FILE, root=root, now=now)
            for d in doc.drafts
        ]
        parsed.append(_Parsed(item.display, record, rows))
    return parsed


async def _link_sources(unit: IngestUnit) -> None:
    """Which raw post section each curated entry was written from (search folds the one into
    the other): recomputed for the posts that have both, which is cheap."""
    rows = await unit.texts_to_link(lineage.SECTION_GLOB)
    links = lineage.source_sections(lineage.Text(*row) for row in rows)
    await unit.replace_source_links([(x.entry_id, x.section_id, x.score) for x in links])


class IngestService:
    def __init__(
        self,
        store: IngestStore,
        *,
        topic_inferer: InfererFactory | None = None,
        clock: Clock = utcnow,
        workers: int | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    ) -> None:
        """`workers`: parser processes for big runs (default: one per core; 0: parse in this
        process). `max_file_bytes`: bigger files are reported and skipped."""
        self._store = store
        self._topic_inferer = topic_inferer
        self._workers = min(_MAX_WORKERS, os.cpu_count() or 1) if workers is None else workers
        self._clock = clock
        self._max_file_bytes = max_file_bytes

    async def check(self, paths: Sequence[Path]) -> IngestReport:
        """Validate files without writing anything."""
        return await self.ingest(paths, dry_run=True)

    async def ingest(
        self,
        paths: Sequence[Path],
        *,
        strict: bool = False,
        dry_run: bool = False,
        allow_empty: bool = False,
    ) -> IngestReport:
        """Raises EmptyFolderError (unless `allow_empty`) when a folder that held files is
        empty now: an unmounted volume or a wrong path must not retire everything."""
        for attempt in range(1, _ATTEMPTS + 1):
            prepared = await self._prepare(paths, allow_empty=allow_empty)
            try:
                with contextlib.suppress(_DryRun):
                    await self._write(
                        prepared, strict=strict, dry_run=dry_run, check=attempt < _ATTEMPTS
                    )
            except _Stale:
                log.info("another ingest wrote while this one parsed: preparing again")
                continue
            return prepared.report
        raise AssertionError("unreachable: the last attempt does not check")  # pragma: no cover

    async def _prepare(self, paths: Sequence[Path], *, allow_empty: bool = False) -> _Prepared:
        """Phase 1, holding no lock: discover, scan and parse."""
        started = self._clock()
        roots, problems = await asyncio.to_thread(discover, paths)
        for root in roots:
            if root.whole_folder and not root.files and not root.unreadable and not allow_empty:
                seen = await self._store.seen(root.key)
                if seen:
                    raise EmptyFolderError(root.label, len(seen))
        report = IngestReport(errors=list(problems))
        taxonomy: list[Topic] = []
        for root in roots:
            if root.taxonomy is None:
                continue
            try:
                data = await asyncio.to_thread(
                    read_content, root.taxonomy, root.key, max_bytes=self._max_file_bytes
                )
                taxonomy.extend(parse_taxonomy(data))
            except (DocumentError, FileRefused, OSError) as exc:
                report.errors.append(FileProblem(f"{root.label}/{root.taxonomy.name}", str(exc)))
        known = {t.id: t for t in await self._store.topics()}
        known.update({t.id: t for t in taxonomy})
        topics = list(known.values())
        # With no taxonomy anywhere, curated files' topics cannot be checked: accept them.
        strict_topics = bool(topics)
        now = self._clock()
        scans: list[_Scan] = []
        parsed: list[list[list[_Parsed]]] = []
        for root in roots:
            seen = await self._store.seen(root.key)
            scan = await asyncio.to_thread(_scan_root, root, seen, self._max_file_bytes)
            report.errors.extend(scan.problems)
            work = functools.partial(
                _parse,
                topics=topics,
                topic_inferer=self._topic_inferer,
                strict_topics=strict_topics,
                root=root.key,
                now=now,
                prepare_row=self._store.prepare_row,
            )
            parsed.append([chunk async for chunk in self._parsed(work, _chunks(scan.changed))])
            for item in scan.changed:
                item.data = b""  # parsed: the bytes are not needed any more
            scans.append(scan)
        return _Prepared(roots, report, taxonomy, scans, parsed, started, now)

    async def _write(
        self, prepared: _Prepared, *, strict: bool, dry_run: bool, check: bool
    ) -> None:
        """Phase 2: stage the entry writes, then one transaction that publishes them with
        everything else. `check`: stage in steps that lock nothing others need, and prepare
        again (`_Stale`) if another writer got in the way meanwhile; else (the last attempt)
        stage inside the transaction, where nothing can."""
        if not check:
            async with self._store.writing() as unit, unit.staging() as stage:
                run = await self._stage(stage, prepared)
                await self._publish(unit, stage, run, prepared, strict=strict, dry_run=dry_run)
            return
        async with self._store.staging() as stage:
            run = await self._stage(stage, prepared)
            started = time.perf_counter()
            try:
                async with self._store.writing() as unit:
                    for scan in prepared.scans:
                        if await unit.seen_files(scan.root.key) != scan.seen:
                            raise _Stale  # another run recorded files since the scan
                    if await unit.staged_taken(stage):
                        raise _Stale  # a moderator took an id this run resolved as free
                    await self._publish(unit, stage, run, prepared, strict=strict, dry_run=dry_run)
            finally:
                # The time other writers (the bot's commands) may have waited for this run.
                log.info("ingest held the write lock %.2f s", time.perf_counter() - started)

    async def _stage(self, stage: IngestStage, prepared: _Prepared) -> _Run:
        """Resolve every parsed file against the stored entries and stage the writes, a chunk
        of files a step."""
        run = _Run(prepared.report, await stage.moderator_ids(), prepared.scans)
        # A file that fails to parse keeps its entries: claim their ids before any file is
        # resolved, or a file sorted before it (or in an earlier chunk) would take them over.
        for scan, parsed in zip(prepared.scans, prepared.parsed, strict=True):
            key = scan.root.key
            broken = [(key, p.display) for chunk in parsed for p in chunk if p.problem]
            if broken:
                run.claim_kept(await stage.file_entries_for(ids=(), files=broken))
        await self._claim_contested(stage, prepared, run)
        for scan, parsed in zip(prepared.scans, prepared.parsed, strict=True):
            await self._stage_root(stage, scan, run, parsed)
        return run

    async def _claim_contested(self, stage: IngestStage, prepared: _Prepared, run: _Run) -> None:
        """An id two files read this run both give stays with the file that holds it: claim it
        for that file before any is resolved, or a newcomer sorted first (or in an earlier
        chunk) would take it over and the owner be the one refused."""
        first: dict[str, tuple[str, str]] = {}
        contested: dict[str, set[tuple[str, str]]] = {}  # the few ids given twice: who gives them
        for scan, parsed in zip(prepared.scans, prepared.parsed, strict=True):
            for chunk in parsed:
                for item in chunk:
                    giver = (scan.root.key, item.display)
                    for row in item.rows:
                        if first.setdefault(row.id, giver) != giver:
                            contested.setdefault(row.id, {first[row.id]}).add(giver)
        if not contested:
            return
        held = await stage.file_entries_for(ids=contested, files=())
        run.claim_kept(
            {i: row for i, row in held.items() if (row.root, row.file) in contested.get(i, ())}
        )

    async def _publish(
        self,
        unit: IngestUnit,
        stage: IngestStage,
        run: _Run,
        prepared: _Prepared,
        *,
        strict: bool,
        dry_run: bool,
    ) -> None:
        """Everything the run writes, inside its one transaction."""
        report = prepared.report
        now = prepared.now
        if prepared.taxonomy:  # before the entries: their topic links need the topics
            report.topics = await unit.upsert_topics(prepared.taxonomy, now=now)
        await unit.publish(stage, now=now, actor=ACTOR)
        # An id that moved from a file read again (or vanished) to another one is updated
        # in place by its new file, not retired.
        retire = [i for i in run.retire if i not in run.claimed]
        report.retired += await unit.retire(retire, now=now, actor=ACTOR)
        await unit.move(run.moves)
        for scan in prepared.scans:
            key = scan.root.key
            records = [r for r in run.records[key] if scan.seen.get(r.path) != r]
            await unit.record_files(key, records, now=now)
            await unit.forget_files(key, scan.vanished)
        if report.added or report.updated or report.retired or await unit.no_source_links():
            await _link_sources(unit)
        if strict and report.errors:
            raise IngestError(report)
        if dry_run:
            raise _DryRun
        report.run_id = await unit.record_run(
            report,
            roots=[r.key for r in prepared.roots],
            started_at=prepared.started,
            finished_at=now,
        )

    async def _stage_root(
        self,
        stage: IngestStage,
        scan: _Scan,
        run: _Run,
        parsed_chunks: list[list[_Parsed]],
    ) -> None:
        """Stage one root's parsed files' entries, a chunk at a time."""
        key = scan.root.key
        report = run.report
        report.skipped_files += scan.skipped
        live = await stage.live_counts(key)
        for record in scan.unchanged:
            report.files += 1
            report.unchanged += live.get(record.path, 0)
            run.records[key].append(record)
        for number, parsed in enumerate(parsed_chunks):
            ids = [row.id for p in parsed for row in p.rows]
            files = [(key, p.display) for p in parsed]
            stored = await stage.file_entries_for(ids=ids, files=files)
            await stage.stage(run.resolve(scan, parsed, stored))
            parsed_chunks[number] = []  # staged: the rows are not needed here any more
        # A file that vanished from a folder ingested whole: its entries retire.
        if scan.vanished:
            gone = await stage.file_entries_for(ids=(), files=[(key, p) for p in scan.vanished])
            run.retire.extend(i for i, row in gone.items() if not row.retired)

    async def _parsed(
        self, work: Callable[[list[_Changed]], list[_Parsed]], chunks: list[list[_Changed]]
    ) -> AsyncIterator[list[_Parsed]]:
        """Parsed chunks, in order. A big run parses in worker processes (one per core):
        parsing is pure CPU, and threads would share one interpreter lock."""
        workers = self._workers
        if sum(map(len, chunks)) < _PARALLEL_MIN or workers < 1:
            for chunk in chunks:
                yield await asyncio.to_thread(work, chunk)
            return
        loop = asyncio.get_running_loop()
        # forkserver: never fork a process that runs threads (aiosqlite's, the event loop's);
        # spawn where there is no forkserver (Windows).
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        pool = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=context, initializer=exit_with, initargs=(os.getpid(),)
        )
        try:
            futures = [loop.run_in_executor(pool, work, chunk) for chunk in chunks]
            for done, future in enumerate(futures):
                try:
                    parsed = await future
                except concurrent.futures.BrokenExecutor:
                    # e.g. an embedding script without a __main__ guard: parse here instead.
                    log.warning("parser processes unavailable; parsing in this process")
                    for pending in futures[done + 1 :]:
                        pending.cancel()  # their failures are this one's; nobody awaits them
                    for chunk in chunks[done:]:
                        yield await asyncio.to_thread(work, chunk)
                    return
                yield parsed
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


_ATTEMPTS = 3  # prepare again when another run wrote meanwhile; the last attempt just writes
_CHUNK = 500  # changed files parsed (then written) per step: bounds memory, feeds the workers
_FIRST_CHUNKS = (100, 200)  # smaller at first, so every worker has work at once
_PARALLEL_MIN = 1500  # below this many changed files a worker pool costs more than it saves
_MAX_WORKERS = 4


def _chunks(files: list[_Changed]) -> list[list[_Changed]]:
    sizes = iter(_FIRST_CHUNKS)
    chunks: list[list[_Changed]] = []
    start = 0
    while start < len(files):
        size = next(sizes, _CHUNK)
        chunks.append(files[start : start + size])
        start += size
    return chunks


class _Run:
    """What one ingest run decided so far: who owns which id, and what to retire and record.

    An id belongs to one file. Files not read again this run (unchanged, unreadable, or outside
    the paths given) keep their ids, so a new file cannot take one over; a file that was read
    again (or vanished) gives its ids up, and another file may take them this run.
    """

    def __init__(self, report: IngestReport, moderator_ids: set[str], scans: list[_Scan]) -> None:
        self.report = report
        self.moderator_ids = moderator_ids
        self.released = {(s.root.key, c.display) for s in scans for c in s.changed}
        self.released.update((s.root.key, p) for s in scans for p in s.vanished)
        self.claimed: dict[str, tuple[str, str]] = {}  # id -> (root, file) that produced it
        self.retire: list[str] = []
        self.moves: list[tuple[str, int]] = []  # unchanged entries, new position
        self.records: dict[str, list[SeenFile]] = {s.root.key: [] for s in scans}

    def holder(self, entry_id: str, row: StoredFileEntry | None) -> tuple[str, str] | None:
        if entry_id in self.claimed:
            return self.claimed[entry_id]
        if row is not None and not row.retired and (row.root, row.file) not in self.released:
            return row.root, row.file
        return None

    def claim_kept(self, held: dict[str, StoredFileEntry]) -> None:
        """The live entries of files that keep them this run stay theirs."""
        for entry_id, row in held.items():
            if not row.retired:
                self.claimed.setdefault(entry_id, (row.root, row.file))

    def _keep(
        self, owner: tuple[str, str], before: dict[str, StoredFileEntry], problem: FileProblem
    ) -> None:
        """A file that can't be stored keeps its previous entries (bad input loses nothing), and
        its old source_files row, so the next run tries it again."""
        self.report.errors.append(problem)
        for entry_id, row in before.items():
            if not row.retired:
                self.claimed.setdefault(entry_id, owner)

    def resolve(
        self, scan: _Scan, parsed: list[_Parsed], stored: dict[str, StoredFileEntry]
    ) -> list[tuple[EntryRow, str]]:
        """The entry writes for a chunk of parsed files, in file order (pure: no I/O)."""
        report = self.report
        key = scan.root.key
        by_file: dict[str, dict[str, StoredFileEntry]] = {}
        for entry_id, held in stored.items():
            if held.root == key:
                by_file.setdefault(held.file, {})[entry_id] = held
        changes: list[tuple[EntryRow, str]] = []
        for item in parsed:
            owner = (key, item.display)
            before = by_file.get(item.display, {})
            if item.problem is not None:
                self._keep(owner, before, FileProblem(item.display, item.problem))
                continue
            produced: set[str] = set()
            file_changes: list[tuple[EntryRow, str]] = []
            moves: list[tuple[str, int]] = []
            unchanged = 0
            problem = None
            for row in item.rows:
                holder = self.holder(row.id, stored.get(row.id))
                if row.id in self.moderator_ids:
                    problem = f"id {row.id!r} belongs to a moderator's entry; choose another id"
                elif holder is not None and holder != owner:
                    problem = f"id {row.id!r} is already used by {holder[1]}"
                if problem:
                    break
                produced.add(row.id)
                old = stored.get(row.id)
                if old is None:
                    file_changes.append((row, "add"))
                elif old.retired:
                    file_changes.append((row, "restore"))
                elif old.content_hash != row.content_hash or (old.root, old.file) != owner:
                    file_changes.append((row, "file_update"))
                else:
                    unchanged += 1
                    if old.position != row.position:
                        moves.append((row.id, row.position))
            if problem:
                self._keep(owner, before, FileProblem(item.display, problem))
                continue
            report.files += 1  # loaded: one refused above (an id taken) is not
            self.claimed.update(dict.fromkeys(produced, owner))
            changes.extend(file_changes)
            self.moves.extend(moves)
            report.unchanged += unchanged
            report.added += sum(1 for _, action in file_changes if action == "add")
            report.updated += sum(1 for _, action in file_changes if action != "add")
            self.retire.extend(
                i for i, row in before.items() if i not in produced and not row.retired
            )
            self.records[key].append(item.record)
        return changes


@dataclass(slots=True)
class _Prepared:
    """Phase 1's result: everything the write transaction needs, parsed already."""

    roots: list[Root]
    report: IngestReport
    taxonomy: list[Topic]
    scans: list[_Scan]
    parsed: list[list[list[_Parsed]]]  # per root, per chunk
    started: dt.datetime
    now: dt.datetime


class _Stale(Exception):
    """Another run recorded files between this run's scan and its write: scan again."""


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""
