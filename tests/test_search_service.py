"""SearchService over a small Korean corpus in a real SQLite file: what a camper gets back."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.search import SearchService, SuggestionKind
from bot.store.database import Database
from tests.helpers_search import add_entries, draft, retire, sample_db
from tests.helpers_store import app_services


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await sample_db(tmp_path / "sunbae.db")
    yield database
    await database.close()


@pytest.fixture
async def search(db: Database) -> SearchService:
    return (await app_services(db)).search


async def top_ids(search: SearchService, query: str, n: int = 3, **kwargs: object) -> list[str]:
    result = await search.search(query, limit=n, **kwargs)  # type: ignore[arg-type]
    return [h.id for h in result.hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("대학원", "grad-worry"),  # exact topic name, and in the title
        ("대학원에", "grad-worry"),  # particle attached
        ("석사 필요?", "grad-needed"),  # alias + stopword
        ("grad school", "grad-worry"),  # English alias of a Korean topic (= 대학원)
        ("포폴 몇 개가 좋아요", "portfolio-depth"),  # slang alias expands to 포트폴리오
        ("코테", "coding-test"),  # slang for 코딩테스트
        ("kaggle", "kaggle-no-prize"),  # English for 캐글
        ("캐글 상 못 받으면", "kaggle-no-prize"),
        ("이력서 뭘 보여줘요", "resume-impact"),
        ("면접관한테 물어봐도 되나", "tech-interview"),
        ("취업준비", "job-prep-mindset"),  # spacing variant of 취업 준비
        ("취업 준비", "job-prep-mindset"),
        ("스타트업 취업", "startup-choice"),
    ],
)
async def test_right_advice_first(search: SearchService, query: str, first: str) -> None:
    assert (await top_ids(search, query, 1)) == [first]


@pytest.mark.parametrize(
    ("typo", "corrected", "first"),
    [
        ("대학언", "대학원", "grad-worry"),  # one keystroke off: jamo distance 1
        ("포트폴리요", None, "portfolio-depth"),  # 요 reads as a particle: 포트폴리* still matches
        ("대학ㅇ", "대학원", "grad-worry"),  # half-typed syllable
        ("ㄷㅎㅇ", "대학원", "grad-worry"),  # initial consonants
        ("코딩테스ㅌ", "코딩테스트", "coding-test"),
    ],
)
async def test_typos_and_partial_input(
    search: SearchService, typo: str, corrected: str | None, first: str
) -> None:
    result = await search.search(typo, limit=3)
    assert result.hits[0].id == first
    assert result.corrected_query == corrected


async def test_jamo_breaks_a_syllable_tie(search: SearchService) -> None:
    # 대학언 shares two syllables with both 대학원 and 대학교; keystrokes say 대학원.
    result = await search.search("대학언", limit=10)
    ids = [h.id for h in result.hits]
    assert "university-life" not in ids[:2]
    assert ids[0] in {"grad-worry", "grad-needed"}


async def test_title_match_outranks_body_mention(search: SearchService) -> None:
    # startup-choice mentions 대학원 in its body only; the grad entries name it in the title.
    ids = await top_ids(search, "대학원", 5)
    assert ids.index("grad-worry") < ids.index("startup-choice")


async def test_hit_has_snippet_with_bold_match_and_topics(search: SearchService) -> None:
    result = await search.search("금전적인 문제", limit=1)
    hit = result.hits[0]
    assert hit.id == "grad-worry"
    assert "**금전적인**" in hit.snippet and "**문제도**" in hit.snippet
    assert len(hit.snippet) <= 220
    assert hit.entry.topics == ("grad-school",)
    assert hit.score > 0


async def test_topic_named_in_query_is_reported(search: SearchService) -> None:
    result = await search.search("포폴")
    assert [t.id for t in result.topics] == ["portfolio"]
    assert {h.id for h in result.hits[:2]} == {"portfolio-depth", "github-blog"}
    assert all(h.matched_topics == ("portfolio",) for h in result.hits[:2])


async def test_topic_filter(search: SearchService) -> None:
    everything = await top_ids(search, "꾸준히", 10)
    assert {"coding-test", "github-blog", "job-prep-mindset"} <= set(everything)
    only = await top_ids(search, "꾸준히", 10, topic="portfolio")
    assert only == ["github-blog"]
    by_alias = await top_ids(search, "꾸준히", 10, topic="포폴")  # a topic's alias works too
    assert by_alias == ["github-blog"]
    assert await top_ids(search, "꾸준히", 10, topic="no-such-topic") == []


async def test_pagination(search: SearchService) -> None:
    first = await search.search("취업", limit=1)
    assert first.total >= 2 and first.has_more and first.next_offset == 1
    second = await search.search("취업", limit=1, offset=1)
    assert second.hits[0].id != first.hits[0].id
    everything = await search.search("취업", limit=50)
    assert [h.id for h in everything.hits][:2] == [first.hits[0].id, second.hits[0].id]
    assert everything.total == len(everything.hits) and not everything.has_more


async def test_words_typed_without_spaces(search: SearchService) -> None:
    assert (await top_ids(search, "대학원진학고민", 1)) == ["grad-worry"]
    assert (await top_ids(search, "기술블로그운영", 1)) == ["github-blog"]


async def test_nothing_matches_offers_suggestions_and_retries(search: SearchService) -> None:
    # No indexed word starts 대학원진 (the title says 대학원 진학): the first search finds nothing,
    # autocomplete knows the title, and the search is retried with it.
    result = await search.search("대학원진")
    assert [s.ref for s in result.suggestions] == ["grad-worry"]
    assert result.corrected_query == "대학원 진학이 고민이라면?"
    assert result.hits[0].id == "grad-worry"


async def test_a_title_found_by_one_word_typed_is_offered_not_assumed(
    search: SearchService,
) -> None:
    """`qwzxv 질문` finds nothing (질문 alone is no search), and autocomplete knows a title with
    질문 in it: offered, but not searched as if typed (it was, and answered "showing results for
    기술 면접에서 모르는 질문이 나오면" to a nonsense word). A title half-typed still is:
    test_nothing_matches_offers_suggestions_and_retries."""
    result = await search.search("qwzxv 질문")
    assert "tech-interview" in [s.ref for s in result.suggestions]
    assert result.corrected_query is None and result.hits == () and result.total == 0


async def test_no_match_at_all(search: SearchService) -> None:
    result = await search.search("qwzxv")
    assert result.hits == () and result.total == 0
    assert result.corrected_query is None


async def test_choice_values_round_trip(search: SearchService) -> None:
    suggestions = await search.suggest("대학ㅇ")
    entry = next(s for s in suggestions if s.kind is SuggestionKind.ENTRY)
    result = await search.search(entry.value)
    assert [h.id for h in result.hits] == [entry.ref]
    topic = next(s for s in suggestions if s.kind is SuggestionKind.TOPIC)
    assert topic.value == "topic:grad-school"
    by_topic = await search.search(topic.value, limit=10)
    assert {h.id for h in by_topic.hits} == {"grad-needed", "grad-worry"}


async def test_new_entries_are_found_without_explicit_refresh(
    db: Database, search: SearchService
) -> None:
    assert await top_ids(search, "파인튜닝") == []
    await add_entries(
        db, [draft("finetune", "파인튜닝과 프롬프트", "파인튜닝은 가중치를 바꿉니다.")]
    )
    assert await top_ids(search, "파인튜닝") == ["finetune"]
    assert "finetune" in [s.ref for s in await search.suggest("파인")]


async def test_retired_and_edited_entries_leave_the_index(
    db: Database, search: SearchService
) -> None:
    assert "kaggle-no-prize" in await top_ids(search, "캐글")
    await retire(db, "kaggle-no-prize")
    assert "kaggle-no-prize" not in await top_ids(search, "캐글", 10)
    await add_entries(db, [draft("grad-worry", "진학 고민", "연구가 좋은지 먼저 보세요.")])
    assert "grad-worry" not in await top_ids(search, "금전적인", 10)
    assert await top_ids(search, "진학 고민", 1) == ["grad-worry"]


async def test_refresh_is_idempotent(search: SearchService) -> None:
    await search.refresh()
    await search.refresh()
    assert await top_ids(search, "코테", 1) == ["coding-test"]


async def test_empty_database(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "empty.db")
    try:
        search = (await app_services(db)).search
        result = await search.search("대학원")
        assert result.hits == () and result.total == 0
        assert await search.suggest("") == []
        assert await search.suggest("대학") == []
    finally:
        await db.close()


@pytest.mark.parametrize(
    ("query", "first"),
    [("대학원", "grad-worry"), ("포폴", "portfolio-depth"), ("금전적인 문제", "grad-worry")],
)
async def test_split_search_of_a_big_corpus(
    search: SearchService, monkeypatch: pytest.MonkeyPatch, query: str, first: str
) -> None:
    # Budgets this small make every query take the big-corpus path: titles index first, then
    # the rarest words in bodies (금전적인 is in a body only).
    monkeypatch.setattr("bot.search.retrieval.BODY_BUDGET", 0)
    monkeypatch.setattr("bot.search.retrieval.COMMON_MIN", 0)
    result = await search.search(query, limit=3)
    assert result.hits[0].id == first
    assert result.total >= len(result.hits)


async def test_a_slow_reload_does_not_hold_a_query(
    db: Database, search: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reloading a big corpus takes seconds: a query waits RELOAD_WAIT at most, answers from the
    previous snapshot (its matches still come from the always-current FTS index), and the next
    query after the reload has the new words."""
    from bot.search import live_index

    assert "finetune" not in [s.ref for s in await search.suggest("파인")]  # loaded once
    build = live_index._build
    release, built = threading.Event(), threading.Event()

    def slow_build(*args: object) -> object:
        release.wait(10)
        try:
            return build(*args)  # type: ignore[arg-type]
        finally:
            built.set()

    monkeypatch.setattr(live_index, "_build", slow_build)
    monkeypatch.setattr(search._index, "_build_elsewhere", None)  # the build in this process
    monkeypatch.setattr(live_index, "RELOAD_WAIT", 0.05)
    monkeypatch.setattr(live_index, "MAX_FOLLOW", 0)  # every write too big to follow
    await add_entries(
        db, [draft("finetune", "파인튜닝과 프롬프트", "파인튜닝은 가중치를 바꿉니다.")]
    )
    stale = await search.suggest("파인")
    assert not built.is_set()  # it answered while the reload was still held, not after it
    assert "finetune" not in [s.ref for s in stale]  # the previous snapshot's titles
    assert await top_ids(search, "파인튜닝") == ["finetune"]  # FTS is current already
    release.set()
    for _ in range(100):  # the background reload lands
        if "finetune" in [s.ref for s in await search.suggest("파인")]:
            break
        await asyncio.sleep(0.02)
    else:
        pytest.fail("the reload never replaced the snapshot")
    await search.close()


async def test_a_failed_reload_is_logged_and_the_previous_snapshot_answers(
    db: Database,
    search: SearchService,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.search import live_index

    await search.suggest("파인")
    build = live_index._build
    calls = 0

    def failing_once(*args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise MemoryError("no room for the index")
        return build(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(live_index, "_build", failing_once)
    monkeypatch.setattr(search._index, "_build_elsewhere", None)  # the build in this process
    monkeypatch.setattr(live_index, "MAX_FOLLOW", 0)  # every write too big to follow
    await add_entries(
        db, [draft("finetune", "파인튜닝과 프롬프트", "파인튜닝은 가중치를 바꿉니다.")]
    )
    stale = await search.suggest("파인")  # the previous snapshot answers
    assert "finetune" not in [s.ref for s in stale]
    assert "search index reload failed" in caplog.text
    assert "finetune" in [s.ref for s in await search.suggest("파인")]
    assert calls == 2


async def test_questions_cross_languages(db: Database, search: SearchService) -> None:
    # An entry written only in English is found by a Korean question, through the glossary
    # (면접 -> interview, 불리 -> disadvantage); an English question finds Korean entries.
    await add_entries(
        db,
        [
            draft(
                "english-only",
                "Is a late start a disadvantage in interviews?",
                "Interviewers look at what you built, not when you started.",
            )
        ],
    )
    result = await search.search("늦게 시작하면 면접에서 불리한가요?", limit=3)
    assert result.hits[0].id == "english-only" and not result.no_match
    korean = await search.search("is a master's degree needed for grad school?", limit=3)
    assert korean.hits and korean.hits[0].id in {"grad-needed", "grad-worry"}


async def test_a_word_said_only_in_passing_is_no_answer(
    db: Database, search: SearchService
) -> None:
    # 연봉 is in the entry's body and in one of its aliases, but only as part of `연봉 눈높이`:
    # the entry is about age, so `연봉 얼마 받아요` gets "no good match" (it was answered with
    # 0.9 confidence); the alias said whole, or the title's subject, still answer.
    older = replace(
        draft(
            "older-career",
            "나이가 많으면 취업에 불리한가요?",
            "나이보다 이전 경력과 연봉이 걸림돌이다. 연봉 수준을 회사가 걱정하지 않게 설명하라.",
        ),
        aliases=("늦은 나이", "연봉 눈높이"),
    )
    weekend = draft("side-project", "사이드 프로젝트는 언제 하나요?", "주말에 조금씩 하면 된다.")
    await add_entries(db, [older, weekend])
    for question in ("연봉 얼마 받아요", "주말에 뭐 하고 놀지"):
        result = await search.search(question, limit=3)
        assert result.hits and result.no_match, (question, result.confidence)
    for question, first in (
        ("연봉 눈높이 어떻게 맞춰요", "older-career"),
        ("나이 많으면 불리해요?", "older-career"),
    ):
        result = await search.search(question, limit=3)
        assert result.hits[0].id == first and not result.no_match, (question, result.confidence)


async def test_english_inflections_reach_the_base_form(db: Database, search: SearchService) -> None:
    # `prompting` is no word of the index: it was "corrected" to `promising` and found the
    # wrong entry; its base form `prompt` is a prefix of the right one's words. An English
    # plural of a glossary word (interviewers -> interviewer -> 면접관) reaches Korean text.
    await add_entries(
        db,
        [
            draft("prompt-vs-tune", "프롬프트와 파인튜닝", "prompt engineering vs fine tuning"),
            draft("promising-field", "유망한 분야는?", "the most promising field"),
        ],
    )
    result = await search.search("prompting or fine tuning", limit=3)
    assert result.corrected_query is None and result.hits[0].id == "prompt-vs-tune"
    interviewers = await search.search("what do interviewers ask", limit=3)
    assert interviewers.hits[0].id == "tech-interview" and not interviewers.no_match
