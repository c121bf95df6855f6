"""Plain domain records shared by the store, the services and the adapters (no Discord here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    QA = "qa"
    TIP = "tip"
    INSIGHT = "insight"


class Origin(StrEnum):
    FILE = "file"
    MODERATOR = "moderator"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a piece of advice comes from: enough to say whose advice it is."""

    file: str | None = None
    post: str | None = None
    event: str | None = None
    speaker: str | None = None
    cohort: str | None = None
    date: str | None = None
    url: str | None = None

    def attribution(self) -> str:
        """One line: speaker · event · date, falling back to the post title or the file."""
        parts = [p for p in (self.speaker, self.event or self.post, self.date) if p]
        if not parts and self.file:
            parts.append(self.file)
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name_ko: str
    name_en: str
    description: str = ""
    description_en: str = ""
    aliases: tuple[str, ...] = ()

    def name(self, language: str = "ko") -> str:
        return self.name_en if language == "en" else self.name_ko


@dataclass(frozen=True, slots=True)
class EntryDraft:
    """An entry as parsed from a file or written by a moderator, before it is stored."""

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
    position: int = 0


@dataclass(frozen=True, slots=True)
class Entry:
    """A stored entry."""

    id: str
    title: str
    body: str
    title_en: str
    summary: str
    tip: str | None
    kind: Kind
    language: str
    topics: tuple[str, ...]
    aliases: tuple[str, ...]
    tags: tuple[str, ...]
    source: Source
    origin: Origin
    retired: bool
    created_at: str
    updated_at: str
    guild_id: int | None = None  # None: shared (from files); else the server it belongs to
    key: str = ""  # the store's row key: the id, or '<id>@<guild>' for a server's version

    @property
    def shared(self) -> bool:
        return self.guild_id is None


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file that cannot be read, and why: `reason` in English (files, logs, the CLI); `code`
    with its `values` name the rule broken (and `field` the frontmatter field), for the reason
    in a moderator's language (`content.reason.<code>`)."""

    file: str
    reason: str
    code: str | None = None
    field: str | None = None
    values: tuple[tuple[str, object], ...] = ()

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "reason": self.reason}


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    skipped_files: int = 0  # unchanged files not even read (same size and mtime)
    topics: int = 0
    errors: list[FileProblem] = field(default_factory=list)
    run_id: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "retired": self.retired,
            "topics": self.topics,
            "errors": [e.as_dict() for e in self.errors],
            "run_id": self.run_id,
        }
