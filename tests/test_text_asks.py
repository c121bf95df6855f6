"""What a question asks: the word it asks an amount of (the focus a confident answer must be
about), and English phrasings of a taxonomy word (a negated major, an age by decade)."""

from __future__ import annotations

import pytest

from bot.text import amount_of, english_register
from bot.text.asks import LAST


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("연봉 얼마예요", "연봉"),
        ("신입 초봉 평균 얼마예요", "초봉"),
        ("포트폴리오에 프로젝트 몇 개 있어야 돼요", "프로젝트"),
        ("비전공이면 수학 얼마나 알아야 돼", "수학"),
        ("how much math do I need", "math"),
        ("how many projects should my portfolio have", "projects"),
        ("how much does the bootcamp cost", "cost"),
        ("how much does a GPU server draw", LAST),
        ("AI 엔지니어 신입 연봉 보통 어느 정도예요", "연봉"),
        ("데이터 사이언티스트 초봉 궁금해요", "초봉"),  # pay is an amount without 얼마
        ("대학원 가면 학비랑 생활비 부담", "학비랑"),
        ("what should I learn first", None),  # learn is no earn
        ("연봉 때문에 경력자 채용 꺼리나요", None),  # a reason, not what is asked
        ("do companies avoid older hires because of salary", None),
        ("이력서에 뭘 써야 돼요", None),
        ("should I learn pytorch or tensorflow", None),
    ],
)
def test_amount_of(text: str, word: str | None) -> None:
    assert amount_of(text) == word


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        (
            "I'm not a CS major, will that hurt my chances?",
            "I'm 비전공자, will that hurt my chances?",
        ),
        ("I didn't major in computer science", "I 비전공자"),
        ("my degree is in economics, not CS.", "my degree is in economics 비전공자."),
        ("a non-technical background", "a 비전공자"),
        ("no CS degree", "비전공자"),
        ("is it too late in my late thirties", "is it too late 나이"),
        ("I'm 40, is it too late", "나이, is it too late"),
        ("should I learn pytorch or tensorflow", "should I learn pytorch or tensorflow"),
        ("비전공 IT 취업", "비전공 IT 취업"),
    ],
)
def test_english_register(text: str, rewritten: str) -> None:
    assert english_register(text) == rewritten
