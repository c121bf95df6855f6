"""The application's resources, owned by the entry point and passed down through constructors."""

from __future__ import annotations

from dataclasses import dataclass

from bot.search import SearchService
from bot.services.factory import build_ingest_service
from bot.services.ingest import IngestService
from bot.settings import Settings
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.state import StateRepository
from bot.store.topics import TopicRepository
from bot.tips.service import TipService


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    db: Database
    entries: EntryRepository
    topics: TopicRepository
    state: StateRepository
    ingest: IngestService
    search: SearchService
    tips: TipService

    async def close(self) -> None:
        await self.search.close()
        await self.db.close()


async def open_services(settings: Settings, *, db: Database | None = None) -> Services:
    db = db or await Database.open(settings.db_path)
    return Services(
        settings=settings,
        db=db,
        entries=EntryRepository(db),
        topics=TopicRepository(db),
        state=StateRepository(db),
        ingest=build_ingest_service(db),
        search=SearchService(db),
        tips=TipService(db, default_timezone=settings.timezone),
    )
