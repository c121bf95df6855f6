"""Writing entries straight through the store, for tests that need a corpus without files."""

from __future__ import annotations

from collections.abc import Sequence

from bot.app import Services, bootstrap
from bot.clock import Clock, utcnow
from bot.models import EntryDraft, Origin
from bot.settings import Settings
from bot.store.database import Database
from bot.store.entries import EntryRepository


async def app_services(
    db: Database, *, clock: Clock = utcnow, timezone: str = "Asia/Seoul"
) -> Services:
    """What `bot.app.bootstrap` builds, on an open test database (the test closes it)."""
    return await bootstrap(Settings(db_path=db.path, timezone=timezone), db=db, clock=clock)


async def store_drafts(db: Database, drafts: Sequence[EntryDraft], *, now: str) -> None:
    """Store drafts as moderator entries (ingestion never touches those)."""
    async with db.transaction() as conn:
        await EntryRepository.upsert_many(
            conn,
            [(d, f"hash-{d.id}-{hash(d.body)}", "add") for d in drafts],
            origin=Origin.MODERATOR,
            root=None,
            now=now,
            actor="test",
        )


async def retire_ids(db: Database, ids: Sequence[str], *, now: str) -> None:
    async with db.transaction() as conn:
        await EntryRepository.retire(conn, ids, now=now, actor="test")
