"""English ways of saying what the taxonomy names in one word: a negated major, an age by decade.

`I'm not a CS major` is about non-majors, but word by word it is `cs` and `major` (`not` is no
evidence), which finds entries about majors; `in my late thirties` is about age, which no word of
it says. Such phrases are rewritten to the taxonomy's Korean name before the query is planned.
"""

from __future__ import annotations

import re

from bot.text.glossary import synonyms
from bot.text.stopwords import is_stopword, word_set

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


# A major named as such (`a biology major`, `my degree is in chemistry`, `majored in music`,
# `I studied biology`) is a background like `not CS`, when the field is not computing's: the
# word before `major` is the field unless it only says which degree or when (`a new grad`).
_COMPUTING = (
    rf"(?:{_CS}|ai|ml|data(?:\s+science)?|computing|computers?|software|programming|coding|tech)"
)
_NOT_A_FIELD = word_set(
    """
    a an the my your our their his her its this that what which one double new recent fresh
    former current college university uni school high bootcamp phd master's masters master
    bachelor's bachelors bachelor undergrad undergraduate grad graduate i i'm am was is science
    """
)
_FIELD = r"([a-z][a-z'-]+)"
_MAJORS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b{_FIELD}\s+(?:major|grad|graduate|degree)\b(?!\s+(?:school|student|program))",
        rf"\b(?:major(?:ed)?|degree|background|graduated|phd|bachelor'?s|master'?s)\s+(?:is\s+|was\s+)?in\s+{_FIELD}\b",
        rf"\bmy\s+(?:major|degree)\s+(?:is|was)\s+{_FIELD}\b",
        rf"\bi\s+studied\s+{_FIELD}(?=\s*(?:[,.!?;]|$|\s+(?:in|at)\s+(?:college|uni|university|school)|\s+and\b|\s+but\b))",
    )
)
# My major has nothing to do with computers / is not related to AI / is unrelated to CS.
_UNRELATED = re.compile(
    r"\b(?:major|degree|background|studies|field)\b[^.?!]{0,30}?"
    rf"\b(?:not|nothing|never|un)[\s-]*(?:\w+\s+)?(?:related|relevant|to\s+do)\b[^.?!]{{0,20}}?"
    rf"\b(?:to|with)\s+{_COMPUTING}\b(?:\s+at\s+all)?",
    re.IGNORECASE,
)
_NO_BACKGROUND = re.compile(
    rf"\b(?:zero|little|no|without\s+an?|without)\s+{_COMPUTING}\s+(?:background|experience|degree)\b",
    re.IGNORECASE,
)


def _field(match: re.Match[str]) -> str:
    """A named major's field rewritten as a non-major, kept when the glossary knows it (`math`,
    `linguistics` have entries of their own); a word that names no field is left as it was, and
    so is what one studied when the glossary knows it (`I studied python` is no major)."""
    field = match.group(1).lower()
    if field in _NOT_A_FIELD or is_stopword(field) or re.fullmatch(_COMPUTING, field, re.I):
        return match.group(0)
    if synonyms(field):
        studied = match.group(0).lower().startswith("i ")
        return match.group(0) if studied else f"{field} 비전공자"
    return "비전공자"


def english_register(text: str) -> str:
    """`text` with English phrasings of a taxonomy word rewritten to it (`not a CS major` ->
    `비전공자`, the taxonomy's name); other text unchanged."""
    if not text.isascii() and not re.search(r"[A-Za-z]{3}", text):
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    text = _UNRELATED.sub("비전공자", text)
    text = _NO_BACKGROUND.sub("비전공자", text)
    for pattern in _MAJORS:
        text = pattern.sub(_field, text)
    return text
