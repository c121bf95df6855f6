"""Roles through the real discord.py client: positions, Manage Roles and the role hierarchy,
member updates in later interactions and as GUILD_MEMBER_UPDATE."""

from __future__ import annotations

import asyncio

import discord
import pytest
from discord.ext import commands

from bot.emulator import BOT_DEFAULT, EmulatorError, Perm
from tests.emulator.helpers import World, point_at, run_bot
from tests.emulator.tiny_bot import build_bot
from tests.helpers_async import eventually


async def owned_guild(bot: commands.Bot, world: World) -> tuple[discord.Guild, discord.Member]:
    """A server a human owns (so the bot's permissions bind) with a camper in it."""
    emu = world.emu
    guild = emu.add_guild("Owned", owner="owner")
    camper = emu.add_member(guild, "camper3", user=world.camper.user)
    await eventually(lambda: bot.get_guild(guild.id) is not None)
    cached = bot.get_guild(guild.id)
    assert cached is not None
    return cached, await cached.fetch_member(camper.id)


async def test_new_roles_go_below_the_bots_role(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    bot_role = emu.bot_role(world.guild)
    assert bot_role.managed
    start = bot_role.position
    cohort = emu.add_role(world.guild, "AI Lab 3기")
    assert (cohort.position, bot_role.position) == (1, start + 1)
    top = start + 2
    above = emu.add_role(world.guild, "운영진", position=top)
    assert above.position == top and bot_role.position == start + 1
    await emu.move_role(cohort, top)
    assert (bot_role.position, above.position, cohort.position) == (start, top - 1, top)
    guild = bot.get_guild(world.guild.id)
    assert guild is not None
    await eventually(lambda: (r := guild.get_role(cohort.id)) is not None and r.position == top)


async def test_assigning_needs_manage_roles_and_a_lower_role(
    bot: commands.Bot, world: World
) -> None:
    emu = world.emu
    guild, member = await owned_guild(bot, world)
    cohort = emu.add_role(guild.id, "AI Lab 3기")
    with pytest.raises(discord.Forbidden) as no_permission:
        await member.add_roles(discord.Object(cohort.id))
    assert no_permission.value.code == 50013
    await emu.set_bot_permissions(guild.id, BOT_DEFAULT | Perm.MANAGE_ROLES)
    await member.add_roles(discord.Object(cohort.id))
    assert cohort.id in emu.state.member(guild.id, member.id).roles  # type: ignore[union-attr]
    await member.remove_roles(discord.Object(cohort.id))
    assert cohort.id not in emu.state.member(guild.id, member.id).roles  # type: ignore[union-attr]

    # Above the bot's highest role (or its own managed role): the hierarchy forbids it.
    await emu.move_role(cohort, emu.bot_role(guild.id).position + 1)
    with pytest.raises(discord.Forbidden) as above:
        await member.add_roles(discord.Object(cohort.id))
    assert above.value.code == 50013
    with pytest.raises(discord.Forbidden):
        await member.add_roles(discord.Object(emu.bot_role(guild.id).id))
    with pytest.raises(discord.NotFound) as unknown:
        await member.add_roles(discord.Object(12345))
    assert unknown.value.code == 10011


async def test_member_roles_reach_interactions_and_edit(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    cohort = emu.add_role(world.guild, "AI Lab 3기")
    assert (await emu.slash("roles", user=world.camper)).content == "-"
    await emu.give_role(world.camper, cohort)
    assert (await emu.slash("roles", user=world.camper)).content == "AI Lab 3기"
    await emu.take_role(world.camper, cohort)
    assert (await emu.slash("roles", user=world.camper)).content == "-"

    # The bot's own changes too (its server: the owner may do anything), also through PATCH.
    guild = bot.get_guild(world.guild.id)
    assert guild is not None
    member = await guild.fetch_member(world.camper.id)
    await member.edit(roles=[discord.Object(cohort.id)])
    assert (await emu.slash("roles", user=world.camper)).content == "AI Lab 3기"
    role = await guild.create_role(name="AI Lab 4기")
    assert emu.state.guild(world.guild.id).roles[role.id].position == 1
    with pytest.raises(EmulatorError):
        await emu.give_role(emu.add_member(emu.add_guild("other"), "x"), cohort)


async def test_member_updates_need_the_members_intent(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    emu = world.emu
    point_at(monkeypatch, emu)
    client = build_bot(intents=discord.Intents(guilds=True, members=True))
    task = await run_bot(client, emu)
    try:
        cohort = emu.add_role(world.guild, "AI Lab 3기")
        await emu.give_role(world.camper, cohort)
        guild = client.get_guild(world.guild.id)
        assert guild is not None
        await eventually(
            lambda: (
                (m := guild.get_member(world.camper.id)) is not None
                and cohort.id in [r.id for r in m.roles]
            )
        )
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)
    sent = [e.type for e in emu.events if e.direction == "send"]
    assert "GUILD_MEMBER_UPDATE" in sent


async def test_role_member_counts(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    guild, member = await owned_guild(bot, world)
    cohort = emu.add_role(guild.id, "AI Lab 4기")
    empty = emu.add_role(guild.id, "AI Lab 5기")
    await emu.give_role(member.id, cohort)
    counts = {role.id: n for role, n in (await guild.role_member_counts()).items()}
    assert counts[cohort.id] == 1 and counts[empty.id] == 0
    assert guild.id not in counts  # @everyone is not counted
