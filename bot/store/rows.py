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
    if not text or text == "[]":  # most aliases and tags: no parse (search reads 10 a query)
        return ()
    return tuple(json.loads(text))


# `id` is the id campers see: a server's version of a shared entry shows the shared id.
ENTRY_COLUMNS = (
    "coalesce(e.base_id, e.id) AS id, e.id AS key, e.guild_id, e.title, e.body, e.title_en, e.summary, e.tip, e.kind, e.language, e.aliases, e.tags,"
    " e.source_file, e.source_post, e.source_event, e.source_speaker, e.source_cohort,"
    " e.source_date, e.source_url, e.origin, e.retired, e.created_at, e.updated_at,"
    " (SELECT json_group_array(topic_id) FROM"
    "   (SELECT topic_id FROM entry_topics t WHERE t.entry_id = e.id ORDER BY topic_id)) AS topics"
)


def revision_snapshot(alias: str) -> str:
    """The snapshot of revision row `alias`: its own, or, when NULL, the entry as it is now
    (migration 0022: a revision keeps a copy only once its entry has changed)."""
    return (
        f"coalesce({alias}.snapshot, (SELECT n.snapshot FROM entry_snapshots n"
        f" WHERE n.entry_id = {alias}.entry_id))"
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
        guild_id=row["guild_id"],
        key=row["key"],
    )
