"""A public /advice answer's pages as kept in the database (bot/store/advice_pages.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class KeptPages:
    id: int
    guild_id: int
    message_id: int | None
    owner_id: int  # the member who asked: the one who pages
    language: Literal["ko", "en"]  # what the answer was written in
    topic_id: str | None
    entry_ids: tuple[str, ...]  # the results shown, in order
    lookup_id: int | None  # insights
    reached: int  # the furthest result paged to
