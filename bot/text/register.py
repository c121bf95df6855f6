"""English ways of saying what the taxonomy names in one word: a negated major, an age by decade.

`I'm not a CS major` is about non-majors, but word by word it is `cs` and `major` (`not` is no
evidence), which finds entries about majors; `in my late thirties` is about age, which no word of
it says. Such phrases are rewritten to the taxonomy's Korean name before the query is planned.
"""

from __future__ import annotations

import re

_CS = r"(?:cs|computer\s+science|computer\s+engineering|software\s+engineering|engineering|it)"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        # not a CS major / not CS majors / a non-CS major / no CS degree / without a CS background
        (
            rf"\b(?:not|non)[\s-]+(?:an?\s+)?{_CS}[\s-]+(?:major|grad|graduate|student)s?\b",
            "비전공자",
        ),
        (rf"\b(?:no|without\s+an?|non)[\s-]+{_CS}[\s-]+(?:degree|background|major)\b", "비전공자"),
        # didn't major in CS / never studied computer science / did not study engineering
        (
            rf"\b(?:didn'?t|did\s+not|never|don'?t|do\s+not)\s+(?:major(?:ed)?|stud(?:y|ied))\s+(?:in\s+)?{_CS}\b",
            "비전공자",
        ),
        # my degree is in economics, not CS
        (rf",?\s*\bnot\s+(?:in\s+)?{_CS}\b", " 비전공자"),
        # a non-technical background, non-tech
        (r"\bnon[\s-]*tech(?:nical)?(?:\s+background)?\b", "비전공자"),
        (r"\b(?:humanities|liberal\s+arts)\b", "비전공자"),
        # in my (late) thirties, at 35, 35 years old
        (
            r"\b(?:in\s+my\s+)?(?:early\s+|mid\s+|late\s+)?(?:twenties|thirties|forties|fifties)\b",
            "나이",
        ),
        (r"\b[2-5]\d\s+years?\s+old\b", "나이"),
        (r"\b(?:i'?m|i\s+am|at|turning)\s+[2-5]\d\b(?!\s*%)", "나이"),
    )
)


def english_register(text: str) -> str:
    """`text` with English phrasings of a taxonomy word rewritten to it (`not a CS major` ->
    `비전공자`, the taxonomy's name); other text unchanged."""
    if not text.isascii() and not re.search(r"[A-Za-z]{3}", text):
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
