"""Wiring of services for the entry points (CLI, bot): one place that knows the constructors."""

from __future__ import annotations

from bot.search.topics import infer_topics
from bot.services.ingest import IngestService
from bot.store.database import Database


def build_ingest_service(db: Database) -> IngestService:
    # Raw posts arrive without topics: tag their entries from the taxonomy's names and aliases.
    return IngestService(db, infer_topics=infer_topics)
