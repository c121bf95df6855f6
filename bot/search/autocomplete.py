"""Autocomplete over topics and entry titles, from the in-memory indexes only (no SQL).

Order of the choices: topics whose name or alias the prefix starts, entry titles with a word the
prefix starts (jamo-level, so a half-typed `대학ㅇ` counts; initial consonants `ㅇㄹㅅ` too; spacing
ignored), a few query completions from the index vocabulary, then typo-tolerant matches.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.search.lexicon import Lexicon
from bot.search.models import Suggestion, SuggestionKind, parse_value
from bot.search.titles import TitleIndex
from bot.text import choseong_keys, clean, is_choseong_query, keystrokes, squash, stem, words

MAX_CHOICES = 25  # Discord's limit
CANDIDATE_CAP = 120  # titles ranked per prefix; a one-syllable prefix matches thousands
MAX_TOPICS = 5
MAX_COMPLETIONS = 3
DEFAULT_TOPICS = 10


class _Choices:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: dict[str, Suggestion] = {}

    def add(self, suggestion: Suggestion) -> None:
        if len(self.items) < self.limit:
            self.items.setdefault(suggestion.value, suggestion)

    def extend(self, suggestions: Iterable[Suggestion]) -> None:
        for s in suggestions:  # lazily: stop building choices once there is no room
            if self.full:
                break
            self.add(s)

    @property
    def full(self) -> bool:
        return len(self.items) >= self.limit


def default_choices(lex: Lexicon, titles: TitleIndex, limit: int) -> list[Suggestion]:
    """Nothing typed yet: the biggest topics, then entries in corpus order."""
    out = _Choices(limit)
    out.extend(
        Suggestion.for_topic(t.topic) for t in lex.ordered_topics()[:DEFAULT_TOPICS] if t.count
    )
    for index in titles.order:
        if out.full:
            break
        out.add(Suggestion.for_entry(titles.ids[index], titles.titles[index]))
    return list(out.items.values())


def _entry(titles: TitleIndex, index: int) -> Suggestion:
    return Suggestion.for_entry(titles.ids[index], titles.titles[index])


def _topics_by_jamo(lex: Lexicon, key: str) -> list[Suggestion]:
    exact: list[Suggestion] = []
    prefix: list[Suggestion] = []
    for info in lex.ordered_topics():
        jamo_keys = [keystrokes(k) for k in info.keys]
        if any(k == key for k in jamo_keys):
            exact.append(Suggestion.for_topic(info.topic))
        elif any(k.startswith(key) for k in jamo_keys):
            prefix.append(Suggestion.for_topic(info.topic))
    return (exact + prefix)[:MAX_TOPICS]


def _topics_by_choseong(lex: Lexicon, key: str) -> list[Suggestion]:
    found = [
        Suggestion.for_topic(info.topic)
        for info in lex.ordered_topics()
        if any(choseong_keys(k).startswith(choseong_keys(key)) for k in info.keys)
    ]
    return found[:MAX_TOPICS]


def _rank_titles(
    titles: TitleIndex, indexes: Iterable[int], key: str, typed: list[str]
) -> list[int]:
    """Titles that start with the prefix first, then ones with a typed word whole, then short."""

    def order(i: int) -> tuple[bool, bool, int, int]:
        word_keys = titles.word_keys(i)
        starts = "".join(word_keys).startswith(key)
        whole = any(w in word_keys for w in typed)
        return (not starts, not whole, len(titles.titles[i]), i)

    return sorted(dict.fromkeys(indexes), key=order)


def _choseong_choices(lex: Lexicon, titles: TitleIndex, text: str, out: _Choices) -> None:
    key = text.replace(" ", "")
    out.extend(_topics_by_choseong(lex, key))
    found = titles.by_choseong(key, cap=CANDIDATE_CAP)
    ranked = sorted(
        found,
        key=lambda i: (
            not choseong_keys(squash(titles.titles[i])).startswith(choseong_keys(key)),
            len(titles.titles[i]),
            i,
        ),
    )
    out.extend(_entry(titles, i) for i in ranked)
    found_words = lex.by_choseong(key, limit=3 * MAX_COMPLETIONS)
    whole = [w for w in found_words if _searchable_word(lex, titles, w)]
    out.extend(Suggestion.for_query(w) for w in whole[:MAX_COMPLETIONS])


def _searchable_word(lex: Lexicon, titles: TitleIndex, stem_: str) -> bool:
    """A stem people would search for: a topic name or alias, or a word of some title (어렵습,
    a stem cut out of 어렵습니다 in a body, is not: suggested, it reads as a half-word)."""
    if stem_ in lex.alias_map:
        return True
    for i in titles.by_prefix(keystrokes(stem_), cap=CANDIDATE_CAP):
        if any(stem(w) == stem_ for w in words(titles.titles[i])):
            return True
    return False


def _completions(lex: Lexicon, jamo: str, typed: str) -> list[str]:
    """Indexed words that finish the one being typed, without leftover endings (캐글, not 캐글같)."""
    found: list[str] = []
    for word in lex.complete(jamo, limit=12):
        mixed = not word.isascii() and any("a" <= c <= "z" for c in word)  # kaggle과
        if word == typed or mixed or any(word.startswith(w) for w in found):
            continue
        found.append(word)
    return found[:MAX_COMPLETIONS]


def _word_choices(lex: Lexicon, titles: TitleIndex, typed: list[str], out: _Choices) -> None:
    jamo = [keystrokes(w) for w in typed]
    key = "".join(jamo)
    out.extend(_topics_by_jamo(lex, key))
    if len(jamo) == 1:
        found = titles.by_prefix(key, cap=CANDIDATE_CAP)
    else:
        # Start from the rarest word, keep titles where every other word starts a word too.
        found = titles.by_prefix(key, cap=CANDIDATE_CAP)  # the words in a row, any spacing
        if len(found) < out.limit:
            # Else the rarest word, keeping titles where every other word starts a word too.
            rarest = min(jamo, key=titles.span)
            others = [j for j in jamo if j is not rarest]
            found += [
                i
                for i in titles.by_prefix(rarest, cap=CANDIDATE_CAP)
                if all(any(w.startswith(j) for w in titles.word_keys(i)) for j in others)
            ]
    completions = [" ".join([*typed[:-1], w]) for w in _completions(lex, jamo[-1], typed[-1])]
    room = out.limit - len(out.items) - len(completions)
    ranked = _rank_titles(titles, found, key, jamo)
    out.extend(_entry(titles, i) for i in ranked[: max(room, 0)])
    out.extend(Suggestion.for_query(c) for c in completions)
    out.extend(_entry(titles, i) for i in ranked[max(room, 0) :])
    if not out.full:
        _fuzzy_choices(lex, titles, typed, out)


def _fuzzy_choices(lex: Lexicon, titles: TitleIndex, typed: list[str], out: _Choices) -> None:
    """Typos: `포트폴리요` -> 포트폴리오, `대학언` -> 대학원 (whole words only, a few keystrokes off)."""
    last = typed[-1]
    for correction in lex.correct(squash(" ".join(typed)) if len(typed) > 1 else last, limit=3):
        if (topic_id := lex.alias_map.get(correction.word)) is not None:
            out.add(Suggestion.for_topic(lex.topics[topic_id].topic))
    matched: list[int] = []
    for key in titles.fuzzy_words(keystrokes(last)):
        matched.extend(titles.by_prefix(key, cap=out.limit))
    out.extend(_entry(titles, i) for i in _rank_titles(titles, matched, "", []))


def autocomplete(
    prefix: str, lex: Lexicon, titles: TitleIndex, *, limit: int = MAX_CHOICES
) -> list[Suggestion]:
    """At most `limit` (≤ 25) choices for what has been typed so far."""
    limit = max(1, min(limit, MAX_CHOICES))
    text = clean(prefix, max_chars=100)
    kind, ref = parse_value(text)
    if kind is SuggestionKind.ENTRY and ref in titles.position:
        return [_entry(titles, titles.position[ref])]
    if kind is SuggestionKind.TOPIC and ref in lex.topics:
        return [Suggestion.for_topic(lex.topics[ref].topic)]
    typed = words(text)
    if not typed:
        return default_choices(lex, titles, limit)
    out = _Choices(limit)
    if is_choseong_query(text):
        _choseong_choices(lex, titles, text, out)
    else:
        _word_choices(lex, titles, typed, out)
    return list(out.items.values())
