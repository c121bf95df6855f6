"""Who may change a server's content: members with Manage Server, and members of the editor role
a Manage-Server moderator named. Checked in code on every command (`default_permissions` only
hides the command from the others)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.adapter.types import Interaction

T = TypeVar("T")


class NotEditor(app_commands.CheckFailure):
    text_key = "content.not_editor"  # the tree's error reply names the editor role too


async def is_editor(interaction: Interaction) -> bool:
    user = interaction.user
    if interaction.guild_id is None or not isinstance(user, discord.Member):
        return False
    if interaction.permissions.manage_guild:
        return True
    role = await interaction.client.services.content.editor_role(interaction.guild_id)
    return role is not None and any(r.id == role for r in user.roles)


def editors_only() -> Callable[[T], T]:
    async def predicate(interaction: Interaction) -> bool:
        if not await is_editor(interaction):
            raise NotEditor()
        return True

    check: Callable[[Any], Any] = app_commands.check(predicate)
    return check
