"""Typed aliases for the adapter."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import discord

if TYPE_CHECKING:
    from bot.adapter.client import SunbaeBot

Interaction: TypeAlias = "discord.Interaction[SunbaeBot]"
