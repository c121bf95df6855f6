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
from dataclasses import dataclass, replace

from bot.models.search import Candidate
from bot.search.lexicon import Lexicon
from bot.search.query import PREDICATE, Group, QueryPlan
from bot.search.rank import Scored, english_title, key_phrases, matches, rerank
from bot.text import has_hangul, is_stopword, predicate, strip_particle
from bot.text.asks import LAST, asked
from bot.text.particles import PARTICLES
from bot.text.roles import Role, english_role, question_end

THRESHOLD = 0.32
SHOWN = 3  # first hits whose best answer says how sure the result is
UNANCHORED = 0.5  # times the confidence when no word of the query is in what the hit is about
CORRECTED = 0.8  # times the confidence of a query search rewrote
SUBJECTS = 3  # known subjects from which a word found nowhere is read as a detail ...
DETAIL = 0.5  # ... and counts this much against the answer
COMPOUND = 3  # bare nouns in a row whose last, one the index lacks, is what is asked
BROWSED = 0.6  # at least this sure: the query is a topic's name, the hit is filed under it


@dataclass(frozen=True, slots=True)
class Focus:
    """What the question is about (`_focus`). `strict`: the hit must be about it (its title, an
    alias said whole); else it must at least say it (pay named beside what is asked)."""

    group: Group
    strict: bool = True


def confidence(plan: QueryPlan, top: Sequence[Scored], lex: Lexicon) -> float:
    """In [0, 1]: how much of what the query asks the best of the first hits answers (the camper
    sees `SHOWN` of them; the reranker may put a near miss above the answer)."""
    focus = _focus(plan)
    return max((_one(plan, s, lex, focus) for s in top[:SHOWN]), default=0.0)


def _focus(plan: QueryPlan) -> Focus | None:
    """What the question is about, when the hit must be about it too: a noun no entry has,
    typed bare beside at most one word the index knows (`파이썬 설치`, `감기 빨리 낫는 법`:
    with more known words, as in a run-on sentence, such a noun is usually a detail); or the
    word a question asks an amount of (`연봉 얼마예요`, `how much does it cost`): an entry that
    only mentions salary or cost answers no question about how much. Pay named beside what a
    question asks (`연봉 깎이는 거 감수해야 하나요`) only needs an entry that speaks of it."""
    nouns = _subjects(plan)
    # An English word no entry has is as often a verb (`negotiate`) as a noun: only one its
    # position marks a noun (`the morning`, `learn piano` at the end) counts, or the one that
    # ends the question, what it comes to (`best age to start learning to swim`).
    missing = [
        g for g in plan.dropped
        if not g.verb and not g.filler and not _grammar(g.typed)
        and (has_hangul(g.typed) or _en(plan, g, "noun") or (g.typed.isascii() and question_end(plan.text, g.typed)))
        and (not g.forms or g.forms[0].text == g.typed.lower())
    ]  # fmt: skip
    if missing and len(nouns) <= 1:
        return Focus(missing[0])
    # A Korean compound's last noun is its head, what the others qualify: `티스토리 블로그 스킨`
    # asks about skins, `LLM API 키 발급` about issuing one, however many words the index knows.
    head = next((g for g in missing if has_hangul(g.typed) and _heads(plan, g)), None)
    if head is not None:
        return Focus(head)
    return _amount_group(plan)


def _heads(plan: QueryPlan, group: Group) -> bool:
    """`group` is a bare noun (no particle, no ending) after `COMPOUND` - 1 bare known nouns,
    and no bare known noun follows it: the head of a compound. Two words (`캐글 은메달`) are as
    often a noun and a detail the index lacks; three or more make a name."""
    typed = plan.text.lower().split()  # groups hold Latin words folded (`API` as api)
    if group.typed.lower() not in typed or not _bare(group.typed):
        return False
    at = typed.index(group.typed.lower())
    known = {
        g.typed.lower() for g in plan.groups
        if not g.verb and g.forms and " " not in g.typed and _bare(g.typed)
    }  # fmt: skip
    before = typed[max(0, at - COMPOUND + 1) : at]
    after = typed[at + 1] if at + 1 < len(typed) else ""
    return len(before) == COMPOUND - 1 and all(w in known for w in before) and after not in known


def _bare(word: str) -> bool:
    """Typed without a particle or an ending, as far as the word shows: none stripped, no
    syllable a particle can be (`팀이`, `일부터`), no verbal reading (`나뉘어`)."""
    if not has_hangul(word):
        return True
    return (
        strip_particle(word) == word
        and not any(word.endswith(p) and len(word) > len(p) for p in PARTICLES)
        and predicate(word, loose=True) is None
    )


