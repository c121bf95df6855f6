"""Answering an interaction whose handler writes to the database.

A write can wait for the write lock: behind another process's ingest (its write phase), or the
bot's own. Discord drops an interaction not answered within 3 s (10062), so a handler wraps its
writes in `deferring(interaction)`: when no answer has gone out `DEFER_AFTER` seconds into the
wait, it defers ("thinking…", ephemeral), and `send` then fills that in instead of answering.
The fast path, a write that does not wait, stays one plain response.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import discord

log = logging.getLogger(__name__)

# Well inside Discord's 3 s, with room for the defer's own round trip on a slow link.
DEFER_AFTER = 1.0


@contextlib.asynccontextmanager
async def deferring(interaction: discord.Interaction[Any]) -> AsyncIterator[None]:
    """Defer the interaction (ephemeral, thinking) if the block runs longer than DEFER_AFTER.

    Answer after the block, with `send`: a defer that has started is finished before the block
    exits, so the answer never races it."""
    started = False

    async def defer_later() -> None:
        nonlocal started
        await asyncio.sleep(DEFER_AFTER)
        started = True
        if interaction.response.is_done():
            return
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
        except discord.HTTPException:
            log.warning("could not defer interaction %s", interaction.id, exc_info=True)

    watchdog = asyncio.create_task(defer_later(), name=f"defer-{interaction.id}")
    try:
        yield
    finally:
        if started:
            await watchdog
        else:
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watchdog


async def send(
    interaction: discord.Interaction[Any], content: str | None = None, **kwargs: Any
) -> None:
    """An ephemeral answer: the response, or what fills in a defer."""
    if content is not None:
        kwargs["content"] = content
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=True, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=True, **kwargs)
