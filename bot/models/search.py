"""Records of search that the store produces and the search domain consumes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry as the index holds it, with its BM25 relevance (higher is better; 0: no match)."""

    entry_id: str
    title: str
    keys: str
    body: str
    bm25: float
    topics: tuple[str, ...] = ()
    section: str | None = None  # the raw post section this curated entry was written from


@dataclass(frozen=True, slots=True)
class TitleRow:
    doc: int  # the entry's document number in the index
    entry_id: str
    title: str
    title_en: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """An entry written since a reader last looked: what the index had, and has now."""

    entry_id: str
    old: str | None  # its indexed text (title, keys, body) before; None: it was not indexed
    now: TitleRow | None  # None: not indexed now (retired or deleted)
    text: str | None  # its indexed text now
