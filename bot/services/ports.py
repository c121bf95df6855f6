"""The storage ingestion needs, declared on the domain's side (SQLite: bot/store/ingest_state.py).

A run parses with no lock held, stages its entry writes (`staging()`: short steps that lock
nothing other writers need, invisible to readers), then writes everything in one unit of work
(`writing()`, which publishes the stage): every entry, retirement, file record and the run's own
record land together, or none does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.models import EntryDraft, IngestReport, Origin, Topic
from bot.models.ingest import EntryRow, SeenFile, StoredFileEntry


class IngestStage(Protocol):
    """A run's entry writes, set aside until a unit of work publishes them; each call is a
    step of its own, and between steps other writers go on."""

    async def moderator_ids(self) -> set[str]:
        """Ids written by moderators: files may not take them."""
        ...

    async def live_counts(self, root: str) -> dict[str, int]:
        """File -> its live entries, for the files ingested from `root`."""
        ...

    async def file_entries_for(
        self, *, ids: Iterable[str], files: Iterable[tuple[str, str]]
    ) -> dict[str, StoredFileEntry]:
        """Entries with any of `ids`, or from any of `files` ((root, file) pairs)."""
        ...

    async def stage(self, changes: Sequence[tuple[EntryRow, str]]) -> None:
        """Set (row, action) pairs aside; nothing a reader sees changes."""
        ...


class IngestUnit(Protocol):
    def staging(self) -> AbstractAsyncContextManager[IngestStage]:
        """A stage whose steps run inside this unit (nothing can change in between)."""
        ...

    async def publish(self, stage: IngestStage, *, now: dt.datetime, actor: str) -> None:
        """Write what `stage` (one of this store's) holds, as `upsert_rows` would have."""
        ...

    async def staged_taken(self, stage: IngestStage) -> bool:
        """Whether a moderator's entry took a staged id after it was staged."""
        ...

    async def seen_files(self, root: str) -> dict[str, SeenFile]:
        """The files of `root` as the last run recorded them."""
        ...

    async def upsert_topics(self, topics: Sequence[Topic], *, now: dt.datetime) -> int:
        """Insert or update topics; how many were new or different."""
        ...

    async def moderator_ids(self) -> set[str]:
        """Ids written by moderators: files may not take them."""
        ...

    async def live_counts(self, root: str) -> dict[str, int]:
        """File -> its live entries, for the files ingested from `root`."""
        ...

    async def file_entries_for(
        self, *, ids: Iterable[str], files: Iterable[tuple[str, str]]
    ) -> dict[str, StoredFileEntry]:
        """Entries with any of `ids`, or from any of `files` ((root, file) pairs)."""
        ...

    async def upsert_rows(
        self, changes: Sequence[tuple[EntryRow, str]], *, now: dt.datetime, actor: str
    ) -> None:
        """Write (row, action) pairs; the action is what each entry's history records."""
        ...

    async def retire(self, ids: Iterable[str], *, now: dt.datetime, actor: str) -> int: ...

    async def move(self, positions: Sequence[tuple[str, int]]) -> None:
        """New places of unchanged entries within their file (no revision)."""
        ...

    async def record_files(
        self, root: str, files: Sequence[SeenFile], *, now: dt.datetime
    ) -> None: ...

    async def forget_files(self, root: str, paths: Sequence[str]) -> None: ...

    async def record_run(
        self,
        report: IngestReport,
        *,
        roots: Sequence[str],
        started_at: dt.datetime,
        finished_at: dt.datetime,
    ) -> int:
        """The run's own record; its id."""
        ...

    async def texts_to_link(self, section_glob: str) -> list[tuple[str, str, str, str]]:
        """(id, post, title, body) of the live shared entries of every post that has both raw
        sections (ids matching `section_glob`) and curated entries."""
        ...

    async def replace_source_links(self, links: Sequence[tuple[str, str, float]]) -> None:
        """(curated entry, raw section, score) links, in place of the old ones."""
        ...

    async def no_source_links(self) -> bool: ...


class IngestStore(Protocol):
    def writing(self) -> AbstractAsyncContextManager[IngestUnit]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        ...

    def staging(self) -> AbstractAsyncContextManager[IngestStage]:
        """A run's stage, discarded when the block ends."""
        ...

    async def topics(self) -> list[Topic]: ...

    async def seen(self, root: str) -> dict[str, SeenFile]: ...

    @staticmethod
    def prepare_row(
        draft: EntryDraft, content_hash: str, *, origin: Origin, root: str | None, now: dt.datetime
    ) -> EntryRow:
        """An entry as the store will write it, built in the parser processes (a plain,
        picklable function: it crosses the process boundary with the parsing work)."""
        ...
