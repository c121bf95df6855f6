"""Cohort rules that need no storage: names, thread names, which cohort, forum tags."""

from __future__ import annotations

import pytest

from bot.cohorts.names import fit, number_in, thread_name, units
from bot.cohorts.rules import match_tags, pick_cohort
from bot.models import Topic
from bot.models.cohorts import Cohort, Subject, name_key


def cohort(cid: int, *, channel: int, role: int | None = None, active: bool = True) -> Cohort:
    return Cohort(
        id=cid,
        guild_id=1,
        name=f"c{cid}",
        channel_id=channel,
        channel_kind="text",
        role_id=role,
        state="active" if active else "archived",
    )


def test_name_keys_ignore_case_width_and_spacing() -> None:
    assert name_key("AI Lab 3기") == name_key("ai  lab 3 기") == name_key("ＡＩ Ｌａｂ ３기")
    assert name_key("AI Lab 3기") != name_key("AI Lab 4기")


def test_number_comes_from_the_name() -> None:
    assert number_in("AI Lab 3기") == 3
    assert number_in("부스트캠프 AI Tech 7 기") == 7
    assert number_in("Alumni") is None


def test_thread_name_fits_and_keeps_short_titles_whole() -> None:
    assert thread_name("3기", "포트폴리오는 적게, 깊게") == "[3기] 포트폴리오는 적게, 깊게"


@pytest.mark.parametrize(
    "title",
    [
        "포트폴리오는 " * 30,  # Korean words
        "가" * 200,  # no spaces: cut between syllables
        "🚀" * 80,  # astral emoji count two units each
        "👩‍💻 " + "개발자 " * 40,  # a ZWJ sequence then words
        "a" * 96 + "🚀🚀",  # the limit falls inside a surrogate pair
        "🇰🇷" * 40,  # flags are pairs of regional indicators
        "한글 " + "\u1100\u119e\u11a8" * 60,  # old Hangul (stays decomposed): whole syllables
    ],
)
def test_thread_names_at_the_limit(title: str) -> None:
    name = thread_name("AI Lab 3기", title)
    assert units(name) <= 100
    assert name.startswith("[AI Lab 3기] ")
    assert name.endswith("…")
    name.encode("utf-8")  # no lone surrogate
    body = name.removeprefix("[AI Lab 3기] ").removesuffix("…")
    assert title.replace("  ", " ").startswith(body.rstrip())
    last = body[-1]
    assert last not in ("\u200d", "\ufe0f") and not 0x1160 <= ord(last) <= 0x11A7  # no V jamo end


def test_cut_prefers_a_word_boundary() -> None:
    text = "토론 주제 " * 30
    cut = fit(text, 100)
    assert cut.endswith(("주제…", "토론…"))
    assert fit("가" * 200, 100) == "가" * 99 + "…"
    flags = fit("🇰🇷" * 40, 11)  # 10 units of budget: two whole flags and a half are left
    assert flags == "🇰🇷🇰🇷…"


def test_pick_prefers_channel_then_role_then_the_only_one() -> None:
    a, b = cohort(1, channel=10, role=100), cohort(2, channel=20, role=200)
    old = cohort(3, channel=30, role=300, active=False)
    everyone = [a, b, old]
    assert pick_cohort(everyone, channel_ids=[555, 20], role_ids=[100]).cohort == b
    assert pick_cohort(everyone, channel_ids=[30], role_ids=[]).cohort is None  # archived
    assert pick_cohort(everyone, channel_ids=[1], role_ids=[100]).cohort == a
    assert pick_cohort([a, old], channel_ids=[1], role_ids=[]).cohort == a
    asked = pick_cohort(everyone, channel_ids=[1], role_ids=[])
    assert asked.cohort is None and asked.ask == (a, b)
    both = pick_cohort(everyone, channel_ids=[1], role_ids=[100, 200])
    assert both.cohort is None and both.ask == (a, b)
    assert pick_cohort([old], channel_ids=[1], role_ids=[]).reason == "none"
    # An archived cohort's role picks nothing; two roles among three cohorts ask between the two.
    assert pick_cohort(everyone, channel_ids=[1], role_ids=[300]).ask == (a, b)
    c = cohort(4, channel=40, role=400)
    asked_two = pick_cohort([a, b, c], channel_ids=[1], role_ids=[100, 400])
    assert asked_two.cohort is None and asked_two.ask == (a, c)


def test_forum_tags_match_topics_by_either_name_at_most_five() -> None:
    topics = [
        Topic("portfolio", "포트폴리오", "Portfolio"),
        Topic("interview", "면접", "Interview"),
        Topic("resume", "이력서", "Resume"),
        Topic("network", "네트워킹", "Networking"),
        Topic("study", "공부", "Study"),
        Topic("career", "커리어", "Career"),
        Topic("nothing", "없음", "None here"),
    ]
    tags = [
        (1, "portfolio"),
        (2, "면접"),
        (3, "이력서"),
        (4, "Networking"),
        (5, "#공부"),
        (6, "Career"),
        (7, "잡담"),
    ]
    assert match_tags(tags, topics) == [1, 2, 3, 4, 5]
    assert match_tags(tags, topics[5:]) == [6]
    assert match_tags([], topics) == []
    many = [(i, f"tag{i}") for i in range(30)] + [(99, "포트폴리오")]
    assert match_tags(many, topics) == []  # a forum has at most 20 tags: the 31st is not one


def test_subjects_round_trip() -> None:
    import datetime as dt

    for subject in (Subject.entry("portfolio-few-and-deep"), Subject.tip(dt.date(2026, 12, 1))):
        assert Subject.decode(subject.encode()) == subject
    with pytest.raises(ValueError):
        Subject.decode("thread:1")
