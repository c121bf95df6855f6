"""Fixtures for the emulator's own tests: a small world and the tiny bot connected to it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import discord
import pytest
import pytest_asyncio
import yarl
from discord.ext import commands

from bot.emulator import Channel, DiscordEmulator, Guild, Member, Perm
from tests.emulator.tiny_bot import build_bot
from tests.fixtures.emulator import emulator

__all__ = ["emulator"]


@pytest.fixture(autouse=True)
def no_logged_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """discord.py logs (rather than raises) when it cannot parse a payload or a view callback
    fails; any such error means the emulator sent something Discord would not."""
    yield
    records = caplog.get_records("setup") + caplog.get_records("call")
    errors = [r for r in records if r.levelno >= logging.ERROR]
    assert not errors, "\n".join(r.getMessage() for r in errors)


@dataclass
class World:
    emu: DiscordEmulator
    guild: Guild
    general: Channel
    forum: Channel
    camper: Member
    moderator: Member


@pytest.fixture
def world(emulator: DiscordEmulator) -> World:
    guild = emulator.add_guild("Bootcamp", locale="ko")
    general = emulator.state.channels[guild.system_channel_id or 0]
    forum = emulator.add_forum_channel(guild, "advice", tags=["질문"])
    camper = emulator.add_member(guild, "camper", locale="ko")
    moderator = emulator.add_member(guild, "mod", permissions=Perm.MANAGE_GUILD)
    return World(emulator, guild, general, forum, camper, moderator)


def point_at(monkeypatch: pytest.MonkeyPatch, emu: DiscordEmulator) -> None:
    """What the bot's adapter does with DISCORD_API_BASE / DISCORD_GATEWAY_URL."""
    monkeypatch.setattr(discord.http.Route, "BASE", emu.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(emu.gateway_url)
    )


async def eventually(check: Callable[[], object], within: float = 2.0) -> None:
    """For effects on the bot's side, which the emulator cannot await (it only sees the wire)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)


async def run_bot(bot: commands.Bot, emu: DiscordEmulator) -> asyncio.Task[None]:
    await bot.login("emulator-token")
    task = asyncio.create_task(bot.connect())
    await emu.wait_until_identified()
    await asyncio.wait_for(bot.wait_until_ready(), 5)
    return task


@pytest_asyncio.fixture
async def bot(world: World, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[commands.Bot]:
    point_at(monkeypatch, world.emu)
    client = build_bot()
    task = await run_bot(client, world.emu)
    await client.tree.sync()
    try:
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)
