"""Small key/value pieces of bot state (e.g. the hash of the last synced command tree)."""

from __future__ import annotations

from bot.store.database import Database


class StateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str) -> str | None:
        row = await (
            await self._db.reader.execute("SELECT value FROM bot_state WHERE key = ?", (key,))
        ).fetchone()
        return None if row is None else str(row[0])

    async def set(self, key: str, value: str, *, now: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO bot_state (key, value, updated_at) VALUES (?,?,?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at",
                (key, value, now),
            )
