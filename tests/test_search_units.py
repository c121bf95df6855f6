"""The pure parts of search: query plans, FTS expressions, matching, snippets, packed keys."""

from __future__ import annotations

from bisect import bisect_left

import pytest

from bot.models import Topic
from bot.search.lexicon import Lexicon, topic_info
from bot.search.query import plan_query
from bot.search.rank import occurrences
from bot.search.retrieval import plan_retrieval, unsubsumed
from bot.search.service import spells
from bot.search.snippet import make_snippet
from bot.search.titles import Postings, TitleIndex, TitleSource
from bot.store.search_index import fts_expression
from bot.text import keystrokes

TOPICS = [
    Topic("grad-school", "대학원", "Grad school", aliases=("석사", "grad school")),
    Topic("portfolio", "포트폴리오", "Portfolio", aliases=("포폴", "깃허브")),
]
VOCAB = {
    "대학원": 5, "대학원에": 2, "대학교": 4, "석사": 3, "포트폴리오": 2, "포트폴리고": 1,
    "취업": 6, "준비": 5, "깃허브": 2, "kaggle": 1, "엔지니어": 9,
}  # fmt: skip


def lexicon(doc_count: int = 20, vocab: dict[str, int] | None = None) -> Lexicon:
    return Lexicon([topic_info(t, 3) for t in TOPICS], vocab or VOCAB, doc_count)


def test_topic_alias_expands_and_typo_is_corrected() -> None:
    plan = plan_query("포폴 몇 개가 좋아요?", lexicon())
    assert plan.topic_ids == ("portfolio",) and plan.exact_topic == "portfolio"
    forms = plan.forms()
    assert forms[0] == "포폴" and "포트폴리오" in forms and "portfolio" in forms
    assert "포트폴리고" in forms  # an indexed spelling one keystroke from the topic's name
    corrected = plan_query("대학언", lexicon())
    assert corrected.corrected_query == "대학원"
    assert plan_query("대학원", lexicon()).corrected_query is None


def test_unknown_words_are_dropped_unless_alone() -> None:
    assert [g.typed for g in plan_query("대학원 쀍쀍", lexicon()).groups] == ["대학원"]
    alone = plan_query("쀍쀍", lexicon())
    assert [g.typed for g in alone.groups] == ["쀍쀍"] and alone.groups[0].unknown


def test_a_phrase_named_weighs_as_its_rarest_word() -> None:
    # `grad school` is a topic alias of two words: it weighed as a word no entry has (the index
    # holds words, not phrases), so naming it outweighed what a question asked beside it.
    vocab = {**VOCAB, "grad": 2, "school": 6}
    lex = lexicon(vocab=vocab)
    (group,) = plan_query("grad school", lex).groups
    assert group.forms[0].text == "grad school"
    assert group.idf == max(lex.idf("grad"), lex.idf("school")) < lex.idf("\uffff")


def test_a_native_numeral_with_its_counter_is_no_subject() -> None:
    # `한명이` (one person) is a count, like `3번`: not a word the index lacks.
    plan = plan_query("대학원 동기 한명이 석사", lexicon())
    assert "한명이" not in [g.typed for g in plan.groups + plan.dropped]
    assert "한국" in [g.typed for g in plan_query("한국 대학원", lexicon()).dropped]


def test_a_word_the_camper_says_they_do_not_know_is_a_hedge() -> None:
    # `디테일은 잘 모르겠는데 ...`: the index lacks 디테일; it no longer counts against the answer.
    plan = plan_query("디테일은 잘 모르겠는데 대학원 꼭 가야 하나요", lexicon())
    assert [g.typed for g in plan.groups] == ["대학원"] and not plan.dropped
    # Without the hedge it is a word found nowhere, as before.
    assert [g.typed for g in plan_query("디테일 대학원", lexicon()).dropped] == ["디테일"]
    # A known word before the hedge still says what is asked (`석사는 잘 모르는데`).
    assert "석사는" in [g.typed for g in plan_query("석사는 잘 모르는데 취업", lexicon()).groups]


def test_inflections_and_short_words_are_never_corrected() -> None:
    vocab = {**VOCAB, "있어야": 3, "읽기": 2, "오는": 4, "논문": 3}
    # 읽어야 is no typo of 있어야: a verb, searched by its stem, weakly.
    plan = plan_query("논문 꼭 읽어야 하나요", lexicon(vocab=vocab))
    assert plan.corrected_query is None and plan.forms()[:3] == ["논문", "paper", "읽기"]
    assert "읽어" in plan.forms() and "읽" not in plan.forms()  # a one-syllable stem's own forms
    assert plan.groups[1].idf < plan.groups[0].idf
    # 오늘 is a word, not a typo of 오는: two syllables are corrected only to a topic key.
    assert plan_query("오늘 취업", lexicon(vocab=vocab)).corrected_query is None
    assert plan_query("포풀", lexicon(vocab=vocab)).corrected_query == "포트폴리오"


