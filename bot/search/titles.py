"""The autocomplete index over entry titles, in memory.

For every word of a title, the keystroke-jamo of the title *from that word on* (spaces removed,
cut to `KEY_JAMO` keystrokes) is a key; so is its initial-consonant form. The keys sit in one
sorted list beside an array of entry numbers, so a prefix lookup is two bisections whatever the
corpus size, and a typed prefix matches at any word start, across words and regardless of
spacing (`취업준비` finds "취업 준비 마인드셋", `취업 준비` finds "취업준비").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.search.lexicon import max_typos, prefix_range
from bot.text import choseong_keys, has_hangul, keystrokes, stem, words

KEY_JAMO = 15  # keystrokes kept per key: about five syllables; longer prefixes are verified
KEY_CHOSEONG = 8


@dataclass(frozen=True, slots=True)
class TitleSource:
    entry_id: str
    title: str
    extra: tuple[str, ...] = ()  # English title and aliases: findable, never displayed


def title_keystrokes(text: str) -> list[str]:
    """The keystroke jamo of each word of `text`."""
    return [keystrokes(w) for w in words(text)]


_DIGITS = 4  # an entry number as 4 base-64 ASCII digits after each key (up to 16.7M entries)
_BASE = 64
_ZERO = 48  # "0".."o": ASCII, above the NUL padding


def _encode(number: int) -> str:
    digits = []
    for _ in range(_DIGITS):
        number, digit = divmod(number, _BASE)
        digits.append(chr(_ZERO + digit))
    return "".join(reversed(digits))


def _decode(text: str) -> int:
    number = 0
    for char in text:
        number = number * _BASE + ord(char) - _ZERO
    return number


class Postings(Sequence[str]):
    """Sorted (key, entry) postings packed into one ASCII string.

    Each record is the key padded with NUL to `width` (NUL sorts first, so padded keys keep their
    order) followed by the entry number in `_DIGITS` characters: ~20 bytes a posting, where a
    list of str objects and an array would take ~70. Indexing returns the padded key, so
    `bisect` works on it directly; `entry(i)` decodes the entry number.
    """

    def __init__(self, records: list[str], width: int) -> None:
        records.sort()
        self.width = width
        self._stride = width + _DIGITS
        self._data = "".join(records)
        self._len = len(records)

    @staticmethod
    def record(key: str, entry: int, width: int) -> str:
        return key[:width].ljust(width, "\0") + _encode(entry)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if not 0 <= index < self._len:
            raise IndexError(index)
        start = index * self._stride
        return self._data[start : start + self.width]

    def entry(self, index: int) -> int:
        start = index * self._stride + self.width
        return _decode(self._data[start : start + _DIGITS])


class TitleIndex:
    def __init__(self, sources: Iterable[TitleSource]) -> None:
        self.ids: list[str] = []
        self.titles: list[str] = []
        self._extra: dict[int, tuple[str, ...]] = {}
        for index, source in enumerate(sources):
            self.ids.append(source.entry_id)
            self.titles.append(source.title)
            if source.extra:
                self._extra[index] = source.extra
        self.position = {entry_id: i for i, entry_id in enumerate(self.ids)}
        # One key kind at a time: a big corpus has ~600k of each, and each list is packed and
        # dropped before the next is built (peak memory, not just what stays).
        stems: dict[str, None] = {}
        self.keys = Postings(self._records(KEY_JAMO, keystrokes, stems), KEY_JAMO)
        self.cho_keys = Postings(self._records(KEY_CHOSEONG, choseong_keys, None), KEY_CHOSEONG)
        # Title word stems for typo-tolerant fill, bucketed by first keystroke and length: a typo
        # rarely hits the first key, and each bucket stays small however big the corpus.
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key in stems:
            if key:
                buckets[key[0], len(key)].append(key)
        self._fuzzy = dict(buckets)

    def _texts(self) -> Iterator[tuple[int, str]]:
        for index, title in enumerate(self.titles):
            yield index, title
            for text in self._extra.get(index, ()):
                yield index, text

    def _records(
        self, width: int, encode: Callable[[str], str], stems: dict[str, None] | None
    ) -> list[str]:
        """A record per word start: the encoded text from that word on (initial-consonant
        keys stop at a word with no Hangul)."""
        records: list[str] = []
        cache: dict[str, str] = {}
        choseong_only = stems is None
        for index, text in self._texts():
            tail = ""
            for word in reversed(words(text)):
                if choseong_only and not has_hangul(word):
                    tail = ""
                    continue
                code = cache.get(word)
                if code is None:
                    code = cache[word] = encode(word)
                    if stems is not None:
                        stems.setdefault(encode(stem(word)), None)
                tail = (code + tail)[:width]
                records.append(Postings.record(tail, index, width))
        return records

    def __len__(self) -> int:
        return len(self.ids)

    @staticmethod
    def _collect(postings: Postings, prefix: str, cap: int) -> list[int]:
        lo, hi = prefix_range(postings, prefix)
        seen: dict[int, None] = {}
        for i in range(lo, hi):
            seen[postings.entry(i)] = None
            if len(seen) >= cap:
                break
        return list(seen)

    def span(self, jamo_prefix: str) -> int:
        """How many word starts match `jamo_prefix` (a cheap selectivity estimate)."""
        lo, hi = prefix_range(self.keys, jamo_prefix[:KEY_JAMO])
        return hi - lo

    def by_prefix(self, jamo_prefix: str, *, cap: int) -> list[int]:
        """Titles where a word starts `jamo_prefix` (read on across words, spaces ignored)."""
        found = self._collect(self.keys, jamo_prefix[:KEY_JAMO], cap)
        if len(jamo_prefix) <= KEY_JAMO:
            return found
        return [i for i in found if jamo_prefix in self.squashed(i)]

    def by_choseong(self, key: str, *, cap: int) -> list[int]:
        key = choseong_keys(key)
        found = self._collect(self.cho_keys, key[:KEY_CHOSEONG], cap)
        if len(key) <= KEY_CHOSEONG:
            return found
        return [i for i in found if key in choseong_keys("".join(words(self.titles[i])))]

    def word_keys(self, index: int) -> list[str]:
        """The keystroke jamo of each word of title `index` (computed on demand)."""
        return title_keystrokes(self.titles[index])

    def squashed(self, index: int) -> str:
        return "".join(self.word_keys(index))

    def fuzzy_words(self, word_jamo: str, *, limit: int = 5) -> list[str]:
        """Title word stems (jamo) a few keystrokes from `word_jamo`, closest first."""
        allowed = max_typos(len(word_jamo))
        if allowed == 0:
            return []
        found: list[tuple[int, str]] = []
        for length in range(len(word_jamo) - allowed, len(word_jamo) + allowed + 1):
            bucket = self._fuzzy.get((word_jamo[0], length), ())
            for key, distance, _ in process.extract_iter(
                word_jamo, bucket, scorer=Levenshtein.distance, score_cutoff=allowed
            ):
                found.append((int(distance), key))
        found.sort()
        return [key for _, key in found[:limit]]
