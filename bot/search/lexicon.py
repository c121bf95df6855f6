"""The in-memory half of the index: taxonomy keys and the index vocabulary.

Built once from the database (`Lexicon.build`) and replaced whole when the corpus generation
changes, so queries never touch more than a few sorted lists and dicts.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.models import Topic
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


@dataclass(frozen=True, slots=True)
class Correction:
    word: str  # the corrected stem (or topic key)
    distance: int
    df: int


class Lexicon:
    """Topics and vocabulary; all lookups are in memory and O(log n) or a bounded scan."""

    def __init__(
        self,
        topics: Sequence[TopicInfo],
        vocabulary: Mapping[str, int],
        doc_count: int,
    ) -> None:
        self.doc_count = max(doc_count, 1)
        self.topics: dict[str, TopicInfo] = {t.topic.id: t for t in topics}
        # Key -> topic; with a key shared by two topics, the bigger topic wins (listed first).
        self.alias_map: dict[str, str] = {}
        for info in topics:
            for key in (info.topic.id, *info.keys):
                self.alias_map.setdefault(key, info.topic.id)

        stems: dict[str, int] = defaultdict(int)
        for token, df in vocabulary.items():
            stems[stem(token)] += df
        self.tokens: list[str] = sorted(vocabulary)
        self._cum_df = array("q", [0, *accumulate(vocabulary[t] for t in self.tokens)])
        self.stem_df: dict[str, int] = dict(stems)

        # Completion, choseong and typo lookups skip one-off words in a big index: a long tail
        # of typos and names that costs memory and suggests nothing useful.
        min_df = 1 if len(self.stem_df) < LONG_TAIL else 2
        useful = [w for w, df in self.stem_df.items() if df >= min_df and len(w) > 1]
        pairs = sorted((keystrokes(w), w) for w in useful)
        self._jamo_keys = [p[0] for p in pairs]
        self._jamo_words = [p[1] for p in pairs]
        by_cho: dict[str, list[str]] = defaultdict(list)
        for word in useful:
            if has_hangul(word):
                by_cho[choseong_keys(word)].append(word)
        self._choseong = {k: sorted(v, key=lambda w: -self.stem_df[w]) for k, v in by_cho.items()}
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
        self._buckets = dict(buckets)

    # -- vocabulary -------------------------------------------------------------------------

    def is_known(self, prefix: str) -> bool:
        """Some indexed token starts with `prefix`: an FTS prefix query for it can match."""
        lo, hi = prefix_range(self.tokens, prefix)
        return hi > lo

    def prefix_df(self, prefix: str) -> int:
        """Entries matching `prefix*`, estimated (an upper bound, capped at the entry count)."""
        lo, hi = prefix_range(self.tokens, prefix)
        return min(self._cum_df[hi] - self._cum_df[lo], self.doc_count)

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
        return self._choseong.get(choseong_keys(key), [])[:limit]

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
