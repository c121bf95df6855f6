"""Wiring of services for the entry points (CLI, bot): one place that knows the constructors."""

from __future__ import annotations

from bot.search.topics import TopicMatcher
from bot.services.ingest import IngestService
from bot.store.database import Database


def build_ingest_service(db: Database, *, workers: int | None = None) -> IngestService:
    # Raw posts arrive without topics: tag their entries from the taxonomy's names and aliases.
    return IngestService(db, topic_inferer=TopicMatcher, workers=workers)
