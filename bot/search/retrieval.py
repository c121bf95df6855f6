"""Which forms to hand FTS5, and where, so that a query costs about the same at any corpus size.

BM25 ranking in FTS5 costs about a microsecond per matching entry (more per phrase). In a small
corpus every form is searched everywhere, once. When the forms together match more than
`BODY_BUDGET` entries (common words in a large corpus), that would dominate, and FTS5's order
is not the reranker's anyway: then the candidates are gathered in steps shaped like what the
reranker puts first (`rank.py`: a word typed in the title, under the topic it names, the words
together), each searched where it matches few entries:
1. the words typed (and their expansions) in titles, those filed under a topic the query names
   first: the reranker's best;
2. several words typed: entries that have them all (an AND is narrow however common each is);
3. if still short: the other forms (synonyms, topic names and aliases) in titles by weight,
   within `TITLE_BUDGET`;
4. if still short, or a rare word typed may be in bodies only: the rarest forms in bodies, within
   `RARE_BUDGET`.
The words typed are searched, in titles at least, unless they are so common (`COMMON`) that other
words of the query make better candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.search.lexicon import Lexicon
from bot.search.query import QueryPlan

BODY_BUDGET = 1_000  # estimated matching entries: under it, one search does it all
RARE_BUDGET = 600  # over it, the rarest forms searched in bodies too
TITLE_BUDGET = 4_000  # the same estimate (whole entries): titles match a fraction of it
TITLE_SHARE = 0.2  # of the entries that have a word, about this many have it in their title
SINGLE_FORMS = 1  # typed forms up to this many are ranked on the whole entry...
WHOLE_BUDGET = 4_000  # ...while in at most this many entries (their full doclists are read)
RANK_BUDGET = 2000  # title matches of the words typed ranked at most (estimated)
ALL_BUDGET = 12_000  # entries the words' doclists hold, for an AND of them (read, not ranked)
MAX_SPLIT_FORMS = 4  # FTS5's bm25 costs per matching row *per phrase*: few, weightiest first
COMMON = 0.05  # a form in more than this share of entries is left to the reranker...
COMMON_MIN = 2_000  # ...in a corpus big enough for that to matter
TYPED = 0.95  # forms this heavy are the words typed (or their expansions, or a spelling away)


@dataclass(frozen=True, slots=True)
class Step:
    """One FTS search: entries with any of `forms` (and, with `all_of`, a form of each of those
    groups too), best first."""

    forms: tuple[str, ...]
    titles: bool = False  # titles, aliases and tags only
    all_of: tuple[tuple[str, ...], ...] = ()
    filed_first: tuple[str, ...] = ()  # entries filed under one of these topics first
    fill: bool = False  # only while fewer than wanted were found
    ranked: bool = True  # False: the newest matches, unranked (bm25 over all would cost more)
    in_titles: bool = False  # a form in the title, ranked on the whole entry (its body too)
    rare: bool = False  # in bodies: kept (half as many) even when the titles filled the list


@dataclass(frozen=True, slots=True)
class Retrieval:
    steps: tuple[Step, ...]
    complete: bool = True  # one step with every form: its matches are all the matches


def plan_retrieval(plan: QueryPlan, lex: Lexicon, *, topic_id: str | None = None) -> Retrieval:
    """The steps for `plan`; `topic_id`: the search is limited to that topic already."""
    weights: dict[str, float] = {}
    for group in plan.groups:
        for weighted in group.forms:
            weights[weighted.text] = max(weights.get(weighted.text, 0.0), weighted.weight)
    forms = plan.forms()
    dfs = {f: lex.form_df(f) for f in forms}
    if min(sum(dfs.values()), lex.doc_count) <= BODY_BUDGET:
        return Retrieval((Step(unsubsumed(forms)),))
    # Very common forms (일, 엔지니어, ai in a big corpus) barely rank and cost the most: they are
    # scored on the candidates the other forms bring, unless nothing else was typed.
    common = max(COMMON_MIN, int(COMMON * lex.doc_count))
    primaries = sorted((g.forms[0].text for g in plan.groups), key=dfs.__getitem__)
    keep = {f for f in primaries if dfs[f] <= common} or set(primaries[:1])
    typed = _typed(plan, dfs, keep, common)
    steps: list[Step] = []
    if typed:
        named = () if topic_id is not None else plan.topic_ids
        if sum(dfs[f] for f in typed) * TITLE_SHARE <= RANK_BUDGET:
            # One word typed: title matches tie on the reranker's title share, and the body
            # (which the whole entry's bm25 counts) tells them apart; several: how many of
            # them a title has does, and the title index alone reads far less (so does it for
            # a common word: its doclist in the whole index is long).
            single = len(typed) <= SINGLE_FORMS and sum(dfs[f] for f in typed) <= WHOLE_BUDGET
            steps.append(Step(typed, titles=not single, in_titles=single, filed_first=named))
        else:  # a word in most titles ranks nothing: the newest that have it
            steps.append(Step(typed, titles=True, ranked=False))
    every = _all_of(plan, dfs, common)
    if every:
        steps.append(Step(every[0], all_of=every[1:]))
    titles: list[str] = []
    spent = 0
    for form in sorted(forms, key=lambda f: (-weights.get(f, 0.0), dfs[f])):
        if len(titles) == MAX_SPLIT_FORMS:
            break
        if form in typed or (
            form not in keep and (dfs[form] > common or spent + dfs[form] > TITLE_BUDGET)
        ):
            continue
        titles.append(form)
        spent += dfs[form]
    if titles:
        steps.append(Step(tuple(titles), titles=True, fill=True))
    rare: list[str] = []
    spent = 0
    for form in sorted(forms, key=dfs.__getitem__):
        if spent + dfs[form] > RARE_BUDGET or len(rare) == MAX_SPLIT_FORMS:
            break
        rare.append(form)
        spent += dfs[form]
    if rare:
        steps.append(Step(tuple(rare), fill=True, rare=bool(set(rare) & set(primaries))))
    return Retrieval(tuple(steps), complete=False)


def unsubsumed(forms: list[str]) -> tuple[str, ...]:
    """`forms` less those another one's prefix search finds already (`paper` finds `papers`,
    `논문` finds `논문 구현`): the same matches, and FTS5's bm25 costs per phrase on each."""
    split = [f.split() for f in forms]
    kept: list[str] = []
    for form, f in zip(forms, split, strict=True):
        for g in split:
            n = len(g)
            if (
                f[0].startswith(g[0])  # (cheap, and needed: the rest compares only then)
                and g != f
                and n <= len(f)
                and g[:-1] == f[: n - 1]
                and f[n - 1].startswith(g[-1])
            ):
                break
        else:
            kept.append(form)
    return tuple(kept)


def _typed(plan: QueryPlan, dfs: dict[str, int], keep: set[str], common: int) -> tuple[str, ...]:
    """The words typed and their equals (expansions, close spellings), weightiest groups' first."""
    found: dict[str, None] = {}
    for group in plan.groups:
        for form in group.forms:
            if form.weight >= TYPED and (form.text in keep or dfs[form.text] <= common):
                found.setdefault(form.text, None)
    return tuple(list(found)[:MAX_SPLIT_FORMS])


def _all_of(
    plan: QueryPlan, dfs: dict[str, int], common: int
) -> tuple[tuple[str, ...], ...] | None:
    """Each group's typed forms, for an AND of the groups (those of very common words left out:
    they narrow nothing); None for one group, or when reading their doclists would cost more
    than `ALL_BUDGET`."""
    groups = [
        tuple(f.text for f in g.forms if f.weight >= TYPED and 0 < dfs[f.text] <= common)
        for g in plan.groups
    ]
    groups = [g for g in groups if g]
    if len(groups) < 2 or sum(dfs[f] for g in groups for f in g) > ALL_BUDGET:
        return None
    return tuple(groups)
