"""Cohort names and thread names: Discord's limits, cut where a reader would cut
(bot/text/cut.py)."""

from __future__ import annotations

import re

from bot.discord_limits import THREAD_NAME
from bot.text.cut import ELLIPSIS, clean, fit, units

__all__ = ["ELLIPSIS", "NAME_LIMIT", "clean", "fit", "number_in", "thread_name", "units"]

NAME_LIMIT = 50
_NUMBER = re.compile(r"(\d{1,4})\s*기")


def number_in(name: str) -> int | None:
    """The cohort number a name carries (`AI Lab 3기` → 3), if any."""
    match = _NUMBER.search(name)
    return int(match.group(1)) if match else None


def thread_name(label: str, title: str) -> str:
    """`[3기] <title>`, at most 100 units; the label is never cut off the front."""
    return fit(f"[{clean(label)}] {clean(title)}", THREAD_NAME)
