"""Rerank FTS candidates by how well each entry answers the query, not just how often it says it.

FTS5's bm25() cannot weight terms, and a plan's forms differ in weight (the word typed > a topic's
name > its related aliases), so the candidates are rescored here with a weighted BM25F over the
plan's forms (title counted `TITLE_BOOST` times). Features, each in [0, 1]:
  title   - share of the query's groups (IDF-weighted) found in the title, aliases or tags
  bm25    - the weighted BM25F, relative to the best candidate
  cover   - share of the groups found anywhere in the entry
  topic   - the entry is filed under a topic the query named
  phrase  - the query's words, run together, appear in the title
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.models.search import Candidate
from bot.search.lexicon import Lexicon
from bot.search.query import QueryPlan

W_TITLE = 0.35
W_BM25 = 0.30
W_COVER = 0.15
W_TOPIC = 0.12
W_PHRASE = 0.08
TITLE_BOOST = 3.0
KEYS_ONLY = 0.9  # a word in an entry's aliases or tags but not its title
BODY_ONLY = 0.6  # a word only in the body is weaker evidence that the entry answers the query
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')  # the aliases and tags (JSON lists) in `keys`
K1 = 1.2
B = 0.6


@dataclass(frozen=True, slots=True)
class Scored:
    candidate: Candidate
    score: float
    title_match: bool
    matched_topics: tuple[str, ...]
    title_share: float = 0.0  # share of the query's groups (IDF-weighted) found in the title
    cover: float = 0.0  # ... found anywhere in the entry
    bm25: float = 0.0  # the weighted BM25F, unnormalized
    support: float = 0.0  # share of the groups (IDF-weighted) found, body-only matches discounted
    # ... found in what the entry is about: its title, or an alias or tag as a whole (a word of
    # `연봉 눈높이` says the entry touches salary expectations, not that it answers `연봉`)
    subject: float = 0.0
    words: int = 0  # groups found anywhere in the entry

    @property
    def entry_id(self) -> str:
        return self.candidate.entry_id


@lru_cache(maxsize=4096)
def _phrase_tail(form: str) -> re.Pattern[str]:
    # After the first word: the rest in order, at most one other word between two of them
    # (`ml 엔지니어` in "ML/DL 엔지니어의", `취업 준비` in "취업준비" and "취업을 준비").
    gap = r"[^\W_]*(?:[\W_]+[^\W_]+)?[\W_]*?"
    first, *rest = form.split()
    return re.compile(re.escape(first) + "".join(gap + re.escape(w) for w in rest))


def word_starts(text: str, word: str) -> Iterator[int]:
    """Offsets where `word` begins a word of `text` (str.find runs in C; regex lookbehinds
    would scan every character)."""
    at = text.find(word)
    while at != -1:
        if at == 0 or not text[at - 1].isalnum():
            yield at
        at = text.find(word, at + 1)


SHORT_LATIN = 3  # letters: an acronym this short counts whole, not as a prefix


def _acronym_end(text: str, end: int) -> bool:
    """A short acronym ends here: no Latin letter follows but a plural s (`ml` in "ML을",
    "LLMs", "gpt4"; not in "mlops" or "aiops": another word)."""
    if end < len(text) and text[end] == "s":
        end += 1
    return end >= len(text) or not ("a" <= text[end] <= "z")


def matches(form: str, text: str) -> Iterator[int]:
    """Offsets of `form` at a word start in folded `text`; a phrase as `_phrase_tail` says."""
    if " " not in form:
        if len(form) <= SHORT_LATIN and form.isascii() and form.isalpha():
            end = len(form)
            yield from (at for at in word_starts(text, form) if _acronym_end(text, at + end))
            return
        yield from word_starts(text, form)
        return
    tail = _phrase_tail(form)
    for at in word_starts(text, form.split(" ", 1)[0]):
        if tail.match(text, at):
            yield at


def occurrences(form: str, folded: str, squashed: str) -> int:
    """How often `form` occurs in a text given folded and squashed (spaces removed).

    Hangul words match anywhere, spacing ignored (`취업준비` in "취업 준비를"); Latin words and
    one-syllable words only at a word start, like the FTS prefix query (`ml` in "ML 엔지니어",
    not in "HTML"; `일` in "일을", not in "매일"); phrases as `_phrase_tail` says.
    """
    if _plain(form):
        return squashed.count(form)
    return sum(1 for _ in matches(form, folded))


def _squash(text: str) -> str:
    """`text` without white space: spaces dropped in C, and only text with other white space
    (any is unprintable, as every unprintable but the space is) split."""
    squashed = text.replace(" ", "")
    return squashed if squashed.isprintable() else "".join(squashed.split())


def key_phrases(keys: str) -> list[str]:
    """An entry's aliases and tags, as `keys` (search_rows: the English title, then the two
    JSON lists) holds them."""
    return _QUOTED.findall(keys)


def english_title(keys: str) -> str:
    """The English title at the head of `keys` ("" when the entry has none)."""
    return keys.split(' ["', 1)[0]


def _whole_keys(keys: str, forms: Sequence[str]) -> frozenset[str]:
    """An entry's aliases and tags the query says whole (each of their words starts with one
    of its `forms`), squashed and folded: the keys a form found in them names as a subject."""
    whole: set[str] = set()
    for key in key_phrases(keys):
        parts = key.lower().split()
        if parts and all(any(p.startswith(f) for f in forms) for p in parts):
            whole.add("".join(parts))
    return frozenset(whole)


def _plain(form: str) -> bool:
    """A Hangul word of two syllables or more: counted by substring, no regex needed."""
    return " " not in form and len(form) > 1 and not form.isascii()


class _Segments:
    """All candidates' texts in one string, folded (lower-cased) and squashed (white space
    removed) in a few calls into C, not one per text: a form is then counted once over the
    lot, and the offsets of its matches map back to (candidate, part). Parts per candidate:
    the title with its keys, the body, the title alone."""

    PARTS = 3

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        raw = "\0".join(
            part for c in candidates for part in (f"{c.title} {c.keys}", c.body, c.title)
        )
        folded = raw.lower()
        squashed = folded.replace(" ", "")
        if not squashed.replace("\0", "").isprintable():  # other white space: rarer
            squashed = "\0".join("".join(p.split()) for p in squashed.split("\0"))
        self.folded_parts = folded.split("\0")
        self.squashed_parts = squashed.split("\0")
        if len(self.folded_parts) != self.PARTS * len(candidates):  # a text held a NUL
            self.folded_parts = [
                p.lower() for c in candidates for p in (f"{c.title} {c.keys}", c.body, c.title)
            ]
            self.squashed_parts = [_squash(p) for p in self.folded_parts]
            folded = "\0".join(self.folded_parts)
            squashed = "\0".join(self.squashed_parts)
        self.text = folded
        self.squashed = squashed
        self.starts = _starts(self.folded_parts)
        self.squashed_starts = _starts(self.squashed_parts)

    def counts(self, form: str) -> list[tuple[int, int]]:
        """(in title and keys, in body) occurrences of `form` in each candidate."""
        tally = [0] * len(self.starts)
        if _plain(form):  # as str.count: occurrences that do not overlap
            starts, text, step = self.squashed_starts, self.squashed, len(form)
            at = text.find(form)
            while at != -1:
                tally[bisect_right(starts, at) - 1] += 1
                at = text.find(form, at + step)
        else:
            for at in matches(form, self.text):
                tally[bisect_right(self.starts, at) - 1] += 1
        return list(zip(tally[0::3], tally[1::3], strict=True))

    def has(self, form: str) -> bool:
        if _plain(form):
            return form in self.squashed
        return form.split(" ", 1)[0] in self.text


def _starts(parts: list[str]) -> list[int]:
    starts: list[int] = []
    offset = 0
    for part in parts:
        starts.append(offset)
        offset += len(part) + 1
    return starts


def rerank(
    plan: QueryPlan,
    candidates: Sequence[Candidate],
    lexicon: Lexicon,
) -> list[Scored]:
    """Candidates scored and sorted best first (ties: FTS BM25, then id, for a stable order)."""
    if not candidates:
        return []
    segments = _Segments(candidates)
    squashed = segments.squashed_parts
    # The title proper says what an entry is about; its aliases and tags are keywords it also
    # touches (`비전공 코테` on the non-major entry): a word in the title proper counts fully.
    headings = squashed[2::3]
    keyed_titles = squashed[0::3]
    body_lengths = [len(b) for b in squashed[1::3]]
    # Forms absent from every candidate (most topic aliases, usually) are dropped with one
    # search over all the candidates' text; the rest are counted per candidate.
    counts: dict[str, list[tuple[int, int]]] = {}
    for group in plan.groups:
        for form in group.forms:
            if form.text not in counts and segments.has(form.text):
                counts[form.text] = segments.counts(form.text)
    form_idf = {text: lexicon.idf(text.split()[0]) for text in counts}
    idf_total = sum(g.idf for g in plan.groups) or 1.0
    query_topics = set(plan.topic_ids)
    phrase = plan.squashed if len(plan.groups) > 1 else ""
    avg_len = sum(body_lengths) / len(body_lengths) or 1.0
    groups = [
        (group.idf, [(f.text, f.weight) for f in group.forms if f.text in counts])
        for group in plan.groups
    ]
    found = [text for text in counts if " " not in text]

    rows: list[tuple[Candidate, float, float, float, tuple[str, ...], bool, float, float, int]] = []
    for n, cand in enumerate(candidates):
        norm = K1 * (1 - B + B * body_lengths[n] / avg_len)
        in_title = anywhere = bm25 = support = subject = 0.0
        words = 0
        whole: frozenset[str] | None = None
        for idf, forms in groups:
            best_title = best_any = best_bm25 = best_subject = 0.0
            for text, weight in forms:
                tf_title, tf_body = counts[text][n]
                if not (tf_title or tf_body):
                    continue
                if tf_title:
                    # Phrases and Latin words are not told apart here: they count fully.
                    heading = not _plain(text) or text in headings[n]
                    best_title = max(best_title, weight if heading else weight * KEYS_ONLY)
                    if heading:
                        best_subject = max(best_subject, weight)
                    else:
                        whole = _whole_keys(cand.keys, found) if whole is None else whole
                        if any(text in key for key in whole):
                            best_subject = max(best_subject, weight * KEYS_ONLY)
                best_any = max(best_any, weight)
                tf = TITLE_BOOST * tf_title + tf_body
                saturated = tf * (K1 + 1) / (tf + norm)
                best_bm25 = max(best_bm25, weight * form_idf[text] * saturated)
            in_title += idf * best_title
            anywhere += idf * best_any
            words += best_any > 0
            support += idf * max(best_subject, BODY_ONLY * best_any)
            subject += idf * best_subject
            bm25 += best_bm25
        matched = tuple(t for t in cand.topics if t in query_topics)
        phrased = bool(phrase) and phrase in keyed_titles[n]
        rows.append(
            (
                cand,
                in_title / idf_total,
                anywhere / idf_total,
                bm25,
                matched,
                phrased,
                support / idf_total,
                subject / idf_total,
                words,
            )
        )

    best_bm25 = max(r[3] for r in rows) or 1.0
    scored = [
        Scored(
            cand,
            round(
                W_TITLE * title_share
                + W_BM25 * bm25 / best_bm25
                + W_COVER * cover
                + W_TOPIC * (1.0 if matched else 0.0)
                + W_PHRASE * (1.0 if phrased else 0.0),
                6,
            ),
            title_share > 0,
            matched,
            title_share,
            cover,
            bm25,
            support,
            subject,
            words,
        )
        for cand, title_share, cover, bm25, matched, phrased, support, subject, words in rows
    ]
    scored.sort(key=lambda s: (-s.score, -s.candidate.bm25, s.entry_id))
    return scored
