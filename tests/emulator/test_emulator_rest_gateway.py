"""Channel messages, threads, forum posts, injected failures, gateway drops, clean shutdown."""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings

import discord
import pytest
from discord.ext import commands

from bot.emulator import DiscordEmulator, Perm
from tests.emulator.helpers import World, point_at, run_bot
from tests.emulator.tiny_bot import build_bot
from tests.helpers_async import eventually

MESSAGES = r"^/channels/\d+/messages$"


async def test_channel_message_thread_and_forum_post(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    res = await emu.slash("post", {"title": "면접 후기"}, user=world.camper)
    assert res.callback_type == 5 and res.ephemeral
    final = await res.wait_final()
    assert final is not None and final["content"].startswith("ok ")

    posted = emu.channel_messages(world.general)[-1]
    assert posted["content"] == "📌 면접 후기" and posted["thread"]["name"] == "면접 후기"
    (thread,) = emu.threads(world.general)
    assert thread.id == int(posted["id"])  # a thread started from a message shares its id
    assert [m["content"] for m in emu.channel_messages(thread)] == ["스레드 첫 글"]
    (post,) = emu.threads(world.forum)
    starter = emu.channel_messages(post)[0]
    assert starter["id"] == str(post.id) and starter["content"] == "포럼 글 본문"
    assert final["content"] == f"ok {thread.id} {post.id}"
    # THREAD_CREATE reached the bot's cache.
    assert bot.get_channel(thread.id) is not None and bot.get_channel(post.id) is not None


async def test_forbidden_send_surfaces_in_the_bot(bot: commands.Bot, world: World) -> None:
    fault = world.emu.fail("POST", MESSAGES, status=403)
    res = await world.emu.slash("post", {"title": "t"}, user=world.camper)
    final = await res.wait_final()
    assert final is not None and final["content"] == "forbidden 50013"
    assert len(fault.hits) == 1 and fault.remaining == 0
    assert world.emu.threads() == []


async def test_rate_limit_is_retried_by_discord_py(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    fault = emu.fail("POST", MESSAGES, status=429, retry_after=0.2)
    res = await emu.slash("post", {"title": "t"}, user=world.camper)
    final = await res.wait_final()
    assert final is not None and final["content"].startswith("ok ")
    sends = emu.calls_to("POST", MESSAGES)
    assert [c.status for c in sends][:2] == [429, 200] and sends[0].fault
    assert len(fault.hits) == 1
    assert sends[1].at - sends[0].at >= 0.15  # discord.py waited retry_after


async def test_server_error_surfaces(bot: commands.Bot, world: World) -> None:
    world.emu.fail("POST", r"/messages/\d+/threads$", status=503)
    res = await world.emu.slash("post", {"title": "t"}, user=world.camper)
    final = await res.wait_final()
    assert final is not None and final["content"] == "failed 503"


async def test_dropped_gateway_resumes_and_replays(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    await emu.drop_gateway()
    await eventually(lambda: bot.resumed_count == 1)  # type: ignore[attr-defined]
    assert (await emu.slash("whoami", user=world.camper)).content.startswith("camper")
    # An interaction dispatched while the socket is down is replayed on RESUME.
    await emu.drop_gateway(wait_resume=False)
    res = await emu.slash("whoami", user=world.moderator)
    assert res.content.startswith("mod") and emu.gateway.resumes == 2
    await emu.request_reconnect()
    assert emu.gateway.resumes == 3 and emu.gateway.connections == 4


async def test_enforced_nonce_returns_the_first_message(bot: commands.Bot, world: World) -> None:
    channel = bot.get_channel(world.general.id)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("한 번만", nonce=12345)
    again = await channel.send("한 번만", nonce=12345)
    assert first.id == again.id
    assert [m["content"] for m in world.emu.channel_messages(world.general)] == ["한 번만"]


async def test_history_is_newest_first(bot: commands.Bot, world: World) -> None:
    channel = bot.get_channel(world.general.id)
    assert isinstance(channel, discord.TextChannel)
    sent = [await channel.send(f"m{i}") for i in range(5)]
    latest = [m.content async for m in channel.history(limit=3)]
    assert latest == ["m4", "m3", "m2"]
    after = [m.content async for m in channel.history(limit=10, after=sent[1], oldest_first=True)]
    assert after == ["m2", "m3", "m4"]
    fetched = await channel.fetch_message(sent[0].id)
    await fetched.edit(content="m0 (edited)")
    await sent[4].delete()
    remaining = [m["content"] for m in world.emu.channel_messages(world.general)]
    assert remaining == ["m0 (edited)", "m1", "m2", "m3"]


async def test_unknown_routes_are_recorded(bot: commands.Bot, world: World) -> None:
    with pytest.raises(discord.NotFound, match="Unknown route"):
        await bot.http.request(
            discord.http.Route("GET", "/guilds/{guild_id}/bans", guild_id=world.guild.id)
        )
    assert world.emu.unknown_routes[-1].path == f"/guilds/{world.guild.id}/bans"


async def test_user_messages_respect_intents(bot: commands.Bot, world: World) -> None:
    msg = await world.emu.post_message(world.general, "안녕하세요", user=world.camper)
    assert world.emu.message(msg["id"]) is not None
    # The tiny bot has no GUILD_MESSAGES intent, so Discord would not tell it.
    assert not [e for e in world.emu.events if e.type == "MESSAGE_CREATE"]


async def test_message_events_follow_intents(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    emu = world.emu
    point_at(monkeypatch, emu)
    client = build_bot(intents=discord.Intents(guilds=True, guild_messages=True))
    task = await run_bot(client, emu)
    try:
        await emu.post_message(world.general, "비밀 내용", user=world.camper)
        await emu.post_message(world.general, f"<@{emu.bot_user.id}> 안녕", user=world.camper)
        channel = client.get_channel(world.general.id)
        assert isinstance(channel, discord.TextChannel)
        await channel.send("봇이 보낸 글")
        await eventually(lambda: len(client.seen) == 3)  # type: ignore[attr-defined]
        seen = [(m.author.id, m.content) for m in client.seen]  # type: ignore[attr-defined]
        # No MESSAGE_CONTENT intent: others' text is hidden unless the bot is mentioned.
        assert seen == [
            (world.camper.id, ""),
            (world.camper.id, f"<@{emu.bot_user.id}> 안녕"),
            (emu.bot_user.id, "봇이 보낸 글"),
        ]
        thread_channel = emu.add_text_channel(world.guild, "late")
        await eventually(
            lambda: client.get_channel(thread_channel.id) is not None
        )  # CHANNEL_CREATE
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)


async def test_slash_in_dm_has_no_guild(bot: commands.Bot, world: World) -> None:
    dm = world.emu.dm_channel(world.camper)
    res = await world.emu.slash("whoami", channel=dm)
    assert res.payload["context"] == 1 and "guild_id" not in res.payload
    assert res.content.startswith("camper ") and res.ephemeral


async def test_latency_is_recorded(bot: commands.Bot, world: World) -> None:
    for _ in range(3):
        await world.emu.slash("whoami", user=world.camper)
    summary = world.emu.latency_summary()
    assert summary["count"] == 3 and 0 < summary["p50"] <= summary["p95"] <= summary["max"] < 1


async def test_clean_shutdown(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    point_at(monkeypatch, world.emu)
    client = build_bot()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        task = await run_bot(client, world.emu)
        await client.close()
        await asyncio.wait_for(task, 5)
        del client, task
        gc.collect()
        await asyncio.sleep(0)
    await eventually(lambda: not world.emu.gateway.live.is_set())  # the socket is gone
    unclosed = [w for w in caught if "nclosed" in str(w.message)]
    assert unclosed == []
    errors = [
        r for r in caplog.records if r.levelno >= logging.ERROR or "nclosed" in r.getMessage()
    ]
    assert errors == []


async def test_wrong_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    async with DiscordEmulator(token="right-token") as emu:
        point_at(monkeypatch, emu)
        client = build_bot()
        with pytest.raises(discord.LoginFailure):
            await client.login("wrong-token")
        await client.close()


async def test_channel_overwrites_reach_the_cache_and_the_rest_api(
    bot: commands.Bot, world: World
) -> None:
    """On a server the bot does not own, a channel's overwrites decide what it may do there:
    discord.py computes the same permissions from its cache as the REST API enforces."""
    emu = world.emu
    guild = emu.add_guild("Owned", locale="ko", owner="owner")
    quiet = emu.add_text_channel(guild, "announcements")
    emu.set_permissions(quiet, guild.everyone, deny=Perm.SEND_MESSAGES)
    await eventually(lambda: bot.get_channel(quiet.id) is not None)
    channel = bot.get_channel(quiet.id)
    assert isinstance(channel, discord.TextChannel)
    await eventually(lambda: not channel.permissions_for(channel.guild.me).send_messages)
    with pytest.raises(discord.Forbidden) as refused:
        await channel.send("공지")
    assert refused.value.code == 50013
    assert emu.channel_messages(quiet) == []

    # A member overwrite for the bot wins over the @everyone deny.
    emu.set_permissions(quiet, emu.bot_member(guild), allow=Perm.SEND_MESSAGES)
    await eventually(lambda: channel.permissions_for(channel.guild.me).send_messages)
    await channel.send("공지")
    assert [m["content"] for m in emu.channel_messages(quiet)] == ["공지"]
    message = await channel.fetch_message(int(emu.channel_messages(quiet)[0]["id"]))
    emu.set_permissions(quiet, guild.everyone, deny=Perm.CREATE_PUBLIC_THREADS)
    with pytest.raises(discord.Forbidden):
        await message.create_thread(name="토론")

    # Hidden channel: Missing Access. The bot's own server (it owns it) is unaffected.
    emu.set_permissions(quiet, emu.bot_member(guild), deny=Perm.VIEW_CHANNEL)
    with pytest.raises(discord.Forbidden) as hidden:
        await channel.send("공지")
    assert hidden.value.code == 50001
    emu.set_permissions(world.general, world.guild.everyone, deny=Perm.SEND_MESSAGES)
    general = bot.get_channel(world.general.id)
    assert isinstance(general, discord.TextChannel)
    await general.send("owner may")
