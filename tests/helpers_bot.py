"""Starting the real bot on the local Discord emulator (`Harness`) for a test."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bot.sandbox.harness import Harness
from bot.settings import Settings
from tests.helpers_ingest import REPO

CONTENT = REPO / "content"


def bot_settings(db_path: Path, **overrides: Any) -> Settings:
    """Settings for a test bot: the real corpus, no cooldown, no token."""
    values: dict[str, Any] = {
        "token": None,
        "db_path": db_path,
        "content_paths": (CONTENT,),
        "lookup_cooldown": 0.0,
    } | overrides
    return Settings(**values)


@contextlib.asynccontextmanager
async def start_harness(settings: Settings, **kwargs: Any) -> AsyncIterator[Harness]:
    """`Harness.start(settings, **kwargs)`, closed on exit (its emulator too unless passed in)."""
    h = await Harness.start(settings, **kwargs)
    try:
        yield h
    finally:
        await h.close(stop_emulator="emulator" not in kwargs)
