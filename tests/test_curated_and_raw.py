"""Curated entries and the raw post sections they were written from (issue 15.5): ingesting both
(`ingest content ../shared/corpus`) never answers twice with the same advice; the raw section is
folded into its curated entry, which offers it as "📜 원문 보기"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus.lineage import Text, is_section, source_sections
from bot.sandbox.harness import Harness
from tests.helpers_bot import CONTENT, bot_settings, start_harness
from tests.helpers_ingest import corpus_dir

AGE = "age-disadvantage"  # content/SOURCES.md: "FAQ: 나이가 있는데 불리할까?" of the CSO talk
AGE_SECTION_TITLE = "나이가 있는데 AI 엔지니어로 취직할 때 불리할까?"

# -- the linking rule --------------------------------------------------------------------------

POST = "선배의 특강"
SECTIONS = [
    Text(
        "p-0123456789ab",
        POST,
        "나이가 많으면 불리할까?",
        "아뇨. 나이는 숫자에 불과. 장벽은 경력과 연봉.",
    ),
    Text("p-0123456789ac", POST, "포트폴리오는 어떻게?", "많고 얕은 것보다 적고 깊은 것이 좋다."),
]


def test_a_curated_entry_links_to_the_section_it_was_written_from() -> None:
    curated = Text(
        "age", POST, "나이가 많으면 취업에 불리한가요?", "나이는 숫자일 뿐, 경력과 연봉이 장벽이다."
    )
    other_post = Text("elsewhere", "다른 글", "나이가 많으면 불리할까?", "나이는 숫자에 불과.")
    vague = Text("vague", POST, "무엇이든 물어보세요", "질문이 있으면 언제든 물어보세요.")
    links = source_sections([*SECTIONS, curated, other_post, vague])
    assert [(x.entry_id, x.section_id) for x in links] == [("age", "p-0123456789ab")]
    assert is_section("p-0123456789ab") and not is_section("portfolio-few-and-deep")


def test_an_entry_as_close_to_two_sections_links_to_neither() -> None:
    """No clear winner (two sections of its post alike): both rank on their own."""
    twins = [
        Text(f"p-00000000000{n}", "재탕 특강", "포트폴리오는 어떻게?", "적고 깊은 것이 좋다.")
        for n in (1, 2)
    ]
    entry = Text("few-deep", "재탕 특강", "포트폴리오는 적고 깊게", "적고 깊은 포트폴리오가 좋다.")
    assert source_sections([*twins, entry]) == []


# -- ingest content ../shared/corpus, then search ----------------------------------------------


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = corpus_dir()
    db = tmp_path_factory.mktemp("both") / "both.db"
    assert main(["ingest", str(CONTENT), str(corpus), "--db", str(db)]) == 0
    return db


def _links(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT entry_id, section_id FROM entry_sources").fetchall())


def _section_titled(db: Path, title: str) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT id FROM entries WHERE title = ?", (title,)).fetchone()
    assert row is not None
    return str(row[0])


def test_search_nai_bulli_answers_once(both: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's own repro: before, the curated entry and its raw section were #1 and #2."""
    section = _section_titled(both, AGE_SECTION_TITLE)
    assert _links(both)[AGE] == section
    assert main(["search", "나이 불리", "--db", str(both)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(" 1. 나이가 좀 있는데 AI 엔지니어 취업에 불리할까요?")
    assert section not in out and AGE_SECTION_TITLE not in out


def test_no_answer_lists_an_entry_and_its_section_together(
    both: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """For every curated entry with a source section: searching its title never shows both."""
    links = _links(both)
    assert len(links) >= 80  # most of the 131 entries name a section of the five posts
    with sqlite3.connect(both) as conn:
        titles = dict(conn.execute("SELECT id, title FROM entries").fetchall())
    for entry_id, section_id in links.items():
        assert main(["search", titles[entry_id], "--db", str(both), "--limit", "20"]) == 0
        out = capsys.readouterr().out
        assert not (f" {entry_id}" in out and f" {section_id}" in out), titles[entry_id]


def test_a_section_without_its_entry_among_the_answers_is_still_found(
    both: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Folding is per answer list: a raw section is hidden only beside its curated entry."""
    assert main(["search", AGE_SECTION_TITLE, "--db", str(both), "--json"]) == 0
    assert f'"{AGE}"' in capsys.readouterr().out
    # A section no curated entry was written from ranks as before (here: 그 외 질문들 is linked
    # to several entries, so look for any unlinked one instead).
    linked = set(_links(both).values())
    with sqlite3.connect(both) as conn:
        rows = conn.execute("SELECT id, title FROM entries WHERE id GLOB 'p-*'").fetchall()
    unlinked = [(i, t) for i, t in rows if i not in linked]
    assert unlinked
    entry_id, title = unlinked[0]
    assert main(["search", title, "--db", str(both)]) == 0
    assert entry_id in capsys.readouterr().out


# -- the bot: "📜 원문 보기" on the curated entry --------------------------------------------------


async def test_advice_offers_the_original_section_and_never_repeats_it(tmp_path: Path) -> None:
    corpus = corpus_dir()
    settings = bot_settings(tmp_path / "bot.db", content_paths=(CONTENT, corpus))
    async with start_harness(settings) as h:
        await _original_button(h)


async def _original_button(h: Harness) -> None:
    res = await h.emu.slash("advice", {"query": "나이 불리"}, user=h.camper)
    shown = [res.embeds[0]]
    total = int(res.embeds[0]["footer"]["text"].rsplit("/", 1)[1])
    for _ in range(total - 1):
        await h.emu.click(res, label="다음", user=h.camper)
        shown.append(res.embeds[0])
    titles = [e["title"] for e in shown]
    assert titles[0] == "나이가 좀 있는데 AI 엔지니어 취업에 불리할까요?"
    assert AGE_SECTION_TITLE not in titles  # folded into the entry, never a second answer
    while res.embeds[0]["title"] != titles[0]:
        await h.emu.click(res, label="이전", user=h.camper)
    original = await h.emu.click(res, label="원문 보기", user=h.camper)
    assert original.ephemeral
    assert original.content.startswith("이 조언을 정리한 원문이에요")
    assert original.embeds[0]["title"] == AGE_SECTION_TITLE
    english = await h.emu.slash("entry", {"id": AGE}, user=h.camper, locale="en-US")
    assert "Original post" in [
        c.get("label") for row in english.message["components"] for c in row["components"]
    ]
    # From /topics too: the entry opened from a topic's list offers its original section.
    listing = await h.emu.slash("topics", user=h.camper)
    await h.emu.select(listing, ["age-and-career-change"], user=h.camper)
    await h.emu.select(listing, [AGE], user=h.camper)
    assert [c.get("label") for row in listing.message["components"] for c in row["components"]] == [
        "목록으로",
        "채널에 공유",
        "원문 보기",
    ]
