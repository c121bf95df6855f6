"""The Discord side of a discussion thread (implements bot.cohorts.port.ThreadPort): start it in
a text channel (a starter message, then a public thread on it) or as a forum post (tags matched
to the advice's topics), look at it, unarchive it, and map Discord's refusals."""

from __future__ import annotations

import logging

import aiohttp
import discord

from bot.adapter.locale import server_language
from bot.cohorts.port import OpenedThread, ThreadRequest, ThreadStatus
from bot.cohorts.rules import match_tags
from bot.models.cohort_errors import ThreadError
from cogs.cohorts.embeds import opening_question, starter_embed

log = logging.getLogger(__name__)
HISTORY_SCAN = 50
THREAD_EXISTS = 160004
MAX_ACTIVE_THREADS = 160006
TAG_REQUIRED = 40067  # a forum post without a tag, in a forum that requires one
NO_MENTIONS = discord.AllowedMentions.none()

# What a discussion needs of the bot in its channel (discord.Permissions attribute names).
TEXT_PERMISSIONS = (
    "view_channel",
    "send_messages",
    "embed_links",
    "create_public_threads",
    "send_messages_in_threads",
    "read_message_history",
)
FORUM_PERMISSIONS = ("view_channel", "send_messages", "send_messages_in_threads", "embed_links")


def missing_permissions(channel: discord.TextChannel | discord.ForumChannel) -> list[str]:
    """What the bot lacks to open discussions in `channel` (none when its member is unknown)."""
    me = channel.guild.me
    if me is None:
        return []
    have = channel.permissions_for(me)
    needed = FORUM_PERMISSIONS if isinstance(channel, discord.ForumChannel) else TEXT_PERMISSIONS
    return [name for name in needed if not getattr(have, name)]


def thread_error(exc: Exception) -> ThreadError:
    """Discord's answer in the domain's terms."""
    if isinstance(exc, discord.HTTPException):
        if exc.code == THREAD_EXISTS:
            return ThreadError("exists", exc.text)
        if exc.code == MAX_ACTIVE_THREADS:
            return ThreadError("max_threads", exc.text)
        if exc.code == TAG_REQUIRED:
            return ThreadError("tag_required", exc.text)
        if isinstance(exc, discord.Forbidden):
            return ThreadError("forbidden", exc.text)
        if isinstance(exc, discord.NotFound):
            return ThreadError("unknown_channel", exc.text)
    return ThreadError("transient", f"{type(exc).__name__}: {exc}")


class DiscordThreads:
    """Implements ThreadPort with a discord.py client."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def _channel(self, channel_id: int) -> discord.abc.GuildChannel | discord.Thread:
        found = self._client.get_channel(channel_id)
        if found is None:
            try:
                fetched = await self._client.fetch_channel(channel_id)
            except (discord.HTTPException, aiohttp.ClientError) as exc:
                raise thread_error(exc) from exc
            if not isinstance(fetched, discord.abc.GuildChannel | discord.Thread):
                raise ThreadError("unknown_channel", f"{channel_id} is not a server channel")
            found = fetched
        if not isinstance(found, discord.abc.GuildChannel | discord.Thread):
            raise ThreadError("unknown_channel", f"{channel_id} is not a server channel")
        return found

    async def status(self, guild_id: int, thread_id: int) -> ThreadStatus:
        guild = self._client.get_guild(guild_id)
        cached = guild.get_thread(thread_id) if guild else None
        thread: object = cached
        if cached is None or cached.archived or cached.locked:
            try:  # archived threads leave the cache: ask Discord
                thread = await self._client.fetch_channel(thread_id)
            except discord.NotFound:
                return ThreadStatus("missing")
            except (discord.HTTPException, aiohttp.ClientError) as exc:
                raise thread_error(exc) from exc
        if not isinstance(thread, discord.Thread):
            return ThreadStatus("missing")
        if thread.locked:
            return ThreadStatus("locked")
        return ThreadStatus("archived" if thread.archived else "active")

    async def unarchive(self, guild_id: int, thread_id: int) -> None:
        thread = await self._channel(thread_id)
        if not isinstance(thread, discord.Thread):
            raise ThreadError("unknown_channel", f"{thread_id} is not a thread")
        try:
            await thread.edit(archived=False)
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            raise thread_error(exc) from exc

    async def find_started(self, request: ThreadRequest) -> OpenedThread | None:
        channel = await self._channel(request.channel_id)
        me = self._client.user
        try:
            if isinstance(channel, discord.ForumChannel):
                for thread in channel.threads:
                    named = thread.name in (request.name, request.name_en)
                    if named and me and thread.owner_id == me.id:
                        return OpenedThread(thread.id, thread.id)
                return None
            if not isinstance(channel, discord.TextChannel):
                return None
            async for message in channel.history(limit=HISTORY_SCAN):
                if me is not None and message.author.id != me.id:
                    continue
                if any(request.nonce in (e.footer.text or "") for e in message.embeds):
                    return await self._thread_on(message, request)
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            raise thread_error(exc) from exc
        return None

    async def open(self, request: ThreadRequest) -> OpenedThread:
        channel = await self._channel(request.channel_id)
        language = server_language(channel.guild)
        embed = starter_embed(request.starter, language, nonce=request.nonce)
        question = opening_question(request.cohort_name, language)
        try:
            if isinstance(channel, discord.ForumChannel):
                tags = match_tags(
                    [(tag.id, tag.name) for tag in channel.available_tags], request.starter.topics
                )
                created = await channel.create_thread(
                    name=request.name_for(language),
                    auto_archive_duration=request.auto_archive_minutes,  # type: ignore[call-overload]
                    content=question,
                    embed=embed,
                    applied_tags=[t for t in channel.available_tags if t.id in tags],
                    allowed_mentions=NO_MENTIONS,
                )
                return OpenedThread(created.thread.id, created.message.id)
            if not isinstance(channel, discord.TextChannel):
                raise ThreadError("unknown_channel", f"{channel.id} holds no threads")
            # With a nonce discord.py sends enforce_nonce: a retry gets the first message back.
            message = await channel.send(
                content=question, embed=embed, nonce=request.nonce, allowed_mentions=NO_MENTIONS
            )
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            raise thread_error(exc) from exc
        return await self._thread_on(message, request)

    async def _thread_on(self, message: discord.Message, request: ThreadRequest) -> OpenedThread:
        try:
            thread = await message.create_thread(
                name=request.name_for(server_language(message.guild)),
                auto_archive_duration=request.auto_archive_minutes,  # type: ignore[arg-type]
            )
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            error = thread_error(exc)
            if error.kind == "exists":  # started by an earlier attempt: it has the message's id
                return OpenedThread(message.id, message.id)
            if error.kind in ("max_threads", "forbidden"):
                await self._withdraw(message)
            raise error from exc
        return OpenedThread(thread.id, message.id)

    async def _withdraw(self, message: discord.Message) -> None:
        """A starter whose thread Discord refused would be a dead end in the channel."""
        try:
            await message.delete()
        except (discord.HTTPException, aiohttp.ClientError):
            log.warning("could not remove the starter %s of a refused thread", message.id)
