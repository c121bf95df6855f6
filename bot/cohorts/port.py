"""What the discussion service asks of Discord; the cohort cog implements it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.models import Topic
from bot.models.cohort_errors import ThreadError
from bot.models.cohorts import ChannelKind

__all__ = ["OpenedThread", "Starter", "ThreadError", "ThreadPort", "ThreadRequest", "ThreadStatus"]

ThreadCondition = Literal["active", "archived", "locked", "missing"]


@dataclass(frozen=True, slots=True)
class Starter:
    """What the starter message shows: the advice (or the day's tip) and where it comes from."""

    kind: Literal["entry", "tip"]
    entry_id: str
    title: str
    body: str
    source: str
    url: str | None = None
    day: dt.date | None = None  # the tip's date
    topics: tuple[Topic, ...] = ()
    title_en: str = ""  # the entry's English title, shown in an English-speaking server

    def shown_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title


@dataclass(frozen=True, slots=True)
class ThreadRequest:
    guild_id: int
    channel_id: int
    channel_kind: ChannelKind
    name: str
    auto_archive_minutes: int
    nonce: str
    cohort_name: str
    starter: Starter
    # From the English title, for a server whose language is English: a thread's name is read
    # by everyone in the channel, so the server's language picks it (as it does the starter's).
    name_en: str = ""

    def name_for(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


@dataclass(frozen=True, slots=True)
class OpenedThread:
    thread_id: int
    starter_message_id: int | None


@dataclass(frozen=True, slots=True)
class ThreadStatus:
    condition: ThreadCondition
    locked_by: int | None = None  # when Discord says who (the audit log), else None


class ThreadPort(Protocol):
    async def status(self, guild_id: int, thread_id: int) -> ThreadStatus:
        """Where the thread stands now; `missing` for a 404. Raise ThreadError otherwise."""
        ...

    async def unarchive(self, guild_id: int, thread_id: int) -> None: ...

    async def find_started(self, request: ThreadRequest) -> OpenedThread | None:
        """A thread an earlier attempt with the same nonce opened (a crash between the Discord
        call and the record), if there is one."""
        ...

    async def open(self, request: ThreadRequest) -> OpenedThread:
        """Post the starter and open the thread on it (a text channel) or the forum post (a
        forum, tags matched to the starter's topics). Raise ThreadError."""
        ...
