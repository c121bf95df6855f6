"""Wiring of services for the entry points (CLI, bot): one place that knows the constructors."""

from __future__ import annotations

from bot.services.ingest import IngestService
from bot.store.database import Database


def build_ingest_service(db: Database) -> IngestService:
    return IngestService(db, infer_topics=_topic_inferer())


def _topic_inferer():  # type: ignore[no-untyped-def]
    try:
        from bot.search.topics import infer_topics
    except ImportError:  # the search package adds topic inference
        return None
    return infer_topics
