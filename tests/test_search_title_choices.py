"""Autocomplete over titles at the edges of the title index: typed text longer than its keys,
typos that drop keystrokes, initial consonants around an English word, and a title whose
English name was taken away (found by the mutation audit: no test told these apart)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.search import SearchService, SuggestionKind
from bot.store.database import Database
from tests.helpers_search import add_entries, draft, sample_db
from tests.helpers_store import app_services


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await sample_db(tmp_path / "sunbae.db")
    yield database
    await database.close()


async def entry_choices(search: SearchService, typed: str) -> list[str]:
    return [s.ref for s in await search.suggest(typed) if s.kind is SuggestionKind.ENTRY]


async def test_typing_past_what_a_key_holds_still_tells_titles_apart(db: Database) -> None:
    """A key holds about five syllables; the titles below share their first eight initial
    consonants and fifteen keystrokes, so only checking the rest tells them apart."""
    await add_entries(
        db,
        [
            draft("pf-how", "포트폴리오 준비 방법 정리", "본문"),
            draft("pf-tips", "포트폴리오 준비 방법 비교", "본문"),
        ],
    )
    search = (await app_services(db)).search
    assert await entry_choices(search, "포트폴리오 준비 방법 비교") == ["pf-tips"]
    assert await entry_choices(search, "ㅍㅌㅍㄹㅇㅈㅂㅂㅂㅂㄱ") == ["pf-tips"]
    assert await entry_choices(search, "ㅍㅌㅍㄹㅇㅈㅂㅂㅂㅈㄹ") == ["pf-how"]


async def test_a_typo_that_drops_keystrokes_still_finds_the_title(db: Database) -> None:
    """포트폴오 is 포트폴리오 with 리 (two keystrokes) left out: as far off as nine keystrokes
    allow, and longer than what was typed."""
    search = (await app_services(db)).search
    assert "portfolio-depth" in await entry_choices(search, "포트폴오")


async def test_the_closest_spelling_wins_over_many_further_ones(db: Database) -> None:
    """Five title words two keystrokes off (none the start of the near one) and one a single
    keystroke off: the one the camper nearly typed must be among the choices."""
    typed = "kagglexy"
    further = ["kagexy", "kagglx", "kaggly", "kaggxy", "kaglxy"]  # two deletions each
    await add_entries(
        db,
        [draft(f"far-{n}", f"{word} 모음", "본문") for n, word in enumerate(further)]
        + [draft("near", "kagglexz 정리", "본문")],
    )
    search = (await app_services(db)).search
    assert "near" in await entry_choices(search, typed)


async def test_initial_consonants_stop_at_an_english_word(db: Database) -> None:
    """ㄷㅎㅇㅈㅎ reads 대학원 진학 as two words in a row: a title with an English word between
    them is not that (its words after the English one are found on their own)."""
    await add_entries(db, [draft("grad-ai", "대학원 AI 진학", "본문")])
    search = (await app_services(db)).search
    assert "grad-ai" not in await entry_choices(search, "ㄷㅎㅇㅈㅎ")
    assert "grad-ai" in await entry_choices(search, "ㄷㅎㅇ")


async def test_an_english_title_taken_away_is_no_longer_offered(db: Database) -> None:
    search = (await app_services(db)).search
    named = replace(
        draft("pf-check", "포트폴리오 점검", "본문"),
        title_en="Portfolio checklist",
        aliases=("portfoliocheck",),
    )
    await add_entries(db, [named])
    assert "pf-check" in await entry_choices(search, "checklist")
    assert "pf-check" in await entry_choices(search, "portfoliocheck")

    await add_entries(db, [replace(named, title_en="", aliases=())])  # followed in place
    assert "pf-check" not in await entry_choices(search, "checklist")
    assert "pf-check" not in await entry_choices(search, "portfoliocheck")
    assert "pf-check" in await entry_choices(search, "포트폴리오 점검")
