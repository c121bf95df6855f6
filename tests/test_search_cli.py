"""`python -m bot search|suggest`: JSON shape, no-match behaviour, flags."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.helpers_search import sample_db

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("SUNBAE_DB", "SUNBAE_CONTENT", "DISCORD_TOKEN", "SUNBAE_LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no `.env` from the checkout

    async def build() -> None:
        db = await sample_db(tmp_path / "sunbae.db")
        await db.close()

    asyncio.run(build())
    return str(tmp_path / "sunbae.db")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "포폴 몇 개가 좋아요", "--db", db_path, "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["id"] == "portfolio-depth"
    assert hits[0]["title"] == "포트폴리오는 많고 얕게? 적고 깊게?"
    assert hits[0]["body"].startswith("적고 깊은 것이")
    assert hits[0]["topics"] == ["portfolio"]
    assert hits[0]["source"]["file"] == "sample/portfolio-depth.md"
    assert hits[0]["source"]["speaker"] == "선배"
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_limit_and_topic(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "search", "꾸준히", "--db", db_path, "--json", "--limit", "1")
    assert len(json.loads(out)) == 1
    _, out, _ = run(capsys, "search", "꾸준히", "--db", db_path, "--json", "--topic", "interview")
    assert [h["id"] for h in json.loads(out)] == ["coding-test"]


def test_search_names_an_unknown_topic(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    # '--topic nope' printed "no match for '꾸준히'" and exited 0, as if the topic existed and
    # held nothing for the query; /advice names the topic it does not know.
    code, out, err = run(capsys, "search", "꾸준히", "--db", db_path, "--topic", "nope")
    assert code == 2 and out == ""
    assert err.startswith("unknown topic 'nope'; topics: ")
    assert "interview" in err
    # The value autocomplete gives (topic:<id>) names one too, as /advice takes it.
    _, out, _ = run(
        capsys, "search", "꾸준히", "--db", db_path, "--json", "--topic", "topic:interview"
    )
    assert [h["id"] for h in json.loads(out)] == ["coding-test"]


def test_no_match_is_an_empty_array_with_suggestions_on_stderr(
    db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "search", "qwzxv", "--db", db_path, "--json")
    assert code == 0 and json.loads(out) == []
    assert "no match" in err


def test_corrected_query_is_said_on_stderr(
    db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "search", "대학언", "--db", db_path, "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "grad-worry"
    assert "대학원" in err


def test_a_weak_match_is_said_on_stderr(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    # One word of five is in the corpus: the hits are printed, as the closest, not as answers.
    code, out, err = run(capsys, "search", "대학원 근처 점심 메뉴 날씨", "--db", db_path)
    assert code == 0 and out.startswith(" 1. ")
    assert "no good match for '대학원 근처 점심 메뉴 날씨'" in err
    _, _, sure = run(capsys, "search", "대학원", "--db", db_path)
    assert "no good match" not in sure


def test_search_text_output(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "코테", "--db", db_path)
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(" 1. 코딩테스트는 어떻게 준비하나요?") and "coding-test" in first
    # The count says what it counts: entries a word or a related one matches, not answers.
    last = out.splitlines()[-1]
    assert last.startswith("(1-") and last.endswith("entries with a word of it or a related one)")


def test_suggest(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "suggest", "ㄷㅎㅇ", "--db", db_path, "--json")
    choices = json.loads(out)
    assert code == 0
    assert choices[0] == {
        "name": "주제: 대학원 (Grad school)",
        "value": "topic:grad-school",
        "kind": "topic",
        "ref": "grad-school",
    }
    assert {"value": "entry:grad-worry"}.items() <= next(
        c for c in choices if c["kind"] == "entry"
    ).items()
    code, out, _ = run(capsys, "suggest", "", "--db", db_path)
    assert code == 0 and out.splitlines()[0].startswith("주제:")


def test_bad_limit_is_a_usage_error(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["search", "대학원", "--db", db_path, "--limit", "0"])
    assert exc.value.code == 2
    assert "1 to 100" in capsys.readouterr().err


def test_module_entry_point(db_path: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "search", "석사 필요?", "--db", db_path, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "grad-needed"
