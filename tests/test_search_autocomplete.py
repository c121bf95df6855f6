"""Autocomplete: Discord-ready choices for what has been typed so far."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.search import NAME_MAX, VALUE_MAX, SearchService, Suggestion, SuggestionKind
from bot.store.database import Database
from tests.helpers_search import add_entries, draft, sample_db
from tests.helpers_store import app_services


@pytest.fixture
async def search(tmp_path: Path) -> AsyncIterator[SearchService]:
    db = await sample_db(tmp_path / "sunbae.db")
    yield (await app_services(db)).search
    await db.close()


def refs(suggestions: list[Suggestion], kind: SuggestionKind | None = None) -> list[str]:
    return [s.ref for s in suggestions if kind is None or s.kind is kind]


async def test_half_typed_syllable(search: SearchService) -> None:
    # 대학ㅇ is what the IME shows on the way to 대학원; 대학교 must not come first.
    choices = await search.suggest("대학ㅇ")
    assert choices[0].kind is SuggestionKind.TOPIC and choices[0].ref == "grad-school"
    assert refs(choices, SuggestionKind.ENTRY)[:1] == ["grad-worry"]
    assert "university-life" not in refs(choices)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("대", "grad-worry"),
        ("대하", "grad-worry"),
        ("대학우", "grad-worry"),  # IME state before 원
        ("포트", "portfolio-depth"),
        ("깃허", "github-blog"),
        ("캐글 대", "kaggle-no-prize"),  # two words, the second half-typed
        ("코딩테스", "coding-test"),
    ],
)
async def test_prefix_states_find_the_title(
    search: SearchService, typed: str, expected: str
) -> None:
    assert expected in refs(await search.suggest(typed), SuggestionKind.ENTRY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ㅇㄹㅅ", "resume"),
        ("ㄷㅎㅇ", "grad-school"),
        ("ㅋㄱ", "kaggle"),
        ("ㅍㅌㅍㄹㅇ", "portfolio"),
    ],
)
async def test_initial_consonants_find_the_topic(
    search: SearchService, typed: str, expected: str
) -> None:
    choices = await search.suggest(typed)
    assert choices[0].kind is SuggestionKind.TOPIC and choices[0].ref == expected


async def test_initial_consonants_find_titles(search: SearchService) -> None:
    assert "resume-impact" in refs(await search.suggest("ㅇㄹㅅ"), SuggestionKind.ENTRY)


async def test_spacing_does_not_matter(search: SearchService) -> None:
    assert "job-prep-mindset" in refs(await search.suggest("취업준비"), SuggestionKind.ENTRY)
    assert "job-prep-mindset" in refs(await search.suggest("취업 준비 마"), SuggestionKind.ENTRY)
    assert "github-blog" in refs(await search.suggest("기술블로"), SuggestionKind.ENTRY)


@pytest.mark.parametrize(
    ("typo", "expected"),
    [("포트폴리요", "portfolio-depth"), ("대학언", "grad-worry"), ("깃헙", "github-blog")],
)
async def test_typos_fill_in(search: SearchService, typo: str, expected: str) -> None:
    assert expected in refs(await search.suggest(typo))


async def test_topic_alias_and_english(search: SearchService) -> None:
    assert refs(await search.suggest("포폴"))[:1] == ["portfolio"]
    assert refs(await search.suggest("kag"))[:1] == ["kaggle"]


async def test_query_completions_from_the_index(search: SearchService) -> None:
    choices = await search.suggest("알고")  # only a body says 알고리즘
    queries = [s for s in choices if s.kind is SuggestionKind.QUERY]
    assert [q.value for q in queries] == ["알고리즘"]


async def test_empty_prefix_lists_topics_then_entries(search: SearchService) -> None:
    choices = await search.suggest("")
    kinds = [c.kind for c in choices]
    assert kinds[0] is SuggestionKind.TOPIC
    assert SuggestionKind.ENTRY in kinds
    assert kinds.index(SuggestionKind.ENTRY) > max(
        i for i, k in enumerate(kinds) if k is SuggestionKind.TOPIC
    )
    assert len(choices) == 18  # 6 topics + 12 entries, all fit
    assert await search.suggest("   ") == choices


async def test_limits_hold_for_discord(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "many.db")
    try:
        long_title = "아주 긴 제목 " * 30
        await add_entries(
            db,
            [draft(f"e{i}-" + "x" * 120, f"대학원 {i}번 {long_title}", "본문") for i in range(40)],
        )
        search = (await app_services(db)).search
        for typed in ("", "대", "대학원", "ㄷㅎㅇ", "대학언"):
            choices = await search.suggest(typed)
            assert 0 < len(choices) <= 25
            assert all(len(c.name) <= NAME_MAX and len(c.value) <= VALUE_MAX for c in choices)
        # An id too long for a choice value falls back to the title as a query.
        assert all(not c.value.startswith("entry:") for c in choices)
        assert len(await search.suggest("대", limit=5)) == 5
    finally:
        await db.close()


async def test_entry_value_is_suggested_back(search: SearchService) -> None:
    assert refs(await search.suggest("entry:grad-worry")) == ["grad-worry"]
    assert refs(await search.suggest("topic:kaggle")) == ["kaggle"]
