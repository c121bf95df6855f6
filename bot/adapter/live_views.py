"""The bot's live views, bounded: each keeps its pages and its interaction until it times out
(10 minutes), so memory grows with the traffic of the last 10 minutes unless capped."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.adapter.views import OwnedView

DEFAULT_LIMIT = 1000


class LiveViews:
    """At most `limit` views listening at once: past it the oldest expires early, as on its
    timeout (its buttons disabled in place), whatever the traffic."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._views: dict[int, OwnedView] = {}  # by id(view), oldest first
        self.evicted = 0

    def __len__(self) -> int:
        return len(self._views)

    def track(self, view: OwnedView) -> None:
        self._views[id(view)] = view
        while len(self._views) > self.limit:
            oldest = self._views.pop(next(iter(self._views)))
            self.evicted += 1
            oldest.expire()

    def forget(self, view: OwnedView) -> None:
        """A view that stopped or timed out on its own."""
        if self._views.get(id(view)) is view:
            del self._views[id(view)]
