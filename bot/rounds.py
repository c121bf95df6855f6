"""Rounds of a background job (the weekly digest, the audit outbox): one at start, then one every
`every` seconds until stopped, never two at once; `idle()` lets a test act between rounds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class Rounds:
    def __init__(self, name: str, every: float) -> None:
        self.name = name
        self.every = every
        self.turn = asyncio.Lock()  # held by a round: a manual round waits for the loop's
        self._first_round = asyncio.Event()

    async def run(self, stop: asyncio.Event, round_: Callable[[], Awaitable[object]]) -> None:
        while not stop.is_set():
            try:
                await round_()
            except Exception:  # the database hiccuped: try again next round
                log.exception("%s round failed", self.name)
            self._first_round.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.every)

    async def idle(self) -> None:
        """Until the loop made its first round and is between rounds (tests act then, so the
        start-up round does not race them)."""
        await self._first_round.wait()
        async with self.turn:
            pass
