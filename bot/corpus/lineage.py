"""Which raw post section each curated entry was written from.

A curated entry (content/advice/, mapped in content/SOURCES.md) rewrites part of a blog post in
our own words; ingesting the posts too (`ingest content ../shared/corpus`) adds the raw sections
the entries were written from. Search must not answer twice with the same advice, so each
curated entry is linked to the section of its post (same `source.post`) whose text it draws on
most: the share of its character pairs found in the section, plus half the likeness of the
titles. A link needs a clear winner (a score of at least MIN_SCORE, ahead of the next section by
MARGIN); without one the entry stays unlinked and both rank on their own.

Pure functions: the ingest service reads the texts from the store and writes the links back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# A post section's id, as `bot.corpus.documents.stable_id` makes it; as a SQLite GLOB too.
SECTION_ID = re.compile(r"p-[0-9a-f]{12}")
SECTION_GLOB = "p-" + "[0-9a-f]" * 12
MIN_SCORE = 0.3
MARGIN = 0.03
TITLE_WEIGHT = 0.5
_NOT_A_LETTER = re.compile(r"[^0-9a-z가-힣]+")


@dataclass(frozen=True, slots=True)
class Text:
    id: str
    post: str
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Link:
    entry_id: str  # the curated entry
    section_id: str  # the raw section it was written from
    score: float


def is_section(entry_id: str) -> bool:
    return SECTION_ID.fullmatch(entry_id) is not None


def _pairs(text: str) -> frozenset[str]:
    """Character pairs within words (a one-letter word as itself): robust to rewording, to
    Korean particles and endings, and to spacing."""
    found: set[str] = set()
    for word in _NOT_A_LETTER.sub(" ", text.lower()).split():
        if len(word) == 1:
            found.add(word)
        found.update(word[i : i + 2] for i in range(len(word) - 1))
    return frozenset(found)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def source_sections(texts: Iterable[Text]) -> list[Link]:
    """A link for each curated entry with a clear source section in its own post."""
    by_post: dict[str, tuple[list[Text], list[Text]]] = defaultdict(lambda: ([], []))
    for text in texts:
        by_post[text.post][0 if is_section(text.id) else 1].append(text)
    links: list[Link] = []
    for sections, curated in by_post.values():
        if not sections or not curated:
            continue
        shapes = [(s.id, _pairs(f"{s.title} {s.body}"), _pairs(s.title)) for s in sections]
        for entry in curated:
            whole, title = _pairs(f"{entry.title} {entry.body}"), _pairs(entry.title)
            scored = sorted(
                (
                    len(whole & text) / max(1, len(whole)) + TITLE_WEIGHT * _dice(title, heading),
                    section_id,
                )
                for section_id, text, heading in shapes
            )
            best, section_id = scored[-1]
            runner_up = scored[-2][0] if len(scored) > 1 else 0.0
            if best >= MIN_SCORE and best - runner_up >= MARGIN:
                links.append(Link(entry.id, section_id, round(best, 4)))
    return links
