"""Where Previous/Next lead on a kept answer, given which of its results are still there.

A page is a place: a result (its index among the results the answer showed) and which of that
entry's pages. A button knows the place it was drawn on and its direction; where it leads is
worked out at the click, from the entries as they are then: a result retired since is skipped,
an entry edited to fewer pages is shown up to its last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Parts = Callable[[int], int]  # how many pages result n has now (at least 1)


@dataclass(frozen=True, slots=True)
class Place:
    n: int  # which result
    part: int  # which of its pages


def step_from(live: Sequence[bool], parts: Parts, at: Place, step: int) -> Place | None:
    """The page one step (+1 or -1) from `at`: within its entry while it is live and has pages
    that way, else the nearest live result that way (its first page going forward, its last
    going back); None when there is none."""
    if 0 <= at.n < len(live) and live[at.n]:
        part = at.part + step
        if 0 <= part < parts(at.n):
            return Place(at.n, part)
    n = at.n + step
    while 0 <= n < len(live):
        if live[n]:
            return Place(n, 0 if step > 0 else parts(n) - 1)
        n += step
    return None


def settle(live: Sequence[bool], parts: Parts, at: Place) -> Place | None:
    """`at` as it is now: that page of that result (its last, if it has fewer pages now); the
    next live result if it is gone, else the previous one; None when every result is gone."""
    if 0 <= at.n < len(live) and live[at.n]:
        return Place(at.n, min(at.part, parts(at.n) - 1))
    return step_from(live, parts, at, +1) or step_from(live, parts, at, -1)


def position(live: Sequence[bool], n: int) -> tuple[int, int] | None:
    """The "result k of m" of result `n`, counted among the results still there (None when one is left)."""
    total = sum(live)
    return (sum(live[: n + 1]), total) if total > 1 else None
