"""Whole questions as campers type them: ranking quality and knowing when nothing answers.

content/ is ingested once into a fresh SQLite file; every question of `question_queries.yaml`
goes through `SearchService.search` as /advice sends it. In scope, a question counts as found at
rank r when the r-th hit is one of the entries it names and the result is not a "no good match"
(an abstained answer is a miss: the camper is told nothing fits). Out of scope, the result must
be "no good match". The figures are printed whether or not pytest captures output (per register
too), and the test fails below the floors, listing the misses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.search import SearchResult, SearchService
from bot.store.database import Database
from tests.helpers_store import app_services

HERE = Path(__file__).parent
CONTENT = HERE.parents[1] / "content"
DEPTH = 10  # ranks beyond this count as a miss for MRR
# Floors: the issue's targets (hit@1 0.85, hit@3 0.95, ≥ 80 % abstained out of scope, ≤ 5 %
# false "no match" in scope) once reached; raise a floor when a change lifts its figure.
MIN_HIT_AT_1 = 0.88
MIN_HIT_AT_3 = 0.95
MIN_MRR = 0.92
MIN_ABSTAIN = 0.95
MAX_FALSE_NO_MATCH = 0.03
MIN_ENGLISH_HIT_AT_1 = 0.82  # the weakest register, watched on its own
# Questions nothing was tuned on (heldout_queries.yaml): printed apart; their floors only catch a
# regression, set below what they measured when written (they are not targets to tune toward).
HELD_OUT = "heldout_queries.yaml"
HELD_OUT_FLOORS = {"hit1": 0.75, "hit3": 0.85, "mrr": 0.80, "abstain": 0.90, "no_match": 0.12}


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    kind: str
    expect: tuple[str, ...]


def load(name: str = "question_queries.yaml") -> tuple[list[Question], list[str]]:
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    questions = [
        Question(str(q["q"]), str(q["kind"]), tuple(map(str, q["expect"]))) for q in data["queries"]
    ]
    return questions, [str(q) for q in data["out_of_scope"]]


@dataclass(slots=True)
class Figures:
    count: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0
    no_match: int = 0

    def add(self, rank: int | None, abstained: bool) -> None:
        self.count += 1
        self.no_match += abstained
        if rank is None or abstained:
            return
        self.hit1 += rank == 1
        self.hit3 += rank <= 3
        self.reciprocal += 1.0 / rank

    def rate(self, value: float) -> float:
        return value / (self.count or 1)

    def line(self) -> str:
        return (
            f"{self.count:3d} questions  hit@1 {self.rate(self.hit1):.3f}"
            f"  hit@3 {self.rate(self.hit3):.3f}  MRR {self.rate(self.reciprocal):.3f}"
            f"  false no-match {self.rate(self.no_match):.3f}"
        )


@dataclass(slots=True)
class Report:
    """One question file's figures: in scope (all, per register) and out of scope."""

    name: str
    total: Figures
    by_kind: dict[str, Figures]
    outside: int
    answered: list[str]
    misses: list[str]

    @property
    def abstain(self) -> float:
        return 1 - len(self.answered) / (self.outside or 1)

    def print(self) -> None:
        print(f"\n[relevance] {self.name}: {self.total.line()}")
        for kind, figures in sorted(self.by_kind.items()):
            print(f"    {kind:<7} {figures.line()}")
        print(f"[relevance] {self.name} out of scope: {self.outside} questions"
              f"  abstained {self.abstain:.3f}")  # fmt: skip
        print("\n".join(self.misses + self.answered))

    def check(
        self, *, hit1: float, hit3: float, mrr: float, abstain: float, no_match: float
    ) -> None:
        t = self.total
        assert (
            t.rate(t.hit1) >= hit1
            and t.rate(t.hit3) >= hit3
            and t.rate(t.reciprocal) >= mrr
            and self.abstain >= abstain
            and t.rate(t.no_match) <= no_match
        ), (
            f"{self.name}: hit@1 {t.rate(t.hit1):.3f} (min {hit1}), hit@3 {t.rate(t.hit3):.3f}"
            f" (min {hit3}), MRR {t.rate(t.reciprocal):.3f} (min {mrr}), abstained"
            f" {self.abstain:.3f} (min {abstain}), false no-match {t.rate(t.no_match):.3f}"
            f" (max {no_match})\n" + "\n".join(self.misses + self.answered)
        )


