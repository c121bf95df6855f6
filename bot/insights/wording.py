"""Queries as stored and compared: the text search cleans (NFC, controls dropped, spaces
collapsed, at most 200 characters), a key of its content words' stems, and groups of keys that
read alike (rapidfuzz, as search's corrections use)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.models.insights import MAX_QUERY
from bot.text import clean, query_terms, squash

SIMILAR = 80  # token_sort_ratio at or above which two keys are one wording


def normalize(query: str) -> str:
    return clean(query, max_chars=MAX_QUERY)


def query_key(query: str) -> str:
    """`코테 준비는 어떻게 해요?` and `코테준비 어떻게` -> `코테 준비`-like keys: stems of the
    content words, particles and stopwords off; the squashed text when nothing is left."""
    stems = [term.stem for term in query_terms(query)]
    return (" ".join(stems) or squash(query))[:MAX_QUERY]


@dataclass(slots=True)
class Group:
    key: str
    label: str
    count: int
    members: list[tuple[str, str, int]]  # (key, label, count), most asked first


def group_similar(rows: Sequence[tuple[str, str, int]], *, cutoff: int = SIMILAR) -> list[Group]:
    """Greedy clustering of (key, label, count) rows, most asked first: each row joins the first
    group whose key reads alike (spacing ignored), or one of whose wordings is this one but for
    its spacing (`낫는 법` and `낫는법` can reduce to different keys), else starts one. Groups
    by count, descending."""
    groups: list[Group] = []
    for key, label, count in sorted(rows, key=lambda r: (-r[2], r[0])):
        flat = key.replace(" ", "")
        worded = squash(label)
        for group in groups:
            if (
                fuzz.token_sort_ratio(key, group.key) >= cutoff
                or fuzz.ratio(flat, group.key.replace(" ", "")) >= cutoff
                or any(squash(member[1]) == worded for member in group.members)
            ):
                group.count += count
                group.members.append((key, label, count))
                break
        else:
            groups.append(Group(key, label, count, [(key, label, count)]))
    groups.sort(key=lambda g: (-g.count, g.key))
    return groups
