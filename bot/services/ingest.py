"""Ingestion: advice files under content folders -> SQLite, idempotent and incremental.

One run is one transaction: a crash mid-run leaves the previous state whole. An unchanged file
costs a stat() (same size and mtime) or a hash; only changed entries are written; entries of a
vanished file or section are retired; moderator entries are never touched.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite

from bot.clock import Clock, iso, utcnow
from bot.corpus.documents import (
    SUFFIXES,
    DocumentError,
    TopicInferer,
    draft_hash,
    read_document,
)
from bot.corpus.taxonomy import TAXONOMY_NAMES, find_taxonomy, parse_taxonomy
from bot.models import EntryDraft, FileProblem, IngestReport, Origin, Topic
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.ingest_state import IngestStateRepository, SeenFile
from bot.store.topics import TopicRepository

log = logging.getLogger(__name__)

# Documentation that lives beside the advice but is not advice.
IGNORED_NAMES = frozenset(
    {"readme.md", "sources.md", "changelog.md", "license.md", "contributing.md"}
)
ACTOR = "ingest"


class IngestError(RuntimeError):
    """`--strict` and a file had a problem: nothing was written."""

    def __init__(self, report: IngestReport) -> None:
        self.report = report
        first = report.errors[0]
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        super().__init__(f"{first.file}: {first.reason}{more}")


@dataclass(slots=True)
class Root:
    """A folder (or a single file) being ingested; retirement is scoped to it."""

    key: str  # resolved absolute path of the folder
    label: str  # short name used in display paths
    files: list[Path]
    whole_folder: bool
    taxonomy: Path | None = None


@dataclass(slots=True)
class _FilePlan:
    display: str
    seen: SeenFile
    drafts: tuple[EntryDraft, ...] | None  # None: unchanged, nothing parsed


@dataclass(slots=True)
class _RootPlan:
    root: Root
    files: list[_FilePlan] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # display paths found on disk


def is_advice_file(path: Path) -> bool:
    name = path.name
    return (
        path.suffix.lower() in SUFFIXES
        and not name.startswith((".", "_"))
        and name.lower() not in IGNORED_NAMES
    )


def discover(paths: Iterable[Path]) -> tuple[list[Root], list[FileProblem]]:
    roots: list[Root] = []
    problems: list[FileProblem] = []
    for path in paths:
        if path.is_dir():
            resolved = path.resolve()
            files: list[Path] = []
            for dirpath, dirnames, filenames in os.walk(resolved):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
                files.extend(
                    Path(dirpath) / n for n in sorted(filenames) if is_advice_file(Path(n))
                )
            roots.append(Root(str(resolved), resolved.name, files, True, find_taxonomy(resolved)))
        elif path.is_file():
            resolved = path.resolve()
            if path.name in TAXONOMY_NAMES:
                roots.append(Root(str(resolved.parent), resolved.parent.name, [], False, resolved))
            else:
                roots.append(Root(str(resolved.parent), resolved.parent.name, [resolved], False))
        else:
            problems.append(FileProblem(str(path), "no such file or folder"))
    return roots, problems


def display_path(root: Root, file: Path) -> str:
    return f"{root.label}/{file.relative_to(root.key).as_posix()}"


def _plan_root(
    root: Root,
    seen: dict[str, SeenFile],
    topics: Sequence[Topic],
    infer_topics: TopicInferer | None,
    strict_topics: bool,
) -> _RootPlan:
    """Stat, read and parse the files of one root (blocking: run it in a worker thread)."""
    plan = _RootPlan(root)
    for file in root.files:
        display = display_path(root, file)
        plan.present.add(display)
        try:
            stat = file.stat()
            before = seen.get(display)
            if before and before.size == stat.st_size and before.mtime_ns == stat.st_mtime_ns:
                plan.files.append(_FilePlan(display, before, None))
                continue
            data = file.read_bytes()
            digest = hashlib.blake2b(data, digest_size=16).hexdigest()
            if before and before.file_hash == digest:
                record = SeenFile(
                    display, stat.st_size, stat.st_mtime_ns, digest, before.entry_count
                )
                plan.files.append(_FilePlan(display, record, None))
                continue
            doc = read_document(
                data,
                display_path=display,
                topics=topics,
                infer_topics=infer_topics,
                strict_topics=strict_topics,
            )
            record = SeenFile(display, stat.st_size, stat.st_mtime_ns, digest, len(doc.drafts))
            plan.files.append(_FilePlan(display, record, doc.drafts))
        except DocumentError as exc:
            plan.problems.append(FileProblem(display, str(exc)))
        except OSError as exc:
            plan.problems.append(FileProblem(display, f"cannot read: {exc.strerror or exc}"))
    return plan


class IngestService:
    def __init__(
        self,
        db: Database,
        *,
        infer_topics: TopicInferer | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self._db = db
        self._infer_topics = infer_topics
        self._clock = clock
        self._topics = TopicRepository(db)

    async def check(self, paths: Sequence[Path]) -> IngestReport:
        """Validate files without writing anything."""
        return await self.ingest(paths, dry_run=True)

    async def ingest(
        self, paths: Sequence[Path], *, strict: bool = False, dry_run: bool = False
    ) -> IngestReport:
        started = iso(self._clock())
        roots, problems = await asyncio.to_thread(discover, paths)
        report = IngestReport(errors=list(problems))
        taxonomy: list[Topic] = []
        for root in roots:
            if root.taxonomy is None:
                continue
            try:
                data = await asyncio.to_thread(root.taxonomy.read_bytes)
                taxonomy.extend(parse_taxonomy(data))
            except (DocumentError, OSError) as exc:
                report.errors.append(FileProblem(f"{root.label}/{root.taxonomy.name}", str(exc)))
        known = {t.id: t for t in await self._topics.all()}
        known.update({t.id: t for t in taxonomy})
        topics = list(known.values())
        # With no taxonomy anywhere, curated files' topics cannot be checked: accept them.
        strict_topics = bool(topics)

        with contextlib.suppress(_DryRun):
            await self._write(
                roots,
                report,
                taxonomy=taxonomy,
                topics=topics,
                strict_topics=strict_topics,
                strict=strict,
                dry_run=dry_run,
                started=started,
            )
        return report

    async def _write(
        self,
        roots: list[Root],
        report: IngestReport,
        *,
        taxonomy: list[Topic],
        topics: list[Topic],
        strict_topics: bool,
        strict: bool,
        dry_run: bool,
        started: str,
    ) -> None:
        async with self._db.transaction() as conn:
            now = iso(self._clock())
            if taxonomy:
                report.topics = await TopicRepository.upsert_many(conn, taxonomy, now=now)
            moderator_ids = await EntryRepository.moderator_ids(conn)
            claimed: dict[str, str] = {}  # entry id -> display path, across this run
            for root in roots:
                seen = await IngestStateRepository.seen_files(conn, root.key)
                plan = await asyncio.to_thread(
                    _plan_root, root, seen, topics, self._infer_topics, strict_topics
                )
                report.errors.extend(plan.problems)
                await self._apply(
                    conn, plan, seen, report, moderator_ids=moderator_ids, claimed=claimed, now=now
                )
            if strict and report.errors:
                raise IngestError(report)
            if dry_run:
                raise _DryRun
            report.run_id = await IngestStateRepository.record_run(
                conn, report, roots=[r.key for r in roots], started_at=started, finished_at=now
            )

    async def _apply(
        self,
        conn: aiosqlite.Connection,
        plan: _RootPlan,
        seen: dict[str, SeenFile],
        report: IngestReport,
        *,
        moderator_ids: set[str],
        claimed: dict[str, str],
        now: str,
    ) -> None:
        root = plan.root
        existing = await EntryRepository.file_entries_under(conn, root.key)
        changes: list[tuple[EntryDraft, str, str]] = []
        retire: list[str] = []
        records: list[SeenFile] = []
        failed = {p.file for p in plan.problems}
        for fp in plan.files:
            report.files += 1
            before = existing.get(fp.display, {})
            if fp.drafts is None:
                report.unchanged += sum(1 for _, gone in before.values() if not gone)
                records.append(fp.seen)
                continue
            produced: set[str] = set()
            file_changes: list[tuple[EntryDraft, str, str]] = []
            problem = None
            for draft in fp.drafts:
                owner = claimed.get(draft.id)
                if draft.id in moderator_ids:
                    problem = f"id {draft.id!r} belongs to a moderator's entry; choose another id"
                elif owner is not None and owner != fp.display:
                    problem = f"id {draft.id!r} is already used by {owner}"
                if problem:
                    break
                claimed[draft.id] = fp.display
                produced.add(draft.id)
                digest = draft_hash(draft)
                old = before.get(draft.id)
                if old is None:
                    file_changes.append((draft, digest, "add"))
                elif old[0] != digest or old[1]:
                    file_changes.append((draft, digest, "update"))
                else:
                    report.unchanged += 1
            if problem:
                report.errors.append(FileProblem(fp.display, problem))
                failed.add(fp.display)
                continue
            changes.extend(file_changes)
            report.added += sum(1 for *_, a in file_changes if a == "add")
            report.updated += sum(1 for *_, a in file_changes if a == "update")
            retire.extend(i for i, (_, gone) in before.items() if i not in produced and not gone)
            records.append(fp.seen)
        # A file that vanished from a folder ingested whole: its entries retire. A file that
        # failed to parse keeps its previous entries (bad input loses nothing).
        vanished = [p for p in seen if p not in plan.present] if root.whole_folder else []
        for path in vanished:
            retire.extend(i for i, (_, gone) in existing.get(path, {}).items() if not gone)
        # Files that failed keep their old source_files row so the next run retries them.
        records = [r for r in records if r.path not in failed]
        await EntryRepository.upsert_many(
            conn, changes, origin=Origin.FILE, root=root.key, now=now, actor=ACTOR
        )
        report.retired += await EntryRepository.retire(conn, retire, now=now, actor=ACTOR)
        await IngestStateRepository.record_files(conn, root.key, records, now=now)
        await IngestStateRepository.forget_files(conn, root.key, vanished)


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""
