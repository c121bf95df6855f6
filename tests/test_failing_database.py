"""Issue 11 defects 7 and 9: tracebacks where one line should say what is wrong and what to do.

Read-only files, full disks and locks are made with SQLite itself (the tests run as root, where
file modes do not stop a write): a `mode=ro` connection, `PRAGMA max_page_count`, a held
`BEGIN IMMEDIATE`. Damaged files are real: truncated, overwritten in the middle, or noise.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from bot.services.ingest import IngestService
from bot.store.database import Database
from bot.store.ingest_state import SqliteIngestStore
from bot.store.integrity import check_file, explain
from tests.helpers_cli import run_cli
from tests.helpers_ingest import REPO, StepClock, curated, write

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789ab"


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    proc = run_cli(folder, "ingest", str(REPO / "content"), "--db", str(folder / "good.db"))
    assert proc.returncode == 0, proc.stderr
    return folder / "good.db"


def damaged(good: Path, tmp_path: Path, how: str) -> Path:
    data = bytearray(good.read_bytes())
    path = tmp_path / f"{how}.db"
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "middle":  # the header is fine: opening works, reading some pages does not
        for i in range(len(data) // 2, len(data) // 2 + 20_000):
            data[i] = 0x5A
    else:
        data = bytearray(os.urandom(8192))
    path.write_bytes(bytes(data))
    return path


def one_error_line(proc: object) -> str:
    lines = proc.stderr.strip().splitlines()  # type: ignore[attr-defined]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and "Traceback" not in proc.stderr, proc.stderr  # type: ignore[attr-defined]
    assert proc.returncode != 0  # type: ignore[attr-defined]
    return errors[0]


@pytest.mark.parametrize("how", ["truncated", "middle", "noise"])
@pytest.mark.parametrize("command", ["ingest", "stats", "sandbox", "run"])
def test_a_damaged_database_is_one_line_and_a_non_zero_exit(
    good_db: Path, tmp_path: Path, how: str, command: str
) -> None:
    db = damaged(good_db, tmp_path, how)
    env = (
        {"DISCORD_TOKEN": TOKEN, "DISCORD_API_BASE": "http://127.0.0.1:9"}
        if command == "run"
        else {}
    )
    proc = run_cli(tmp_path, command, "--db", str(db), stdin="/advice query:대학원\n", **env)
    if command == "stats" and how == "middle" and proc.returncode == 0:
        # The pages stats reads may be intact (it depends on where the tables lie in the file):
        # check-db is what finds the damage then. Otherwise stats says it in one line too.
        assert "Traceback" not in proc.stderr, proc.stderr
        return
    line = one_error_line(proc)
    assert str(db.name) in line
    assert "damaged" in line or "not a usable sunbae database" in line


@pytest.mark.parametrize("how", ["truncated", "middle", "noise"])
def test_check_db_finds_the_damage(good_db: Path, tmp_path: Path, how: str) -> None:
    db = damaged(good_db, tmp_path, how)
    proc = run_cli(tmp_path, "check-db", "--db", str(db))
    assert proc.returncode == 1 and proc.stdout.startswith(f"damaged: {db} fails quick_check")
    assert not check_file(db).ok


def test_check_db_on_a_good_and_a_missing_file(good_db: Path, tmp_path: Path) -> None:
    ok = run_cli(tmp_path, "check-db", "--db", str(good_db), "--json")
    assert ok.returncode == 0 and '"ok": true' in ok.stdout
    missing = run_cli(tmp_path, "check-db", "--db", str(tmp_path / "none.db"))
    assert one_error_line(missing).startswith("error: no database at")
    assert not (tmp_path / "none.db").exists()  # a check never creates the file


def _error(sql_setup: str, sql: str, path: Path, *, uri: bool = False) -> sqlite3.Error:
    conn = sqlite3.connect(f"file:{path}?mode=ro" if uri else path, uri=uri, timeout=0)
    try:
        if sql_setup:
            conn.executescript(sql_setup)
        conn.execute(sql)
        conn.commit()
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("no error")


def test_sqlite_failures_are_explained_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    sqlite3.connect(path).executescript("CREATE TABLE t (x); INSERT INTO t VALUES (1);").close()
    readonly = _error("", "INSERT INTO t VALUES (2)", path, uri=True)
    assert "read-only" in (explain(readonly, path) or "")
    full = _error("PRAGMA max_page_count = 2;", "INSERT INTO t SELECT randomblob(100000)", path)
    assert "is full: free some space" in (explain(full, path) or "")  # what to do, not only what
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        locked = _error("", "INSERT INTO t VALUES (3)", path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another process" in (explain(locked, path) or "")
    assert explain(ValueError("x"), path) is None
    for exc in (readonly, full, locked):
        assert "\n" not in (explain(exc, path) or "")


async def test_a_full_disk_is_reported_as_itself_not_as_a_failed_rollback(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    for n in range(30):
        write(folder / f"e{n:02d}.md", curated(f"e{n:02d}", f"조언 {n}", "긴 본문입니다. " * 400))
    db = await Database.open(tmp_path / "full.db")
    try:
        pages = await (await db._writer.execute("PRAGMA page_count")).fetchone()
        await db._writer.execute(f"PRAGMA max_page_count = {pages[0] + 5}")
        with pytest.raises(sqlite3.OperationalError) as raised:
            await IngestService(SqliteIngestStore(db), clock=StepClock(), workers=0).ingest(
                [folder]
            )
        assert "full" in str(raised.value)  # was: "cannot rollback - no transaction is active"
        assert "is full" in (explain(raised.value) or "")
    finally:
        await db.close()


async def test_an_error_after_sqlite_rolled_back_on_its_own_is_the_one_raised(
    tmp_path: Path,
) -> None:
    """On a real full disk (or an I/O error) SQLite rolls the transaction back itself; the
    ROLLBACK that followed failed with "cannot rollback - no transaction is active" and hid
    the error that mattered."""
    db = await Database.open(tmp_path / "x.db")
    try:
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            async with db.transaction() as conn:
                await conn.execute("ROLLBACK")  # what SQLite did on its own
                raise sqlite3.OperationalError("database or disk is full")
        async with db.transaction() as conn:  # and the connection still works
            await conn.execute("SELECT 1")
    finally:
        await db.close()


def test_an_unreachable_discord_api_is_one_line(good_db: Path, tmp_path: Path) -> None:
    proc = run_cli(
        tmp_path, "run", "--db", str(good_db), "--no-ingest",
        DISCORD_TOKEN=TOKEN, DISCORD_API_BASE="http://127.0.0.1:9/api/v10",
    )  # fmt: skip
    line = one_error_line(proc)
    assert line.startswith("error: cannot reach Discord at http://127.0.0.1:9/api/v10 (")
    assert line.endswith("check the network, or DISCORD_API_BASE if it is set")


def test_invite_url_with_an_odd_token_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "invite-url", DISCORD_TOKEN="wrI.abcdefghijklmnopqrstuvwxyz")
    assert one_error_line(proc) == (
        "error: DISCORD_TOKEN does not start with an application id, as a bot token does:"
        " give --client-id (the Application ID on the Developer Portal)"
    )
    good = run_cli(tmp_path, "invite-url", DISCORD_TOKEN=TOKEN)
    assert good.returncode == 0 and "client_id=123456789012345678" in good.stdout
