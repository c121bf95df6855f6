"""The topic taxonomy."""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

from bot.models import Topic
from bot.store.database import Database
from bot.store.rows import dumps, loads


class TopicRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self) -> list[Topic]:
        rows = await (
            await self._db.reader.execute(
                "SELECT id, name_ko, name_en, description, description_en, aliases FROM topics"
                " ORDER BY name_ko"
            )
        ).fetchall()
        return [Topic(r[0], r[1], r[2], r[3], r[4], loads(r[5])) for r in rows]

    @staticmethod
    async def upsert_many(conn: aiosqlite.Connection, topics: Sequence[Topic], *, now: str) -> int:
        """Insert or update topics; returns how many were new or different."""
        rows = await (
            await conn.execute(
                "SELECT id, name_ko, name_en, description, description_en, aliases FROM topics"
            )
        ).fetchall()
        stored = {r[0]: tuple(r[1:]) for r in rows}
        params = [
            (t.id, t.name_ko, t.name_en, t.description, t.description_en, dumps(t.aliases), now)
            for t in topics
        ]
        # Counted here, not with total_changes: the search triggers' writes would count too.
        changed = [p for p in params if stored.get(p[0]) != p[1:6]]
        await conn.executemany(
            "INSERT INTO topics (id, name_ko, name_en, description, description_en, aliases,"
            " updated_at) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT (id) DO UPDATE SET name_ko = excluded.name_ko,"
            " name_en = excluded.name_en, description = excluded.description,"
            " description_en = excluded.description_en, aliases = excluded.aliases,"
            " updated_at = excluded.updated_at",
            changed,
        )
        return len(changed)
