"""Which topics the /advice topic option offers for what has been typed, best first: a part of
any name or alias (`대학`, `kag`), a half-typed syllable (`캐ㄱ`), or initial consonants (`ㅋ`,
`ㄷㅎㅇ`), at the start of a name or of any word in it (`ㄱㅈ` finds 캐글·경진대회)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.models import Topic
from bot.text import choseong_keys, is_choseong_query, keystrokes, words


def _rank(topic: Topic, wanted: str) -> int | None:
    """0: a name starts with it; 1: a word of a name does; 2: an alias or a part matches."""
    names = (topic.name_ko, topic.name_en)
    others = (topic.id, *topic.aliases)
    if is_choseong_query(wanted):
        key, convert = choseong_keys(wanted.replace(" ", "")), choseong_keys
    else:
        key, convert = keystrokes(wanted.replace(" ", "")), keystrokes

    def starts(name: str, *, any_word: bool) -> bool:
        parts = words(name)
        tails = ["".join(parts[i:]) for i in range(len(parts) if any_word else min(1, len(parts)))]
        return any(convert(tail.casefold()).startswith(key) for tail in tails)

    if any(starts(name, any_word=False) for name in names):
        return 0
    if any(starts(name, any_word=True) for name in names):
        return 1
    if any(wanted in name.casefold() for name in (*names, *others)) or any(
        starts(name, any_word=True) for name in others
    ):
        return 2
    return None


def matching_topics(topics: Iterable[Topic], typed: str) -> list[Topic]:
    """The topics `typed` matches, best first (in the given order within a rank)."""
    wanted = typed.strip().casefold()
    if not wanted:
        return list(topics)
    ranked = [(rank, n, t) for n, t in enumerate(topics) if (rank := _rank(t, wanted)) is not None]
    return [t for _, _, t in sorted(ranked, key=lambda x: (x[0], x[1]))]


def named_topic(topics: Iterable[Topic], value: str) -> Topic | None:
    """The topic a submitted value names: its id, `topic:<id>` (an autocomplete value), or one
    of its names or aliases, ignoring case; None for a topic that does not exist."""
    wanted = value.strip().removeprefix("topic:").strip().casefold()
    for topic in topics:
        if wanted in (
            n.casefold() for n in (topic.id, topic.name_ko, topic.name_en, *topic.aliases)
        ):
            return topic
    return None
