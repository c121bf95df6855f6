"""Stand-ins for the cohort domain tests: a Discord that keeps threads in a dict, and the wiring
of the services over a real SQLite file."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field

from bot.app import bootstrap
from bot.cohorts.discussions import DiscussionService, Sleep
from bot.cohorts.port import OpenedThread, ThreadRequest, ThreadStatus
from bot.cohorts.service import CohortService
from bot.cohorts.subjects import LibrarySubjects
from bot.models.cohort_errors import ThreadError
from bot.settings import Settings
from bot.store.cohorts import SqliteDiscussionRepository
from bot.store.database import Database
from tests.helpers_tips import ManualClock


@dataclass(slots=True)
class FakeThread:
    id: int
    channel_id: int
    name: str
    nonce: str
    archived: bool = False
    locked: bool = False
    deleted: bool = False


@dataclass
class FakeDiscord:
    """Implements ThreadPort like the adapter should: one thread per starter nonce, typed errors.

    `fail` raises its error at the next open; `gate`, when set, holds every open until released;
    `crash_after_open` opens the thread and then raises as a dying process would.
    """

    threads: dict[int, FakeThread] = field(default_factory=dict)
    opens: list[ThreadRequest] = field(default_factory=list)
    fail: list[BaseException] = field(default_factory=list)
    gate: asyncio.Event | None = None
    opening: asyncio.Event = field(default_factory=asyncio.Event)  # set at the first open
    crash_after_open: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    def live(self) -> list[FakeThread]:
        return [t for t in self.threads.values() if not t.deleted]

    async def status(self, guild_id: int, thread_id: int) -> ThreadStatus:
        thread = self.threads.get(thread_id)
        if thread is None or thread.deleted:
            return ThreadStatus("missing")
        if thread.locked:
            return ThreadStatus("locked")
        return ThreadStatus("archived" if thread.archived else "active")

    async def unarchive(self, guild_id: int, thread_id: int) -> None:
        self.threads[thread_id].archived = False

    async def find_started(self, request: ThreadRequest) -> OpenedThread | None:
        for thread in self.live():
            if thread.nonce == request.nonce:
                return OpenedThread(thread.id, thread.id)
        return None

    async def open(self, request: ThreadRequest) -> OpenedThread:
        self.opens.append(request)
        self.opening.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail:
            raise self.fail.pop(0)
        thread = FakeThread(next(self._ids), request.channel_id, request.name, request.nonce)
        self.threads[thread.id] = thread
        if self.crash_after_open:
            self.crash_after_open = False
            raise Crash("the process died after Discord opened the thread")
        return OpenedThread(thread.id, thread.id)


class Crash(BaseException):
    """Escapes every `except Exception`, as a killed process would."""


def refused(kind: str) -> ThreadError:
    return ThreadError(kind, f"Discord said {kind}")  # type: ignore[arg-type]


@dataclass
class CohortApp:
    """One bot process's cohort services over a database file, built by the bootstrap."""

    db: Database
    cohorts: CohortService
    discussions: DiscussionService

    @classmethod
    async def build(
        cls, db: Database, clock: ManualClock, *, sleep: Sleep | None = None
    ) -> CohortApp:
        services = await bootstrap(Settings(db_path=db.path), db=db, clock=clock)
        discussions = DiscussionService(
            services.cohorts,
            SqliteDiscussionRepository(db),
            LibrarySubjects(services.entries, services.topics, services.tips, services.tip_store),
            clock=clock,
            sleep=sleep or clock.sleep,
        )
        return cls(db, services.cohorts, discussions)
