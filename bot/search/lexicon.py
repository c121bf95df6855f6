"""The in-memory half of the index: taxonomy keys and the index vocabulary.

Built once from the database (`Lexicon.build`) and replaced whole when the corpus generation
changes, so queries never touch more than a few sorted lists and dicts.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from itertools import accumulate
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.models import Topic
from bot.search.index_file import Unreadable, pack_ints, pack_strings, unpack_ints, unpack_strings
from bot.text import choseong_keys, fold, has_hangul, keystrokes, squash, stem

_PREFIX_END = "\U0010ffff"
LONG_TAIL = 50_000  # distinct stems above which words seen once are left out of lookups


def prefix_range(keys: Sequence[str], prefix: str) -> tuple[int, int]:
    """[lo, hi) of the sorted `keys` that start with `prefix`."""
    return bisect_left(keys, prefix), bisect_left(keys, prefix + _PREFIX_END)


def max_typos(jamo_length: int) -> int:
    """Edits allowed in a fuzzy match, by keystrokes: one per short word, more for long ones."""
    if jamo_length <= 3:
        return 0
    if jamo_length <= 7:
        return 1
    if jamo_length <= 14:
        return 2
    return 3


@dataclass(frozen=True, slots=True)
class TopicInfo:
    topic: Topic
    count: int  # live entries filed under it
    keys: tuple[str, ...]  # squashed names and aliases: what an exact match compares
    names: tuple[str, ...]  # folded name parts (`면접·코딩테스트` -> 면접, 코딩테스트)
    aliases: tuple[str, ...]  # folded aliases


_NAME_PARTS = re.compile(r"\s*[·/,&]\s*|\s+and\s+")


def topic_info(topic: Topic, count: int = 0) -> TopicInfo:
    whole = [topic.name_ko, topic.name_en, *topic.aliases]
    keys = tuple(dict.fromkeys(k for k in (squash(n) for n in whole) if k))
    parts = [p for name in (topic.name_ko, topic.name_en) for p in _NAME_PARTS.split(fold(name))]
    names = tuple(dict.fromkeys(p for p in parts if p))
    aliases = tuple(dict.fromkeys(a for a in map(fold, topic.aliases) if a and a not in names))
    return TopicInfo(topic, count, keys, names, aliases)


# Initial consonants -> stems, and typo buckets (first keystroke, length) -> (keys, words).
Lookups = tuple[dict[str, list[str]], dict[tuple[str, int], tuple[list[str], list[str]]]]


@dataclass(frozen=True, slots=True)
class Correction:
    word: str  # the corrected stem (or topic key)
    distance: int
    df: int


class Lexicon:
    """Topics and vocabulary; all lookups are in memory and O(log n) or a bounded scan.

    Built once from the whole index; `update_terms` and `set_topic_counts` then follow writes in
    time proportional to what they changed, answering as a fresh build over the same index would.
    """

    def __init__(
        self,
        topics: Sequence[TopicInfo],
        vocabulary: Mapping[str, int],
        doc_count: int,
    ) -> None:
        self.doc_count = max(doc_count, 1)
        self._set_topics(topics)

        stems: dict[str, int] = defaultdict(int)
        for token, df in vocabulary.items():
            stems[stem(token)] += df
        self.tokens: list[str] = sorted(vocabulary)
        self._cum_df = array("q", [0, *accumulate(vocabulary[t] for t in self.tokens)])
        # Changes since the build: df deltas by token (sorted keys beside them), built tokens
        # no entry has any more, and tokens new since.
        self._delta: dict[str, int] = {}
        self._delta_keys: list[str] = []
        self._dead: list[str] = []
        self._born: list[str] = []
        self.stem_df: dict[str, int] = dict(stems)
        self._index_words()

    def _index_words(self) -> None:
        # Completion, choseong and typo lookups skip one-off words in a big index: a long tail
        # of typos and names that costs memory and suggests nothing useful.
        self._min_df = 1 if len(self.stem_df) < LONG_TAIL else 2
        useful = [w for w, df in self.stem_df.items() if self._useful(w, df)]
        pairs = sorted((keystrokes(w), w) for w in useful)
        self._jamo_keys = [p[0] for p in pairs]
        self._jamo_words = [p[1] for p in pairs]
        self._bucket_words()

    def _bucket_words(self) -> None:
        self._choseong, self._buckets = self.lookups(list(self.topics.values()))

    def lookups(self, topics: Sequence[TopicInfo]) -> Lookups:
        """The choseong and typo lookups over the useful words (`_jamo_words`) and the keys of
        `topics` (reads only: `set_topics` takes them, computed elsewhere)."""
        choseong: dict[str, list[str]] = defaultdict(list)
        for word in self._jamo_words:
            if has_hangul(word):
                choseong[choseong_keys(word)].append(word)
        # Fuzzy candidates bucketed by first keystroke and length: a typo rarely hits the first
        # key and changes the length by a few at most, so each lookup scans a small bucket.
        buckets: dict[tuple[str, int], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for key, word in zip(self._jamo_keys, self._jamo_words, strict=True):
            bucket = buckets[key[0], len(key)]
            bucket[0].append(key)
            bucket[1].append(word)
        for info in topics:
            for key in info.keys:
                jamo = keystrokes(key)
                bucket = buckets[jamo[0], len(jamo)]
                bucket[0].append(jamo)
                bucket[1].append(key)
        return choseong, buckets

    def set_topics(self, topics: Sequence[TopicInfo], lookups: Lookups) -> None:
        """A new taxonomy (biggest topics first), with `lookups(topics)` made since the last
        change of the words: what a fresh build with these topics has."""
        self._set_topics(topics)
        self._choseong, self._buckets = lookups

    def _useful(self, word: str, df: int) -> bool:
        return df >= self._min_df and len(word) > 1

    # -- saving (bot/search/index_file.py) -------------------------------------------------

    def _vocabulary(self) -> tuple[list[str], array[int]]:
        """Tokens and cumulated dfs as a fresh build over the current index has them."""
        if not self._delta:
            return self.tokens, self._cum_df
        cum = self._cum_df
        built = (
            (t, cum[i + 1] - cum[i] + self._delta.get(t, 0)) for i, t in enumerate(self.tokens)
        )
        born = ((t, self._delta[t]) for t in self._born)
        pairs = [(t, df) for t, df in heapq.merge(built, born) if df > 0]
        return [t for t, _ in pairs], array("q", [0, *accumulate(df for _, df in pairs)])

    def dump(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        tokens, cum_df = self._vocabulary()
        head = {
            "doc_count": self.doc_count,
            "tokens": len(tokens),
            "stems": len(self.stem_df),
            "useful": len(self._jamo_words),
            "min_df": self._min_df,
            "topics": [{**asdict(t.topic), "count": t.count} for t in self.topics.values()],
        }
        sections = {
            "lexicon.tokens": pack_strings(tokens),
            "lexicon.cum_df": pack_ints(cum_df),
            "lexicon.stems": pack_strings(list(self.stem_df)),
            "lexicon.stem_df": pack_ints(array("q", self.stem_df.values())),
            "lexicon.jamo_keys": pack_strings(self._jamo_keys),
            "lexicon.jamo_words": pack_strings(self._jamo_words),
        }
        return head, sections

    @classmethod
    def load(cls, head: dict[str, Any], sections: dict[str, bytes]) -> Lexicon:
        """The lexicon `dump` saved; `Unreadable` when the sections do not fit together."""
        lex = cls.__new__(cls)
        lex.doc_count = max(int(head["doc_count"]), 1)
        topics = []
        for t in head["topics"]:
            count = int(t.pop("count"))
            topic = Topic(**{**t, "aliases": tuple(str(a) for a in t["aliases"])})
            topics.append(topic_info(topic, count))
        lex._set_topics(topics)
        count = int(head["tokens"])
        lex.tokens = unpack_strings(sections["lexicon.tokens"], count)
        lex._cum_df = unpack_ints(sections["lexicon.cum_df"], count + 1)
        lex._delta, lex._delta_keys, lex._dead, lex._born = {}, [], [], []
        count = int(head["stems"])
        stems = unpack_strings(sections["lexicon.stems"], count)
        lex.stem_df = dict(zip(stems, unpack_ints(sections["lexicon.stem_df"], count), strict=True))
        lex._min_df = int(head["min_df"])
        count = int(head["useful"])
        lex._jamo_keys = unpack_strings(sections["lexicon.jamo_keys"], count)
        lex._jamo_words = unpack_strings(sections["lexicon.jamo_words"], count)
        if not all(w in lex.stem_df and w for w in lex._jamo_words):
            raise Unreadable("completion words outside the vocabulary")
        lex._bucket_words()
        return lex

    # -- changes ----------------------------------------------------------------------------

    def _set_topics(self, topics: Sequence[TopicInfo]) -> None:
        self.topics: dict[str, TopicInfo] = {t.topic.id: t for t in topics}
        # Key -> topic; with a key shared by two topics, the bigger topic wins (listed first).
        self.alias_map: dict[str, str] = {}
        for info in topics:
            for key in (info.topic.id, *info.keys):
                self.alias_map.setdefault(key, info.topic.id)

    def set_topic_counts(self, counts: Mapping[str, int]) -> None:
        """New entry counts per topic (biggest first then by id, as a build lists them)."""
        infos = [replace(t, count=counts.get(t.topic.id, 0)) for t in self.topics.values()]
        self._set_topics(sorted(infos, key=lambda t: (-t.count, t.topic.id)))

    def update_terms(self, removed: Iterable[str], added: Iterable[str], doc_count: int) -> None:
        """Entries stopped containing each of `removed` and started containing each of `added`
        (once per entry: a term twice is two entries)."""
        self.doc_count = max(doc_count, 1)
        steps: dict[str, int] = defaultdict(int)
        for term in removed:
            steps[term] -= 1
        for term in added:
            steps[term] += 1
        stems: dict[str, int] = defaultdict(int)
        for term, step in steps.items():
            if step:
                self._step_term(term, step)
                stems[stem(term)] += step
        for word, step in stems.items():
            if step:
                self._step_stem(word, step)
        if (len(self.stem_df) < LONG_TAIL) != (self._min_df == 1):
            self._index_words()  # the long tail rule flipped: once in a corpus's life

    def _built_df(self, term: str) -> tuple[bool, int]:
        at = bisect_left(self.tokens, term)
        if at < len(self.tokens) and self.tokens[at] == term:
            return True, self._cum_df[at + 1] - self._cum_df[at]
        return False, 0

    def _step_term(self, term: str, step: int) -> None:
        built, base = self._built_df(term)
        before = base + self._delta.get(term, 0)
        delta = self._delta.get(term, 0) + step
        if term not in self._delta:
            insort(self._delta_keys, term)
        self._delta[term] = delta
        if delta == 0:
            del self._delta[term]
            del self._delta_keys[bisect_left(self._delta_keys, term)]
        after = before + step
        present = self._dead if built else self._born
        if (before > 0) != (after > 0):
            if (after > 0) != built:  # a built term gone, or a new one
                insort(present, term)
            else:
                del present[bisect_left(present, term)]

    def _step_stem(self, word: str, step: int) -> None:
        before = self.stem_df.get(word, 0)
        after = before + step
        if after > 0:
            self.stem_df[word] = after
        else:
            self.stem_df.pop(word, None)
        was, now = self._useful(word, before), self._useful(word, after)
        if was == now:
            return
        jamo = keystrokes(word)
        bucket = self._buckets[jamo[0], len(jamo)]
        cho = choseong_keys(word) if has_hangul(word) else None
        if now:
            at = bisect_left(self._jamo_keys, jamo)
            while at < len(self._jamo_keys) and self._jamo_keys[at] == jamo:
                if self._jamo_words[at] > word:
                    break
                at += 1
            self._jamo_keys.insert(at, jamo)
            self._jamo_words.insert(at, word)
            bucket[0].append(jamo)
            bucket[1].append(word)
            if cho is not None:
                self._choseong[cho].append(word)
            return
        at = bisect_left(self._jamo_keys, jamo)
        while self._jamo_words[at] != word:
            at += 1
        del self._jamo_keys[at]
        del self._jamo_words[at]
        at = bucket[1].index(word)
        del bucket[0][at]
        del bucket[1][at]
        if cho is not None:
            self._choseong[cho].remove(word)

    # -- vocabulary -------------------------------------------------------------------------

    def _count_in(self, keys: list[str], prefix: str) -> int:
        lo, hi = prefix_range(keys, prefix)
        return hi - lo

    def is_known(self, prefix: str) -> bool:
        """Some indexed token starts with `prefix`: an FTS prefix query for it can match."""
        lo, hi = prefix_range(self.tokens, prefix)
        if not (self._dead or self._born):
            return hi > lo
        return hi - lo - self._count_in(self._dead, prefix) + self._count_in(self._born, prefix) > 0

    def prefix_df(self, prefix: str) -> int:
        """Entries matching `prefix*`, estimated (an upper bound, capped at the entry count)."""
        lo, hi = prefix_range(self.tokens, prefix)
        df = self._cum_df[hi] - self._cum_df[lo]
        if self._delta_keys:
            lo, hi = prefix_range(self._delta_keys, prefix)
            df += sum(self._delta[t] for t in self._delta_keys[lo:hi])
        return min(df, self.doc_count)

    def form_df(self, form: str) -> int:
        """Entries an FTS form (a word, or a phrase: its rarest word) can match, estimated."""
        return min(self.prefix_df(w) for w in form.split()) if form.strip() else 0

    def idf(self, prefix: str) -> float:
        df = self.prefix_df(prefix)
        return math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5))

    def complete(self, jamo_prefix: str, *, limit: int = 5) -> list[str]:
        """Stems whose keystrokes start with `jamo_prefix` (`대학ㅇ`'s -> 대학원), commonest first."""
        lo, hi = prefix_range(self._jamo_keys, jamo_prefix)
        found = self._jamo_words[lo : min(hi, lo + 2000)]
        return sorted(found, key=lambda w: (-self.stem_df[w], len(w)))[:limit]

    def by_choseong(self, key: str, *, limit: int = 5) -> list[str]:
        """Stems whose initial consonants are exactly `key` (ㄷㅎㅇ -> 대학원), commonest first."""
        found = self._choseong.get(choseong_keys(key), ())
        return sorted(found, key=lambda w: (-self.stem_df[w], w))[:limit]

    def correct(
        self, word: str, *, limit: int = 3, max_distance: int | None = None
    ) -> list[Correction]:
        """Stems or topic keys within a few keystrokes of `word`, closest then commonest first."""
        jamo = keystrokes(word)
        allowed = max_typos(len(jamo))
        if max_distance is not None:
            allowed = min(allowed, max_distance)
        if allowed == 0:
            return []
        found: dict[str, Correction] = {}
        for length in range(len(jamo) - allowed, len(jamo) + allowed + 1):
            bucket = self._buckets.get((jamo[0], length))
            if not bucket:
                continue
            keys, bucket_words = bucket
            for _key, distance, index in process.extract_iter(
                jamo, keys, scorer=Levenshtein.distance, score_cutoff=allowed
            ):
                candidate = bucket_words[index]
                if candidate == word:
                    continue
                df = self.stem_df.get(candidate, 0) + (
                    self.doc_count if candidate in self.alias_map else 0
                )
                old = found.get(candidate)
                if old is None or distance < old.distance:
                    found[candidate] = Correction(candidate, int(distance), df)
        ranked = sorted(found.values(), key=lambda c: (c.distance, -c.df, c.word))
        return ranked[:limit]

    # -- topics -----------------------------------------------------------------------------

    def topic_for(self, text: str) -> str | None:
        """The topic whose id, name or alias is exactly `text` (spacing and case ignored)."""
        return self.alias_map.get(squash(text)) if text else None

    def ordered_topics(self) -> list[TopicInfo]:
        """Topics with entries first, biggest first."""
        return sorted(self.topics.values(), key=lambda t: (-t.count, t.topic.id))
