"""The pages of public /advice answers, one row a message (`advice_pages`, migration 0023).

Every read and write names the server: a row answers only in the server that made it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from bot.models.advice import KeptPages
from bot.store.database import Database

_COLUMNS = "id, guild_id, message_id, owner_id, language, topic_id, entry_ids, lookup_id, reached"


class SqliteAdvicePages:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def keep(
        self,
        *,
        guild_id: int,
        owner_id: int,
        language: Literal["ko", "en"],
        topic_id: str | None,
        entry_ids: Sequence[str],
        lookup_id: int | None,
        now: str,
        forget_before: str,
    ) -> int:
        """A new answer's row; its id (for the buttons' custom_id). The server's rows made
        before `forget_before` go (their buttons then say they no longer work)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM advice_pages WHERE guild_id = ? AND created_at < ?",
                (guild_id, forget_before),
            )
            cursor = await conn.execute(
                "INSERT INTO advice_pages (guild_id, owner_id, language, topic_id,"
                " entry_ids, lookup_id, created_at) VALUES (?,?,?,?,?,?,?)",
                (
                    guild_id, owner_id, language, topic_id,
                    json.dumps(list(entry_ids), ensure_ascii=False), lookup_id, now,
                ),
            )  # fmt: skip
            assert cursor.lastrowid is not None
            return int(cursor.lastrowid)

    async def sent(self, pages_id: int, *, guild_id: int, message_id: int) -> None:
        """The message that carries the answer: the only one its buttons work on."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE advice_pages SET message_id = ? WHERE id = ? AND guild_id = ?",
                (message_id, pages_id, guild_id),
            )

    async def get(self, pages_id: int, *, guild_id: int, message_id: int) -> KeptPages | None:
        """The row of `pages_id` if it belongs to that server and that message (or to no message
        yet: a click can arrive before `sent` has written which one carries the answer)."""
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM advice_pages WHERE id = ?1 AND guild_id = ?2"
            " AND coalesce(message_id, ?3) = ?3",
            (pages_id, guild_id, message_id),
        )
        if not rows:
            return None
        r = rows[0]
        return KeptPages(
            id=int(r["id"]),
            guild_id=int(r["guild_id"]),
            message_id=r["message_id"],
            owner_id=int(r["owner_id"]),
            language="en" if r["language"] == "en" else "ko",
            topic_id=r["topic_id"],
            entry_ids=tuple(str(i) for i in json.loads(r["entry_ids"])),
            lookup_id=r["lookup_id"],
            reached=int(r["reached"]),
        )

    async def reach(self, pages_id: int, *, guild_id: int, n: int) -> bool:
        """Note that result `n` was paged to; True the first time a result that far is."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE advice_pages SET reached = ? WHERE id = ? AND guild_id = ? AND reached < ?",
                (n, pages_id, guild_id, n),
            )
            return cursor.rowcount > 0
