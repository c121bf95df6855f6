"""Records of ingestion that the store keeps and the ingest service compares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class StoredFileEntry(NamedTuple):
    """What ingestion needs to know about an entry it wrote before."""

    root: str
    file: str
    content_hash: str
    retired: bool
    position: int


class EntryRow(NamedTuple):
    """An entry ready to write, made of plain values: a big ingestion builds these in its parser
    processes, so they cross the process boundary cheaply and the writer only binds them."""

    id: str
    position: int
    content_hash: str
    params: tuple[object, ...]  # the staged columns but the action, in order


@dataclass(frozen=True, slots=True)
class SeenFile:
    path: str
    size: int
    mtime_ns: int
    file_hash: str
    entry_count: int


class StoredRevision(NamedTuple):
    """One row of an entry's history as written: what happened, by whom, when, and the entry
    as it was then (JSON)."""

    action: str
    actor: str
    snapshot: str
    at: str
