"""The audit channel: each change made from Discord is posted there with before and after, in
the server's language. Posting is best effort: a missing channel or permission is logged, and
never undoes or hides the change from the moderator who made it.

Changes made from the CLI wait in the audit outbox (bot/content/outbox.py); `OutboxPoster`
posts them, the same embed with "CLI" and the row's nonce in its footer."""

from __future__ import annotations

import datetime as dt
import logging

import discord

from bot.adapter import limits
from bot.adapter.client import SunbaeBot
from bot.adapter.locale import server_language
from bot.adapter.render import COLOR
from bot.content import ContentService
from bot.content.diff import short_diff
from bot.i18n import Language, Verbatim, language_for, t
from bot.models.audit import AuditNote
from bot.models.content import Revision, Snapshot
from cogs.content.embeds import diff_block, reason_text

log = logging.getLogger(__name__)

SHOWN_BODY = 300
# A resumed post is looked for among the messages after its outbox row was written (it cannot be
# older), oldest first: however busy the channel has been since, the post comes early in them.
# CLOCK_SKEW: the row's time is the CLI machine's, which may run ahead of Discord's. SCAN_LIMIT:
# at most ten history requests; a post not found among them is posted again (logged).
CLOCK_SKEW = dt.timedelta(minutes=15)
SCAN_LIMIT = 1_000


def _side(snapshot: Snapshot | None, language: Language) -> str:
    if snapshot is None:
        return "—"
    state = f" {t('content.audit.retired', language)}" if snapshot.retired else ""
    body = limits.clip(snapshot.body, SHOWN_BODY).replace("```", "ˋˋˋ")
    title = snapshot.title.replace("```", "ˋˋˋ")
    return limits.clip(f"```\n{title}{state}\n\n{body}\n```", limits.EMBED_FIELD_VALUE)


def audit_embed(revision: Revision, language: Language) -> discord.Embed:
    after = revision.snapshot
    title = after.title if after else revision.entry_id
    embed = discord.Embed(
        title=limits.clip(
            t(
                "content.audit.title",
                language,
                action=Verbatim(t(f"content.action.{revision.action}", language)),
                title=title,
            ),
            limits.EMBED_TITLE,
        ),
        colour=COLOR,
    )
    embed.set_author(name=limits.clip(revision.actor_name or revision.actor, limits.EMBED_AUTHOR))
    if revision.reason:
        embed.description = reason_text(revision, language)
    embed.add_field(
        name=t("content.audit.before", language), value=_side(revision.previous, language)
    )
    embed.add_field(name=t("content.audit.after", language), value=_side(after, language))
    diff = short_diff(revision.previous, after)
    if diff:
        embed.add_field(
            name=t("content.audit.changes", language),
            value=diff_block(diff),
            inline=False,
        )
    footer = t(
        "content.audit.footer", language, id=Verbatim(revision.entry_id), number=revision.number
    )
    embed.set_footer(text=limits.clip(footer, limits.EMBED_FOOTER))
    return embed


class AuditLog:
    def __init__(self, content: ContentService) -> None:
        self.content = content

    async def _channel(self, interaction: discord.Interaction) -> discord.abc.Messageable | None:
        if interaction.guild is None:
            return None
        channel_id = await self.content.log_channel(interaction.guild.id)
        if channel_id is None:
            return None
        channel = interaction.guild.get_channel(channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            log.warning(
                "content log channel %s of guild %s is gone", channel_id, interaction.guild.id
            )
            return None
        return channel

    @staticmethod
    def _language(interaction: discord.Interaction) -> Language:
        return language_for(
            str(interaction.guild_locale.value) if interaction.guild_locale else None
        )

    async def change(self, interaction: discord.Interaction, entry_id: str) -> None:
        """Post the entry's newest revision (the change just made) to the log channel."""
        channel = await self._channel(interaction)
        if channel is None or interaction.guild_id is None:
            return
        revision = await self.content.latest_change(interaction.guild_id, entry_id)
        if revision is None:
            return
        await self._send(channel, embed=audit_embed(revision, self._language(interaction)))

    async def imported(
        self, interaction: discord.Interaction, name: str, added: int, updated: int
    ) -> None:
        channel = await self._channel(interaction)
        if channel is None:
            return
        message = t(
            "content.audit.import", self._language(interaction),
            who=interaction.user.display_name, name=name, added=added, updated=updated,
        )  # fmt: skip
        await self._send(channel, content=message)

    async def note(self, interaction: discord.Interaction, message: str) -> None:
        """A line of the server's own (a rejection) in the audit channel."""
        channel = await self._channel(interaction)
        if channel is not None:
            await self._send(
                channel, content=message, allowed_mentions=discord.AllowedMentions.none()
            )

    @staticmethod
    async def _send(channel: discord.abc.Messageable, **kwargs: object) -> None:
        try:
            await channel.send(**kwargs)  # type: ignore[call-overload]
        except discord.HTTPException as exc:
            log.warning("could not post to the content log channel: %s", exc)


class OutboxPoster:
    """Implements bot.content.outbox.AuditPoster: a CLI change posted by the running bot."""

    def __init__(self, bot: SunbaeBot) -> None:
        self._bot = bot

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        channel = self._bot.get_channel(channel_id) or await self._bot.fetch_channel(channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            raise TypeError(f"channel {channel_id} cannot hold the audit posts")
        return channel

    async def find(self, note: AuditNote, channel_id: int) -> int | None:
        channel = await self._channel(channel_id)
        me = self._bot.user
        since = dt.datetime.fromisoformat(note.created_at) - CLOCK_SKEW
        scanned = 0
        async for message in channel.history(limit=SCAN_LIMIT, after=since):  # oldest first
            scanned += 1
            if me is not None and message.author.id != me.id:
                continue
            if any(note.nonce in (embed.footer.text or "") for embed in message.embeds):
                return message.id
        if scanned >= SCAN_LIMIT:
            log.warning(
                "audit post %s: not among the %d messages after %s in channel %s",
                note.id, SCAN_LIMIT, since.isoformat(), channel_id,
            )  # fmt: skip
        return None

    async def post(self, note: AuditNote, channel_id: int, revision: Revision | None) -> int:
        channel = await self._channel(channel_id)
        language = server_language(self._bot.get_guild(note.guild_id))
        if note.kind == "change":
            if revision is None:
                raise LookupError(f"revision {note.revision} of {note.entry_id} is gone")
            embed = audit_embed(revision, language)
        else:
            embed = discord.Embed(
                description=t(
                    "content.audit.import", language, who=note.actor_name,
                    name=note.file_name or "", added=note.added, updated=note.updated,
                ),
                colour=COLOR,
            )  # fmt: skip
        shown = embed.footer.text
        footer = t("content.audit.cli", language, nonce=Verbatim(note.nonce))
        # The nonce closes the footer whole (a clipped one could not be found again).
        room = limits.EMBED_FOOTER - len(footer) - 3
        embed.set_footer(text=f"{limits.clip(shown, room)} · {footer}" if shown else footer)
        message = await channel.send(
            embed=embed, nonce=note.nonce, allowed_mentions=discord.AllowedMentions.none()
        )
        return message.id
