"""Infer an entry's topics from the taxonomy words in its text (for posts filed without any)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.models import Topic
from bot.text import fold, has_hangul, words

TITLE_WEIGHT = 3.0
MAX_BODY_HITS = 3  # per name: a post that repeats one word is not more about it
THRESHOLD = 2.0  # a title mention, or two body mentions


def _form(name: str) -> str:
    return " ".join(words(name))


def _ambiguous(form: str) -> bool:
    """`CV` (résumé or computer vision?), a one-syllable alias: half weight."""
    if has_hangul(form):
        return len(form.replace(" ", "")) < 2
    return len(form.replace(" ", "")) <= 2


@lru_cache(maxsize=2048)
def _latin(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + r"\s*".join(re.escape(w) for w in form.split()))


class _Text:
    """One text in the two shapes forms are matched against."""

    __slots__ = ("chars", "folded", "squashed")

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        self.squashed = self.folded.replace(" ", "")
        self.chars = frozenset(self.folded)

    def count(self, form: str, latin: bool) -> int:
        if latin:
            return len(_latin(form).findall(self.folded))
        return self.squashed.count(form.replace(" ", ""))


class TopicMatcher:
    """A taxonomy compiled for inference: build it once, call it for every entry.

    Every name and alias is a form; a form has a needle, a substring of any text it matches (a
    latin form's first word in the folded text, a Korean form without spaces in the squashed).
    Needles are filed under their first character, so one entry tests only the needles that
    start with a character it contains, not all of them (ingestion asks for every entry of every
    post: the taxonomy has hundreds of forms, an entry a few dozen distinct characters).
    """

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._ids: list[str] = []
        # needle -> (latin?, [(topic index, form, weight)])
        self._needles: dict[str, tuple[bool, list[tuple[int, str, float]]]] = {}
        for index, topic in enumerate(topics):
            self._ids.append(topic.id)
            names = (topic.name_ko, topic.name_en, *topic.aliases)
            for form in dict.fromkeys(f for f in map(_form, names) if f):
                latin = form.isascii()
                needle = form.split()[0] if latin else form.replace(" ", "")
                weight = 0.5 if _ambiguous(form) else 1.0
                self._needles.setdefault(needle, (latin, []))[1].append((index, form, weight))
        # first character -> needles, for each of the two shapes of text
        self._korean: dict[str, list[str]] = {}
        self._latin: dict[str, list[str]] = {}
        for needle, (latin, _) in self._needles.items():
            (self._latin if latin else self._korean).setdefault(needle[0], []).append(needle)
        self._korean_firsts = frozenset(self._korean)
        self._latin_firsts = frozenset(self._latin)

    def _present(self, text: _Text) -> list[str]:
        squashed, folded, chars = text.squashed, text.folded, text.chars
        found = [n for c in self._korean_firsts & chars for n in self._korean[c] if n in squashed]
        found += [n for c in self._latin_firsts & chars for n in self._latin[c] if n in folded]
        return found

    def __call__(self, title: str, body: str, *, limit: int = 3) -> tuple[str, ...]:
        """Ids of the topics whose name or alias the entry names in its title, or twice in its
        body; the best-supported first, at most `limit`."""
        scores = [0.0] * len(self._ids)
        head, text = _Text(title), _Text(body)
        for needle in self._present(head):
            latin, forms = self._needles[needle]
            for index, form, weight in forms:
                if head.count(form, latin):
                    scores[index] += TITLE_WEIGHT * weight
        for needle in self._present(text):
            latin, forms = self._needles[needle]
            for index, form, weight in forms:
                scores[index] += min(text.count(form, latin), MAX_BODY_HITS) * weight
        ranked = sorted(
            (i for i, score in enumerate(scores) if score >= THRESHOLD),
            key=lambda i: (-scores[i], self._ids[i]),
        )
        return tuple(dict.fromkeys(self._ids[i] for i in ranked))[:limit]
