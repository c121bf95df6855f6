"""`search` and `suggest` subcommands (filled in by the search work)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    return None
