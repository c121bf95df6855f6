"""Whatever is typed, search and autocomplete answer (maybe with nothing) and never raise."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.search import NAME_MAX, VALUE_MAX, SearchService
from bot.store.database import Database
from tests.helpers_search import sample_db
from tests.helpers_store import app_services

BAD_INPUTS = [
    pytest.param("", id="empty"),
    pytest.param("   \t\n  ", id="blanks"),
    pytest.param("대학원 " * 2000, id="10k-chars"),
    pytest.param("가" * 10_000, id="10k-one-word"),
    pytest.param("?!.,;:…~!@#$%^&*()", id="punctuation"),
    pytest.param('"', id="lone-quote"),
    pytest.param('"대학원', id="open-quote"),
    pytest.param("'; DROP TABLE entries; --", id="sql"),
    pytest.param("대학원 AND 석사", id="and"),
    pytest.param("NOT 대학원", id="not"),
    pytest.param("AND", id="bare-and"),
    pytest.param("OR OR OR", id="bare-or"),
    pytest.param("NEAR(대학원 석사, 2)", id="near"),
    pytest.param("대학*", id="star"),
    pytest.param("*", id="bare-star"),
    pytest.param("^대학원", id="caret"),
    pytest.param("-대학원", id="minus"),
    pytest.param("title:대학원", id="column-filter"),
    pytest.param("body:", id="empty-column"),
    pytest.param("(대학원", id="open-paren"),
    pytest.param("())(", id="parens"),
    pytest.param("{title body}: 석사", id="column-set"),
    pytest.param("대학\x00원", id="nul-inside"),
    pytest.param("\x00", id="nul"),
    pytest.param("🎓🔥", id="emoji"),
    pytest.param("대학원🎓", id="emoji-attached"),
    pytest.param("ㅋㅋㅋㅋ", id="lone-jamo"),
    pytest.param("ㅏㅓㅗ", id="lone-vowels"),
    pytest.param("ㄱ", id="one-consonant"),
    pytest.param("AI엔지니어 大學院 だいがく", id="mixed-scripts"),
    pytest.param("대학원\u200b석사", id="zero-width"),
    pytest.param("\u1103\u1162\u1112\u1161\u11a8", id="nfd-jamo"),
    pytest.param("\ud800", id="lone-surrogate"),
    pytest.param("entry:", id="empty-entry-value"),
    pytest.param("entry:does-not-exist", id="unknown-entry"),
    pytest.param("topic:does-not-exist", id="unknown-topic"),
    pytest.param("%_%", id="like-wildcards"),
    pytest.param("\\", id="backslash"),
]


@pytest.fixture
async def search(tmp_path: Path) -> AsyncIterator[SearchService]:
    db: Database = await sample_db(tmp_path / "sunbae.db")
    yield (await app_services(db)).search
    await db.close()


@pytest.mark.parametrize("text", BAD_INPUTS)
async def test_search_never_raises(search: SearchService, text: str) -> None:
    result = await search.search(text, limit=5)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert hit.entry.title  # a real entry, not a half-built one
    for suggestion in result.suggestions:
        assert len(suggestion.name) <= NAME_MAX and len(suggestion.value) <= VALUE_MAX


@pytest.mark.parametrize("text", BAD_INPUTS)
async def test_suggest_never_raises(search: SearchService, text: str) -> None:
    choices = await search.suggest(text)
    assert len(choices) <= 25
    assert all(len(c.name) <= NAME_MAX and len(c.value) <= VALUE_MAX for c in choices)


@pytest.mark.parametrize("text", ["", "   ", "?!.,", "\x00", "🎓", '"', "*", "()"])
async def test_nothing_searchable_is_an_empty_result(search: SearchService, text: str) -> None:
    result = await search.search(text)
    assert result.hits == () and result.total == 0 and result.corrected_query is None


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("대학원 AND 석사", "grad-needed"),  # operators are words, not syntax
        ('"대학원', "grad-worry"),
        ("title:대학원", "grad-worry"),
        ("(대학원)", "grad-worry"),
        ("대학\x00원", "grad-worry"),
        ("대학원🎓", "grad-worry"),
        ("NEAR(캐글 대회, 2)", "kaggle-no-prize"),
        ("대학원 " * 2000, "grad-worry"),
    ],
)
async def test_operators_and_noise_around_real_words(
    search: SearchService, text: str, first: str
) -> None:
    result = await search.search(text, limit=3)
    assert result.hits and result.hits[0].id in {first, "grad-needed", "grad-worry"}
    if first not in {"grad-needed", "grad-worry"}:
        assert result.hits[0].id == first


async def test_bad_limits_are_clamped(search: SearchService) -> None:
    assert len((await search.search("대학원", limit=0)).hits) == 1
    assert (await search.search("대학원", limit=10_000, offset=-5)).offset == 0
    assert (await search.search("대학원", offset=10_000)).hits == ()
    assert len(await search.suggest("대", limit=0)) == 1
    assert len(await search.suggest("", limit=1000)) <= 25
