"""Records of the content history: who changed an entry, how, and the entry as it was."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from bot.models import Entry, EntryDraft, Kind, Source


class Action(StrEnum):
    ADD = "add"
    EDIT = "edit"
    FILE_UPDATE = "file_update"  # ingestion wrote a new version of the file's entry
    RETIRE = "retire"
    RESTORE = "restore"
    REVERT = "revert"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a Discord user id (or 'cli') and the name shown in history."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class EntryInput:
    """What a moderator writes (the modal's fields, or an imported file's), before validation."""

    title: str
    body: str
    tip: str = ""
    topics: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: str = "insight"
    title_en: str = ""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An entry as one revision left it: what history shows, diffs and restores."""

    id: str
    title: str
    body: str
    title_en: str = ""
    summary: str = ""
    tip: str | None = None
    kind: Kind = Kind.INSIGHT
    language: str = "ko"
    topics: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: Source = field(default_factory=Source)
    retired: bool = False

    @classmethod
    def from_json(cls, text: str) -> Snapshot | None:
        """None for a snapshot without content (retirements recorded before schema 6)."""
        data: Mapping[str, Any] = json.loads(text)
        if "title" not in data:
            return None
        src = data.get("source") or {}
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            body=str(data.get("body", "")),
            title_en=str(data.get("title_en") or ""),
            summary=str(data.get("summary") or ""),
            tip=data.get("tip"),
            kind=Kind(data.get("kind") or "insight"),
            language=str(data.get("language") or "ko"),
            topics=tuple(data.get("topics") or ()),
            aliases=tuple(data.get("aliases") or ()),
            tags=tuple(data.get("tags") or ()),
            source=Source(**{k: src.get(k) for k in Source.__slots__}),
            retired=bool(data.get("retired", False)),
        )

    @classmethod
    def of(cls, entry: Entry) -> Snapshot:
        return cls(
            id=entry.id, title=entry.title, body=entry.body, title_en=entry.title_en,
            summary=entry.summary, tip=entry.tip, kind=entry.kind, language=entry.language,
            topics=entry.topics, aliases=entry.aliases, tags=entry.tags, source=entry.source,
            retired=entry.retired,
        )  # fmt: skip

    def draft(self) -> EntryDraft:
        return EntryDraft(
            id=self.id, title=self.title, body=self.body, title_en=self.title_en,
            summary=self.summary, tip=self.tip, kind=self.kind, language=self.language,
            topics=self.topics, aliases=self.aliases, tags=self.tags, source=self.source,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Revision:
    """One change to an entry as a server sees it (its own rows and the shared one's)."""

    number: int  # unique across the database, increasing: the optimistic-concurrency token
    entry_id: str
    guild_id: int | None  # None: a change to the shared entry (from its file)
    action: Action
    actor: str
    actor_name: str
    at: str  # ISO 8601, UTC
    reason: str | None
    snapshot: Snapshot | None
    previous: Snapshot | None  # the entry before this change (None for the first)

    def as_dict(self) -> dict[str, object]:
        return {
            "revision": self.number,
            "entry_id": self.entry_id,
            "guild_id": self.guild_id,
            "action": str(self.action),
            "actor": self.actor,
            "actor_name": self.actor_name,
            "at": self.at,
            "reason": self.reason,
            "title": self.snapshot.title if self.snapshot else None,
            "retired": self.snapshot.retired if self.snapshot else None,
        }


@dataclass(frozen=True, slots=True)
class HistoryPage:
    revisions: tuple[Revision, ...]  # newest first
    total: int
    offset: int


@dataclass(frozen=True, slots=True)
class Change:
    """One write for the repository: the entry as it will be, and the revision to record."""

    draft: EntryDraft
    content_hash: str
    action: Action
    actor: Actor
    retired: bool = False
    reason: str | None = None
    expected: int | None = None  # the revision the change was based on (None: do not check)
    new: bool = False  # a new entry of the server (its id must be free)


# What `export` writes: the server's own entries, or its view of everything.
ExportScope = Literal["own", "all"]


PendingState = Literal["pending", "approved", "rejected"]


@dataclass(frozen=True, slots=True)
class Pending:
    """An add or edit waiting for a moderator (review mode): never seen by campers."""

    id: int
    guild_id: int
    entry_id: str | None  # None: a new entry
    based_on: int
    given: EntryInput
    actor: Actor
    state: PendingState
    created_at: str
    decided_by: str | None = None
    decided_reason: str | None = None  # why it was rejected, when the moderator said
    # The author's language when they proposed it: what a DM to them is written in (None: not
    # known, a row older than schema v25: the server's language).
    author_language: Literal["ko", "en"] | None = None

    def input_json(self) -> str:
        return json.dumps(
            {
                "title": self.given.title, "body": self.given.body, "tip": self.given.tip,
                "topics": list(self.given.topics), "aliases": list(self.given.aliases),
                "kind": self.given.kind, "title_en": self.given.title_en,
            },
            ensure_ascii=False,
        )  # fmt: skip

    @staticmethod
    def input_from_json(text: str) -> EntryInput:
        data: Mapping[str, Any] = json.loads(text)
        return EntryInput(
            title=str(data.get("title", "")), body=str(data.get("body", "")),
            tip=str(data.get("tip") or ""), topics=tuple(data.get("topics") or ()),
            aliases=tuple(data.get("aliases") or ()), kind=str(data.get("kind") or "insight"),
            title_en=str(data.get("title_en") or ""),
        )  # fmt: skip
