"""`python -m bot tip`: one tip per date, 30 dates -> 30 different tips, JSON shape, no tips."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from tests.helpers_cli import empty_db


def write_content(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"tip-{i:02d}.md").write_text(
            f"---\nid: tip-{i:02d}\ntitle: 팁 {i}\nkind: tip\ntip: 이력서는 짧게 ({i})\n"
            f"source:\n  speaker: 선배 {i}\n  event: 커리어 토크\n---\n본문 {i}\n",
            encoding="utf-8",
        )


@pytest.fixture(autouse=True)
def quiet_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("SUNBAE_DB", "SUNBAE_CONTENT", "SUNBAE_TIMEZONE", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def tip_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["tip", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_thirty_dates_thirty_different_tips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(tmp_path / "content", 32)
    db = str(tmp_path / "cli.db")
    assert main(["ingest", str(tmp_path / "content"), "--db", db]) == 0
    capsys.readouterr()
    days = [dt.date(2025, 4, 1) + dt.timedelta(days=i) for i in range(30)]
    tips = [tip_json(capsys, "--date", d.isoformat(), "--db", db) for d in days]
    assert len({t["id"] for t in tips}) == 30
    assert [t["date"] for t in tips] == [d.isoformat() for d in days]
    first = tips[0]
    assert str(first["tip"]).startswith("이력서는 짧게")
    assert str(first["title"]).startswith("팁 ")
    assert "선배" in str(first["source"])
    # Asked again, a day keeps its tip; another server has its own rotation.
    assert tip_json(capsys, "--date", days[0].isoformat(), "--db", db)["id"] == first["id"]
    other = [tip_json(capsys, "--date", d.isoformat(), "--db", db, "--guild", "42") for d in days]
    assert [t["id"] for t in other] != [t["id"] for t in tips]

    # Default date: today in $SUNBAE_TIMEZONE; plain output names the tip and its id.
    assert main(["tip", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "이력서는 짧게" in out and "[tip-" in out


def test_default_date_follows_the_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_content(tmp_path / "content", 3)
    db = str(tmp_path / "cli.db")
    assert main(["ingest", str(tmp_path / "content"), "--db", db]) == 0
    capsys.readouterr()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11: 25 h apart
        monkeypatch.setenv("SUNBAE_TIMEZONE", zone)
        before = dt.datetime.now(ZoneInfo(zone)).date().isoformat()
        got = tip_json(capsys, "--db", db)["date"]
        after = dt.datetime.now(ZoneInfo(zone)).date().isoformat()
        assert got in {before, after}  # the run may straddle midnight there


def test_no_tips_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tip", "--db", empty_db(tmp_path / "empty.db")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no tips" in err


def test_bad_date_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["tip", "--date", "2025-02-30", "--db", str(tmp_path / "x.db")])
    assert exc.value.code == 2
    assert "2025-02-30" in capsys.readouterr().err
