"""The autocomplete index over entry titles, in memory.

For every word of a title, the keystroke-jamo of the title *from that word on* (spaces removed,
cut to `KEY_JAMO` keystrokes) is a key; so is its initial-consonant form. The keys sit in one
sorted list beside an array of entry numbers, so a prefix lookup is two bisections whatever the
corpus size, and a typed prefix matches at any word start, across words and regardless of
spacing (`취업준비` finds "취업 준비 마인드셋", `취업 준비` finds "취업준비").
"""

from __future__ import annotations

import heapq
import json
from array import array
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, overload

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.search.index_file import Unreadable, pack_ints, pack_strings, unpack_ints, unpack_strings
from bot.search.lexicon import max_typos, prefix_range
from bot.text import choseong_keys, has_hangul, keystrokes, stem, words

KEY_JAMO = 15  # keystrokes kept per key: about five syllables; longer prefixes are verified
KEY_CHOSEONG = 8


@dataclass(frozen=True, slots=True)
class TitleSource:
    entry_id: str
    title: str
    extra: tuple[str, ...] = ()  # English title and aliases: findable, never displayed
    number: int | None = None  # its entry number; None: its place in the sources


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
        self._set("".join(records), width)

    def _set(self, data: str, width: int) -> None:
        self.width = width
        self._stride = width + _DIGITS
        self._data = data
        self._len = len(data) // self._stride

    @classmethod
    def packed(cls, data: str, width: int) -> Postings:
        """Postings from `data` as `data` returns it (sorted records, as a file holds them)."""
        if len(data) % (width + _DIGITS):
            raise ValueError("postings data is not a whole number of records")
        postings = cls.__new__(cls)
        postings._set(data, width)
        return postings

    @staticmethod
    def record(key: str, entry: int, width: int) -> str:
        return key[:width].ljust(width, "\0") + _encode(entry)

    @property
    def data(self) -> str:
        return self._data

    def records(self, skip: set[str]) -> Iterator[str]:
        """Every record in order, but those whose encoded entry number is in `skip`."""
        data, stride, width = self._data, self._stride, self.width
        for start in range(0, len(data), stride):
            record = data[start : start + stride]
            if record[width:] not in skip:
                yield record

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


class _Overlay:
    """Changes since the packed postings were built: records of titles added since (sorted), and
    the records of built titles since removed (sorted, to keep `span` exact), by key kind."""

    def __init__(self) -> None:
        self.added: list[str] = []
        self.removed: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def _merge_ranges(
    postings: Postings, overlay: _Overlay, gone: set[int], prefix: str
) -> Iterator[int]:
    """Entry numbers whose key starts with `prefix`, in key then number order, built postings
    (less removed titles) and added records merged: the order one build of them all gives."""
    width = postings.width
    lo, hi = prefix_range(postings, prefix)
    built = ((postings[i], n) for i in range(lo, hi) if (n := postings.entry(i)) not in gone)
    added_lo, added_hi = prefix_range(overlay.added, prefix)
    added = ((r[:width], _decode(r[width:])) for r in overlay.added[added_lo:added_hi])
    for _, number in heapq.merge(built, added):
        yield number