def _top(result: SearchResult) -> str:
    return " | ".join(f"{h.id}" for h in result.hits[:3]) or "(nothing)"


async def _evaluate(search: SearchService, name: str) -> Report:
    questions, outside = load(name)
    total = Figures()
    by_kind: dict[str, Figures] = {}
    misses: list[str] = []
    for q in questions:
        result = await search.search(q.text, limit=DEPTH)
        rank = next((i for i, h in enumerate(result.hits, 1) if h.id in q.expect), None)
        for figures in (total, by_kind.setdefault(q.kind, Figures())):
            figures.add(rank, result.no_match)
        if rank != 1 or result.no_match:
            flag = " NO-MATCH" if result.no_match else ""
            misses.append(f"  rank {rank or '-':>2}{flag}  {q.text!r}  top: {_top(result)}")
    answered: list[str] = []
    for text in outside:
        result = await search.search(text, limit=DEPTH)
        if not result.no_match:
            answered.append(f"  answered  {text!r}  top: {_top(result)}")
    return Report(name, total, by_kind, len(outside), answered, misses)


async def test_whole_questions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    questions, outside = load()
    assert len(questions) >= 80 and len(outside) >= 30
    held_questions, _ = load(HELD_OUT)
    named = {x for q in questions + held_questions for x in q.expect}
    db = await Database.open(tmp_path / "questions.db")
    try:
        services = await app_services(db)
        ingest = await services.ingest.ingest([CONTENT])
        assert not ingest.errors, ingest.errors
        known = {e.id for e in await services.entries.get_many(list(named))}
        tuned = await _evaluate(services.search, "question_queries.yaml")
        held = await _evaluate(services.search, HELD_OUT)
    finally:
        await db.close()
    assert not named - known, f"the question files name entries content/ lacks: {named - known}"
    with capsys.disabled():
        tuned.print()
        held.print()
    kinds = Counter(q.kind for q in questions)
    assert set(kinds) >= {"polite", "casual", "runon", "en", "mixed"}, kinds
    tuned.check(
        hit1=MIN_HIT_AT_1, hit3=MIN_HIT_AT_3, mrr=MIN_MRR, abstain=MIN_ABSTAIN,
        no_match=MAX_FALSE_NO_MATCH,
    )  # fmt: skip
    english = tuned.by_kind["en"]
    assert english.rate(english.hit1) >= MIN_ENGLISH_HIT_AT_1, english.line()
    held.check(**HELD_OUT_FLOORS)


