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


@lru_cache(maxsize=512)
def _weighted_forms(topic: Topic) -> tuple[tuple[str, float, str], ...]:
    """A topic's names and aliases as (form, weight, needle), computed once per taxonomy version
    (ingestion asks for every entry of every post). The needle is a substring of any match: a
    latin form's first word in the folded text, a Korean form without spaces in the squashed."""
    forms = dict.fromkeys(
        f for f in map(_form, (topic.name_ko, topic.name_en, *topic.aliases)) if f
    )
    return tuple(
        (
            form,
            0.5 if _ambiguous(form) else 1.0,
            form.split()[0] if form.isascii() else form.replace(" ", ""),
        )
        for form in forms
    )


@lru_cache(maxsize=2048)
def _latin(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + r"\s*".join(re.escape(w) for w in form.split()))


def _count(form: str, folded: str, squashed: str) -> int:
    if form.isascii():
        return len(_latin(form).findall(folded))
    return squashed.count(form.replace(" ", ""))


def infer_topics(
    title: str, body: str, topics: Iterable[Topic], *, limit: int = 3
) -> tuple[str, ...]:
    """Ids of the topics whose name or alias the entry names in its title, or twice in its body.

    Pure; the best-supported topics first, at most `limit`. Ingestion calls it for entries that
    arrive without topics (raw blog posts).
    """
    title_folded = fold(title)
    title_squashed = title_folded.replace(" ", "")
    body_folded = fold(body)
    body_squashed = body_folded.replace(" ", "")
    scores: dict[str, float] = {}
    for topic in topics:
        score = 0.0
        for form, weight, needle in _weighted_forms(topic):
            latin = form.isascii()
            # A cheap C-level test first: most forms are absent from most entries.
            if needle in (title_folded if latin else title_squashed) and _count(
                form, title_folded, title_squashed
            ):
                score += TITLE_WEIGHT * weight
            if needle in (body_folded if latin else body_squashed):
                score += min(_count(form, body_folded, body_squashed), MAX_BODY_HITS) * weight
        if score >= THRESHOLD:
            scores[topic.id] = score
    ranked = sorted(scores, key=lambda t: (-scores[t], t))
    return tuple(ranked[:limit])
