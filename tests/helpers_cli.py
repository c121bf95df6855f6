"""`python -m bot …` as a user runs it: a child process from a folder of its own (no .env), no
token, the repository's content."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_cli(
    cwd: Path,
    *args: str,
    stdin: str = "",
    prefix: Sequence[str] = (),
    timeout: float = 120,
    **env: str,
) -> subprocess.CompletedProcess[str]:
    """Runs in `cwd`; `env` adds to (or, set to "", blanks) the SUNBAE_/DISCORD_ settings, and
    `prefix` goes before the interpreter (e.g. a command that drops root's file override)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SUNBAE_"))}
    clean.update(
        DISCORD_TOKEN="",
        SUNBAE_CONTENT=str(REPO / "content"),
        SUNBAE_DB=str(cwd / "not-used.db"),
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
    )
    clean.update(env)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
        text=True, encoding="utf-8", cwd=cwd, env=clean, timeout=timeout, check=False,
    )  # fmt: skip


def empty_db(path: Path) -> str:
    """A sunbae database with nothing in it yet (migrated, as ingest leaves a first run's file
    before it loads anything): the CLI's readers refuse a path with no file at all."""

    async def make() -> None:
        from bot.store.database import Database

        await (await Database.open(path)).close()

    asyncio.run(make())
    return str(path)
