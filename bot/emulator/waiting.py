"""One place every state change is announced, so tests can await "until X is true" with a timeout
instead of sleeping."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from bot.emulator.errors import InteractionTimeout

T = TypeVar("T")


class ChangeFeed:
    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake every waiter; each re-checks its own condition. Safe to call from sync code."""
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait_for(
        self, check: Callable[[], T | None], within: float, describe: Callable[[], str]
    ) -> T:
        """Return the first non-None ``check()``; raise ``InteractionTimeout(describe())`` when
        ``within`` seconds pass first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise InteractionTimeout(describe())
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue
