"""Which forms to hand FTS5, and where, so that a query costs about the same at any corpus size.

BM25 ranking in FTS5 costs about a microsecond per matching entry. In a small corpus every form
is searched everywhere. When the forms together match more than `BODY_BUDGET` entries (common
words in a large corpus), that would dominate: then the forms are searched in titles (short, so
an eighth of the matches or less) by weight until `TITLE_BUDGET` is spent, and in bodies only the
rarest forms within `RARE_BUDGET`. The words typed are searched, in titles at least, unless they
are so common (`COMMON`) that other words of the query make better candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.search.lexicon import Lexicon
from bot.search.query import QueryPlan

BODY_BUDGET = 4_000  # estimated matching entries: under it, one search does it all
RARE_BUDGET = 1_500  # over it, the rarest forms searched in bodies too
TITLE_BUDGET = 10_000  # the same estimate (whole entries): titles match a fraction of it
MAX_SPLIT_FORMS = 6  # FTS5's bm25 costs per matching row *per phrase*: few, weightiest first
COMMON = 0.05  # a form in more than this share of entries is left to the reranker...
COMMON_MIN = 2_000  # ...in a corpus big enough for that to matter


@dataclass(frozen=True, slots=True)
class Retrieval:
    everywhere: tuple[str, ...]  # forms searched in every column
    titles: tuple[str, ...] = ()  # forms searched in titles, aliases and tags only
    complete: bool = True  # `everywhere` holds every form: its matches are all the matches


def plan_retrieval(plan: QueryPlan, lex: Lexicon) -> Retrieval:
    weights: dict[str, float] = {}
    for group in plan.groups:
        for weighted in group.forms:
            weights[weighted.text] = max(weights.get(weighted.text, 0.0), weighted.weight)
    forms = plan.forms()
    dfs = {f: lex.form_df(f) for f in forms}
    if sum(dfs.values()) <= BODY_BUDGET:
        return Retrieval(tuple(forms))
    rare: list[str] = []
    spent = 0
    for form in sorted(forms, key=dfs.__getitem__):
        if spent + dfs[form] > RARE_BUDGET or len(rare) == MAX_SPLIT_FORMS:
            break
        rare.append(form)
        spent += dfs[form]
    # Very common forms (일, 엔지니어, ai in a big corpus) barely rank and cost the most: they are
    # scored on the candidates the other forms bring, unless nothing else was typed.
    common = max(COMMON_MIN, int(COMMON * lex.doc_count))
    primaries = sorted((g.forms[0].text for g in plan.groups), key=dfs.__getitem__)
    keep = {f for f in primaries if dfs[f] <= common} or set(primaries[:1])
    titles: list[str] = []
    spent = 0
    for form in sorted(forms, key=lambda f: (-weights.get(f, 0.0), dfs[f])):
        if len(titles) == MAX_SPLIT_FORMS:
            break
        if form not in keep and (dfs[form] > common or spent + dfs[form] > TITLE_BUDGET):
            continue
        titles.append(form)
        spent += dfs[form]
    return Retrieval(tuple(rare), tuple(titles), complete=False)
