"""Issue 11 defect 6: an unreadable subfolder silently retired its entries, and an empty
content folder retired everything with exit 0.

The tests run as root here, where `chmod 000` does not stop a read, so an unreadable folder is
made by failing its listing (`os.scandir`, what `os.walk` lists with) as the kernel would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import bootstrap, start_up
from bot.corpus.files import Root
from bot.services.ingest import EmptyFolderError
from tests.helpers_bot import bot_settings
from tests.helpers_ingest import REPO, curated, ingest_service, live_titles, open_db, write


def fail_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).resolve() == folder.resolve():  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def empty(folder: Path) -> None:
    for file in sorted(folder.rglob("*.md")):
        file.unlink()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    write(folder / "top.md", curated("top", "위 조언"))
    write(folder / "sub" / "inner.md", curated("inner", "안쪽 조언"))
    write(folder / "sub" / "deeper" / "deep.md", curated("deep", "깊은 조언"))
    return folder


async def ingest(db_path: Path, folder: Path, **options: bool) -> object:
    db = await open_db(db_path)
    try:
        return await ingest_service(db).ingest([folder], **options)
    finally:
        await db.close()


async def test_an_unreadable_subfolder_is_an_error_and_its_entries_are_kept(
    tmp_path: Path, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "a.db"
    await ingest(db_path, content)
    assert sorted(live_titles(db_path)) == ["깊은 조언", "안쪽 조언", "위 조언"]

    fail_listing(monkeypatch, content / "sub")
    report = await ingest(db_path, content)
    assert report.retired == 0  # type: ignore[attr-defined]
    assert [(e.file, e.reason) for e in report.errors] == [  # type: ignore[attr-defined]
        ("content/sub", "cannot read the folder (Permission denied): its entries are kept")
    ]
    assert sorted(live_titles(db_path)) == ["깊은 조언", "안쪽 조언", "위 조언"]

    monkeypatch.undo()  # readable again: nothing had been lost, nothing to add
    report = await ingest(db_path, content)
    assert (report.errors, report.retired, report.added) == ([], 0, 0)  # type: ignore[attr-defined]


async def test_an_unreadable_root_keeps_everything(
    tmp_path: Path, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "a.db"
    await ingest(db_path, content)
    fail_listing(monkeypatch, content)
    report = await ingest(db_path, content)
    assert report.retired == 0  # type: ignore[attr-defined]
    assert [e.file for e in report.errors] == ["content"]  # type: ignore[attr-defined]
    assert len(live_titles(db_path)) == 3


async def test_an_emptied_folder_is_refused_unless_allowed(tmp_path: Path, content: Path) -> None:
    db_path = tmp_path / "a.db"
    await ingest(db_path, content)
    empty(content)
    with pytest.raises(EmptyFolderError, match="held 3 file"):
        await ingest(db_path, content)
    assert len(live_titles(db_path)) == 3
    report = await ingest(db_path, content, allow_empty=True)
    assert report.retired == 3 and live_titles(db_path) == []  # type: ignore[attr-defined]
    # Nothing left to lose: an empty folder is fine now, and so is a new empty one.
    await ingest(db_path, content)
    (tmp_path / "fresh").mkdir()
    await ingest(db_path, tmp_path / "fresh")


async def test_the_bot_starts_on_what_it_has_when_its_folder_is_emptied(
    tmp_path: Path, content: Path
) -> None:
    settings = bot_settings(tmp_path / "bot.db", content_paths=(content,))
    services = await bootstrap(settings, ingest_workers=0)
    try:
        await start_up(services)
        empty(content)
        report = await start_up(services)
        assert report is not None and "nothing was retired" in report.errors[0].reason
        assert (await services.entries.stats())["entries"] == 3
    finally:
        await services.close()


async def test_a_bot_with_no_advice_at_all_says_so_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A first run pointed at an empty (or mistyped) content folder logged only
    # "content: 0 files, 0 added, ..." at INFO and went online answering nothing.
    (tmp_path / "content").mkdir()
    settings = bot_settings(tmp_path / "bot.db", content_paths=(tmp_path / "content",))
    services = await bootstrap(settings, ingest_workers=0)
    try:
        with caplog.at_level("WARNING", logger="bot.app"):
            await start_up(services)
    finally:
        await services.close()
    (warning,) = [r for r in caplog.records if r.levelname == "WARNING"]
    assert warning.getMessage() == (
        f"no advice loaded: the database has no entries and {tmp_path / 'content'} no advice"
        " files;"
        " /advice will find nothing (put .md files there, or set SUNBAE_CONTENT)"
    )


def test_the_cli_refuses_an_emptied_folder_in_one_line(tmp_path: Path, content: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "ingest", str(content), "--db", str(db), *args],
            capture_output=True, text=True, cwd=REPO, check=False,
        )  # fmt: skip

    db = tmp_path / "cli.db"
    assert run().returncode == 0
    empty(content)
    refused = run()
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        "error: the content folder content/ is empty, but it held 3 file(s) last time:"
        " nothing was retired (pass --allow-empty to retire their entries)"
    ]
    allowed = run("--allow-empty")
    assert allowed.returncode == 0 and "3 retired" in allowed.stdout


def test_an_unreadable_folder_hides_what_is_under_it_and_nothing_beside_it() -> None:
    """`advice/a` unreadable keeps its entries; `advice/ab` is another folder, read as usual
    (its removed files retire their entries)."""
    root = Root("/c/advice", "advice", [], True, unreadable=["advice/a"])
    assert root.hides("advice/a") and root.hides("advice/a/x.md")
    assert not root.hides("advice/ab/x.md") and not root.hides("advice/b.md")
