"""Shared helpers for the store, ingest and CLI tests (imported explicitly, not a conftest)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import textwrap
from pathlib import Path

import pytest

from bot.clock import Clock
from bot.search import TopicMatcher
from bot.services.ingest import IngestService
from bot.store.database import Database
from bot.store.ingest_state import SqliteIngestStore

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

# The five real posts, by the prefix of their file names.
REVIEW_POST = "000_"  # Upstage Ai-Lab 3기 끝맺음 (Jekyll, <img {{site.url}}>)
DAY27_POST = "001_"  # 부스트캠프 Day27 마스터클래스 (misspelt `data:`)
CSO_TALK_POST = "002_"  # 박은정 CSO 취업 특강 (HTML + Kramdown `: :`)
LEE_POST = "003_"  # 이활석 CTO 마스터클래스 (no frontmatter)
INFO_SESSION_POST = "004_"  # 24.02.07 설명회 (scraped page, `•` bullets)

# Tables whose content is the database's state (FTS shadow tables follow `entries` by trigger).
STATE_TABLES = (
    "topics",
    "entries",
    "entry_topics",
    "entry_revisions",
    "source_files",
    "ingest_runs",
    "bot_state",
)


NO_CORPUS = "../shared/corpus (the five real posts) is not beside the repo"


def corpus_dir() -> Path:
    """The shared corpus folder. Without it the test skips, loudly (see conftest's summary), or
    fails where SUNBAE_REQUIRE_CORPUS is set (CI has the corpus: a skip there hides a broken path)."""
    if not CORPUS.is_dir() or not any(CORPUS.iterdir()):
        if os.environ.get("SUNBAE_REQUIRE_CORPUS"):
            pytest.fail(f"{NO_CORPUS} ({CORPUS}) and SUNBAE_REQUIRE_CORPUS is set")
        pytest.skip(f"{NO_CORPUS} ({CORPUS})")
    return CORPUS


def copy_corpus(dest: Path) -> Path:
    """A writable copy of the shared corpus (tests edit and delete files in it)."""
    source = corpus_dir()
    dest.mkdir(parents=True, exist_ok=True)
    for file in sorted(source.iterdir()):
        if file.is_file():
            (dest / file.name).write_bytes(file.read_bytes())
    return dest


def corpus_file(folder: Path, prefix: str) -> Path:
    matches = sorted(folder.glob(f"{prefix}*"))
    assert len(matches) == 1, f"expected one corpus file starting with {prefix!r} in {folder}"
    return matches[0]


class StepClock:
    """A clock that moves one minute forward each time it is read."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


async def open_db(path: Path) -> Database:
    return await Database.open(path)


def ingest_service(
    db: Database, *, clock: Clock | None = None, infer: bool = False
) -> IngestService:
    """Ingestion on `db`; `infer` tags raw posts' entries from the taxonomy, as the bot does."""
    return IngestService(
        SqliteIngestStore(db),
        topic_inferer=TopicMatcher if infer else None,
        clock=clock or StepClock(),
    )


def write(path: Path, text: str, *, dedent: bool = True) -> Path:
    """Write UTF-8 text and move the mtime forward so a same-size edit is still seen."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    old = path.stat().st_mtime_ns if existed else 0
    path.write_text(textwrap.dedent(text).lstrip("\n") if dedent else text, encoding="utf-8")
    if existed:
        touch_later(path, old)
    return path


def touch_later(path: Path, than_ns: int | None = None) -> None:
    base = path.stat().st_mtime_ns if than_ns is None else than_ns
    later = max(base, path.stat().st_mtime_ns) + 2_000_000_000
    os.utime(path, ns=(later, later))


def curated(entry_id: str, title: str, body: str = "", **fields: str) -> str:
    """A curated entry file: frontmatter with an `id`, then the body."""
    lines = ["---", f"id: {entry_id}", f"title: {title}"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    lines += ["---", "", body or f"{title}에 대한 선배의 조언입니다. 꾸준히 하세요.", ""]
    return "\n".join(lines)


def post(title: str, sections: dict[str, str], **fields: str) -> str:
    """A Jekyll-style post with one `##` section per item."""
    lines = ["---", f'title: "{title}"']
    lines += [f"{key}: {value}" for key, value in fields.items()]
    lines += ["---", ""]
    for heading, text in sections.items():
        lines += [f"## {heading}", "", text, ""]
    return "\n".join(lines)


def table_state(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the state tables, read with plain sqlite3 (no pending aiosqlite state)."""
    conn = sqlite3.connect(db_path)
    try:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in STATE_TABLES
        }
    finally:
        conn.close()


def rows(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def live_titles(db_path: Path, file_prefix: str = "") -> list[str]:
    return [
        r[0]
        for r in rows(
            db_path,
            "SELECT title FROM entries WHERE retired = 0 AND instr(coalesce(source_file, ''), ?)"
            " ORDER BY source_file, position",
            (file_prefix,),
        )
    ]
