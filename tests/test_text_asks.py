"""Which word a question asks an amount of: the focus a confident answer must be about."""

from __future__ import annotations

import pytest

from bot.text import amount_of
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
        ("how much does the bootcamp cost", LAST),
        ("이력서에 뭘 써야 돼요", None),
        ("should I learn pytorch or tensorflow", None),
    ],
)
def test_amount_of(text: str, word: str | None) -> None:
    assert amount_of(text) == word
