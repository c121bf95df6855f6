"""`python -m bot insights [gaps]`: per-server reports for operators, as text or JSON."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest

from bot.app import bootstrap
from bot.cli import main
from bot.settings import Settings

A, B = 111_111_111_111_111_111, 222_222_222_222_222_222


@pytest.fixture(autouse=True)
def quiet_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("SUNBAE_DB", "SUNBAE_CONTENT", "SUNBAE_TIMEZONE", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def record(db: Path) -> None:
    async def go() -> None:
        services = await bootstrap(Settings(db_path=db, content_paths=()))
        try:
            recorder = services.insights.recorder
            for user, query in ((1, "zzqqxx"), (2, "zzqqxx"), (1, "ZZQQXY")):
                recorder.lookup(A, "advice", query, outcome="none", user_id=user)
            recorder.lookup(A, "advice", "포폴", outcome="shown", results=["p"], user_id=3)
            recorder.lookup(B, "advice", "대학원", outcome="none", user_id=4)
        finally:
            await services.close()

    asyncio.run(go())


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main(["insights", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_overview_of_every_server_and_of_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    record(db)
    every = run_json(capsys, "--db", str(db))
    assert isinstance(every, list)
    assert [(o["guild_id"], o["lookups"], o["askers"]) for o in every] == [(A, 4, 3), (B, 1, 1)]
    [one] = run_json(capsys, "--db", str(db), "--guild", str(B))  # type: ignore[misc]
    assert [q["label"] for q in one["top_queries"]] == ["대학원"]
    assert main(["insights", "--db", str(db), "--guild", str(A)]) == 0
    out = capsys.readouterr().out
    assert f"server {A}" in out and "4 lookups" in out and "zzqqxx" in out
    assert "대학원" not in out


def test_gaps_grouped_per_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.db"
    record(db)
    gaps = run_json(capsys, "gaps", "--db", str(db), "--guild", str(A))
    assert isinstance(gaps, dict)
    [group] = gaps[str(A)]
    assert (group["label"], group["count"], group["answered_by"]) == ("zzqqxx", 3, None)
    assert main(["insights", "gaps", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "3  zzqqxx" in out and "~ ZZQQXY" in out and "1  대학원" in out


def test_since_a_date_and_the_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.db"
    record(db)
    tomorrow = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=2)).isoformat()
    assert main(["insights", "--db", str(db), "--since", tomorrow]) == 1
    assert "in the future" in capsys.readouterr().err
    week_ago = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=7)).isoformat()
    chart = tmp_path / "chart.png"
    args = ["--db", str(db), "--guild", str(A), "--since", week_ago, "--chart", str(chart)]
    [overview] = run_json(capsys, *args)  # type: ignore[misc]
    assert overview["lookups"] == 4
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert main(["insights", "--db", str(db), "--chart", str(chart)]) == 1  # two servers
