"""Hostile content folders: links out of the folder, FIFOs, devices, huge and growing files.

Each is reported with the file and a reason and skipped; nothing outside the ingested folder is
read, nothing is waited on, no file is read past the size limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.corpus.files import FileRefused, open_content
from bot.models import IngestReport
from bot.services.ingest import IngestService
from bot.settings import ConfigError, parse_settings
from bot.store.ingest_state import SqliteIngestStore
from tests.helpers_ingest import StepClock, curated, live_titles, open_db, rows, write

REPO = Path(__file__).resolve().parents[1]
SECRET = "비밀 문서: 폴더 밖에 있어요"


async def ingest(db_path: Path, *paths: Path, **kwargs: int) -> IngestReport:
    db = await open_db(db_path)
    try:
        return await IngestService(SqliteIngestStore(db), clock=StepClock(), **kwargs).ingest(
            list(paths)
        )
    finally:
        await db.close()


def reasons(report: IngestReport) -> dict[str, str]:
    return {p.file: p.reason for p in report.errors}


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """`content/` with one good entry, and `outside/` beside it with a secret entry."""
    content, outside = tmp_path / "content", tmp_path / "outside"
    write(content / "good.md", curated("good", "좋은 조언"))
    write(outside / "secret.md", curated("secret", SECRET))
    return content, outside


async def test_documentation_and_hidden_folders_beside_the_advice_are_not_advice(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    write(content / "good.md", curated("good", "좋은 조언"))
    for name in ("README.md", "SOURCES.md", "CHANGELOG.md"):
        write(
            content / name,
            "# 이 폴더에 대해\n\n조언 파일을 여기에 두고, 파일 하나가 조언 하나입니다.\n",
        )
    for folder in (".git", "_drafts"):
        write(content / folder / "draft.md", curated(f"draft{len(folder)}", "쓰다 만 조언"))
    report = await ingest(tmp_path / "sunbae.db", content)
    assert (report.files, report.errors) == (1, [])
    assert live_titles(tmp_path / "sunbae.db") == ["좋은 조언"]


async def test_links_out_of_the_folder_are_reported_and_not_followed(
    tmp_path: Path, folders: tuple[Path, Path]
) -> None:
    content, outside = folders
    (content / "p.txt").symlink_to("/etc/passwd")
    (content / "up.md").symlink_to(outside / "secret.md")
    (content / "relative.md").symlink_to(Path("..") / "outside" / "secret.md")
    (content / "sub").mkdir()
    (content / "sub" / "linked").symlink_to(outside, target_is_directory=True)
    # A link that stays inside the folder is read (its target sits in an ignored _drafts/).
    write(content / "_drafts" / "kept.md", curated("kept", "폴더 안 링크"))
    (content / "alias.md").symlink_to(Path("_drafts") / "kept.md")
    (content / "dangling.md").symlink_to(content / "nowhere.md")

    report = await ingest(tmp_path / "a.db", content)

    found = reasons(report)
    assert (
        found["content/p.txt"] == "a link to /etc/passwd, outside the content folder: not followed"
    )
    real_secret = outside / "secret.md"  # tmp_path is resolved already
    for name in ("up.md", "relative.md"):
        assert found[f"content/{name}"] == (
            f"a link to {real_secret}, outside the content folder: not followed"
        )
    assert found["content/sub/linked"].startswith("a link to a folder outside content/")
    assert found["content/dangling.md"] == "cannot read: No such file or directory"
    assert len(found) == 5
    assert sorted(live_titles(tmp_path / "a.db")) == ["좋은 조언", "폴더 안 링크"]
    bodies = " ".join(r[0] for r in rows(tmp_path / "a.db", "SELECT body FROM entries"))
    assert "root:" not in bodies and SECRET not in bodies


async def test_a_file_replaced_by_a_link_out_is_refused_even_when_it_looks_unchanged(
    tmp_path: Path, folders: tuple[Path, Path]
) -> None:
    content, outside = folders
    write(content / "later.md", curated("later", "나중에 바뀔 파일"))
    assert not (await ingest(tmp_path / "a.db", content)).errors
    # Same size and mtime as the recorded file: the cache must not wave the link through.
    target = outside / "same.md"
    write(target, curated("later", "나중에 바뀔 파일"))
    stat = (content / "later.md").stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (content / "later.md").unlink()
    (content / "later.md").symlink_to(target)

    report = await ingest(tmp_path / "a.db", content)

    assert reasons(report)["content/later.md"].endswith("outside the content folder: not followed")


async def test_a_file_over_the_size_limit_is_reported_and_the_rest_loads(
    tmp_path: Path, folders: tuple[Path, Path]
) -> None:
    content, _ = folders
    write(content / "huge.md", curated("huge", "큰 파일", "가" * 2000))

    report = await ingest(tmp_path / "a.db", content, max_file_bytes=4096)

    size = (content / "huge.md").stat().st_size
    assert reasons(report) == {
        "content/huge.md": f"too big: {size:,} bytes, more than the limit of 4,096"
        " (SUNBAE_MAX_FILE_BYTES): skipped"
    }
    assert live_titles(tmp_path / "a.db") == ["좋은 조언"]


def test_a_file_that_grows_after_the_check_is_read_no_further_than_the_limit(
    tmp_path: Path,
) -> None:
    file = tmp_path / "grows.md"
    file.write_bytes(b"x" * 1000)
    with open_content(file, str(tmp_path), max_bytes=2000) as content:
        assert content.stat.st_size == 1000
        with file.open("ab") as more:
            more.write(b"y" * 5000)
        with pytest.raises(FileRefused, match="too big: 6,000 bytes, more than the limit of 2,000"):
            content.read()
    with open_content(file, str(tmp_path), max_bytes=10_000) as content:
        assert len(content.read()) == 6000


def test_the_limit_is_a_setting() -> None:
    assert parse_settings({}).max_file_bytes == 2 * 1024 * 1024
    assert parse_settings({"SUNBAE_MAX_FILE_BYTES": "65536"}).max_file_bytes == 65536
    with pytest.raises(ConfigError, match="SUNBAE_MAX_FILE_BYTES: expected a number"):
        parse_settings({"SUNBAE_MAX_FILE_BYTES": "2MB"})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_links_neither_hang_nor_exhaust_memory(tmp_path: Path) -> None:
    """Through the CLI in a child process with a deadline: if a FIFO made ingest wait, the
    test fails at the timeout instead of hanging the suite."""
    content = tmp_path / "content"
    write(content / "good.md", curated("good", "좋은 조언"))
    os.mkfifo(content / "x.md")
    (content / "zero.md").symlink_to("/dev/zero")
    (content / "inside-zero.md").symlink_to("x.md")  # a link to the FIFO, inside the folder
    env = {**os.environ, "SUNBAE_DB": str(tmp_path / "a.db"), "SUNBAE_LOG_LEVEL": "WARNING"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", str(content), "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {e["file"]: e["reason"] for e in report["errors"]} == {
        "content/x.md": "a FIFO, not a regular file: skipped",
        "content/inside-zero.md": "a FIFO, not a regular file: skipped",
        "content/zero.md": "a link to /dev/zero, outside the content folder: not followed",
    }
    assert report["added"] == 1
