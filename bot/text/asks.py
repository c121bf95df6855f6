"""What a question asks for, from its question words: here, which word it asks an amount of."""

from __future__ import annotations

import re

# Korean: the word before the amount (`연봉 얼마예요`, `초봉 평균 얼마`, `프로젝트 몇 개`).
_KO = re.compile(r"([^\s\d]+)\s+(?:평균\s+|보통\s+)?(?:얼마|몇|어느\s*정도)")
# English: `how much math` asks an amount of math; `how much does it cost` of its last word.
_EN = re.compile(r"\bhow\s+(?:much|many)\s+([a-z][\w'-]*)", re.IGNORECASE)
_AUXILIARIES = frozenset(["do", "does", "did", "is", "are", "was", "were", "will", "would", "should", "can", "could"])  # fmt: skip
# Pay and prices are amounts whatever the question words: `초봉 궁금해요` asks a figure too.
_MONEY = re.compile(
    r"(연봉|초봉|급여|월급|수강료|학비|등록금|비용|가격|환불)"
    r"|\b(salary|salaries|wages?|earn|earnings|costs?|prices?|tuition|fees?|refunds?)\b",
    re.IGNORECASE,
)
# ... unless it is given as a reason (`연봉 때문에 꺼리나요`, "because of salary"): then the question
# asks about something else, and the word is context.
_REASON_AFTER = re.compile(r"\S*\s*때문")
_REASON_BEFORE = re.compile(r"\b(?:because\s+of|due\s+to)\s+(?:\w+\s+)?$", re.IGNORECASE)
LAST = ""  # the amount is of the question's last word


def amount_of(text: str) -> str | None:
    """The word a question asks how much or how many of, as typed (`LAST` when it is the
    question's last word); None when it asks no amount."""
    for pay in _MONEY.finditer(text):
        given = _REASON_AFTER.match(text, pay.end()) or _REASON_BEFORE.search(text, 0, pay.start())
        if not given:
            return _word_at(text, pay.start())
    if m := _EN.search(text):
        word = m.group(1).lower()
        return LAST if word in _AUXILIARIES else word
    if m := _KO.search(text):
        return m.group(1)
    return None


def _word_at(text: str, start: int) -> str:
    """The whole word (as typed, particles and all) that starts at `start` or contains it."""
    begin = text.rfind(" ", 0, start) + 1
    end = text.find(" ", start)
    return text[begin : end if end >= 0 else len(text)].strip("?!.,")
