"""Topic inference for entries that arrive without topics (raw blog posts)."""

from __future__ import annotations

from bot.models import Topic
from bot.search import infer_topics

TOPICS = [
    Topic("grad-school", "대학원", "Grad school", aliases=("석사", "박사", "grad school")),
    Topic("portfolio", "포트폴리오", "Portfolio", aliases=("포폴", "깃허브", "github")),
    Topic("resume", "이력서·자소서", "Resume", aliases=("이력서", "자소서", "CV")),
    Topic("kaggle", "캐글", "Kaggle", aliases=("kaggle", "경진대회")),
]


def test_title_mention_is_enough() -> None:
    assert infer_topics("대학원 진학이 고민이라면?", "냉정하게 생각해 보세요.", TOPICS) == (
        "grad-school",
    )


def test_one_body_mention_is_not_enough_two_are() -> None:
    assert infer_topics("고민", "깃허브에 올리세요.", TOPICS) == ()
    assert infer_topics("고민", "깃허브에 올리고 GitHub 주소를 적으세요.", TOPICS) == ("portfolio",)


def test_best_supported_first_and_limited() -> None:
    title = "석사 학위와 이력서"
    body = "이력서에 석사 논문을 쓰세요. 석사 과정에서 캐글 대회도 했고 Kaggle 경진대회도 했습니다."
    found = infer_topics(title, body, TOPICS)
    assert found[0] == "grad-school"
    assert set(found) == {"grad-school", "resume", "kaggle"}
    assert infer_topics(title, body, TOPICS, limit=1) == ("grad-school",)


def test_latin_aliases_match_whole_words_and_short_ones_count_half() -> None:
    # "cv" inside a word is not an alias hit; a lone CV twice is (computer vision, maybe: half).
    assert infer_topics("모델", "CVPR 논문", TOPICS) == ()
    assert infer_topics("모델", "CV와 NLP, CV 모델", TOPICS) == ()
    assert infer_topics("CV 잘 쓰는 법", "", TOPICS) == ()
    assert infer_topics("CV 잘 쓰는 법", "CV는 짧게", TOPICS) == ("resume",)


def test_nothing_to_infer() -> None:
    assert infer_topics("", "", TOPICS) == ()
    assert infer_topics("대학원", "", []) == ()
