"""`python -m bot run` as a real process: env endpoints, start-up ingest, SIGTERM -> exit 0."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.emulator import DiscordEmulator
from tests.helpers_async import eventually

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.sandbox.run-process-test-token"


def _env(tmp_path: Path, emu: DiscordEmulator, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SUNBAE_"))}
    env.update(
        DISCORD_TOKEN=TOKEN,
        DISCORD_API_BASE=emu.api_base,
        DISCORD_GATEWAY_URL=emu.gateway_url,
        SUNBAE_DB=str(tmp_path / "run.db"),
        SUNBAE_CONTENT=str(ROOT / "content"),
        SUNBAE_LOOKUP_COOLDOWN="0",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def _identifies(emu: DiscordEmulator) -> int:
    return sum(1 for e in emu.events if e.direction == "recv" and e.op == 2)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_run_answers_then_exits_cleanly_on_signal(
    tmp_path: Path, emulator: DiscordEmulator, sig: signal.Signals
) -> None:
    guild = emulator.add_guild("부트캠프", locale="ko")
    channel = emulator.state.channels[guild.system_channel_id or 0]
    camper = emulator.add_member(guild, "camper", locale="ko")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=tmp_path, env=_env(tmp_path, emulator),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        await emulator.wait_until_identified(within=30)
        assert emulator.calls_to("PUT", r"/applications/\d+/commands"), "commands not synced"
        result = await emulator.slash("advice", {"query": "대학원"}, user=camper, channel=channel)
        assert result.message is not None
        assert "대학원" in emulator.render(result.message) or "석사" in emulator.render(
            result.message
        )
        proc.send_signal(sig)
        code = await asyncio.wait_for(proc.wait(), 20)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    output = (await proc.stdout.read()).decode() if proc.stdout else ""
    assert code == 0, output
    assert "Traceback" not in output
    # The start-up ingest was committed and the file is whole after the shutdown.
    with contextlib.closing(sqlite3.connect(tmp_path / "run.db")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM entries WHERE retired = 0").fetchone()[0] > 100


async def test_second_start_does_not_sync_again(tmp_path: Path, emulator: DiscordEmulator) -> None:
    emulator.add_guild("부트캠프", locale="ko")
    for run in range(1, 3):
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--no-ingest",
            cwd=tmp_path, env=_env(tmp_path, emulator),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        try:
            # IDENTIFY comes after setup_hook, where the sync decision is made.
            await eventually(lambda: _identifies(emulator) >= run, within=30)  # noqa: B023
            proc.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(proc.wait(), 20) == 0
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
    puts = emulator.calls_to("PUT", r"/applications/\d+/commands")
    assert len(puts) == 1
