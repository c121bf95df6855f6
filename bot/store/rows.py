"""Row <-> record conversion shared by the repositories."""

from __future__ import annotations

import json
from collections.abc import Iterable

import aiosqlite

from bot.models import Entry, Kind, Origin, Source


def dumps(values: Iterable[str]) -> str:
    if values == ():
        return "[]"  # most aliases and tags: ingestion writes this 100k times in a cold run
    return json.dumps(list(values), ensure_ascii=False)


def loads(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


ENTRY_COLUMNS = (
    "e.id, e.title, e.body, e.title_en, e.summary, e.tip, e.kind, e.language, e.aliases, e.tags,"
    " e.source_file, e.source_post, e.source_event, e.source_speaker, e.source_cohort,"
    " e.source_date, e.source_url, e.origin, e.retired, e.created_at, e.updated_at,"
    " (SELECT json_group_array(topic_id) FROM"
    "   (SELECT topic_id FROM entry_topics t WHERE t.entry_id = e.id ORDER BY topic_id)) AS topics"
)


def entry_from_row(row: aiosqlite.Row) -> Entry:
    return Entry(
        id=row["id"],
        title=row["title"],
        body=row["body"],
        title_en=row["title_en"],
        summary=row["summary"],
        tip=row["tip"],
        kind=Kind(row["kind"]),
        language=row["language"],
        topics=loads(row["topics"]),
        aliases=loads(row["aliases"]),
        tags=loads(row["tags"]),
        source=Source(
            file=row["source_file"],
            post=row["source_post"],
            event=row["source_event"],
            speaker=row["source_speaker"],
            cohort=row["source_cohort"],
            date=row["source_date"],
            url=row["source_url"],
        ),
        origin=Origin(row["origin"]),
        retired=bool(row["retired"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
