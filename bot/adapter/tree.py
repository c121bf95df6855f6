"""The command tree: maps errors to ephemeral replies in the user's language, logs the rest."""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.adapter.locale import text

if TYPE_CHECKING:
    from bot.adapter.client import SunbaeBot

log = logging.getLogger(__name__)


def error_message(interaction: discord.Interaction, error: Exception) -> str:
    """The user-facing text for an error; unexpected ones are logged with a code to quote."""
    original = getattr(error, "original", error)
    if isinstance(error, app_commands.CommandOnCooldown):
        return text(interaction, "error.cooldown", seconds=max(1, round(error.retry_after)))
    if isinstance(error, app_commands.NoPrivateMessage):
        return text(interaction, "error.guild_only")
    if isinstance(error, app_commands.MissingPermissions):
        return text(interaction, "error.permissions")
    if isinstance(error, app_commands.BotMissingPermissions):
        return text(
            interaction, "error.bot_permissions", perms=", ".join(error.missing_permissions)
        )
    if isinstance(error, app_commands.CheckFailure):
        # A feature's own check may name its refusal (`text_key`): "Manage Server or the role".
        return text(interaction, getattr(error, "text_key", "error.permissions"))
    code = secrets.token_hex(3)
    if isinstance(original, discord.HTTPException):
        log.warning("Discord refused a call in %s [%s]: %s", _where(interaction), code, original)
        return text(interaction, "error.discord")
    log.error("error in %s [%s]", _where(interaction), code, exc_info=original)
    return text(interaction, "error.internal", code=code)


def _where(interaction: discord.Interaction) -> str:
    command = interaction.command.qualified_name if interaction.command else "component"
    return f"/{command} (guild {interaction.guild_id}, user {interaction.user.id})"


async def reply_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """Answer with an ephemeral message whether or not the interaction was answered already."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error reply for %s", _where(interaction), exc_info=True)


class SunbaeTree(app_commands.CommandTree["SunbaeBot"]):
    async def on_error(
        self, interaction: discord.Interaction[SunbaeBot], error: app_commands.AppCommandError
    ) -> None:
        await reply_ephemeral(interaction, error_message(interaction, error))