# The issue's examples: what each must find first, and that none is rewritten.
FIRST = [
    ("이력서에 뭘 써야 돼요", {"show-results-not-activities", "resume-strong-signals"}),
    ("kaggle worth it", {"kaggle-without-winning", "which-competition-platform"}),
    ("코테", {"dl-coding-test-pilot-project"}),
    ("코딩테스트", {"dl-coding-test-pilot-project"}),
    ("논문 꼭 읽어야 하나요", {"what-extra-effort-means"}),
    ("나이 서른 넘었는데 늦었나요", {"age-disadvantage"}),
    ("GPT 나오면 개발자 필요 없어지나요", None),
    (
        "I'm not a CS major, can I still get an AI job?",
        {"non-major-disadvantage", "non-major-same-bar"},
    ),
    # A named major and a negated relation read as a non-major, as `not a CS major` does
    ("I studied biology, can I get an AI job", {"non-major-disadvantage", "non-major-same-bar"}),
    ("my major is not related to AI at all", {"non-major-disadvantage", "non-major-same-bar"}),
    # Words no entry has (약대, 약국) beside several known subjects are details, counted half
    (
        "저는 약대 졸업하고 약국 다니다가 비전공으로 AI 엔지니어 되려는데 나이 많아서 불리할까요",
        {"age-disadvantage", "non-major-disadvantage"},
    ),
]
NO_MATCH = ["취준 멘탈 관리", "오늘 점심 뭐 먹지", "연봉 얼마 받아요"]
# What a question is about must be what its answer is about (confidence's focus): a noun no entry
# has beside one known word, and the pay or price a question asks, abstain; an entry that says
# the same words whole answers. Not in the question files: these check the rules, not rankings.
FOCUS = [
    ("테니스 시작하기 좋은 나이", None),  # 시작하기 is a verb: 테니스 stands beside 나이 alone
    ("데이터 엔지니어 월급 얼마", None),  # a topic's name beside an unknown word is no browse
    ("연봉 눈높이 낮춰야 하나요", "age-disadvantage"),
    ("학습 비용 줄어드나요", "ai-trend-hardware-genai"),
    ("RAG 뭐부터 해요", "how-to-study-rag"),  # 뭐부터 is grammar, no unknown noun
    # English: a word no entry has that its position marks a noun, beside one known noun
    ("best age to learn piano", None),  # `to learn` is a verb: piano stands beside age alone
    ("how do I write a resignation letter", None),
    ("부트캠프 수료하면 지원금 나와요?", None),  # 지원금 is a noun, not a verb 지원그+ㅁ
    ("ML 엔지니어 연봉 높은 회사 어디예요", None),  # pay with its level asks a figure
    ("연봉 깎여도 경력 전환 괜찮을까요", "age-disadvantage"),  # pay named, not asked
    # A two-word name (AI Lab) weighs as its rarest word, not as a word no entry has: beside it,
    # what is asked (a dress code, attendance rules) must be found too.
    ("is there a dress code at AI Lab", None),
    ("how strict are the attendance rules at the AI Lab bootcamp", None),
    # Which thing to buy asks for a product: an entry that mentions it (a GPU lent) is no answer.
    ("which GPU should I buy to train models at home", None),
    # Slang for words the entries write out (잠수 for 불참, 선대 확통 for 선형대수 확률통계)
    ("팀원이 계속 잠수타요", "ailab-free-riders"),
    ("비전공인데 선대 확통까지 알아야 하나요", "math-for-non-majors"),
    # The student-years entry says 학생 때; campers say undergrad (an alias since batch 8)
    ("is undergrad research in a lab worth it", "start-early-internship-ra"),
]


async def test_the_issues_examples(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "examples.db")
    try:
        services = await app_services(db)
        await services.ingest.ingest([CONTENT])
        for text, first in FIRST:
            result = await services.search.search(text, limit=3)
            assert result.corrected_query is None, (text, result.corrected_query)
            assert not result.no_match, text
            if first is not None:
                assert result.hits[0].id in first, (text, [h.id for h in result.hits])
        # A derived form reaches its root's alias: 문과생 finds what 문과 finds.
        derived, root = [await services.search.search(q, limit=5) for q in ("문과생", "문과")]
        assert [h.id for h in derived.hits] == [h.id for h in root.hits] and root.hits
        assert {t.id for t in derived.topics} == {"non-major"}
        for text in NO_MATCH:
            result = await services.search.search(text, limit=3)
            assert result.no_match and result.corrected_query is None, text
        for text, answer in FOCUS:
            result = await services.search.search(text, limit=3)
            if answer is None:
                assert result.no_match, (text, result.confidence)
            else:
                assert not result.no_match and result.hits[0].id == answer, (text, result.hits)
    finally:
        await db.close()
