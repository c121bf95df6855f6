"""Issue 11 defect 10: the health check could not fail (`stats --json` created a missing
database and said `entries: 0` with exit 0).

`python -m bot health` is healthy only when the database opens read-only and passes
quick_check, content is loaded, and the running bot wrote its gateway heartbeat recently.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path

import pytest

from bot import heartbeat
from bot.cli import main
from bot.emulator import DiscordEmulator
from bot.store.database import Database
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_ingest import REPO


def health(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    code = main(["health", "--db", str(db), *extra])
    return code, capsys.readouterr().out.strip().splitlines()


async def ahealth(
    db: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, list[str]]:
    """`health` from a test that runs an event loop (the CLI runs its own)."""
    return await asyncio.to_thread(health, db, capsys, *extra)


def test_a_missing_database_is_unhealthy_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = health(tmp_path / "none.db", capsys)
    assert code == 1
    assert lines[0].startswith("unhealthy: no database at")
    assert not (tmp_path / "none.db").exists()


async def test_an_empty_database_is_unhealthy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = await Database.open(tmp_path / "empty.db")
    await db.close()
    code, lines = await ahealth(tmp_path / "empty.db", capsys, "--no-gateway")
    assert (code, lines) == (
        1,
        ["unhealthy: no content loaded: the database holds no live entries"],
    )


def test_a_damaged_database_is_unhealthy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(b"\x13" * 8192)
    code, lines = health(path, capsys, "--no-gateway")
    assert code == 1 and lines[0].startswith("unhealthy: the database is damaged")


async def test_a_running_bot_is_healthy_and_a_stale_heartbeat_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bot.db"
    emulator = DiscordEmulator(heartbeat_interval_ms=100)
    await emulator.start()
    try:
        async with start_harness(bot_settings(db), emulator=emulator) as h:
            beat = heartbeat.path_for(db)
            await eventually(beat.exists)
            code, lines = await ahealth(db, capsys)
            assert (code, lines) == (0, [f"healthy: {db}"])
            assert h.bot.is_ready()
        # The bot stopped: its last heartbeat ages past the limit.
        old = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=heartbeat.MAX_AGE + 5)
        heartbeat.write(beat, old)
        code, lines = await ahealth(db, capsys)
        assert code == 1 and re.fullmatch(
            r"unhealthy: the bot's last gateway heartbeat is \d+ s old", lines[0]
        )
        beat.unlink()
        code, lines = await ahealth(db, capsys)
        assert lines == ["unhealthy: the bot has not connected to Discord (no heartbeat written)"]
    finally:
        await emulator.stop()


def test_the_image_checks_health_and_keeps_secrets_out() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r'HEALTHCHECK .*\n\s+CMD \["python", "-m", "bot", "health"\]', dockerfile)
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    for name in (".env", ".venv", ".git", "data/", "**/__pycache__/", ".pytest_cache/"):
        assert name in ignored, name
