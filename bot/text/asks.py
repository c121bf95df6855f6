"""What a question asks for, from its question words: which word it asks an amount of, and
whether it asks that amount or only names the word beside what it asks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text.particles import strip_particle
from bot.text.stopwords import is_stopword

# Korean: the word before the amount (`연봉 얼마예요`, `초봉 평균 얼마`, `프로젝트 몇 개`), or
# before `언제`, which asks a date of it as "what time" asks a clock time (`모집 언제 해요`).
_KO = re.compile(r"([^\s\d]+)\s+(?:평균\s+|보통\s+)?(?:얼마|몇|어느\s*정도|언제)")
# ... unless another question word follows: `처음 몇 달은 무슨 일 해요` asks what, over a few months.
_WH_AFTER = re.compile(r"(?:^|\s)(?:무슨|뭐|뭘|뭔|무엇|어떤|어떻게|어디|왜|누구|언제)")
_KO_AMOUNT = re.compile(r"\s*(?:평균\s+|보통\s+)?(?:얼마|몇|어느\s*정도)")
# English: `how much math` asks an amount of math; `how much does it cost` of its last word;
# `what time` asks a clock time.
_EN = re.compile(r"\bhow\s+(?:much|many)\s+([a-z][\w'-]*)|\bwhat\s+(time)\b", re.IGNORECASE)
# `how much is the monthly stipend during the bootcamp`: with the copula, the amount is of the
# noun phrase that follows it (its last word, before a preposition or the end), not the last word.
_EN_COPULA = re.compile(
    r"\bhow\s+(?:much|many)\s+(?:is|are|was|were)\s+(?:the\s+|an?\s+|my\s+|your\s+)?"
    r"(?:[a-z][\w'-]*\s+){0,2}?([a-z][\w'-]*)"
    r"(?=\s+(?:for|during|in|at|of|on|per|with|to|after|before|if|when)\b|\s*[?!.,]|\s*$)",
    re.IGNORECASE,
)
# What to buy (`GPU 뭐 사는게 가성비임`, "what GPU should I buy"): a product, which no advice
# names; the answer must be about the thing bought, not mention it (a GPU the bootcamp lends).
_BUY_KO = re.compile(r"(?:사(?:는게|는거|는|야|면)|살(?:까|지|만한)|구매|구입)\S*")
_BUY_EN = re.compile(r"\b(?:buy|buying|purchase|purchasing)\b", re.IGNORECASE)
_WHICH_EN = re.compile(r"\b(?:what|which)\s+(?:kind\s+of\s+|type\s+of\s+)?([a-z][\w'-]*)", re.I)
_OBJECT_EN = re.compile(r"\s+(?:(?:a|an|the|my|new|some)\s+)*([a-z][\w'-]*)", re.IGNORECASE)
# `when is the next upstage hiring season`, `when does the bootcamp start`: a date, asked of the
# noun phrase's last word (the question's end), as `언제` asks it of the word before it. Advice
# on timing asks with a modal (`when should I apply`), left alone.
_EN_WHEN = re.compile(
    r"\bwhen\s+(?:is|are|was|does|do)\s+(?:the\s+|an?\s+|my\s+)?(?:next\s+)?"
    r"(?:[a-z][\w'-]*\s+){0,3}?([a-z][\w'-]*)\s*[?!.]*\s*$",
    re.IGNORECASE,
)
_AUXILIARIES = frozenset(["do", "does", "did", "is", "are", "was", "were", "will", "would", "should", "can", "could"])  # fmt: skip
# Pay and prices are amounts whatever the question words: `초봉 궁금해요` asks a figure too.
_MONEY = re.compile(
    r"(연봉|초봉|급여|월급|수강료|학비|등록금|비용|가격|환불|무료|공짜)"
    r"|\b(salary|salaries|wages?|earn|earnings|costs?|prices?|tuition|fees?|refunds?)\b"
    # `free` as the predicate (`is the bootcamp free`, `for free`), not before a noun (`free rider`)
    r"|\b(free)\b(?=\s*(?:[?!.,]|$|of\s+charge|for\s|to\s))|(?<=\bfor\s)(free)\b",
    re.IGNORECASE,
)
# `what is the starting salary`, `what's a good salary`: the figure of the noun that follows.
_WHAT_IS = re.compile(
    r"\bwhat(?:'s|\s+is|\s+are|\s+was)\s+(?:the\s+|an?\s+|my\s+)?(?:\w+\s+){0,2}$", re.I
)
# ... and so is pay said with its level (`연봉 높은 회사`, "a high salary", "average salary").
_LEVEL_AFTER = re.compile(r"\s*(?:이|가|은|는)?\s*(?:높|낮|많이\s*주|센|쎈|세다|괜찮|평균)")
_LEVEL_BEFORE = re.compile(
    r"\b(?:high|higher|highest|low|lower|good|better|best|top|average|typical|median|starting"
    r"|entry[\s-]level)\s+$",
    re.IGNORECASE,
)
# A pay word that is not what is asked: given as a reason (`연봉 때문에`, "because of salary"), a
# comparison (`월급보다 중요한 게`, "more than the salary"), or an English verb whose subject is
# the camper or a thing (`I cost too much`, `it would cost`): the question is about something else.
_REASON_AFTER = re.compile(r"\S*\s*때문|보다")
_REASON_BEFORE = re.compile(
    r"\b(?:because\s+of|due\s+to|than|rather\s+than|instead\s+of|over)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SUBJECT_BEFORE = re.compile(
    r"\b(?:i|you|we|they|he|she|it|will|would|could|might|may|must|to)\s+$", re.IGNORECASE
)
_VERBS = frozenset(["cost", "costs", "earn"])
LAST = ""  # the amount is of the question's last word


@dataclass(frozen=True, slots=True)
class Asked:
    """The word a question asks about an amount of (as typed, particles and all; `LAST` for the
    question's last word). `figure`: it asks the amount itself (`연봉 얼마예요`, `초봉 궁금해요`,
    "what is the starting salary"); else it names pay beside another word that says what it
    asks (`연봉 깎이는 거 감수해야 하나요`, `환불 받을 수 있어요`), so an answer must at least
    speak of pay, not be about it."""

    word: str
    figure: bool = True


def asked(text: str) -> Asked | None:
    """What `text` asks an amount of, or None when it asks none (see `Asked`)."""
    named: Asked | None = None
    for pay in _MONEY.finditer(text):
        word, end = _word_at(text, pay.start())
        if (
            _REASON_AFTER.match(text, pay.end())
            or _REASON_BEFORE.search(text, 0, pay.start())
            or (pay.group().lower() in _VERBS and _SUBJECT_BEFORE.search(text, 0, pay.start()))
        ):
            continue
        if (
            _KO_AMOUNT.match(text, end)
            or _LEVEL_AFTER.match(text, end)
            or _LEVEL_BEFORE.search(text, 0, pay.start())
            or _WHAT_IS.search(text, 0, pay.start())
            or _only_grammar(text[end:])
        ):
            return Asked(word)
        named = named or Asked(word, figure=False)
    if (bought := _bought(text)) is not None:
        return Asked(bought)
    if (m := _EN_WHEN.search(text)) and not is_stopword(m.group(1).lower()):
        return Asked(m.group(1).lower())
    if (m := _EN_COPULA.search(text)) and not is_stopword(m.group(1).lower()):
        return Asked(m.group(1).lower())
    if m := _EN.search(text):
        word = (m.group(1) or m.group(2)).lower()
        return Asked(LAST if word in _AUXILIARIES else word)
    if (m := _KO.search(text)) and not _WH_AFTER.search(text, m.end()):
        return Asked(_content_before(text, m.end(1)) or m.group(1))
    return named


def amount_of(text: str) -> str | None:
    """The word a question asks how much or how many of, as typed (`LAST` when it is the
    question's last word); None when it asks no amount."""
    found = asked(text)
    return None if found is None else found.word


def _only_grammar(rest: str) -> bool:
    """Nothing but question words and endings follow (`궁금해요`, `알려주세요`, "?"): the word
    before them is what the question asks."""
    for word in re.findall(r"[^\s?!.,~]+", rest.lower()):
        if not (is_stopword(word) or is_stopword(strip_particle(word))):
            return False
    return True


def _bought(text: str) -> str | None:
    """The thing a question asks which one to buy (`GPU` in "what GPU should I buy", in `GPU 뭐
    사는게 가성비임`), or None."""
    if m := _BUY_EN.search(text):
        which = _WHICH_EN.search(text, 0, m.start())
        if which and not is_stopword(which.group(1).lower()):
            return which.group(1).lower()
        after = _OBJECT_EN.match(text, m.end())
        return after.group(1).lower() if after and not is_stopword(after.group(1).lower()) else None
    for word in re.finditer(r"\S+", text):
        if _BUY_KO.fullmatch(word.group().strip("?!.,~")):
            return _content_before(text, word.start())
    return None


def _content_before(text: str, end: int) -> str | None:
    """The last word before `end` that is no grammar: `시장 앞으로 얼마나` asks how much of 시장
    (앞으로, "from now on", says when)."""
    for word in reversed(text[:end].split()):
        if not (is_stopword(word.lower()) or is_stopword(strip_particle(word.lower()))):
            return word
    return None


def _word_at(text: str, start: int) -> tuple[str, int]:
    """The whole word (as typed, particles and all) that starts at `start` or contains it, and
    where it ends."""
    begin = text.rfind(" ", 0, start) + 1
    end = text.find(" ", start)
    end = end if end >= 0 else len(text)
    return text[begin:end].strip("?!.,"), end
