"""The storage backends the contract tests run against: SQLite today. A second backend (e.g.
PostgreSQL) adds an entry to BACKENDS and must pass every contract test unchanged."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.models import EntryDraft
from bot.search.ports import SearchStore
from bot.services.ports import IngestStore
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.ingest_state import SqliteIngestStore
from bot.store.search_index import SqliteSearchStore
from bot.store.tips import TipRepository
from bot.tips.ports import EntryLookup, TipStore
from tests.helpers_store import retire_ids, store_drafts

NOW = "2026-12-01T00:00:00+00:00"


@dataclass
class Backend:
    """The interfaces under test, and the setup a test needs that is not part of them."""

    tips: TipStore
    entries: EntryLookup
    search: SearchStore
    ingest: IngestStore
    add_entries: Callable[[Sequence[EntryDraft]], Awaitable[None]]
    retire: Callable[[Sequence[str]], Awaitable[None]]


@asynccontextmanager
async def sqlite(tmp: Path) -> AsyncIterator[Backend]:
    db = await Database.open(tmp / "contract.db")
    try:
        yield Backend(
            tips=TipRepository(db),
            entries=EntryRepository(db),
            search=SqliteSearchStore(db),
            ingest=SqliteIngestStore(db),
            add_entries=lambda drafts: store_drafts(db, drafts, now=NOW),
            retire=lambda ids: retire_ids(db, ids, now=NOW),
        )
    finally:
        await db.close()


BACKENDS = {"sqlite": sqlite}
