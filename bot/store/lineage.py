"""Which raw post section each curated entry was written from (`entry_sources`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import aiosqlite

from bot.store.database import Database


class LineageRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    @staticmethod
    async def texts_to_link(
        conn: aiosqlite.Connection, section_glob: str
    ) -> list[tuple[str, str, str, str]]:
        """(id, post, title, body) of the live shared entries of every post that has both raw
        sections (ids matching `section_glob`) and curated entries: nothing for a corpus of
        posts alone, however big."""
        rows = await (
            await conn.execute(
                "WITH posts AS (SELECT source_post AS post FROM entries"
                "  WHERE retired = 0 AND guild_id IS NULL AND source_post IS NOT NULL"
                "  GROUP BY source_post"
                "  HAVING max(id GLOB ?1) = 1 AND min(id GLOB ?1) = 0)"
                " SELECT e.id, e.source_post, e.title, e.body FROM entries e"
                " JOIN posts p ON p.post = e.source_post"
                " WHERE e.retired = 0 AND e.guild_id IS NULL",
                (section_glob,),
            )
        ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]

    @staticmethod
    async def replace(conn: aiosqlite.Connection, links: Iterable[tuple[str, str, float]]) -> None:
        """The links (entry id, section id, score), in place of all the old ones."""
        await conn.execute("DELETE FROM entry_sources")
        await conn.executemany(
            "INSERT INTO entry_sources (entry_id, section_id, score) VALUES (?, ?, ?)", links
        )

    @staticmethod
    async def empty(conn: aiosqlite.Connection) -> bool:
        row = await (await conn.execute("SELECT 1 FROM entry_sources LIMIT 1")).fetchone()
        return row is None

    async def among(self, ids: Sequence[str]) -> dict[str, str]:
        """curated entry id -> section id, for the links with either end among `ids`."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self._db.reader.execute_fetchall(
            "SELECT entry_id, section_id FROM entry_sources"
            f" WHERE entry_id IN ({marks}) OR section_id IN ({marks})",
            (*ids, *ids),
        )
        return {str(r[0]): str(r[1]) for r in rows}
