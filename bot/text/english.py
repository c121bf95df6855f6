"""English inflections a camper types that the index may hold in another form.

The index is searched by prefix, so a base form finds its inflections (`prompt` finds
`prompting`, `interview` finds `interviewers`) but not the other way round. `base_forms` undoes
the common suffixes, most likely first; the planner keeps those the index has. No dictionary:
a wrong guess is a prefix the index lacks, or one the reranker weighs like any other form.
"""

from __future__ import annotations

from functools import lru_cache

MIN_BASE = 4  # letters: a shorter base is the prefix of too many other words (dig: digital)
_VOWELS = frozenset("aeiou")


def _undouble(stem: str) -> str:
    """`digg` -> `dig`, `plann` -> `plan` (a consonant doubled before -ing/-ed)."""
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS and stem[-1] not in "ls":
        return stem[:-1]
    return stem


@lru_cache(maxsize=8192)
def base_forms(word: str) -> tuple[str, ...]:
    """Likely base forms of a folded English word, most likely first (may be empty):
    `studies` -> (study,), `prompting` -> (prompt, prompte), `hiring` -> (hire,), `hired` ->
    (hire,), `interviewers` -> (interviewer, interview). The planner keeps those the index has."""
    if not word.isascii() or not word.isalpha() or len(word) < 4:
        return ()
    found: list[str] = []

    def add(*forms: str) -> None:
        found.extend(f for f in forms if len(f) >= MIN_BASE and f != word and f not in found)

    if word.endswith(("ies", "ied")):
        add(word[:-3] + "y")
    elif word.endswith("ing") and len(word) >= 6:
        stem = word[:-3]
        add(stem, stem + "e", _undouble(stem))
    elif word.endswith("ed") and len(word) >= 5:
        stem = word[:-2]
        add(stem, word[:-1], _undouble(stem))
    elif (word.endswith("es") and word[-3] in "sxz") or word.endswith(("ches", "shes")):
        add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        add(word[:-1])
    singular = found[0] if found and word.endswith("s") else word
    if singular.endswith("er") and not singular.endswith("eer"):  # engineer, career stay
        add(singular[:-2])  # interviewer -> interview, learner -> learn
    if word.endswith("ly") and len(word) >= 6:
        add(word[:-2])
    return tuple(found)
