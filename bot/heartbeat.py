"""The gateway heartbeat: a file beside the database that the running bot rewrites while it is
connected to Discord, so a health check in another process can tell a live bot from a stuck or
disconnected one (the database alone cannot: it stays readable when the bot is not)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

WRITE_EVERY = 30.0  # seconds between writes while connected
MAX_AGE = 120.0  # older than this, the bot is not (or no longer) connected


def path_for(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.heartbeat")


def write(path: Path, now: dt.datetime) -> None:
    """Record `now` (blocking; atomic: a reader never sees half a line)."""
    temporary = path.with_name(f"{path.name}.tmp")
    temporary.write_text(now.isoformat(), encoding="utf-8")
    temporary.replace(path)


def age(path: Path, now: dt.datetime) -> float | None:
    """Seconds since the bot last wrote; None when it never did (or the file is unreadable)."""
    try:
        written = dt.datetime.fromisoformat(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return (now - written).total_seconds()
