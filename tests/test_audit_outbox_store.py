"""The audit outbox's rows on a real SQLite file: kept only for a server with an audit channel,
and each held by one runner at a time and never taken again once settled (two bots on one
database, say during a deploy, each read the due rows before either claims them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.models.audit import AuditRequest
from bot.store import audit_outbox
from bot.store.audit_outbox import SqliteAuditOutbox
from bot.store.content import SqliteContentRepository
from bot.store.database import Database

A, B = 111, 222
NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=2)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "outbox.db")
    yield database
    await database.close()


async def record(db: Database, guild_id: int, entry_id: str) -> None:
    """What a CLI change's transaction adds (bot/store/content.py's write)."""
    async with db.transaction() as conn:
        request = AuditRequest("change", "운영자")
        await audit_outbox.record(conn, guild_id, request, [(entry_id, 1)], now=NOW.isoformat())


async def test_only_a_server_with_an_audit_channel_keeps_rows(db: Database) -> None:
    await SqliteContentRepository(db).set_log_channel(A, 55, now=NOW)
    await record(db, B, "b-entry")  # B has no audit channel, whatever A has
    await record(db, A, "a-entry")
    due = await SqliteAuditOutbox(db).due(now=NOW, limit=10)
    assert [(n.guild_id, n.entry_id) for n in due] == [(A, "a-entry")]


async def test_a_row_is_held_by_one_runner_and_never_taken_again_once_sent(
    db: Database,
) -> None:
    await SqliteContentRepository(db).set_log_channel(A, 55, now=NOW)
    await record(db, A, "a-entry")
    first, second = SqliteAuditOutbox(db), SqliteAuditOutbox(db)
    [seen_by_first] = await first.due(now=NOW, limit=10)
    [seen_by_second] = await second.due(now=NOW, limit=10)  # both read it before a claim

    held = await first.claim(seen_by_first.id, now=NOW, until=NOW + LEASE)
    assert held is not None and held.attempts == 1
    assert await second.claim(seen_by_second.id, now=NOW, until=NOW + LEASE) is None

    await first.settle(held.id, "sent", now=NOW, message_id=9)
    later = NOW + 2 * LEASE
    assert await second.claim(seen_by_second.id, now=later, until=later + LEASE) is None
    assert await second.due(now=later, limit=10) == []
