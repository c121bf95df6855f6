"""The wheel an operator installs (`pip install .`, the Docker image's install): built by the
real build backend, it carries every file the package opens (migrations, the shipped advice and
its topics) and, unpacked outside the repository, answers from another folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bot.settings import SHIPPED_CONTENT

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builders = pytest.importorskip("hatchling.builders.wheel")
    folder = tmp_path_factory.mktemp("wheel")
    (built,) = builders.WheelBuilder(str(ROOT)).build(directory=str(folder), versions=["standard"])
    return Path(built)


def _files(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]


def test_the_wheel_carries_every_file_of_the_packages_and_the_shipped_content(
    wheel: Path,
) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        p.relative_to(ROOT).as_posix() for pkg in ("bot", "cogs") for p in _files(ROOT / pkg)
    }
    shipped = Path("bot") / SHIPPED_CONTENT
    expected |= {
        (shipped / p.relative_to(ROOT / "content")).as_posix() for p in _files(ROOT / "content")
    }
    assert any(n.startswith("bot/store/migrations/") and n.endswith(".sql") for n in expected)
    assert f"{shipped.as_posix()}/topics.yaml" in expected
    assert sorted(expected - names) == []
    top_level = {n.split("/", 1)[0] for n in names if ".dist-info/" not in n}
    assert top_level == {"bot", "cogs"}


def test_the_unpacked_wheel_ingests_and_answers_from_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel unpacked is installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SUNBAE_"))}
    # The unpacked package comes before the checkout the test venv's editable install names.
    env.update(PYTHONPATH=str(site), PYTHONIOENCODING="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args], cwd=elsewhere, env=env, capture_output=True,
            text=True, encoding="utf-8", timeout=120, check=False,
        )  # fmt: skip

    where = run("--version")
    assert where.returncode == 0, where.stderr
    ingested = run("ingest", "--json")
    assert ingested.returncode == 0, ingested.stderr
    report = json.loads(ingested.stdout)
    assert report["added"] > 100 and report["topics"] > 10 and report["errors"] == []
    assert (elsewhere / "data" / "sunbae.db").is_file()  # the documented default, created
    found = run("search", "포폴", "--json")
    assert found.returncode == 0, found.stderr
    assert any("portfolio" in hit["id"] for hit in json.loads(found.stdout)[:3])
    # What ran was the unpacked package, reading its own copy of the advice.
    probe = subprocess.run(
        [sys.executable, "-c", "import bot.settings as s; print(s.DEFAULT_CONTENT[0])"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(probe.stdout.strip()) == site / "bot" / SHIPPED_CONTENT
