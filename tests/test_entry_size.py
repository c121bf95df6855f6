"""Issue 11 defect 4: one huge entry froze the bot (108 s in `paginate` on a 50 MB section).

Entries have a size limit at ingest (reported, the file's previous entries kept), and
pagination is linear: bench/linear.py measures how its time grows (tests hold no timed
assertions); here the pages are cut where they always were.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.adapter import limits
from bot.adapter.render import entry_pages
from bot.corpus.documents import BODY_LIMIT
from bot.i18n import Language
from bot.models import Entry, Kind, Origin, Source, Topic
from bot.services.ingest import IngestService
from bot.store.ingest_state import SqliteIngestStore
from cogs.topics.embeds import topic_page_embed
from tests.helpers_ingest import StepClock, curated, live_titles, open_db, post, write


def old_paginate(text: str, limit: int = limits.BODY_PAGE) -> list[str]:
    """The quadratic version it replaced (copies the rest per page): the reference output."""
    text = text.strip()
    if len(text) <= limit:
        return [text]
    pages: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), 0)
        if cut < limit // 2:
            cut = window.rfind("\n")
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        pages.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest:
        pages.append(rest)
    return pages


def test_pages_are_cut_where_they_always_were() -> None:
    rng = random.Random(11)
    pieces = ["가나다", "word", " ", "\n", "\n\n", "  \n ", "x" * 50, "라" * 700]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 400)))
        limit = rng.choice([20, 100, 3500])
        assert limits.paginate(text, limit) == old_paginate(text, limit)


def test_an_entry_at_the_limit_renders_within_discords_limits() -> None:
    body = ("선배의 조언 " * 4000)[:BODY_LIMIT]
    entry = Entry(
        id="big", title="긴 글", body=body, title_en="", summary="", tip=None, kind=Kind.INSIGHT,
        language="ko", topics=(), aliases=(), tags=(), source=Source(file="big.md"),
        origin=Origin.FILE, retired=False, created_at="", updated_at="",
    )  # fmt: skip
    pages = entry_pages(entry, "ko", topics={})
    assert 1 < len(pages) <= BODY_LIMIT // 3000
    assert all(len(page.description or "") <= limits.EMBED_DESCRIPTION for page in pages)


async def test_a_section_over_the_limit_is_reported_and_the_files_entries_kept(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    write(content / "ok.md", curated("ok", "좋은 조언"))
    write(content / "talk.md", post("특강", {"처음 질문": "짧은 답이에요. 꾸준히 하세요."}))
    db = await open_db(tmp_path / "a.db")
    try:
        service = IngestService(SqliteIngestStore(db), clock=StepClock())
        await service.ingest([content])
        huge = "말 " * (BODY_LIMIT // 2 + 10)
        write(content / "talk.md", post("특강", {"처음 질문": "짧은 답", "긴 질문": huge}))
        write(content / "big.md", curated("big", "큰 조언", huge))
        report = await service.ingest([content])
    finally:
        await db.close()
    reasons = {p.file: p.reason for p in report.errors}
    assert set(reasons) == {"content/talk.md", "content/big.md"}
    assert "'긴 질문'" in reasons["content/talk.md"]
    assert f"at most {BODY_LIMIT:,}" in reasons["content/talk.md"]
    assert f"at most {BODY_LIMIT:,}" in reasons["content/big.md"]
    # The post's previous entry stays; the oversized ones never arrive.
    assert sorted(live_titles(tmp_path / "a.db")) == sorted(["좋은 조언", "처음 질문"])


def _entry(body: str, **changes: Any) -> Entry:
    entry = Entry(
        id="big", title="긴 글", body=body, title_en="", summary="", tip=None, kind=Kind.INSIGHT,
        language="ko", topics=(), aliases=(), tags=(), source=Source(file="big.md"),
        origin=Origin.FILE, retired=False, created_at="", updated_at="",
    )  # fmt: skip
    return replace(entry, **changes)


def test_a_long_entry_shows_all_its_text_once_and_its_tip_on_the_first_page() -> None:
    words = [f"조언{n}" for n in range(3000)]
    entry = _entry(" ".join(words), tip="하나를 깊게!")
    pages = entry_pages(entry, "ko", topics={})
    assert len(pages) > 1
    shown = " ".join(page.description or "" for page in pages).split()
    assert shown == words  # nothing cut off a page, nothing shown twice
    tips = [[f.name for f in page.fields if f.value == "하나를 깊게!"] for page in pages]
    assert tips[0] and not any(tips[1:])


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_page_with_every_field_full_stays_within_the_embed_total_and_loses_no_text(
    language: Language,
) -> None:
    """Many topics and a long source beside a full page of body and a tip: each page fits
    Discord's 6,000 characters (an embed over it is refused, the reader would get nothing).
    The body used to give way on such a page: `fit` cut its end, and those words were on no
    page at all. Now each page holds what its fields leave room for; the rest moves on."""
    topics = tuple(f"topic-{n:02d}-with-a-long-name" for n in range(60))
    source = Source(
        file="big.md", post="긴 글의 제목 " * 80, url="https://example.com/" + "a" * 500
    )
    words = [f"조언{n}" for n in range(2000)]
    entry = _entry(
        " ".join(words), title="제목" * 200, title_en="Title " * 60, summary="Go deep. " * 40,
        tip="팁" * 1100, topics=topics, source=source,
    )  # fmt: skip
    pages = entry_pages(entry, language, topics={}, position=(10, 10))
    assert len(pages) > 1
    assert all(len(page) <= limits.EMBED_TOTAL for page in pages)
    assert all(len(f.value or "") == limits.EMBED_FIELD_VALUE for f in pages[0].fields)
    shown = " ".join(page.description or "" for page in pages).split()
    assert [w for w in shown if w.startswith("조언")] == words  # every word, once, in order
    assert not any((page.description or "").endswith("…") for page in pages)
    parts = [(page.footer.text or "").split(" · ")[-1] for page in pages]
    assert all(f"{n}/{len(pages)}" in part for n, part in enumerate(parts, start=1))


def test_a_title_cut_in_a_topic_list_says_so() -> None:
    title = "아주 긴 제목 " * 30
    (line,) = (
        topic_page_embed(
            Topic("portfolio", "포트폴리오", "Portfolio"), [_entry("본문", title=title)], "ko",
            page=1, pages=1, total=1,
        ).description or ""
    ).splitlines()  # fmt: skip
    shown = line.removeprefix("• **").split("**")[0]
    assert shown.endswith("…") and title.startswith(shown.removesuffix("…"))
