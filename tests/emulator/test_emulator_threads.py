"""Threads and forum posts through the real discord.py client: the rules Discord enforces
(160004, 160006, archived and locked threads, durations, tags) and the events a moderator's
actions send the bot."""

from __future__ import annotations

import discord
import pytest
from discord.ext import commands

from bot.emulator import BOT_DEFAULT, EmulatorError, Perm
from tests.emulator.helpers import World
from tests.helpers_async import eventually


def text_channel(bot: commands.Bot, channel_id: int) -> discord.TextChannel:
    channel = bot.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    return channel


def forum_channel(bot: commands.Bot, channel_id: int) -> discord.ForumChannel:
    channel = bot.get_channel(channel_id)
    assert isinstance(channel, discord.ForumChannel)
    return channel


async def cached_thread(bot: commands.Bot, thread_id: int) -> discord.Thread:
    await eventually(lambda: bot.get_channel(thread_id) is not None)
    thread = bot.get_channel(thread_id)
    assert isinstance(thread, discord.Thread)
    return thread


async def test_one_thread_per_message(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    message = await text_channel(bot, world.general.id).send("📌 포트폴리오")
    thread = await message.create_thread(name="[3기] 포트폴리오", auto_archive_duration=4320)
    assert thread.id == message.id and thread.auto_archive_duration == 4320
    with pytest.raises(discord.HTTPException) as again:
        await message.create_thread(name="[3기] 포트폴리오")
    assert again.value.status == 400 and again.value.code == 160004
    assert [t.name for t in emu.threads(world.general)] == ["[3기] 포트폴리오"]
    starter = emu.starter_message(thread.id)
    assert starter is not None and starter["content"] == "📌 포트폴리오"
    assert starter["thread"]["id"] == str(thread.id)
    assert emu.thread_named("[3기] 포트폴리오", world.general).id == thread.id


async def test_raced_creation_answers_160004_and_the_thread_exists(
    bot: commands.Bot, world: World
) -> None:
    emu = world.emu
    emu.race_thread_creation()
    message = await text_channel(bot, world.general.id).send("📌 면접")
    with pytest.raises(discord.HTTPException) as raced:
        await message.create_thread(name="면접")
    assert raced.value.code == 160004
    # The thread someone else made is there to adopt: cached from THREAD_CREATE and fetchable.
    adopted = await cached_thread(bot, message.id)
    assert adopted.name == "면접"
    fetched = await bot.fetch_channel(message.id)
    assert isinstance(fetched, discord.Thread) and fetched.parent_id == world.general.id


async def test_active_thread_cap_is_160006(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    emu.set_thread_limit(world.guild, 1)
    channel = text_channel(bot, world.general.id)
    first = await (await channel.send("a")).create_thread(name="a")
    second = await channel.send("b")
    with pytest.raises(discord.HTTPException) as full:
        await second.create_thread(name="b")
    assert full.value.code == 160006 and emu.active_thread_count(world.guild) == 1
    # Archived threads do not count; unarchiving one counts again.
    await emu.archive_thread(first.id)
    await second.create_thread(name="b")
    with pytest.raises(discord.HTTPException) as unarchive:
        await first.edit(archived=False)
    assert unarchive.value.code == 160006


async def test_moderator_archive_lock_delete_reach_the_bot(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    created = await (await text_channel(bot, world.general.id).send("t")).create_thread(name="t")
    thread = await cached_thread(bot, created.id)
    await emu.archive_thread(thread.id)
    await eventually(lambda: thread.archived)
    # discord.py drops an archived thread from its cache and makes a new one on unarchive.
    await emu.unarchive_thread(thread.id)
    await emu.lock_thread(thread.id)
    thread = await cached_thread(bot, thread.id)
    await eventually(lambda: thread.locked and not thread.archived)
    await emu.edit_thread(thread.id, name="renamed", auto_archive_duration=60)
    await eventually(lambda: thread.name == "renamed" and thread.auto_archive_duration == 60)
    with pytest.raises(EmulatorError, match="auto_archive_duration"):
        await emu.edit_thread(thread.id, auto_archive_duration=30)

    seen: list[int] = []

    async def on_raw_thread_delete(payload: discord.RawThreadDeleteEvent) -> None:
        seen.append(payload.thread_id)

    bot.add_listener(on_raw_thread_delete)
    await emu.delete_channel(thread.id)
    await eventually(lambda: seen == [thread.id])
    assert bot.get_channel(thread.id) is None
    with pytest.raises(discord.NotFound) as gone:
        await bot.fetch_channel(thread.id)
    assert gone.value.code == 10003
    assert emu.thread(thread.id) is None and emu.deleted_thread(thread.id) is not None
    # The message keeps its thread flag: Discord refuses a second thread on it.
    message = await text_channel(bot, world.general.id).fetch_message(thread.id)
    with pytest.raises(discord.HTTPException) as again:
        await message.create_thread(name="t")
    assert again.value.code == 160004


async def test_posting_unarchives_unless_locked(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    guild = emu.add_guild("Owned", owner="owner")
    await emu.set_bot_permissions(guild, BOT_DEFAULT & ~Perm.MANAGE_THREADS)
    room = emu.add_text_channel(guild, "room")
    await eventually(lambda: bot.get_channel(room.id) is not None)
    created = await (await text_channel(bot, room.id).send("t")).create_thread(name="t")
    thread = await cached_thread(bot, created.id)
    await emu.archive_thread(thread.id)
    await thread.send("다시 열기")  # an archived, unlocked thread reopens on a message
    live = emu.thread(thread.id)
    assert live is not None and not live.archived
    assert [m["content"] for m in emu.channel_messages(live)] == ["다시 열기"]
    thread = await cached_thread(bot, thread.id)  # back in the cache from THREAD_UPDATE

    await emu.lock_thread(thread.id)
    with pytest.raises(discord.HTTPException) as locked:
        await thread.send("잠김")
    assert locked.value.code == 160005
    await emu.archive_thread(thread.id)
    with pytest.raises(discord.HTTPException) as archived:
        await thread.send("잠김")
    assert archived.value.code == 50083
    with pytest.raises(discord.Forbidden):
        await thread.edit(archived=False)  # a locked thread reopens only with Manage Threads

    await emu.set_bot_permissions(guild, BOT_DEFAULT)  # Manage Threads again
    await thread.send("모더레이터")
    assert not live.archived and live.locked


async def test_editing_a_thread_follows_discords_rules(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    thread = await (await text_channel(bot, world.general.id).send("t")).create_thread(name="t")
    with pytest.raises(discord.HTTPException) as duration:
        await thread.edit(auto_archive_duration=30)  # type: ignore[arg-type]
    assert duration.value.code == 50035
    with pytest.raises(discord.HTTPException):
        await thread.edit(name="가" * 101)
    archived = await thread.edit(archived=True, locked=True)
    assert archived.archived and archived.locked
    with pytest.raises(discord.HTTPException) as closed:
        await archived.edit(name="new")
    assert closed.value.code == 50083
    reopened = await archived.edit(archived=False, locked=False, name="new")
    assert not reopened.archived and reopened.name == "new"
    assert (t := emu.thread(thread.id)) is not None and t.name == "new"
    archived_list = [t async for t in text_channel(bot, world.general.id).archived_threads()]
    assert archived_list == []
    await emu.archive_thread(thread.id)
    names = [t.name async for t in text_channel(bot, world.general.id).archived_threads()]
    assert names == ["new"]


async def test_thread_without_message_and_private_threads(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    channel = text_channel(bot, world.general.id)
    public = await channel.create_thread(name="공개", type=discord.ChannelType.public_thread)
    private = await channel.create_thread(name="비공개")
    assert public.type == discord.ChannelType.public_thread
    assert private.type == discord.ChannelType.private_thread
    # A public thread without a message leaves a THREAD_CREATED notice in the parent.
    (notice,) = emu.channel_messages(world.general)
    assert notice["type"] == 18 and notice["message_reference"]["channel_id"] == str(public.id)
    assert emu.starter_message(public.id) is None


async def test_forum_posts_with_tags(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    await emu.set_forum_tags(world.forum, [f"tag{i}" for i in range(20)])
    with pytest.raises(EmulatorError, match="20 or fewer"):
        await emu.set_forum_tags(world.forum, [f"tag{i}" for i in range(21)])
    forum = forum_channel(bot, world.forum.id)
    await eventually(lambda: len(forum.available_tags) == 20)
    tags = forum.available_tags
    with pytest.raises(discord.HTTPException) as too_many:
        await forum.create_thread(name="질문", content="본문", applied_tags=tags[:6])
    assert too_many.value.code == 50035
    created = await forum.create_thread(name="질문", content="본문", applied_tags=tags[:5])
    assert [t.id for t in created.thread.applied_tags] == [t.id for t in tags[:5]]
    assert created.message.id == created.thread.id and created.message.content == "본문"
    post = emu.thread(created.thread.id)
    assert post is not None and post.message_count == 0  # the starter message is not counted
    starter = emu.starter_message(post)
    assert starter is not None and starter["content"] == "본문"
    edited = await created.thread.edit(applied_tags=tags[5:7])
    assert [t.name for t in edited.applied_tags] == ["tag5", "tag6"]

    await emu.set_forum_tags(world.forum, ["필수"], require=True)
    with pytest.raises(discord.HTTPException) as untagged:
        await forum.create_thread(name="태그 없음", content="본문")
    assert untagged.value.code == 40067
    with pytest.raises(discord.HTTPException) as editing:
        await forum.edit(available_tags=[discord.ForumTag(name=f"t{i}") for i in range(21)])
    assert editing.value.code == 50035


async def test_thread_permissions(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    guild = emu.add_guild("Owned", owner="owner")
    room = emu.add_text_channel(guild, "room")
    await eventually(lambda: bot.get_channel(room.id) is not None)
    message = await text_channel(bot, room.id).send("t")
    thread = await message.create_thread(name="t")
    emu.set_permissions(room, guild.everyone, deny=Perm.SEND_MESSAGES_IN_THREADS)
    cached = text_channel(bot, room.id)
    await eventually(lambda: not cached.overwrites_for(cached.guild.default_role).is_empty())
    with pytest.raises(discord.Forbidden) as refused:
        await thread.send("x")
    assert refused.value.code == 50013
    await emu.set_bot_permissions(guild, BOT_DEFAULT & ~Perm.MANAGE_THREADS)
    with pytest.raises(discord.Forbidden):
        await thread.delete()
    await emu.set_bot_permissions(guild, BOT_DEFAULT)
    await thread.delete()
    assert emu.thread(thread.id) is None