class TitleIndex:
    """Titles by entry number (the entry's index document number, or its place in `sources`).

    Built once from every title; then `add` and `remove` keep it current in time proportional
    to the title changed: the packed postings stay, an overlay holds what changed since, and
    every answer is the one a fresh build over the same titles gives.
    """

    def __init__(self, sources: Iterable[TitleSource]) -> None:
        self.ids: dict[int, str] = {}
        self.titles: dict[int, str] = {}
        self._extra: dict[int, tuple[str, ...]] = {}
        for index, source in enumerate(sources):
            number = index if source.number is None else source.number
            self.ids[number] = source.entry_id
            self.titles[number] = source.title
            if source.extra:
                self._extra[number] = source.extra
        self.position = {entry_id: n for n, entry_id in self.ids.items()}
        self.order = sorted(self.ids)
        # One key kind at a time: a big corpus has ~600k of each, and each list is packed and
        # dropped before the next is built (peak memory, not just what stays).
        self.keys = Postings(self._records(KEY_JAMO, keystrokes), KEY_JAMO)
        self.cho_keys = Postings(self._records(KEY_CHOSEONG, choseong_keys), KEY_CHOSEONG)
        self._overlays = {KEY_JAMO: _Overlay(), KEY_CHOSEONG: _Overlay()}
        self._built = set(self.ids)  # entry numbers whose records are in the packed postings
        self._gone: set[int] = set()  # of those, removed or rewritten since
        # Title word stems for typo-tolerant fill (with how many titles have each), bucketed by
        # first keystroke and length: a typo rarely hits the first key, and each bucket stays
        # small however big the corpus.
        self._stems: dict[str, int] = defaultdict(int)
        self._fuzzy: dict[tuple[str, int], list[str]] = defaultdict(list)
        cache: dict[str, str] = {}
        for number in self.ids:
            self._count_stems(number, 1, cache)

    def _texts(self, number: int) -> Iterator[str]:
        yield self.titles[number]
        yield from self._extra.get(number, ())

    def _title_records(
        self, number: int, width: int, encode: Callable[[str], str], cache: dict[str, str]
    ) -> Iterator[str]:
        """A record per word start: the encoded text from that word on (initial-consonant
        keys stop at a word with no Hangul)."""
        choseong_only = width == KEY_CHOSEONG
        entry = _encode(number)  # once per title, not per word (a million calls at 100k)
        for text in self._texts(number):
            tail = ""
            for word in reversed(words(text)):
                if choseong_only and not has_hangul(word):
                    tail = ""
                    continue
                code = cache.get(word)
                if code is None:
                    code = cache[word] = encode(word)
                tail = (code + tail)[:width]
                yield tail.ljust(width, "\0") + entry

    def _records(self, width: int, encode: Callable[[str], str]) -> list[str]:
        records: list[str] = []
        cache: dict[str, str] = {}
        for number in self.ids:
            records.extend(self._title_records(number, width, encode, cache))
        return records

    def _count_stems(self, number: int, step: int, cache: dict[str, str]) -> None:
        """Count the title's word stems in (`step` 1) or out (-1), keeping the buckets exact."""
        keys: set[str] = set()
        for text in self._texts(number):
            for word in words(text):
                key = cache.get(word)
                if key is None:
                    key = cache[word] = keystrokes(stem(word))
                keys.add(key)
        for key in keys:
            if not key:
                continue
            count = self._stems[key] = self._stems[key] + step
            if count == step == 1:
                self._fuzzy[key[0], len(key)].append(key)
            elif count == 0:
                del self._stems[key]
                self._fuzzy[key[0], len(key)].remove(key)

    # -- changes ------------------------------------------------------------------------------

    def add(self, number: int, source: TitleSource) -> None:
        """A title written since the build (`remove` its previous version first)."""
        self.ids[number] = source.entry_id
        self.titles[number] = source.title
        if source.extra:
            self._extra[number] = source.extra
        self.position[source.entry_id] = number
        insort(self.order, number)
        for width, encode in ((KEY_JAMO, keystrokes), (KEY_CHOSEONG, choseong_keys)):
            added = self._overlays[width].added
            for record in self._title_records(number, width, encode, {}):
                insort(added, record)
        self._count_stems(number, 1, {})

    def remove(self, number: int) -> None:
        """A title retired, or about to be rewritten."""
        if number not in self.ids:
            return
        built = number in self._built and number not in self._gone
        for width, encode in ((KEY_JAMO, keystrokes), (KEY_CHOSEONG, choseong_keys)):
            overlay = self._overlays[width]
            for record in self._title_records(number, width, encode, {}):
                if built:
                    insort(overlay.removed, record)
                else:
                    del overlay.added[bisect_left(overlay.added, record)]
        self._count_stems(number, -1, {})
        if built:
            self._gone.add(number)
        del self.position[self.ids.pop(number)]
        del self.titles[number]
        self._extra.pop(number, None)
        del self.order[bisect_left(self.order, number)]

    # -- lookups -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def _collect(self, postings: Postings, prefix: str, cap: int) -> list[int]:
        seen: dict[int, None] = {}
        overlay = self._overlays[postings.width]
        if overlay or self._gone:
            numbers: Iterable[int] = _merge_ranges(postings, overlay, self._gone, prefix)
        else:
            lo, hi = prefix_range(postings, prefix)
            numbers = (postings.entry(i) for i in range(lo, hi))
        for number in numbers:
            seen[number] = None
            if len(seen) >= cap:
                break
        return list(seen)

    def span(self, jamo_prefix: str) -> int:
        """How many word starts match `jamo_prefix` (a cheap selectivity estimate)."""
        prefix = jamo_prefix[:KEY_JAMO]
        lo, hi = prefix_range(self.keys, prefix)
        overlay = self._overlays[KEY_JAMO]
        added_lo, added_hi = prefix_range(overlay.added, prefix)
        removed_lo, removed_hi = prefix_range(overlay.removed, prefix)
        return hi - lo + added_hi - added_lo - (removed_hi - removed_lo)

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
            bucket = self._fuzzy.get((word_jamo[0], length)) or ()
            for key, distance, _ in process.extract_iter(
                word_jamo, bucket, scorer=Levenshtein.distance, score_cutoff=allowed
            ):
                found.append((int(distance), key))
        found.sort()
        return [key for _, key in found[:limit]]

    # -- saving (bot/search/index_file.py) ---------------------------------------------------

    def _packed(self, postings: Postings, gone: set[str]) -> str:
        """The postings a fresh build over the current titles has: built ones of titles since
        removed left out, added ones merged in (both are sorted records)."""
        added = self._overlays[postings.width].added
        if not added and not gone:
            return postings.data
        return "".join(heapq.merge(postings.records(gone), added))

    def dump(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        """The index as a fresh build over its current titles would be, as file sections."""
        numbers = sorted(self.ids)
        gone = {_encode(n) for n in self._gone}
        sections = {
            "titles.numbers": pack_ints(array("q", numbers)),
            "titles.ids": pack_strings([self.ids[n] for n in numbers]),
            "titles.titles": pack_strings([self.titles[n] for n in numbers]),
            "titles.extra": json.dumps(
                {str(n): list(x) for n, x in self._extra.items()}, ensure_ascii=False
            ).encode("utf-8"),
            "titles.keys": self._packed(self.keys, gone).encode("utf-8", "surrogatepass"),
            "titles.cho": self._packed(self.cho_keys, gone).encode("utf-8", "surrogatepass"),
            "titles.stems": pack_strings(list(self._stems)),
            "titles.stem_counts": pack_ints(array("q", self._stems.values())),
        }
        return {"titles": len(numbers), "title_stems": len(self._stems)}, sections

    @classmethod
    def load(cls, head: dict[str, Any], sections: dict[str, bytes]) -> TitleIndex:
        """The index `dump` saved; `Unreadable` when the sections do not fit together."""
        index = cls.__new__(cls)
        count = int(head["titles"])
        numbers = unpack_ints(sections["titles.numbers"], count).tolist()
        if any(a >= b for a, b in pairwise(numbers)):
            raise Unreadable("entry numbers out of order")
        ids = unpack_strings(sections["titles.ids"], count)
        index.ids = dict(zip(numbers, ids, strict=True))
        index.titles = dict(
            zip(numbers, unpack_strings(sections["titles.titles"], count), strict=True)
        )
        extra = json.loads(bytes(sections["titles.extra"]).decode("utf-8", "surrogatepass"))
        index._extra = {int(n): tuple(str(x) for x in xs) for n, xs in extra.items()}
        if not index._extra.keys() <= index.ids.keys():
            raise Unreadable("extra titles of unknown entries")
        index.position = dict(zip(ids, numbers, strict=True))
        index.order = numbers
        keys = bytes(sections["titles.keys"]).decode("utf-8", "surrogatepass")
        cho = bytes(sections["titles.cho"]).decode("utf-8", "surrogatepass")
        index.keys = Postings.packed(keys, KEY_JAMO)
        index.cho_keys = Postings.packed(cho, KEY_CHOSEONG)
        index._overlays = {KEY_JAMO: _Overlay(), KEY_CHOSEONG: _Overlay()}
        index._built = set(numbers)
        index._gone = set()
        stem_count = int(head["title_stems"])
        stems = unpack_strings(sections["titles.stems"], stem_count)
        counts = unpack_ints(sections["titles.stem_counts"], stem_count)
        index._stems = defaultdict(int, zip(stems, counts, strict=True))
        index._fuzzy = defaultdict(list)
        for key in stems:
            if not key:
                raise Unreadable("an empty title stem")
            index._fuzzy[key[0], len(key)].append(key)
        return index
