"""Review mode in Discord: an editor-role member's add or edit becomes a review card (in the
log channel when there is one, and in `/content pending`); a Manage-Server moderator approves
or rejects it with buttons whose custom_id names the pending change, so they keep working
after a restart for as long as the card exists. Reject asks for an optional reason first (a
form read back from what Discord submits, like the entry form); the author is told by direct
message, and the card or the audit channel shows it."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.adapter import limits
from bot.adapter.locale import lang, text
from bot.adapter.render import COLOR
from bot.adapter.tree import reply_ephemeral
from bot.content import ContentError, ContentService, EditConflict, Snapshot
from bot.content.diff import short_diff
from bot.content.service import REASON_LIMIT
from bot.i18n import Language, Verbatim, t
from bot.models.content import Actor, Pending
from bot.models.content_errors import PendingNotFound
from bot.text.markdown import safe_links
from cogs.content.audit import AuditLog
from cogs.content.embeds import diff_block

log = logging.getLogger(__name__)

PREFIX = "sunbae:review"
_TEMPLATE = re.compile(rf"{PREFIX}:(?P<verdict>approve|reject):(?P<number>\d+)")
REASON_PREFIX = f"{PREFIX}:reason:"
_REASON_FORM = re.compile(rf"^{REASON_PREFIX}(?P<number>\d+)$")
SHOWN_BODY = 1500


def _proposed(pending: Pending) -> Snapshot:
    given = pending.given
    return Snapshot(
        id=pending.entry_id or "", title=given.title, body=given.body, tip=given.tip or None,
        topics=given.topics, aliases=given.aliases,
    )  # fmt: skip


def card_embed(pending: Pending, current: Snapshot | None, language: Language) -> discord.Embed:
    """What the author proposes: the text as campers would see it, and for an edit the lines
    it changes."""
    action = t(
        "content.action.add" if pending.entry_id is None else "content.action.edit", language
    )
    embed = discord.Embed(
        title=limits.clip(
            t(
                "content.review.card", language, number=pending.id, action=Verbatim(action),
                title=pending.given.title,
            ),
            limits.EMBED_TITLE,
        ),
        description=limits.clip(safe_links(pending.given.body), SHOWN_BODY),
        colour=COLOR,
    )  # fmt: skip
    embed.set_author(name=limits.clip(pending.actor.name, limits.EMBED_AUTHOR))
    if pending.given.tip:
        embed.add_field(
            name=t("embed.tip", language),
            value=limits.clip(safe_links(pending.given.tip), limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    if current is not None:
        diff = short_diff(current, _proposed(pending))
        if diff:
            embed.add_field(
                name=t("content.audit.changes", language),
                value=diff_block(diff),
                inline=False,
            )
    if pending.entry_id:
        embed.set_footer(text=f"id: {pending.entry_id}")
    return embed


class ReviewButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_TEMPLATE):
    def __init__(self, verdict: str, number: int, language: Language = "ko") -> None:
        approve = verdict == "approve"
        super().__init__(
            discord.ui.Button(
                label=t("content.button.approve" if approve else "content.button.reject", language),
                emoji="✅" if approve else "❌",
                style=discord.ButtonStyle.success if approve else discord.ButtonStyle.secondary,
                custom_id=f"{PREFIX}:{verdict}:{number}",
            )
        )
        self.verdict = verdict
        self.number = number

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReviewButton:
        return cls(match["verdict"], int(match["number"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.content.cog import ContentCog  # the cog imports this module

        cog = interaction.client.get_cog(ContentCog.__cog_name__)
        if not isinstance(cog, ContentCog):  # the bot is shutting down
            return
        if self.verdict == "approve":
            await cog.group.review.decide(interaction, self.number, approve=True)
        else:
            await cog.group.review.ask_reason(interaction, self.number)


class ReasonForm(discord.ui.Modal):
    """Why a change is rejected (optional). Saved by the content cog from what Discord submits
    (`reason_form_number`), so a form opened before a restart still rejects."""

    def __init__(self, number: int, language: Language) -> None:
        super().__init__(
            title=limits.clip(
                t("content.review.reason.title", language, number=number), limits.MODAL_TITLE
            ),
            custom_id=f"{REASON_PREFIX}{number}",
            timeout=600,
        )
        self.add_item(
            discord.ui.TextInput(
                label=limits.clip(t("content.review.reason.label", language), 45),
                placeholder=limits.clip(t("content.review.reason.placeholder", language), 100),
                custom_id="reason",
                style=discord.TextStyle.paragraph,
                required=False,
                max_length=REASON_LIMIT,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing here: the content cog rejects from what Discord submitted."""


def reason_form_number(custom_id: str) -> int | None:
    found = _REASON_FORM.match(custom_id)
    return int(found["number"]) if found else None


def card_view(pending: Pending, language: Language) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ReviewButton("approve", pending.id, language))
    view.add_item(ReviewButton("reject", pending.id, language))
    return view


