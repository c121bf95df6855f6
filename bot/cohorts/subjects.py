"""Where a discussion's content comes from: entries (with their topics) and daily tips."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Protocol

from bot.cohorts.discussions import TipThread
from bot.cohorts.port import Starter
from bot.corpus.references import with_named_references
from bot.models import Entry, Topic
from bot.models.cohorts import Subject
from bot.models.tips import DailyTip, PostRecord
from bot.tips.errors import NoTipsError


class EntrySource(Protocol):
    async def get(self, entry_id: str, *, guild_id: int | None = None) -> Entry | None:
        """The entry as server `guild_id` sees it (its own entries included)."""
        ...

    async def get_many(self, ids: Sequence[str], *, guild_id: int | None = None) -> list[Entry]:
        """The live entries among `ids`, as server `guild_id` sees them."""
        ...


class TopicSource(Protocol):
    async def all(self) -> list[Topic]: ...


class TipSource(Protocol):
    async def tip_for(self, guild_id: int, day: dt.date) -> DailyTip: ...


class TipPosts(Protocol):
    async def post(self, guild_id: int, day: dt.date) -> PostRecord | None: ...


def _topics(ids: Sequence[str], topics: Sequence[Topic]) -> tuple[Topic, ...]:
    by_id = {t.id: t for t in topics}
    return tuple(by_id[i] for i in ids if i in by_id)


class LibrarySubjects:
    """Implements discussions.Subjects over the entry, topic and tip stores."""

    def __init__(
        self, entries: EntrySource, topics: TopicSource, tips: TipSource, posts: TipPosts
    ) -> None:
        self._entries = entries
        self._topics = topics
        self._tips = tips
        self._posts = posts

    async def starter(self, guild_id: int, subject: Subject) -> Starter | None:
        day = subject.day
        if day is None:
            entry = await self._entries.get(subject.key, guild_id=guild_id)
            if entry is None:
                return None
            # Ids cited in the body ("… (ask-many-people 참고)") read as titles, as in /advice.
            fetch = functools.partial(self._entries.get_many, guild_id=guild_id)
            (entry,) = await with_named_references([entry], fetch)
            return Starter(
                kind="entry",
                entry_id=entry.id,
                title=entry.title,
                body=entry.body,
                source=entry.source.attribution(),
                url=entry.source.url,
                topics=_topics(entry.topics, await self._topics.all()),
                title_en=entry.title_en,
            )
        try:
            tip = await self._tips.tip_for(guild_id, day)
        except NoTipsError:
            return None
        entry = await self._entries.get(tip.entry_id, guild_id=guild_id)
        return Starter(
            kind="tip",
            entry_id=tip.entry_id,
            title=tip.title,
            body=tip.tip,
            source=tip.source,
            url=tip.url,
            day=day,
            topics=_topics(entry.topics, await self._topics.all()) if entry else (),
            title_en=tip.title_en,
        )

    async def tip_thread(self, guild_id: int, day: dt.date) -> TipThread | None:
        post = await self._posts.post(guild_id, day)
        if post is None or post.status != "sent" or post.channel_id is None:
            return None
        if post.message_id is None or post.thread_id is None:
            return None
        return TipThread(post.channel_id, post.message_id, post.thread_id)