def _subjects(plan: QueryPlan) -> list[Group]:
    """The known words that name a subject: not a verb, a noun typed as a 하다 verb, or an
    English word its position marks a verb."""
    return [
        g for g in plan.groups if not g.verb and not _light_verb(g) and not _en(plan, g, "verb")
    ]


def _en(plan: QueryPlan, group: Group, role: Role) -> bool:
    """An English word of the question in that role by its position (`english_role`)."""
    return group.typed.isascii() and english_role(plan.text, group.typed) == role


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


def _amount_group(plan: QueryPlan) -> Focus | None:
    """The group a question asks an amount of (`연봉` in "연봉 얼마예요", `cost` in "how much
    does the bootcamp cost"), found or dropped; None when it asks none or it is grammar."""
    ask = asked(plan.text)
    if ask is None:
        return None
    every = sorted(plan.groups + plan.dropped, key=lambda g: plan.text.find(g.typed))
    if ask.word == LAST:
        return Focus(every[-1], ask.figure) if every else None
    for typed in (ask.word.lower(), strip_particle(ask.word).lower()):
        for group in every:
            if group.typed.lower() == typed:
                return Focus(group, ask.figure)
    return None


def _about(focus: Focus, plan: QueryPlan, best: Scored, lex: Lexicon) -> bool:
    """The hit is about the focus: it is in the title, or in an alias or tag the query says
    whole (`학습 비용` for "학습 비용이 싸지나요"): the hit's subject shrinks without it. A focus
    that is not strict only needs to be said somewhere in the hit."""
    group = focus.group
    if group.unknown or not group.forms:
        return False
    if not focus.strict:
        alone = rerank(
            replace(plan, groups=(group,), topic_ids=group.topic_ids), [best.candidate], lex
        )
        return bool(alone) and alone[0].words > 0
    kept = tuple(f for f in group.forms if not _in_passing(f.text, best.candidate))
    if not kept:
        return False
    rest = tuple(g for g in plan.groups if g is not group)
    whole = tuple(replace(g, forms=kept) if g is group else g for g in plan.groups)
    with_it = _subject(plan, whole, best, lex)
    return with_it > _subject(plan, rest, best, lex) + 1e-9


def _in_passing(form: str, entry: Candidate) -> bool:
    """A Latin form the entry has only as one word of a longer alias (`free` of `free rider`):
    the rerank counts a Latin word in the keys as said in the title, which it is for the
    English title, not for a word of an alias (a Korean one is told apart there already)."""
    if not form.isascii():
        return False
    title_en = english_title(entry.keys)
    if next(matches(form, f"{entry.title} {title_en}".lower()), None) is not None:
        return False
    aliases = [a.lower() for a in key_phrases(entry.keys)]
    return form not in aliases and any(next(matches(form, a), None) is not None for a in aliases)


def _subject(plan: QueryPlan, groups: tuple[Group, ...], best: Scored, lex: Lexicon) -> float:
    """The IDF weight of `groups` that is what the hit is about."""
    if not groups:
        return 0.0
    topics = tuple(dict.fromkeys(t for g in groups for t in g.topic_ids))
    alone = rerank(replace(plan, groups=groups, topic_ids=topics), [best.candidate], lex)
    return alone[0].subject * sum(g.idf for g in groups) if alone else 0.0


def _one(plan: QueryPlan, best: Scored, lex: Lexicon, focus: Focus | None = None) -> float:
    if plan.empty:
        return 0.0
    asked = sum(g.idf for g in plan.groups)
    found = best.support * asked
    unseen = lex.idf("\uffff")  # the IDF of a word in no entry
    # Beside several known subjects a word no entry has is usually a detail (`chemistry` in "a
    # chemistry grad with zero coding background, am I at a disadvantage for AI roles"), as
    # `_focus` reads it: it counts against the answer, less.
    detail = DETAIL if len(_subjects(plan)) >= SUBJECTS else 1.0
    missing = detail * sum(unseen * (PREDICATE if g.verb else 1.0) for g in plan.dropped)
    value = found / (asked + missing) if asked + missing > 0 else 0.0
    browsed = plan.exact_topic is not None and plan.exact_topic in best.matched_topics
    if best.subject <= 0 and best.words < 2 and not browsed:
        # One word, and only in passing (`주말` in a body): no answer to it. Several words
        # together in a body (a sentence remembered from an entry), or an entry filed under
        # the topic the query is the name of, still are.
        value *= UNANCHORED
    elif focus is not None and not _about(focus, plan, best, lex):
        value *= UNANCHORED
    if browsed and len(plan.groups) == 1 and not plan.dropped:
        # The topic's name and nothing else (`포트폴리오` under `topic:kaggle-competitions`):
        # the entries filed under it answer it, though few say the word (their text is about
        # the contest they make a portfolio of). A question around the name asks more.
        value = max(value, BROWSED)
    return min(1.0, value * (CORRECTED if plan.corrected else 1.0))
