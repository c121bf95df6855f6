"""Split text into the words search works with.

The split mirrors SQLite's `unicode61` tokenizer (letters and digits; everything else separates),
plus one difference for queries: a Latin run and a Hangul run are separate words (`AI엔지니어`
-> `ai`, `엔지니어`), because campers space them either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text.normalize import fold
from bot.text.particles import PARTICLES, strip_particle
from bot.text.predicates import predicate
from bot.text.stopwords import is_chat, is_stopword

_HANGUL = "가-힣ㄱ-ㆎ"
# A language or platform whose name is punctuation (c++, c#, .net, node.js) stays one word: split,
# it left a letter or two the query drops as noise (`C++로 봐야` lost its subject); no entry
# has it whole, so search reads it as a word the index lacks instead of no word at all.
_NAMED = r"(?<![a-z0-9])(?:[a-z]+(?:\+\+|#)|\.net|[a-z]+\.js)(?![a-z0-9])"
# Digits stick to the Hangul that follows them (3기, 6개월); Latin runs keep their digits (gpt4).
_WORD = re.compile(rf"{_NAMED}|[0-9]*[{_HANGUL}]+|[^\W_{_HANGUL}]+")
MAX_TERMS = 16
# Bound nouns that are noise with or without a particle: 개가, 것이, 수는, 뭐가...
_BOUND = frozenset(
    (
        "개",
        "것",
        "거",
        "수",
        "때",
        "몇",
        "뭐",
        "뭘",
        "저",
        "제",
        "무엇",
        "어디",
        "누구",
        "얼마",
        "쪽",
    )
)
_BOUND_PARTICLES = frozenset("이가은는을를도만의에")


def words(text: str) -> list[str]:
    """Folded words: `포폴 몇 개가 좋아요?` -> [포폴, 몇, 개가, 좋아요]."""
    return _WORD.findall(fold(text))


def _latin_stem(word: str) -> str:
    # "resumes" -> "resume", "interviews" -> "interview": FTS prefix search covers the plural.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        return word[:-1]
    return word


def stem(word: str) -> str:
    """The searchable stem of one folded word."""
    if word[:1].isascii():
        return _latin_stem(word)
    return strip_particle(word)


def _is_bound(word: str) -> bool:
    """A bound noun under a particle (`개가`, `것보다`, `쪽으로`): grammar, not a subject."""
    if len(word) >= 2 and word[-1] in _BOUND_PARTICLES and word[:-1] in _BOUND:
        return True
    return any(word[:n] in _BOUND and word[n:] in PARTICLES for n in (1, 2) if len(word) > n)


def _glued_grammar(word: str) -> bool:
    """A question word of two syllables or more run into a light verb or another question word
    (`어케해야됨`, `어떻게해요`, `뭐라고해요`): grammar typed without a space."""
    for cut in range(2, len(word) - 1):
        head, rest = word[:cut], word[cut:]
        if is_stopword(head) and (
            is_stopword(rest) or ((verb := predicate(rest)) is not None and verb.light)
        ):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Term:
    """One query word: `word` as typed (folded) and its `stem` (particles and endings off)."""

    word: str
    stem: str


def query_terms(text: str, *, limit: int = MAX_TERMS) -> list[Term]:
    """The content words of a query, in order: stopwords, light verbs and auxiliaries (써야 돼요)
    and one-letter Latin noise dropped. Other predicates are read as such by the query planner,
    which knows whether the index has the word as typed (`엔지니어도` is a noun and a particle)."""
    terms: list[Term] = []
    for word in words(text):
        if len(terms) >= limit:
            break
        base = stem(word)
        if is_stopword(word) or is_stopword(base) or _is_bound(word) or is_chat(word):
            continue
        if word.isascii() and len(word) < 2:
            continue
        if (verb := predicate(word)) is not None and (verb.light or is_stopword(verb.stem)):
            continue  # 써야, 돼요, 하냐: the question's grammar
        if _glued_grammar(word):
            continue  # 어케해야됨: 어케 (어떻게) and 해야됨 typed as one word
        terms.append(Term(word, base))
    return terms
