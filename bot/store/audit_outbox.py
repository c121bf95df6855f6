"""SQLite side of the audit outbox (bot/content/outbox.py): rows written in a content change's
transaction, claimed with a lease by the bot that posts them, settled once posted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import aiosqlite

from bot.clock import iso
from bot.models.audit import AuditNote, AuditRequest, AuditState
from bot.store.database import Database

_COLUMNS = (
    "id, guild_id, kind, entry_id, revision, file_name, added, updated, actor_name, attempts,"
    " created_at"
)


def _note(row: aiosqlite.Row) -> AuditNote:
    return AuditNote(
        id=int(row["id"]), guild_id=int(row["guild_id"]), kind=row["kind"],
        entry_id=row["entry_id"], revision=row["revision"], file_name=row["file_name"],
        added=int(row["added"]), updated=int(row["updated"]), actor_name=row["actor_name"],
        attempts=int(row["attempts"]), created_at=row["created_at"],
    )  # fmt: skip


async def record(
    conn: aiosqlite.Connection,
    guild_id: int,
    request: AuditRequest,
    written: Sequence[tuple[str, int]],
    *,
    now: str,
) -> None:
    """Inside a content write: the rows its posts need, when the server has an audit channel
    (none: nothing to post, nothing kept). `written`: (entry id, revision) of each change."""
    row = await (
        await conn.execute(
            "SELECT 1 FROM content_settings WHERE guild_id = ? AND log_channel_id IS NOT NULL",
            (guild_id,),
        )
    ).fetchone()
    if row is None:
        return
    insert = (
        "INSERT INTO content_audit_outbox (guild_id, kind, entry_id, revision, file_name, added,"
        " updated, actor_name, created_at) VALUES (?,?,?,?,?,?,?,?,?)"
    )
    if request.kind == "import":
        await conn.execute(
            insert,
            (
                guild_id, "import", None, None, request.file_name, request.added,
                request.updated, request.actor_name, now,
            ),
        )  # fmt: skip
        return
    await conn.executemany(
        insert,
        [
            (guild_id, "change", entry_id, number, None, 0, 0, request.actor_name, now)
            for entry_id, number in written
        ],
    )


class SqliteAuditOutbox:
    """Implements bot.content.outbox.AuditOutboxRepository."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def due(self, *, now: dt.datetime, limit: int) -> list[AuditNote]:
        """Pending rows nobody holds (never claimed, or their lease ran out), oldest first."""
        rows = await (
            await self._db.reader.execute(
                f"SELECT {_COLUMNS} FROM content_audit_outbox WHERE status = 'pending'"
                " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?",
                (iso(now), limit),
            )
        ).fetchall()
        return [_note(r) for r in rows]

    async def claim(
        self, note_id: int, *, now: dt.datetime, until: dt.datetime
    ) -> AuditNote | None:
        """Hold the row until `until` (None: another run holds it or it is done)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE content_audit_outbox SET attempts = attempts + 1, lease_until = ?"
                " WHERE id = ? AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?)",
                (iso(until), note_id, iso(now)),
            )
            if cursor.rowcount != 1:
                return None
            row = await (
                await conn.execute(
                    f"SELECT {_COLUMNS} FROM content_audit_outbox WHERE id = ?", (note_id,)
                )
            ).fetchone()
            return _note(row) if row else None

    async def settle(
        self, note_id: int, state: AuditState, *, now: dt.datetime, message_id: int | None = None
    ) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE content_audit_outbox SET status = ?, message_id = ?, done_at = ?,"
                " lease_until = NULL WHERE id = ?",
                (state, message_id, iso(now), note_id),
            )
