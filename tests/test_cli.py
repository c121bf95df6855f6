"""`python -m bot ingest|check|stats`: exit codes, printed JSON, messages, help, encodings."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from tests.helpers_cli import empty_db
from tests.helpers_ingest import REPO, copy_corpus, curated, post, rows, table_state, write

ENV_VARS = (
    "SUNBAE_DB",
    "SUNBAE_CONTENT",
    "SUNBAE_TIMEZONE",
    "SUNBAE_DEV_GUILD",
    "SUNBAE_LOG_LEVEL",
    "SUNBAE_LOOKUP_COOLDOWN",
    "SUNBAE_TIP_GRACE_HOURS",
    "DISCORD_TOKEN",
    "DISCORD_API_BASE",
    "DISCORD_GATEWAY_URL",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no `.env` from the checkout


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "advice"
    write(folder / "a.md", curated("grad-school", "대학원 가야 하나요?"))
    write(
        folder / "b.md",
        post(
            "면접 후기",
            {"코딩 테스트": "매일 한 문제씩 푸세요.", "기술 면접": "모르면 솔직하게 말하세요."},
        ),
    )
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_json(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "bad.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    db = str(tmp_path / "sunbae.db")
    code, out, _ = run(capsys, "ingest", str(folder), "--db", db, "--json")
    assert code == 0
    data = json.loads(out)  # exactly one JSON document
    for key in ("files", "added", "updated", "unchanged", "retired"):
        assert isinstance(data[key], int), key
    assert (data["files"], data["added"], data["updated"], data["retired"]) == (2, 3, 0, 0)
    assert data["errors"] == [{"file": "advice/bad.md", "reason": data["errors"][0]["reason"]}]
    assert "binary" in data["errors"][0]["reason"]

    code, out, _ = run(capsys, "ingest", str(folder), "--db", db, "--json")
    again = json.loads(out)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 3)


def test_ingest_prints_a_summary(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "empty.md").write_bytes(b"")
    code, out, _ = run(capsys, "ingest", str(folder), "--db", str(tmp_path / "x.db"))
    assert code == 0
    assert out.splitlines() == [
        "ingested: 2 files loaded · 3 added · 0 updated · 0 unchanged · 0 retired · 1 file(s) refused",
        "  ✗ advice/empty.md: empty file",
    ]


def test_ingest_uses_content_from_environment(
    tmp_path: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUNBAE_CONTENT", str(folder))
    monkeypatch.setenv("SUNBAE_DB", str(tmp_path / "env.db"))
    code, out, _ = run(capsys, "ingest", "--json")
    assert code == 0
    assert json.loads(out)["added"] == 3
    assert rows(tmp_path / "env.db", "SELECT count(*) FROM entries") == [(3,)]


def test_ingest_strict_writes_nothing(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "sunbae.db"
    (folder / "bad.md").write_text("---\nid: bad-one\ntitle: [a, b]\n---\nbody\n", encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(folder), "--db", str(db), "--strict", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["written"] is False
    assert data["errors"][0]["file"] == "advice/bad.md"
    assert all(not v for v in table_state(db).values())

    code, out, _ = run(capsys, "ingest", str(folder), "--db", str(db), "--strict")
    assert code == 1
    assert out.startswith("ingest aborted (--strict), nothing written:")
    assert "advice/bad.md: field 'title' must be text, got a list" in out


def test_check_writes_nothing_and_fails_on_problems(
    tmp_path: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "never.db"
    monkeypatch.setenv("SUNBAE_DB", str(db))
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 0
    assert out.strip() == "check: 2 files loaded, 3 entries, ok"

    (folder / "cp949.md").write_bytes("면접 조언".encode("cp949"))
    code, out, _ = run(capsys, "check", str(folder), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["entries"] == 3
    assert [e["file"] for e in data["errors"]] == ["advice/cp949.md"]
    assert not db.exists()
    assert not (tmp_path / "data").exists()
    # "files" counts the files loaded: the 3 files read "2 files loaded", the bad one refused.
    code, out, _ = run(capsys, "check", str(folder))
    assert out.splitlines()[0] == "check: 2 files loaded, 3 entries, 1 file(s) refused"


def test_stats_json(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = empty_db(tmp_path / "sunbae.db")
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert code == 0
    empty = json.loads(out)
    assert (empty["entries"], empty["topics"], empty["sources"]) == (0, 0, 0)
    assert empty["last_ingest"] is None

    run(capsys, "ingest", str(folder), "--db", db)
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    data = json.loads(out)
    for key in ("entries", "topics", "sources"):
        assert isinstance(data[key], int), key
    assert (data["entries"], data["sources"]) == (3, 2)
    assert data["last_ingest"]
    assert {s["source"] for s in data["by_source"]} == {"면접 후기", "advice/a.md"}


def test_stats_text(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "sunbae.db")
    run(capsys, "ingest", str(folder), "--db", db)
    code, out, _ = run(capsys, "stats", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "3 entries (0 tips, 0 retired) · 0 topics · 2 sources"
    assert "     2  면접 후기" in lines
    assert lines[-1].startswith("last ingest: ")


def test_stats_text_lists_the_biggest_sources_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "many"
    for n in range(25):
        write(folder / f"p{n:02d}.md", post(f"후기 {n:02d}", {"질문": "매일 한 문제씩 푸세요."}))
    db = str(tmp_path / "sunbae.db")
    run(capsys, "ingest", str(folder), "--db", db)
    code, out, _ = run(capsys, "stats", "--db", db)
    lines = out.splitlines()
    assert code == 0
    assert len([line for line in lines if "  후기 " in line]) == 20
    assert "  … 5 more sources (5 entries; --json lists them all)" in lines
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert len(json.loads(out)["by_source"]) == 25


def test_not_a_database_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("not a database\n" * 100, encoding="utf-8")
    code, out, err = run(capsys, "stats", "--db", str(db))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ") and "not a usable sunbae database" in err


def test_a_database_sqlite_cannot_open_is_one_line_error(tmp_path: Path) -> None:
    # A link to a folder that does not exist: the folder check passes, SQLite cannot open it.
    # The error line was followed by two tracebacks from aiosqlite's worker thread.
    link = tmp_path / "sunbae.db"
    link.symlink_to(tmp_path / "gone" / "sunbae.db")
    for command in ("stats", "ingest"):
        done = subprocess.run(
            [sys.executable, "-m", "bot", command, "--db", str(link)],
            cwd=REPO, capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 1
        assert err == f"error: cannot open the database {link}: unable to open database file\n"


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


def test_help_on_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    commands = _subcommands()
    assert {"ingest", "check", "stats"} <= set(commands)
    for argv in (["--help"], *([name, "--help"] for name in commands)):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 0, argv
        out = capsys.readouterr().out
        assert out.startswith("usage: sunbae"), argv
        if len(argv) == 2:
            assert argv[0] in out.splitlines()[0]


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C"}])
def test_korean_prints_on_an_ascii_terminal(tmp_path: Path, env: dict[str, str]) -> None:
    folder = tmp_path / "advice"
    write(folder / "b.md", post("면접 후기", {"코딩 테스트": "매일 한 문제씩 푸세요."}))
    db = tmp_path / "sunbae.db"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SUNBAE_", "DISCORD_"))}
    base["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), base.get("PYTHONPATH")]))
    base.pop("PYTHONUTF8", None)
    base.update(env)
    for argv in (["ingest", str(folder), "--db", str(db)], ["stats", "--db", str(db)]):
        done = subprocess.run(
            [sys.executable, "-m", "bot", *argv],
            cwd=tmp_path, env=base, capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8")
    assert "면접 후기" in out


def test_real_corpus_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    db = str(tmp_path / "sunbae.db")
    code, out, _ = run(capsys, "ingest", str(corpus), "--db", db, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["errors"] == []
    assert data["files"] == 5
    assert data["added"] >= 80
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    stats = json.loads(out)
    assert stats["entries"] == data["added"]
    assert stats["sources"] == 5


def test_cli_package_has_no_cycle_and_defines_shared_flags_once() -> None:
    """Command modules lean on `bot.cli.common` only (the package and its parser import them,
    so importing back would be a cycle); `--db` and `--json` are spelled in the parser alone;
    each module imports on its own in a fresh interpreter."""
    import ast

    folder = REPO / "bot" / "cli"
    modules = sorted(p.stem for p in folder.glob("*.py") if p.stem not in {"__init__", "parser"})
    assert {"common", "ingest", "run", "sandbox", "search", "stats", "tips"} <= set(modules)
    for name in modules:
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        assert "bot.cli" not in imported and "bot.cli.parser" not in imported, name
        others = {f"bot.cli.{m}" for m in modules if m != "common"}
        assert not imported & others, f"{name} imports a sibling command module"
    spelled = {
        p.stem
        for p in folder.glob("*.py")
        if '"--db"' in p.read_text(encoding="utf-8") or '"--json"' in p.read_text(encoding="utf-8")
    }
    assert spelled == {"parser"}
    for name in modules:
        subprocess.run([sys.executable, "-c", f"import bot.cli.{name}"], check=True, cwd=REPO)


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path) -> None:
    """`python -m bot stats | head -1`: the pipe closes while the command prints. The command
    stops quietly with the shell's SIGPIPE status; it printed a BrokenPipeError traceback."""
    db = empty_db(tmp_path / "sunbae.db")
    script = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"  # stdout: a pipe nobody reads
        "from bot.cli import main\n"
        f"sys.exit(main(['stats', '--db', {db!r}]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUNBAE_", "DISCORD_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert done.returncode == 141, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_ingest_of_a_missing_path_fails_unless_another_path_loaded(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15.4: a mistyped path used to print a ✗ and exit 0 with nothing ingested."""
    db = str(tmp_path / "x.db")
    code, out, err = run(capsys, "ingest", str(tmp_path / "typo"), "--db", db)
    assert code == 1
    assert "no such file or folder" in out
    assert err.strip() == f"nothing ingested: no such file or folder: {tmp_path / 'typo'}"
    code, out, err = run(capsys, "ingest", str(tmp_path / "typo"), str(folder), "--db", db)
    assert code == 0  # the other path loaded; the report names the missing one
    assert out.startswith("ingested: 2 files loaded · 3 added")
    assert "typo: no such file or folder" in out and err == ""