class ReviewDesk:
    def __init__(self, content: ContentService, *, audit: AuditLog) -> None:
        self.content = content
        self.audit = audit

    async def _card(
        self, guild_id: int, pending: Pending, language: Language
    ) -> tuple[discord.Embed, discord.ui.View]:
        current = None
        if pending.entry_id is not None:
            try:
                entry, _ = await self.content.get(guild_id, pending.entry_id)
                current = Snapshot.of(entry)
            except ContentError:
                current = None
        return card_embed(pending, current, language), card_view(pending, language)

    async def submitted(
        self, interaction: discord.Interaction, pending: Pending, log_channel: int | None
    ) -> None:
        """Tell the author, and put the card in the log channel for the moderators."""
        await reply_ephemeral(
            interaction, text(interaction, "content.review.sent", number=pending.id)
        )
        guild = interaction.guild
        channel = guild.get_channel(log_channel) if guild and log_channel else None
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        language = _guild_language(interaction)
        embed, view = await self._card(pending.guild_id, pending, language)
        try:
            await channel.send(embed=embed, view=view)
        except discord.HTTPException as exc:
            log.warning("could not post a review card: %s", exc)

    async def queue(self, interaction: discord.Interaction, *, note: str = "") -> None:
        """The oldest pending change as a card (`/content pending`, and after each decision
        taken from it)."""
        assert interaction.guild_id is not None
        waiting = await self.content.pending(interaction.guild_id)
        done = interaction.response.is_done()
        if not waiting:
            message = "\n".join(p for p in (note, text(interaction, "content.review.none")) if p)
            if done:
                await interaction.edit_original_response(content=message, embed=None, view=None)
            else:
                await interaction.response.send_message(message, ephemeral=True)
            return
        embed, view = await self._card(interaction.guild_id, waiting[0], lang(interaction))
        message = "\n".join(
            p for p in (note, text(interaction, "content.review.queue", n=len(waiting))) if p
        )
        if done:
            await interaction.edit_original_response(content=message, embed=embed, view=view)
        else:
            await interaction.response.send_message(message, embed=embed, view=view, ephemeral=True)

    async def ask_reason(self, interaction: discord.Interaction, number: int) -> None:
        """Reject: the reason form first (only Manage Server gets it)."""
        if not interaction.permissions.manage_guild:
            await reply_ephemeral(interaction, text(interaction, "content.review.managers_only"))
            return
        await interaction.response.send_modal(ReasonForm(number, lang(interaction)))

    async def decide(
        self,
        interaction: discord.Interaction,
        number: int,
        *,
        approve: bool,
        reason: str | None = None,
    ) -> None:
        guild_id = interaction.guild_id
        if guild_id is None:
            return
        if not interaction.permissions.manage_guild:
            await reply_ephemeral(interaction, text(interaction, "content.review.managers_only"))
            return
        rejected: Pending | None = None
        moderator = Actor(str(interaction.user.id), interaction.user.display_name)
        approved: str | None = None  # the entry an approval wrote, for the audit channel
        card = interaction.message
        from_queue = card is not None and card.flags.ephemeral
        # A card in the channel is read by everyone there: its decision line is in the server's
        # language, as the card is; the moderator's own queue is in theirs.
        language = lang(interaction) if from_queue else _guild_language(interaction)
        await interaction.response.defer()  # the card is edited once decided
        try:
            if approve:
                entry = await self.content.approve(guild_id, number, moderator)
                approved = entry.id
                outcome = t(
                    "content.review.approved", language, number=number,
                    who=moderator.name, id=entry.id,
                )  # fmt: skip
            else:
                rejected = await self.content.reject(guild_id, number, moderator, reason=reason)
                outcome = _rejected_text(rejected, language)
        except PendingNotFound:
            outcome = text(interaction, "content.review.gone", number=number)
            if card is not None and not from_queue:
                # A card in the channel: it says (or is about to say) who decided; another
                # click must not overwrite that. The clicker is told privately, and the card
                # loses its buttons (a request decided from the queue left them on it).
                await interaction.edit_original_response(view=None)
                await interaction.followup.send(outcome, ephemeral=True)
                return
        except EditConflict as conflict:
            refused = text(
                interaction, "content.review.conflict", number=number, id=conflict.current.id
            )
            await interaction.followup.send(refused, ephemeral=True)
            return
        except ContentError as exc:
            await interaction.followup.send(str(exc), ephemeral=True)
            return
        if from_queue:
            await self.queue(interaction, note=outcome)  # the moderator's queue: the next one
        else:
            await interaction.edit_original_response(content=outcome, view=None)
        if approved is not None:
            await self.audit.change(interaction, approved)
        if rejected is not None:
            await self._tell_author(interaction, rejected)
            if from_queue:  # the card in the audit channel, if any, was not edited: say it there
                guild_language = _guild_language(interaction)
                await self.audit.note(interaction, _rejected_text(rejected, guild_language))

    async def _tell_author(self, interaction: discord.Interaction, rejected: Pending) -> None:
        """A direct message to the author, in the language they proposed the change in (the
        server's for a change kept before that was stored); best effort: closed DMs are
        logged, never shown as a failure."""
        guild = interaction.guild
        if guild is None or not rejected.actor.id.isdigit():
            return
        language = rejected.author_language or _guild_language(interaction)
        message = t(
            "content.review.rejected_dm", language, server=guild.name, number=rejected.id,
            title=rejected.given.title, who=rejected.decided_by or "",
        )  # fmt: skip
        if rejected.decided_reason:
            reason = t("content.history.reason", language, reason=rejected.decided_reason)
            message = f"{message}\n{reason}"
        try:
            author = guild.get_member(
                int(rejected.actor.id)
            ) or await interaction.client.fetch_user(int(rejected.actor.id))
            await author.send(message, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.info("could not tell the author of review #%s: %s", rejected.id, exc)


def _rejected_text(rejected: Pending, language: Language) -> str:
    outcome = t(
        "content.review.rejected", language, number=rejected.id, who=rejected.decided_by or ""
    )
    if rejected.decided_reason:
        reason = t("content.history.reason", language, reason=rejected.decided_reason)
        outcome = f"{outcome}\n{reason}"
    return outcome


def _guild_language(interaction: discord.Interaction) -> Language:
    locale = interaction.guild_locale
    return "en" if locale and str(locale.value).startswith("en") else "ko"