def test_a_language_named_with_punctuation_is_a_word_the_index_lacks_or_its_phrase() -> None:
    vocab = {**VOCAB, "node": 2, "js": 2, "c": 5}
    plan = plan_query("대학원 C++로 봐야 돼요", lexicon(vocab=vocab))
    assert [g.typed for g in plan.groups] == ["대학원"]
    assert [g.typed for g in plan.dropped] == ["c++"]  # counts against the answer, unsearched
    assert "c" not in plan.forms()
    found = plan_query("node.js 취업", lexicon(vocab=vocab))
    assert found.forms()[0] == "node js" and not found.dropped


def test_a_known_word_that_modifies_a_bound_noun_weighs_as_a_verb() -> None:
    # `바뀐` is in the index as typed, yet before `거` it is a verb (바뀌+ㄴ): weighed as a
    # predicate's stem, not as a second subject beside 대학원.
    plan = plan_query("대학원 뭐가 바뀐 거임", lexicon(vocab={**VOCAB, "바뀐": 2, "바뀌는": 2}))
    changed = next(g for g in plan.groups if g.typed == "바뀐")
    assert changed.verb and changed.forms[0].text == "바뀌"


def test_an_english_word_in_a_verb_s_place_weighs_as_a_predicate() -> None:
    # After a subject or a modal a word is a verb (half a noun's weight, as a Korean stem);
    # after an opening modal it is the subject (`will kaggle`), and a verb the index lacks keeps
    # its full weight against the answer (`cook`).
    vocab = {**VOCAB, "worry": 2, "think": 3, "kaggle": 2, "help": 4}
    lex = lexicon(vocab=vocab)
    plan = plan_query("I worry employers will think kaggle", lex)
    by = {g.typed: g for g in plan.groups}
    assert by["worry"].verb and by["think"].verb and not by["kaggle"].verb
    assert by["worry"].idf == lex.idf("worry") * 0.5
    asked = plan_query("will kaggle help", lex)
    assert not next(g for g in asked.groups if g.typed == "kaggle").verb
    assert not plan_query("how do I cook 대학원", lex).dropped[0].verb


def test_a_number_with_its_counter_is_a_quantity_not_a_missing_subject() -> None:
    plan = plan_query("인턴 3번 대학원 3주차인데", lexicon(vocab={**VOCAB, "인턴": 3}))
    assert [g.typed for g in plan.groups] == ["인턴", "대학원"] and not plan.dropped


def test_derived_forms_reach_their_root() -> None:
    topics = [*TOPICS, Topic("non-major", "비전공자", "Non-majors", aliases=("문과",))]
    lex = Lexicon([topic_info(t, 3) for t in topics], {**VOCAB, "비전공자": 3}, 20)
    plan = plan_query("문과생인데 취업", lex)
    assert plan.topic_ids == ("non-major",) and plan.corrected_query is None


def test_spacing_variants() -> None:
    plan = plan_query("취업준비", lexicon())
    assert [g.display for g in plan.groups] == ["취업", "준비"]  # not indexed as one word
    # A piece that is grammar is no word: 준비없고 -> 준비 (없고 is a light verb).
    vocab = {**VOCAB, "없고": 1}
    assert [g.typed for g in plan_query("준비없고", lexicon(vocab=vocab)).groups] == ["준비"]
    assert plan_query("취업 준비", lexicon()).forms() == ["취업", "준비"]


@pytest.mark.parametrize(
    "text", ['"', '" OR "', "AND NOT *", "title:x", "NEAR(a b)", "a\x00b", "{title}: x"]
)
def test_fts_expression_quotes_everything(text: str) -> None:
    expression = fts_expression([text, "대학원"])
    assert expression.endswith('"대학원"*')
    assert expression.count('"') % 2 == 0  # every quote in a form is doubled inside quotes
    assert fts_expression(["대학원"], columns="title keys") == '{title keys} : ("대학원"*)'
    assert fts_expression([]) == ""


