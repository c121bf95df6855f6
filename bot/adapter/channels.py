"""Whether a channel a server's setting names is still there (the bot's copy of the server)."""

from __future__ import annotations

import discord


def deleted(guild: discord.Guild | None, channel_id: int | None) -> bool:
    """The server no longer has `channel_id` (a setting then points at nothing: say so)."""
    return guild is not None and channel_id is not None and guild.get_channel(channel_id) is None
