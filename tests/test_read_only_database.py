"""Issue 11 defect 7, end to end: the bot, the sandbox and an ingest started on a database they
may not write say so in one line and exit non-zero (they printed a traceback, or failed at the
first write, once online); commands that only read still work on it.

The processes really cannot write: file and folder modes, and as root (which ignores modes) the
command runs without CAP_DAC_OVERRIDE, through util-linux `setpriv`.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers_cli import run_cli as cli
from tests.helpers_ingest import REPO

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789ab"
READ_ONLY = "is read-only: give the bot's user write access to it and its folder"


def unprivileged() -> list[str]:
    """The prefix that makes a command subject to file modes."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root (file modes do not stop writes) and setpriv is not installed")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


def run_cli(cwd: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return cli(cwd, *args, stdin=stdin, prefix=unprivileged(), **env)


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("built")
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", str(REPO / "content"), "--db", "sunbae.db"],
        capture_output=True, text=True, cwd=folder, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO), "DISCORD_TOKEN": ""},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return folder / "sunbae.db"


@pytest.fixture
def read_only_file(built: Path, tmp_path: Path) -> Path:
    db = tmp_path / "data" / "sunbae.db"
    db.parent.mkdir()
    shutil.copy(built, db)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 444
    return db


def test_ingest_sandbox_and_run_refuse_a_read_only_file_in_one_line(
    read_only_file: Path, tmp_path: Path
) -> None:
    db, before = str(read_only_file), read_only_file.read_bytes()
    ingest = run_cli(tmp_path, "ingest", str(REPO / "content"), "--db", db, "--allow-empty")
    assert one_line(ingest) == f"error: the database {db} {READ_ONLY}"
    sandbox = run_cli(tmp_path, "sandbox", "--db", db, stdin="/advice query:대학원\n")
    assert one_line(sandbox) == f"error: the database {db} {READ_ONLY}"
    # The bot stops before it goes online (no Discord to reach here: it never tries).
    bot = run_cli(tmp_path, "run", "--db", db, DISCORD_TOKEN=TOKEN)
    assert one_line(bot) == f"error: the database {db} {READ_ONLY}"
    assert read_only_file.read_bytes() == before


def test_reading_commands_still_work_on_a_read_only_file(
    read_only_file: Path, tmp_path: Path
) -> None:
    db = str(read_only_file)
    stats = run_cli(tmp_path, "stats", "--db", db, "--json")
    assert stats.returncode == 0 and '"entries"' in stats.stdout, stats.stderr
    found = run_cli(tmp_path, "search", "대학원", "--db", db)
    assert found.returncode == 0 and found.stdout.strip(), found.stderr
    assert run_cli(tmp_path, "check-db", "--db", db).returncode == 0


def test_a_read_only_folder_is_refused_in_one_line(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(built, folder / "sunbae.db")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)  # 500: no journal can be made beside it
    try:
        db = str(folder / "sunbae.db")
        ingest = run_cli(tmp_path, "ingest", str(REPO / "content"), "--db", db)
        assert one_line(ingest) == f"error: the database {db} {READ_ONLY}"
        sandbox = run_cli(tmp_path, "sandbox", "--db", db, stdin="/advice query:대학원\n")
        assert one_line(sandbox) == f"error: the database {db} {READ_ONLY}"
        # The checks say so too: they said "damaged: attempt to write a readonly database".
        check = run_cli(tmp_path, "check-db", "--db", db)
        assert one_line(check) == f"error: the database {db} {READ_ONLY}"
        health = run_cli(tmp_path, "health", "--db", db, "--no-gateway")
        assert health.returncode == 1
        assert health.stdout == f"unhealthy: the database {db} {READ_ONLY}\n"
    finally:
        folder.chmod(stat.S_IRWXU)
