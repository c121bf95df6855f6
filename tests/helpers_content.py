"""A small content folder (taxonomy + curated files) and a content service on a real database,
for the content tests (imported explicitly, not a conftest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.content import Actor, ContentService
from bot.services.ingest import IngestService
from bot.store.content import SqliteContentRepository
from bot.store.database import Database
from bot.store.ingest_state import SqliteIngestStore

GUILD_A = 1001
GUILD_B = 2002
MOD_A = Actor("501", "운영진 A")
MOD_A2 = Actor("502", "멘토 A")
MOD_B = Actor("601", "Mod B")

TAXONOMY = """\
topics:
  - id: portfolio
    ko: 포트폴리오
    en: Portfolio
    aliases: [포폴]
  - id: grad-school
    ko: 대학원
    en: Grad school
    aliases: [석사]
"""


def curated(
    entry_id: str, title: str, body: str, *, tip: str = "", topics: str = "portfolio"
) -> str:
    tip_line = f"tip: {tip}\n" if tip else ""
    return (
        f"---\nid: {entry_id}\ntitle: {title}\nkind: tip\n{tip_line}topics: [{topics}]\n---\n\n"
        f"{body}\n"
    )


def write_content(root: Path) -> Path:
    folder = root / "content"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "topics.yaml").write_text(TAXONOMY, encoding="utf-8")
    (folder / "portfolio.md").write_text(
        curated("portfolio-depth", "포트폴리오는 적고 깊게", "프로젝트 하나를 끝까지 파고드세요.",
                tip="하나를 깊게!"),
        encoding="utf-8",
    )  # fmt: skip
    (folder / "grad.md").write_text(
        curated("grad-needed", "석사가 꼭 필요할까?", "연구직이 아니라면 대부분 필요 없습니다.",
                topics="grad-school"),
        encoding="utf-8",
    )  # fmt: skip
    return folder


class Clock:
    """A clock the test moves (one second per reading keeps revisions in order)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


async def ingest(db: Database, folder: Path) -> None:
    report = await IngestService(SqliteIngestStore(db), workers=0).ingest([folder])
    assert not report.errors, report.errors


def content_service(db: Database) -> ContentService:
    return ContentService(SqliteContentRepository(db), clock=Clock())
