"""What an English word is doing in a question, from the word before it: no dictionary.

English marks a noun and a verb by position more than by form. After a determiner, a possessive,
a preposition or a number a word is a noun (`the morning`, `a resignation letter`, `in college`);
after a subject pronoun, a modal or `to` it is a verb (`I negotiate`, `should I quit`, `to learn`).
The last word of a question right after a verb so marked is its object (`best age to learn
piano`), unless do-support put a subject between (`what do interviewers ask`: the verb). A modal or `do`
that opens a question (first, or after a question word) is inverted: the word after it is its
subject (`will AI replace`, `do companies use`), a verb's -ing complement is a verb too (`keep using`), and a bare `do` inside a clause is the verb
itself (`not do research`), its object unknown. Anything else is left unknown: a word no entry
has may be either.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.text.stopwords import word_set

Role = Literal["noun", "verb"]

_NOUN_BEFORE = word_set(
    """
    a an the my your our their his her its this that these those some any no every each
    of for in on at with about from into by per without
    """
)
_VERB_BEFORE = word_set(
    """
    i you we they he she to can could should would will shall must might may do does did don't
    doesn't didn't can't won't i'll i'd we'll you'll they'll
    """
)
_DO = word_set("do does did don't doesn't didn't")  # do-support: a subject comes between
_AUXILIARY = _DO | word_set("can could should would will shall must might may")
_OPENS = word_set("what how why when where which who whom whose so and or but if , . ? ! ; :")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*|[,.?!;:]")  # punctuation ends a clause


def english_role(text: str, word: str) -> Role | None:
    """The role of `word` (as typed, first occurrence) in `text`, or None when its position
    says nothing (or it is not there)."""
    tokens = _WORD.findall(text.lower())
    target = word.lower()
    if target not in tokens:
        return None
    return _role_at(tokens, tokens.index(target))


def _role_at(tokens: list[str], at: int) -> Role | None:
    before = tokens[at - 1] if at else ""
    if before in _AUXILIARY and (at < 2 or tokens[at - 2] in _OPENS):
        return "noun"  # inverted: the subject of a question (`do companies use pytorch`)
    if before in {"do", "does", "did"}:
        return None  # `do` itself the verb (`not do research`): its object, or anything
    if before in _VERB_BEFORE:
        return "verb"
    if before in _NOUN_BEFORE or before.isdigit():
        return "noun"
    if tokens[at].endswith("ing") and at and _role_at(tokens, at - 1) == "verb":
        return "verb"  # a verb's -ing complement (`keep using`, `start learning`)
    if at == len(tokens) - 1 and at >= 2:
        if tokens[at - 2] in _DO and (at == 2 or tokens[at - 3] in _OPENS):
            return "verb"  # do-support put the subject between: `what do interviewers ask`
        if tokens[at - 2] in _VERB_BEFORE:
            return "noun"  # the object of a verb (`to learn piano`)
    return None


def question_end(text: str, word: str) -> bool:
    """`word` is what an English question comes to: its last word, unless that is the verb of
    its subject (`what do interviewers ask`); an infinitive (`learning to swim`) is."""
    tokens = [t for t in _WORD.findall(text.lower()) if t.isalnum() or "'" in t or "-" in t]
    if not tokens or tokens[-1] != word.lower():
        return False
    return _role_at(tokens, len(tokens) - 1) != "verb" or tokens[-2:-1] == ["to"]
