"""The Discord side of the daily tip: posting, finding an earlier post, mapping errors."""

from __future__ import annotations

import logging

import aiohttp
import discord

from bot.adapter import limits
from bot.cohorts.discussions import DiscussionService, TipThread
from bot.cohorts.service import CohortService
from bot.i18n import Language, Verbatim, t
from bot.models.cohorts import Subject
from bot.models.tips import DailyTip
from bot.tips.errors import PostError
from bot.tips.poster import PostedTip
from cogs.cohorts.button import discuss_button
from cogs.tips.embeds import tip_embed

log = logging.getLogger(__name__)
HISTORY_SCAN = 50


# What posting a tip takes in its channel: read it, send an embed, find an earlier post after a
# restart (history); opening the discussion thread takes one more.
POST_PERMISSIONS = ("view_channel", "send_messages", "embed_links", "read_message_history")
THREAD_PERMISSIONS = ("create_public_threads",)


def missing_permissions(channel: discord.abc.GuildChannel, *, thread: bool) -> list[str]:
    """The permissions (discord.Permissions attribute names) the bot lacks to post tips in
    `channel`; none when its own member is not cached (Discord will say so at the first post)."""
    me = channel.guild.me
    if me is None:
        return []
    have = channel.permissions_for(me)
    needed = POST_PERMISSIONS + (THREAD_PERMISSIONS if thread else ())
    return [name for name in needed if not getattr(have, name)]


def _post_error(exc: Exception) -> PostError:
    if isinstance(exc, discord.Forbidden):
        return PostError("missing_permissions", f"Discord refused: {exc.text or exc}")
    if isinstance(exc, discord.NotFound):
        return PostError("unknown_channel", "the channel no longer exists")
    if isinstance(exc, discord.HTTPException) and exc.status == 429:
        return PostError("rate_limited", "rate limited by Discord", retry_after=5.0)
    return PostError("transient", f"{type(exc).__name__}: {exc}")


def _title(tip: DailyTip, language: Language) -> str:
    return tip.title_en if language == "en" and tip.title_en else tip.title


class DiscordTipPoster:
    """Implements bot.tips.poster.TipPoster with a discord.py client."""

    def __init__(
        self,
        client: discord.Client,
        language: Language = "ko",
        *,
        cohorts: CohortService | None = None,
        discussions: DiscussionService | None = None,
    ) -> None:
        self._client = client
        self._language = language
        self._cohorts = cohorts
        self._discussions = discussions

    async def _discuss_view(
        self, guild_id: int, channel_id: int, tip: DailyTip, language: Language
    ) -> discord.ui.View:
        """The tip's Discuss button, naming the cohort whose channel it is posted in, in a
        server that has a cohort (else no button); it keeps working after a restart."""
        view = discord.ui.View(timeout=None)
        if self._cohorts is None or not await self._cohorts.any_active(guild_id):
            return view
        cohort = await self._cohorts.for_channel(guild_id, channel_id)
        button = discuss_button(Subject.tip(tip.date), cohort.id if cohort else 0, language)
        if button is not None:
            view.add_item(button)
        return view

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        channel = self._client.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self._client.fetch_channel(channel_id)
            except (discord.HTTPException, aiohttp.ClientError) as exc:
                raise _post_error(exc) from exc
        if not isinstance(channel, discord.abc.Messageable):
            raise PostError("unknown_channel", f"channel {channel_id} cannot hold messages")
        return channel

    async def find_existing(self, channel_id: int, nonce: str) -> int | None:
        channel = await self._channel(channel_id)
        me = self._client.user
        try:
            async for message in channel.history(limit=HISTORY_SCAN):
                if me is not None and message.author.id != me.id:
                    continue
                for embed in message.embeds:
                    if embed.footer.text and nonce in embed.footer.text:
                        return message.id
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            raise _post_error(exc) from exc
        return None

    async def post(
        self, guild_id: int, channel_id: int, tip: DailyTip, *, nonce: str, open_thread: bool
    ) -> PostedTip:
        channel = await self._channel(channel_id)
        guild = self._client.get_guild(guild_id)
        language: Language = (
            "en" if guild and str(guild.preferred_locale.value).startswith("en") else self._language
        )
        try:
            # discord.py sends enforce_nonce with a nonce: a duplicate returns the first message.
            view = await self._discuss_view(guild_id, channel_id, tip, language)
            message = await channel.send(
                embed=tip_embed(tip, language, nonce=nonce),
                nonce=nonce,
                view=view,
            )
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            raise _post_error(exc) from exc
        if not open_thread:
            return PostedTip(message.id)
        try:
            thread = await message.create_thread(
                name=limits.clip(
                    t("tip.thread", language, title=Verbatim(_title(tip, language))),
                    limits.THREAD_NAME,
                ),
                auto_archive_duration=1440,
            )
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            log.warning("tip posted in %s but the thread failed: %s", channel_id, exc)
            return PostedTip(message.id, None, thread_problem=str(exc))
        await self._record_discussion(guild_id, tip, TipThread(channel_id, message.id, thread.id))
        return PostedTip(message.id, thread.id)

    async def _record_discussion(self, guild_id: int, tip: DailyTip, thread: TipThread) -> None:
        """The tip's thread is its cohort's discussion of the day's tip (when the channel is a
        cohort's). A failure here loses nothing: "Discuss" on the tip adopts it later."""
        if self._discussions is None:
            return
        me = self._client.user
        try:
            await self._discussions.tip_thread_opened(
                guild_id, tip.date, thread, user_id=me.id if me else 0
            )
        except Exception:
            log.warning("could not record the tip thread %s", thread.thread_id, exc_info=True)
