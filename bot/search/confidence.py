"""How sure search is that its best hit answers the query, and where it says "no good match".

The reranker's score is relative (its BM25 part is scaled to the best candidate), so the first
hit always looks good. Confidence is absolute: the share of the query's evidence (its word groups
weighted by IDF) that the best hit holds, a word only in the body counting `BODY_ONLY`; words the
index has nowhere count against it (a noun at the IDF of an unseen word, a verb at half), and a
corrected query is trusted less. Below `THRESHOLD` the hits are offered only as the closest.

The threshold is chosen on tests/relevance/question_queries.yaml (whole questions in scope and
out of it): the README gives the trade-off.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.search.lexicon import Lexicon
from bot.search.query import PREDICATE, QueryPlan
from bot.search.rank import Scored

THRESHOLD = 0.32
SHOWN = 3  # first hits whose best answer says how sure the result is
UNANCHORED = 0.5  # times the confidence when no word of the query is in what the hit is about
CORRECTED = 0.8  # times the confidence of a query search rewrote


def confidence(plan: QueryPlan, top: Sequence[Scored], lex: Lexicon) -> float:
    """In [0, 1]: how much of what the query asks the best of the first hits answers (the camper
    sees `SHOWN` of them; the reranker may put a near miss above the answer)."""
    return max((_one(plan, s, lex) for s in top[:SHOWN]), default=0.0)


def _one(plan: QueryPlan, best: Scored, lex: Lexicon) -> float:
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
    return min(1.0, value * (CORRECTED if plan.corrected else 1.0))
