"""Fitting text to Discord's limits; the numbers themselves are defined in `bot.discord_limits`."""

from __future__ import annotations

from collections.abc import Iterable

from discord import app_commands

# Every limit, re-exported: the Discord side writes `limits.clip(title, limits.EMBED_TITLE)`.
from bot.discord_limits import *  # noqa: F403
from bot.discord_limits import CHOICE_NAME, CHOICE_VALUE, CHOICES

# A page of body text leaves room for title, fields and footer within EMBED_TOTAL.
BODY_PAGE = 3500


def clip(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def choices(pairs: Iterable[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices from (name, value) pairs within Discord's limits: at most 25, names
    clipped to 100 characters; a value is never clipped (a cut value would name something else),
    so one that is too long is left out."""
    found = [
        app_commands.Choice(name=clip(name, CHOICE_NAME), value=value)
        for name, value in pairs
        if value and len(value) <= CHOICE_VALUE
    ]
    return found[:CHOICES]


def paginate(text: str, limit: int = BODY_PAGE) -> list[str]:
    """Split text into pages at paragraph, then line, then word boundaries."""
    text = text.strip()
    if len(text) <= limit:
        return [text]
    pages: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), 0)
        if cut < limit // 2:
            cut = window.rfind("\n")
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        pages.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest:
        pages.append(rest)
    return pages
