"""Buttons nothing listens to any more: the view behind them was lost (a restart, a crash) or
gave up before it could disable them. Discord would show "This interaction failed"; instead the
dead buttons and menus of that message are disabled in place and the member is told, in their
language, to run the command again. DynamicItems (their target in the custom_id) keep working.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import discord
from discord.ui.view import ViewStore

from bot.adapter.locale import text

log = logging.getLogger(__name__)


def _dynamic(store: ViewStore, custom_id: str) -> bool:
    return any(pattern.fullmatch(custom_id) for pattern in store._dynamic_items)


def unclaimed(store: ViewStore, interaction: discord.Interaction[Any]) -> bool:
    """True when no live view and no DynamicItem answers this component interaction. Called
    synchronously right after discord.py dispatched it, so the store is as dispatch saw it."""
    if interaction.type is not discord.InteractionType.component or interaction.data is None:
        return False
    custom_id = str(interaction.data.get("custom_id", ""))
    component_type = int(str(interaction.data.get("component_type", 0)))
    if _dynamic(store, custom_id):
        return False
    key = (component_type, custom_id)
    message_id = interaction.message.id if interaction.message is not None else None
    for owner in (message_id, None):
        item = store._views.get(owner, {}).get(key)
        if item is not None and item.view is not None:
            return False
    return True


async def answer_stale(store: ViewStore, interaction: discord.Interaction[Any]) -> None:
    """Disable what no longer works on the clicked message, then say so privately."""
    await disable_stale(interaction, lambda custom_id: not _dynamic(store, custom_id))


async def disable_stale(
    interaction: discord.Interaction[Any], dead: Callable[[str], object]
) -> None:
    """Disable the buttons and menus of the clicked message whose custom_id `dead` names (the
    others keep working), then say privately, in the member's language, that they no longer
    work. A failing Discord call is logged."""
    message = interaction.message
    try:
        if message is not None and message.components:
            view = discord.ui.View.from_message(message, timeout=None)
            for item in view.children:
                custom_id = getattr(item, "custom_id", None)
                if isinstance(item, discord.ui.Button | discord.ui.Select) and custom_id:
                    item.disabled = item.disabled or bool(dead(custom_id))
            view.stop()  # a picture of the message, not a listener
            await interaction.response.edit_message(view=view)
            await interaction.followup.send(text(interaction, "error.stale"), ephemeral=True)
        else:
            await interaction.response.send_message(
                text(interaction, "error.stale"), ephemeral=True
            )
    except discord.HTTPException:
        log.warning("could not answer a click on a stale button", exc_info=True)
