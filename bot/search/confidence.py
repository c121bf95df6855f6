"""How sure search is that its best hit answers the query, and where it says "no good match".

The reranker's score is relative (its BM25 part is scaled to the best candidate), so the first
hit always looks good. Confidence is absolute: the share of the query's evidence (its word groups
weighted by IDF) that the best hit holds, a word only in the body counting `BODY_ONLY`; words the
index has nowhere count against it (a noun at the IDF of an unseen word, a verb at half), and a
corrected query is trusted less. Below `THRESHOLD` the hits are offered only as the closest.

Some questions say what they are about (`_focus`): `연봉` in "신입 AI 엔지니어 연봉 얼마예요",
`설치` in "파이썬 설치 어떻게 해요". When no entry has that word, or the best hit only mentions it
in passing (its body, one word of a longer alias), the hit answers the question's other words,
not the question, and counts as `UNANCHORED`.

The threshold is chosen on tests/relevance/question_queries.yaml (whole questions in scope and
out of it): the README gives the trade-off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.search.lexicon import Lexicon
from bot.search.query import PREDICATE, Group, QueryPlan
from bot.search.rank import Scored, rerank
from bot.text import amount_of, has_hangul, is_stopword, strip_particle
from bot.text.asks import LAST

THRESHOLD = 0.32
SHOWN = 3  # first hits whose best answer says how sure the result is
UNANCHORED = 0.5  # times the confidence when no word of the query is in what the hit is about
CORRECTED = 0.8  # times the confidence of a query search rewrote


def confidence(plan: QueryPlan, top: Sequence[Scored], lex: Lexicon) -> float:
    """In [0, 1]: how much of what the query asks the best of the first hits answers (the camper
    sees `SHOWN` of them; the reranker may put a near miss above the answer)."""
    focus = _focus(plan)
    return max((_one(plan, s, lex, focus) for s in top[:SHOWN]), default=0.0)


def _focus(plan: QueryPlan) -> Group | None:
    """What the question is about, when the hit must be about it too: a noun no entry has,
    typed bare beside at most one word the index knows (`파이썬 설치`, `감기 빨리 낫는 법`:
    with more known words, as in a run-on sentence, such a noun is usually a detail); or the
    word a question asks an amount of (`연봉 얼마예요`, `how much does it cost`): an entry that
    only mentions salary or cost answers no question about how much."""
    nouns = [g for g in plan.groups if not g.verb and not _light_verb(g)]
    # Korean only: an English word no entry has is as often a verb (`ask`) as a noun.
    missing = [
        g for g in plan.dropped
        if not g.verb and not g.filler and has_hangul(g.typed) and not _grammar(g.typed)
        and (not g.forms or g.forms[0].text == g.typed)
    ]  # fmt: skip
    if missing and len(nouns) <= 1:
        return missing[0]
    return _amount_group(plan)


def _grammar(word: str) -> bool:
    """Two grammar words run together (`뭐부터`, `때랑`): no noun the index lacks."""
    return any(is_stopword(word[:i]) and is_stopword(word[i:]) for i in range(1, len(word)))


def _light_verb(group: Group) -> bool:
    """A noun typed as a 하다 verb (`시작하기`, `준비하는`): a predicate, not a second subject."""
    if not group.forms or not has_hangul(group.typed):
        return False
    stem = group.forms[0].text
    rest = group.typed[len(stem) :] if group.typed.startswith(stem) else ""
    return rest[:1] in {"하", "해", "했", "할", "한", "함", "합"}


def _amount_group(plan: QueryPlan) -> Group | None:
    """The group a question asks an amount of (`연봉` in "연봉 얼마예요", `cost` in "how much
    does the bootcamp cost"), found or dropped; None when it asks none or it is grammar."""
    word = amount_of(plan.text)
    if word is None:
        return None
    every = sorted(plan.groups + plan.dropped, key=lambda g: plan.text.find(g.typed))
    if word == LAST:
        return every[-1] if every else None
    for typed in (word.lower(), strip_particle(word).lower()):
        for group in every:
            if group.typed.lower() == typed:
                return group
    return None


def _about(focus: Group, plan: QueryPlan, best: Scored, lex: Lexicon) -> bool:
    """The hit is about the focus: it is in the title, or in an alias or tag the query says
    whole (`학습 비용` for "학습 비용이 싸지나요"): the hit's subject shrinks without it."""
    if focus.unknown or not focus.forms:
        return False
    rest = tuple(g for g in plan.groups if g is not focus)
    with_it = _subject(plan, plan.groups, best, lex)
    return with_it > _subject(plan, rest, best, lex) + 1e-9


def _subject(plan: QueryPlan, groups: tuple[Group, ...], best: Scored, lex: Lexicon) -> float:
    """The IDF weight of `groups` that is what the hit is about."""
    if not groups:
        return 0.0
    topics = tuple(dict.fromkeys(t for g in groups for t in g.topic_ids))
    alone = rerank(replace(plan, groups=groups, topic_ids=topics), [best.candidate], lex)
    return alone[0].subject * sum(g.idf for g in groups) if alone else 0.0


def _one(plan: QueryPlan, best: Scored, lex: Lexicon, focus: Group | None = None) -> float:
    if plan.empty:
        return 0.0
    asked = sum(g.idf for g in plan.groups)
    found = best.support * asked
    unseen = lex.idf("\uffff")  # the IDF of a word in no entry
    missing = sum(unseen * (PREDICATE if g.verb else 1.0) for g in plan.dropped)
    value = found / (asked + missing) if asked + missing > 0 else 0.0
    browsed = plan.exact_topic is not None and plan.exact_topic in best.matched_topics
    if best.subject <= 0 and best.words < 2 and not browsed:
        # One word, and only in passing (`주말` in a body): no answer to it. Several words
        # together in a body (a sentence remembered from an entry), or an entry filed under
        # the topic the query is the name of, still are.
        value *= UNANCHORED
    elif focus is not None and not _about(focus, plan, best, lex):
        value *= UNANCHORED
    return min(1.0, value * (CORRECTED if plan.corrected else 1.0))
