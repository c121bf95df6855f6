"""The storage the content service needs (SQLite: bot/store/content.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from bot.models import Entry, Topic
from bot.models.audit import AuditRequest
from bot.models.content import Change, ExportScope, HistoryPage, Pending, PendingState, Revision


class ContentRepository(Protocol):
    async def find(self, guild_id: int, entry_id: str) -> Entry | None:
        """The entry as the server sees it, retired or not."""
        ...

    async def find_committed(self, guild_id: int, entry_id: str) -> tuple[Entry, int] | None:
        """The entry and its latest revision, seeing every committed write (a shared read
        connection may be inside another task's read transaction, an older state): what a
        change is based on and reads back."""
        ...

    async def latest_revision(self, guild_id: int, entry_id: str) -> int:
        """The newest revision of the row the server sees (0: none)."""
        ...

    async def history(
        self, guild_id: int, entry_id: str, *, limit: int, offset: int = 0, after: int = 0
    ) -> HistoryPage:
        """Revisions newest first: the server's own and those of the shared entry beneath."""
        ...

    async def revision(self, guild_id: int, entry_id: str, number: int) -> Revision | None: ...

    async def id_in_use(self, entry_id: str) -> bool:
        """Whether any row of any server (or the shared content) has this id."""
        ...

    async def write(
        self,
        guild_id: int,
        changes: Sequence[Change],
        *,
        now: dt.datetime,
        audit: AuditRequest | None = None,
    ) -> list[int]:
        """All changes in one transaction (all or nothing); the new revision numbers.
        `audit`: also keep, in that transaction, what the bot is to post to the server's audit
        channel (when it has one).

        Raises EntryNotFound, StaleRevision (a change's `expected` is not the latest revision)
        or IdTaken (a new entry's id is in use)."""
        ...

    async def entries(self, guild_id: int, scope: ExportScope) -> list[Entry]:
        """Live entries: the server's own ("own") or everything it sees ("all")."""
        ...

    async def suggest(
        self, guild_id: int, text: str, *, retired: bool | None, limit: int
    ) -> list[Entry]:
        """Entries the server sees whose id or title contains `text` (any case), most recently
        changed first; `retired` None: live and retired alike."""
        ...

    async def topics(self) -> list[Topic]: ...

    async def editor_role(self, guild_id: int) -> int | None: ...

    async def set_editor_role(
        self, guild_id: int, role_id: int | None, *, now: dt.datetime
    ) -> None: ...

    async def log_channel(self, guild_id: int) -> int | None: ...

    async def set_log_channel(
        self, guild_id: int, channel_id: int | None, *, now: dt.datetime
    ) -> None: ...

    async def review(self, guild_id: int) -> bool: ...

    async def set_review(self, guild_id: int, on: bool, *, now: dt.datetime) -> None: ...

    async def add_pending(self, pending: Pending) -> int:
        """Keep a change for review; its number."""
        ...

    async def pending(
        self, guild_id: int, pending_id: int | None = None, *, limit: int = 25
    ) -> list[Pending]:
        """The server's changes waiting for review, oldest first (or the one numbered)."""
        ...

    async def decide(
        self,
        guild_id: int,
        pending_id: int,
        state: PendingState,
        *,
        by: str,
        now: dt.datetime,
        changes: Sequence[Change] = (),
        reason: str | None = None,
    ) -> list[int]:
        """Decide a pending change and write `changes` in the same transaction; raises
        PendingNotFound (decided already), or what `write` raises (nothing then decided)."""
        ...
