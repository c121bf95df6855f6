"""Helpers for the emulator's own tests (imported explicitly, not from a conftest): the small
world the fixtures build, pointing discord.py at the emulator, and running a bot on it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import discord
import pytest
import yarl
from discord.ext import commands

from bot.emulator import Channel, DiscordEmulator, Guild, Member


@dataclass
class World:
    emu: DiscordEmulator
    guild: Guild
    general: Channel
    forum: Channel
    camper: Member
    moderator: Member


def point_at(monkeypatch: pytest.MonkeyPatch, emu: DiscordEmulator) -> None:
    """What the bot's adapter does with DISCORD_API_BASE / DISCORD_GATEWAY_URL."""
    monkeypatch.setattr(discord.http.Route, "BASE", emu.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(emu.gateway_url)
    )


async def run_bot(bot: commands.Bot, emu: DiscordEmulator) -> asyncio.Task[None]:
    await bot.login("emulator-token")
    task = asyncio.create_task(bot.connect())
    await emu.wait_until_identified()
    await asyncio.wait_for(bot.wait_until_ready(), 5)
    return task
