"""A bad configuration stops `python -m bot` (and `run`) before it starts: one line on stderr
that says what to fix, a non-zero exit, never a traceback. The process as an operator starts it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers_cli import run_cli

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.sandbox.startup-config-test-token"


def _one_line(proc_stderr: str) -> str:
    lines = proc_stderr.strip("\n").split("\n")
    assert len(lines) == 1, proc_stderr
    assert "Traceback" not in proc_stderr
    return lines[0]


@pytest.mark.parametrize("command", [(), ("sandbox",), ("run",)])
def test_a_content_folder_that_is_not_there_is_named(tmp_path: Path, command: tuple[str]) -> None:
    token = TOKEN if command == ("run",) else ""
    proc = run_cli(
        tmp_path, *command, stdin="/advice query:대학원\n",
        SUNBAE_CONTENT=f"{tmp_path / 'contnet'}", DISCORD_TOKEN=token,
        SUNBAE_DB=str(tmp_path / "db" / "sunbae.db"),
    )  # fmt: skip
    line = _one_line(proc.stderr)
    assert proc.returncode == 2
    assert line.startswith("configuration error: SUNBAE_CONTENT: no file or folder ")
    assert str(tmp_path / "contnet") in line
    assert proc.stdout == ""
    assert not (tmp_path / "db").exists()  # stopped before making a database


def test_a_database_path_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    proc = run_cli(tmp_path, "run", DISCORD_TOKEN=TOKEN, SUNBAE_DB=str(tmp_path / "a-file/x.db"))
    line = _one_line(proc.stderr)
    assert proc.returncode == 1
    assert line.startswith("error: cannot create the database folder ")
    assert str(tmp_path / "a-file") in line


@pytest.mark.parametrize(
    ("dotenv", "expected"),
    [
        ("DISCORD_TOKEN\n", "configuration error: .env:1: expected KEY=VALUE"),
        ("SUNBAE_TIMEZONE=Asia/Seol\n", "configuration error: SUNBAE_TIMEZONE: unknown time zone"),
        ("DISCORD_TOKEN=paste-it-here\n", "configuration error: DISCORD_TOKEN: does not look like"),
    ],
)
def test_a_bad_dotenv_stops_the_default_command(tmp_path: Path, dotenv: str, expected: str) -> None:
    (tmp_path / ".env").write_text(dotenv, encoding="utf-8")
    # Not in the environment (where even a blank value wins), so the .env file decides.
    proc = run_cli(tmp_path, stdin="/tip\n", prefix=("env", "-u", "DISCORD_TOKEN"))
    line = _one_line(proc.stderr)
    assert proc.returncode == 2
    assert line.startswith(expected)
    assert "paste-it-here" not in line  # a token is never echoed
