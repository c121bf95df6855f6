"""A cog's background loop (the daily tip, the weekly digest, the audit outbox): started when the
cog loads, once the bot is ready, and stopped with the cog."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import discord

log = logging.getLogger(__name__)


class BackgroundLoop:
    def __init__(
        self, client: discord.Client, name: str, run: Callable[[asyncio.Event], Awaitable[None]]
    ) -> None:
        self._client = client
        self._name = name
        self._run = run
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._main(), name=self._name)

    async def _main(self) -> None:
        await self._client.wait_until_ready()
        try:
            await self._run(self._stop)
        except Exception:
            log.exception("%s stopped", self._name)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