@pytest.mark.parametrize(
    ("form", "text", "count"),
    [
        ("ml", "ml 엔지니어와 html", 1),  # Latin at a word start only
        ("취업준비", "취업 준비를 하면 취업준비생", 2),  # Hangul ignores spacing
        ("ml 엔지니어", "ml/dl 엔지니어의 업무", 1),  # a phrase allows one word between
        ("취업 준비", "취업을 준비하는", 1),
        ("취업 준비", "취업은 정말 오래 준비", 0),
        ("일", "일을 매일 해요", 1),  # one syllable: word start only
    ],
)
def test_occurrences(form: str, text: str, count: int) -> None:
    assert occurrences(form, text, text.replace(" ", "")) == count


def test_small_corpus_searches_every_form_everywhere() -> None:
    retrieval = plan_retrieval(plan_query("대학원", lexicon()), lexicon())
    assert retrieval.complete and len(retrieval.steps) == 1
    (step,) = retrieval.steps
    assert not step.titles and set(step.forms) == set(plan_query("대학원", lexicon()).forms())
    # A form another one's prefix search finds already is left out: the same matches.
    plan = plan_query("포트폴리오 포트", lexicon())
    assert "포트폴리오" in plan.forms()
    (step,) = plan_retrieval(plan, lexicon()).steps
    assert "포트" in step.forms and "포트폴리오" not in step.forms


@pytest.mark.parametrize(
    ("forms", "kept"),
    [
        (["paper", "papers"], ["paper"]),  # paper* finds papers
        (["papers", "paper"], ["paper"]),  # whatever the order
        (["논문", "논문 구현", "연구자", "연구"], ["논문", "연구"]),  # a phrase by its first word
        (["ai lab", "ai"], ["ai"]),
        (["ai lab", "lab"], ["ai lab", "lab"]),  # lab* does not find "ai lab" (ai comes first)
        (["coding test", "coding tests", "coding"], ["coding"]),
        (["데이터 분석", "데이터 분석가"], ["데이터 분석"]),  # the last word as a prefix
        (["데이터 분석가", "데이터 분"], ["데이터 분"]),
        (["데이터분석", "데이터 분석"], ["데이터분석", "데이터 분석"]),  # other tokens: both
        (["ml", "mlops"], ["ml"]),
        (["mlops", "ops"], ["mlops", "ops"]),  # a prefix, not any substring
    ],
)
def test_forms_another_form_finds_are_left_out(forms: list[str], kept: list[str]) -> None:
    assert list(unsubsumed(forms)) == kept


def test_big_corpus_searches_in_the_reranker_s_order() -> None:
    big = {"엔지니어": 60_000, "대학원": 3_000, "석사": 2_500, "쿠버네티스": 300}
    lex = lexicon(100_000, big)
    plan = plan_query("쿠버네티스 엔지니어 대학원", lex)
    retrieval = plan_retrieval(plan, lex)
    assert not retrieval.complete
    typed, every, *rest = retrieval.steps
    # The words typed in titles first (several: ranked on titles), those filed under the topic
    # named before the others.
    assert typed.titles and typed.ranked and not typed.fill
    assert {"쿠버네티스", "대학원"} <= set(typed.forms) and "grad-school" in typed.filed_first
    # Then the entries that have every word typed, however common one of them is.
    assert not every.titles and every.all_of
    # Then, while short: other forms in titles, the rarest in bodies (a rare word typed: always).
    titles = next(s for s in rest if s.titles)
    bodies = next(s for s in rest if not s.titles)
    assert titles.fill and "석사" in titles.forms
    assert "쿠버네티스" in bodies.forms and "대학원" not in bodies.forms and bodies.rare
    searched = {f for s in retrieval.steps for f in s.forms}
    assert "엔지니어" not in searched  # in 60%: left to reranking and the AND
    only_common = plan_retrieval(plan_query("엔지니어", lex), lex)
    assert only_common.steps[0].forms == ("엔지니어",)
    assert not only_common.steps[0].ranked  # in most titles: the newest, unranked
    alone = plan_retrieval(plan_query("대학원", lex), lex)
    assert alone.steps[0].in_titles  # one word typed: its title matches ranked on the whole entry
    # A search limited to a topic already needs no topic first.
    assert not plan_retrieval(plan, lex, topic_id="grad-school").steps[0].filed_first


