"""What a question asks for, from its question words: here, which word it asks an amount of."""

from __future__ import annotations

import re

# Korean: the word before the amount (`연봉 얼마예요`, `초봉 평균 얼마`, `프로젝트 몇 개`).
_KO = re.compile(r"([^\s\d]+)\s+(?:평균\s+|보통\s+)?(?:얼마|몇)")
# English: `how much math` asks an amount of math; `how much does it cost` of its last word.
_EN = re.compile(r"\bhow\s+(?:much|many)\s+([a-z][\w'-]*)", re.IGNORECASE)
_AUXILIARIES = frozenset(
    ["do", "does", "did", "is", "are", "was", "were", "will", "would", "should", "can", "could"]
)
LAST = ""  # the amount is of the question's last word


def amount_of(text: str) -> str | None:
    """The word a question asks how much or how many of, as typed (`LAST` when it is the
    question's last word); None when it asks no amount."""
    if m := _EN.search(text):
        word = m.group(1).lower()
        return LAST if word in _AUXILIARIES else word
    if m := _KO.search(text):
        return m.group(1)
    return None
