"""Fixtures for the emulator's own tests: a small world and the tiny bot connected to it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio
from discord.ext import commands

from bot.emulator import DiscordEmulator, Perm
from tests.emulator.helpers import World, point_at, run_bot
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


@pytest.fixture
def world(emulator: DiscordEmulator) -> World:
    guild = emulator.add_guild("Bootcamp", locale="ko")
    general = emulator.state.channels[guild.system_channel_id or 0]
    forum = emulator.add_forum_channel(guild, "advice", tags=["질문"])
    camper = emulator.add_member(guild, "camper", locale="ko")
    moderator = emulator.add_member(guild, "mod", permissions=Perm.MANAGE_GUILD)
    return World(emulator, guild, general, forum, camper, moderator)


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