def test_snippet_bolds_matches_escapes_markdown_and_stays_short() -> None:
    body = (
        "<b>들어가며</b> "
        + "가나다 " * 60
        + "**대학원에** 가려면 연구가 *좋아야* 합니다 "
        + "라마바 " * 60
    )
    snippet = make_snippet(body, ["대학원", "연구"])
    assert "**대학원에**" in snippet and "**연구가**" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<b>" not in snippet and "\\*좋아야\\*" in snippet  # HTML dropped, Markdown escaped
    assert len(snippet) <= 200
    assert make_snippet("_x_ 1*2", ["없음"]) == "\\_x\\_ 1\\*2"
    assert make_snippet("- 목록", ["없음"]) == "목록"
    assert make_snippet("", ["대학원"]) == ""


def test_snippet_of_many_forms_bolds_those_the_text_has() -> None:
    """A query's synonyms make many forms; the text has a few of them, in any case and spacing."""
    forms = [
        "논문",
        "paper",
        "연구자",
        "리서치",
        "논문 구현",
        "ai lab",
        "kaggle",
        "부트캠프",
        "수료",
    ]
    body = "Kaggle 메달보다 논문구현 경험이 낫다는 리서치 팀장의 말. 수료 후에도 계속."
    snippet = make_snippet(body, forms)
    for bold in ("**Kaggle**", "**논문구현**", "**리서치**", "**수료**"):
        assert bold in snippet, bold
    assert "**paper" not in snippet and "**ai" not in snippet
    assert make_snippet("ſtudy hard", ["study"]).startswith("**ſtudy**")  # as IGNORECASE does


def test_postings_pack_keys_in_order() -> None:
    records = [Postings.record(k, i, 4) for i, k in enumerate(["나", "가나다라마", "가", "가나"])]
    postings = Postings(records, 4)
    keys = [postings[i].rstrip("\0") for i in range(len(postings))]
    assert keys == ["가", "가나", "가나다라", "나"]
    assert [postings.entry(i) for i in range(len(postings))] == [2, 3, 1, 0]
    assert bisect_left(postings, "가나") == 1
    assert postings[1:3] == [postings[1], postings[2]]
    with pytest.raises(IndexError):
        postings[4]


def test_title_index_prefixes_across_words_and_spacing() -> None:
    index = TitleIndex(
        [
            TitleSource("a", "취업 준비 마인드셋"),
            TitleSource("b", "대학원 진학이 고민이라면?"),
            TitleSource("c", "면접 팁", extra=("Interview tips",)),
        ]
    )
    assert index.by_prefix(keystrokes("취업준비"), cap=10) == [0]
    assert index.by_prefix(keystrokes("진학이고"), cap=10) == [1]  # from a middle word on
    assert index.by_prefix(keystrokes("대학ㅇ"), cap=10) == [1]
    assert index.by_prefix(keystrokes("interv"), cap=10) == [2]  # findable, never shown
    assert index.by_prefix(keystrokes("대학원진학이고민이라면"), cap=10) == [1]  # past a key
    assert index.by_choseong("ㄷㅎㅇ", cap=10) == [1]
    assert index.by_choseong("ㅈㅎㅇㄱㅁㅇㄹ", cap=10) == [1]


def test_a_short_acronym_counts_whole_not_as_a_prefix() -> None:
    # `ai` and `ml` were counted in "AIOps" and "MLOps": a junior AI engineer's question found
    # the AIOps entry first, an ML engineer's the MLOps one.
    def count(form: str, text: str) -> int:
        folded = text.lower()
        return occurrences(form, folded, "".join(folded.split()))

    assert count("ai", "a junior AIOps engineer") == 0
    assert count("ml", "MLOps and ML을 하는 사람") == 1
    assert count("llm", "LLMs and LLM-based apps") == 2  # a plural is the same word
    assert count("gpt", "GPT4 vs GPT-3.5") == 2  # so is a version
    assert count("data", "database of datasets") == 2  # longer words stay prefixes


@pytest.mark.parametrize(
    ("title", "query", "spelled"),
    [
        ("새 분야에 와서 짧은 기간에 성과를 내는 비결", "새ㅂ", True),  # half-typed, across words
        ("취업 준비 마인드셋", "취업준비", True),  # spacing ignored
        ("포트폴리오 몇 개가 좋을까", "포트폴리오를", True),  # a particle typed
        ("기술 면접 꼬리 질문은 어떻게 대비하나요?", "asdf 질문", False),  # one word of it
        ("기술 면접 꼬리 질문은 어떻게 대비하나요?", "대미", False),  # a likeness, not a spelling
        ("기술 면접 꼬리 질문은 어떻게 대비하나요?", "질문", False),  # nothing but a stopword
    ],
)
def test_a_query_spells_a_title_only_when_every_word_starts_one_of_it(
    title: str, query: str, spelled: bool
) -> None:
    assert spells(title, query) is spelled
