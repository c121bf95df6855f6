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


def paginate(text: str, limit: int = BODY_PAGE, *, first: int | None = None) -> list[str]:
    """Split text into pages at paragraph, then line, then word boundaries; the first page
    holds at most `first` characters (it shares its embed with more), the others `limit`.

    Linear in the length of the text: pages are cut by position, never by copying the rest
    of the text once per page (that was quadratic, and froze the bot on a huge entry)."""
    text = text.strip()
    first = limit if first is None else min(first, limit)
    if len(text) <= first:
        return [text]
    pages: list[str] = []
    start, end = 0, len(text)
    while end - start > (room := limit if pages else first):
        stop = start + room
        cut = max(text.rfind("\n\n", start, stop) - start, 0)
        if cut < room // 2:
            cut = text.rfind("\n", start, stop) - start
        if cut < room // 2:
            cut = text.rfind(" ", start, stop) - start
        if cut < room // 2:
            cut = room
        pages.append(text[start : start + cut].rstrip())
        start += cut
        while start < end and text[start] in "\n ":
            start += 1
    if start < end:
        pages.append(text[start:])
    return pages
