"""The content cog: registers /content with the tree, and runs the loop that posts changes made
from the CLI to the servers' audit channels."""

from __future__ import annotations

import discord
from discord.ext import commands

from bot.adapter.background import BackgroundLoop
from bot.adapter.client import SunbaeBot
from bot.adapter.tree import error_message, reply_ephemeral
from cogs.content.audit import OutboxPoster
from cogs.content.group import ContentGroup
from cogs.content.modal import FORM_PREFIX, submission, submitted_values
from cogs.content.review import ReviewButton, reason_form_number


class ContentCog(commands.Cog):
    def __init__(self, bot: SunbaeBot) -> None:
        self.bot = bot
        self.group = ContentGroup(bot.services)
        self.outbox_poster = OutboxPoster(bot)
        self._outbox = BackgroundLoop(
            bot, "sunbae-audit-outbox",
            lambda stop: bot.services.audit_outbox.run(stop, self.outbox_poster),
        )  # fmt: skip

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)
        self.bot.add_dynamic_items(ReviewButton)
        self._outbox.start()

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Content forms are saved from what Discord submits (a restart loses no form)."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        custom_id, components = submission(interaction)
        rejecting = reason_form_number(custom_id)
        if rejecting is None and not custom_id.startswith(f"{FORM_PREFIX}:"):
            return
        try:
            if rejecting is not None:
                reason = submitted_values(components).get("reason")
                await self.group.review.decide(
                    interaction, rejecting, approve=False,
                    reason=reason if isinstance(reason, str) else None,
                )  # fmt: skip
            else:
                await self.group.submitted(interaction)  # type: ignore[arg-type]
        except Exception as exc:  # a listener's errors reach no tree handler: answer here
            await reply_ephemeral(interaction, error_message(interaction, exc))

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)
        self.bot.remove_dynamic_items(ReviewButton)
        await self._outbox.stop()
