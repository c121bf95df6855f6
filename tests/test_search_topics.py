"""Topic inference for entries that arrive without topics (raw blog posts)."""

from __future__ import annotations

import re

from bot.corpus.documents import read_document
from bot.corpus.taxonomy import parse_taxonomy
from bot.models import Topic
from bot.search.topics import TopicMatcher
from bot.text import fold, has_hangul, words
from tests.helpers_ingest import REPO, corpus_dir

TOPICS = [
    Topic("grad-school", "대학원", "Grad school", aliases=("석사", "박사", "grad school")),
    Topic("portfolio", "포트폴리오", "Portfolio", aliases=("포폴", "깃허브", "github")),
    Topic("resume", "이력서·자소서", "Resume", aliases=("이력서", "자소서", "CV")),
    Topic("kaggle", "캐글", "Kaggle", aliases=("kaggle", "경진대회")),
]


def test_title_mention_is_enough() -> None:
    assert TopicMatcher(TOPICS)("대학원 진학이 고민이라면?", "냉정하게 생각해 보세요.") == (
        "grad-school",
    )


def test_one_body_mention_is_not_enough_two_are() -> None:
    assert TopicMatcher(TOPICS)("고민", "깃허브에 올리세요.") == ()
    assert TopicMatcher(TOPICS)("고민", "깃허브에 올리고 GitHub 주소를 적으세요.") == ("portfolio",)


def test_best_supported_first_and_limited() -> None:
    title = "석사 학위와 이력서"
    body = "이력서에 석사 논문을 쓰세요. 석사 과정에서 캐글 대회도 했고 Kaggle 경진대회도 했습니다."
    found = TopicMatcher(TOPICS)(title, body)
    assert found[0] == "grad-school"
    assert set(found) == {"grad-school", "resume", "kaggle"}
    assert TopicMatcher(TOPICS)(title, body, limit=1) == ("grad-school",)


def test_latin_aliases_match_whole_words_and_short_ones_count_half() -> None:
    # "cv" inside a word is not an alias hit; a lone CV twice is (computer vision, maybe: half).
    assert TopicMatcher(TOPICS)("모델", "CVPR 논문") == ()
    assert TopicMatcher(TOPICS)("모델", "CV와 NLP, CV 모델") == ()
    assert TopicMatcher(TOPICS)("CV 잘 쓰는 법", "") == ()
    assert TopicMatcher(TOPICS)("CV 잘 쓰는 법", "CV는 짧게") == ("resume",)


def test_nothing_to_infer() -> None:
    assert TopicMatcher(TOPICS)("", "") == ()
    assert TopicMatcher([])("대학원", "") == ()


def _reference(title: str, body: str, topics: list[Topic], limit: int = 3) -> tuple[str, ...]:
    """The rule spelt out the slow way: every form of every topic counted in both texts."""

    def count(form: str, text: str) -> int:
        folded = fold(text)
        if form.isascii():
            pattern = r"(?<![a-z0-9])" + r"\s*".join(re.escape(w) for w in form.split())
            return len(re.findall(pattern, folded))
        return folded.replace(" ", "").count(form.replace(" ", ""))

    scores: dict[str, float] = {}
    for topic in topics:
        names = (topic.name_ko, topic.name_en, *topic.aliases)
        score = 0.0
        for form in dict.fromkeys(" ".join(words(n)) for n in names if words(n)):
            short = len(form.replace(" ", "")) < (2 if has_hangul(form) else 3)
            weight = 0.5 if short else 1.0
            score += 3.0 * weight if count(form, title) else 0.0
            score += min(count(form, body), 3) * weight
        if score >= 2.0:
            scores[topic.id] = score
    return tuple(sorted(scores, key=lambda t: (-scores[t], t))[:limit])


def _corpus_texts() -> list[tuple[str, str]]:
    paths = [*sorted(corpus_dir().iterdir()), *sorted((REPO / "content").rglob("*.md"))]
    texts: list[tuple[str, str]] = []
    for path in paths:
        doc = read_document(path.read_bytes(), display_path=path.name, strict_topics=False)
        texts.extend((d.title, d.body) for d in doc.drafts)
    return texts


def test_matcher_agrees_with_the_rule_on_real_text() -> None:
    """The indexed matcher (needles filed by first character) finds what counting every form of
    every topic finds, on the real posts and the shipped entries, against the real taxonomy."""
    taxonomy = parse_taxonomy((REPO / "content" / "topics.yaml").read_bytes())
    matcher = TopicMatcher(taxonomy)
    texts = _corpus_texts()
    assert len(texts) > 200
    found = [matcher(title, body) for title, body in texts]
    assert found == [_reference(title, body, taxonomy) for title, body in texts]
    assert sum(1 for topics in found if topics) > len(texts) // 2  # the rule does fire


def test_matcher_finds_forms_that_overlap_or_contain_each_other() -> None:
    # 대학 inside 대학원, 코테 beside 코딩 테스트, a latin form in the middle of Korean text
    topics = [
        Topic("school", "대학", "College", aliases=("학부",)),
        Topic("grad-school", "대학원", "Grad school", aliases=("석사",)),
        Topic("coding-test", "코딩 테스트", "Coding test", aliases=("코테", "leetcode")),
    ]
    matcher = TopicMatcher(topics)
    assert matcher("대학원 갈까요?", "") == ("grad-school", "school")
    assert matcher("준비", "코딩테스트와 코테, LeetCode로") == ("coding-test",)
    assert matcher("준비", "코딩테스트 하나") == ()
    assert matcher("", "") == ()
