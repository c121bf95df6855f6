"""`python -m bot content history|revert|retire|restore|export|import`: the /content actions from
the shell, with --json, on a real database with two servers."""

from __future__ import annotations

import asyncio
import json
import zipfile
from pathlib import Path

import pytest

from bot.cli import main
from bot.content import EntryInput
from bot.store.database import Database
from tests.helpers_content import GUILD_A, GUILD_B, MOD_A, content_service, ingest, write_content

ENV = ("SUNBAE_DB", "SUNBAE_CONTENT", "DISCORD_TOKEN", "SUNBAE_LOG_LEVEL")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "sunbae.db"

    async def prepare() -> None:
        database = await Database.open(path)
        try:
            await ingest(database, write_content(tmp_path))
            given = EntryInput(title="A 서버의 조언", body="A 서버만의 본문입니다.", kind="tip")
            await content_service(database).add(GUILD_A, given, MOD_A)
        finally:
            await database.close()

    asyncio.run(prepare())
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_retire_restore_revert_and_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    a = str(GUILD_A)
    retired = as_json(
        capsys, "content", "retire", "grad-needed", "--guild", a, "--reason", "낡음",
        "--actor", "운영자", "--db", db,
    )  # fmt: skip
    assert retired == {
        "action": "retire",
        "entry": {
            "id": "grad-needed", "guild_id": GUILD_A, "title": "석사가 꼭 필요할까?",
            "retired": True, "updated_at": retired["entry"]["updated_at"],
        },
    }  # fmt: skip
    code, _, err = run(capsys, "content", "retire", "grad-needed", "--guild", a, "--db", db)
    assert code == 1 and "already retired" in err

    restored = as_json(capsys, "content", "restore", "grad-needed", "--guild", a, "--db", db)
    assert restored["entry"]["retired"] is False

    history = as_json(capsys, "content", "history", "grad-needed", "--guild", a, "--db", db)
    assert history["total"] == 3
    actions = [r["action"] for r in history["revisions"]]
    assert actions == ["restore", "retire", "add"]
    assert history["revisions"][1]["actor_name"] == "운영자"
    assert history["revisions"][1]["reason"] == "낡음"
    first = history["revisions"][-1]["revision"]

    # Server B and the shared view never saw A's changes.
    shared = as_json(capsys, "content", "history", "grad-needed", "--db", db)
    assert [r["action"] for r in shared["revisions"]] == ["add"]
    b = as_json(capsys, "content", "history", "grad-needed", "--guild", str(GUILD_B), "--db", db)
    assert b["total"] == 1

    code, out, _ = run(capsys, "content", "history", "grad-needed", "--guild", a, "--db", db)
    assert code == 0 and out.startswith("grad-needed: 3 revisions (newest first, page 1)")
    assert "retire  운영자  [guild 1001]  (낡음)" in out

    code, _, err = run(
        capsys, "content", "revert", "grad-needed", str(first), "--guild", a, "--db", db
    )
    assert code == 1 and "already" in err  # the restore brought back the same text
    code, _, err = run(
        capsys, "content", "revert", "grad-needed", "999999", "--guild", a, "--db", db
    )
    assert code == 1 and "has no revision 999999" in err


def test_export_then_import_into_another_server(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.zip"
    exported = as_json(
        capsys, "content", "export", "--guild", str(GUILD_A), "--out", str(out), "--db", db
    )
    assert exported["entries"] == 1 and exported["scope"] == "own"
    assert zipfile.ZipFile(out).namelist() == ["a-seobeoui-joeon.md"]

    b = str(GUILD_B)
    plan = as_json(capsys, "content", "import", str(out), "--guild", b, "--dry-run", "--db", db)
    assert plan["applied"] is False and plan["added"] == ["a-seobeoui-joeon-2"]
    assert plan["renamed"] == [{"from": "a-seobeoui-joeon", "to": "a-seobeoui-joeon-2"}]
    done = as_json(capsys, "content", "import", str(out), "--guild", b, "--db", db)
    assert done["applied"] is True
    again = as_json(capsys, "content", "import", str(out), "--guild", b, "--db", db)
    assert again["unchanged"] == ["a-seobeoui-joeon-2"] and again["added"] == []  # idempotent

    mine = as_json(capsys, "content", "import", str(out), "--guild", str(GUILD_A), "--db", db)
    assert mine["unchanged"] == ["a-seobeoui-joeon"] and mine["applied"] is False

    code, text, _ = run(
        capsys, "content", "import", str(out), "--guild", b, "--dry-run", "--db", db
    )
    assert code == 0 and text.startswith(
        "dry run (nothing written): 0 added, 0 updated, 1 unchanged"
    )


def test_changes_need_a_server_and_a_readable_file(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["content", "retire", "grad-needed", "--guild", "0", "--db", db])
    assert exited.value.code == 2
    assert "changes need a real server id" in capsys.readouterr().err
    code, _, err = run(capsys, "content", "import", "missing.zip", "--guild", "1", "--db", db)
    assert code == 1 and "cannot read missing.zip" in err
    code, _, err = run(capsys, "content", "history", "no-such", "--db", db)
    assert code == 1 and "no entry 'no-such'" in err