def test_search_prints_plain_text_without_markdown_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "posts"
    write(
        folder / "p.md", post("후기", {"공부 기간": "솔~직히 6~1년은 걸려요. **꾸준히** 하세요."})
    )
    db = str(tmp_path / "x.db")
    assert run(capsys, "ingest", str(folder), "--db", db)[0] == 0
    code, out, _ = run(capsys, "search", "공부 기간", "--db", db)
    assert code == 0
    assert "솔~직히 6~1년" in out and "\\" not in out and "**" not in out
    code, out, _ = run(capsys, "search", "공부 기간", "--db", db, "--json")
    assert "\\\\~" in out  # the JSON keeps the Markdown Discord is sent


@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["search", "대학원"],
        ["suggest", "대학"],
        ["tip"],
        ["insights"],
        ["content", "history", "portfolio-few-and-deep", "--guild", "1"],
        ["content", "export", "--guild", "1", "--out", "x.zip"],
    ],
)
def test_a_command_on_a_database_that_is_not_there_says_so_and_creates_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    # A mistyped --db (or SUNBAE_DB) made a new empty database there, folders included, and
    # answered from it: 'stats' said '0 entries', 'search' 'no match', exit 0. Only ingest
    # (and the bot) make a database; check-db and health already said there was none.
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "data" / "sunbea.db"
    code, out, err = run(capsys, *argv, "--db", str(typo))
    assert code == 1 and out == ""
    assert err == f"error: no database at {typo}: run `python -m bot ingest` first\n"
    assert not typo.parent.exists()
