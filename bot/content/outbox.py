"""The audit outbox: content changes made away from Discord (the CLI, run beside a bot that may
be on another machine) reach the server's audit channel through the running bot.

The change's own transaction keeps a row (bot/store/audit_outbox.py); the bot's loop claims
each row with a lease, posts it and marks it sent. A bot that died between the post and the
mark left the row claimed: once the lease runs out, the next claim looks for the post in the
channel (its nonce is in it) before posting, so each change is posted once across restarts.
A row whose server has no audit channel any more, or that Discord refused `max_attempts` times,
is dropped (logged).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Protocol

from bot.clock import Clock, utcnow
from bot.content.service import ContentService
from bot.models.audit import AuditNote, AuditState
from bot.models.content import Revision
from bot.rounds import Rounds

log = logging.getLogger(__name__)


class AuditOutboxRepository(Protocol):
    async def due(self, *, now: dt.datetime, limit: int) -> list[AuditNote]: ...

    async def claim(
        self, note_id: int, *, now: dt.datetime, until: dt.datetime
    ) -> AuditNote | None: ...

    async def settle(
        self, note_id: int, state: AuditState, *, now: dt.datetime, message_id: int | None = None
    ) -> None: ...


class AuditPoster(Protocol):
    """The Discord side: post a note (with its nonce in it) in a channel, or find that post.
    `revision` is the change's revision for a "change" note (None for an import)."""

    async def find(self, note: AuditNote, channel_id: int) -> int | None: ...

    async def post(self, note: AuditNote, channel_id: int, revision: Revision | None) -> int: ...


class AuditOutbox:
    def __init__(
        self,
        store: AuditOutboxRepository,
        content: ContentService,
        *,
        clock: Clock = utcnow,
        lease: dt.timedelta = dt.timedelta(minutes=2),
        every: float = 10.0,
        batch: int = 50,
        max_attempts: int = 5,
    ) -> None:
        self._store = store
        self._content = content
        self._clock = clock
        self._lease = lease
        self._batch = batch
        self._max_attempts = max_attempts
        self._rounds = Rounds("audit outbox", every)

    async def run(self, stop: asyncio.Event, poster: AuditPoster) -> None:
        """Post what waits now (changes made while the bot was down), then every `every`
        seconds, until `stop` is set."""
        await self._rounds.run(stop, lambda: self.tick(poster))

    async def idle(self) -> None:
        await self._rounds.idle()

    async def tick(self, poster: AuditPoster) -> list[int]:
        """Post every note due now; the ids of those posted."""
        async with self._rounds.turn:
            posted = []
            for note in await self._store.due(now=self._clock(), limit=self._batch):
                try:
                    if await self._handle(poster, note):
                        posted.append(note.id)
                except Exception:  # one server's trouble must not stop the others
                    log.exception("audit post %s of server %s failed", note.id, note.guild_id)
            return posted

    async def _handle(self, poster: AuditPoster, due: AuditNote) -> bool:
        now = self._clock()
        note = await self._store.claim(due.id, now=now, until=now + self._lease)
        if note is None:  # another run took it
            return False
        channel_id = await self._content.log_channel(note.guild_id)
        if channel_id is None:
            log.info(
                "audit post %s dropped: server %s has no audit channel", note.id, note.guild_id
            )
            await self._store.settle(note.id, "dropped", now=self._clock())
            return False
        revision = None
        if note.kind == "change" and note.entry_id is not None and note.revision is not None:
            revision = await self._content.revision(note.guild_id, note.entry_id, note.revision)
        try:
            message_id = await poster.find(note, channel_id) if note.attempts > 1 else None
            if message_id is None:
                message_id = await poster.post(note, channel_id, revision)
        except Exception:
            if note.attempts >= self._max_attempts:
                log.warning("audit post %s dropped after %d attempts", note.id, note.attempts)
                await self._store.settle(note.id, "dropped", now=self._clock())
            else:  # tried again once the lease runs out
                log.warning("audit post %s not posted", note.id, exc_info=True)
            return False
        await self._store.settle(note.id, "sent", now=self._clock(), message_id=message_id)
        return True
