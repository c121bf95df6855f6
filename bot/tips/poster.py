"""The port the scheduler posts through; the Discord adapter implements it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.models.tips import DailyTip
from bot.tips.errors import PostError

__all__ = ["PostError", "PostedTip", "TipPoster"]


@dataclass(frozen=True, slots=True)
class PostedTip:
    message_id: int
    thread_id: int | None = None
    # Posted, but its discussion thread could not be opened (what Discord said): recorded as
    # the server's last problem.
    thread_problem: str | None = None


class TipPoster(Protocol):
    async def find_existing(self, channel_id: int, nonce: str) -> int | None:
        """The id of a tip message already posted in the channel with this nonce, if any.

        Called before re-sending a day whose earlier attempt may have reached Discord (a crash
        or a timeout between the send and the record). Raise PostError like `post`.
        """
        ...

    async def post(
        self, guild_id: int, channel_id: int, tip: DailyTip, *, nonce: str, open_thread: bool
    ) -> PostedTip:
        """Send the tip (with Discord's message nonce + enforce_nonce); raise PostError."""
        ...
