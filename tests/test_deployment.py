"""What can be checked of the deployment without a Docker engine."""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from bot.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def test_compose_file_parses_and_keeps_data_on_a_volume() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["sunbae"]
    assert service["env_file"] == ".env"
    assert service["restart"] == "unless-stopped"
    assert "sunbae-data:/app/data" in service["volumes"]
    assert "sunbae-data" in compose["volumes"]
    assert service["healthcheck"]["test"][:4] == ["CMD", "python", "-m", "bot"]


def test_dockerfile_runs_as_non_root_with_the_db_on_the_volume() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER sunbae$", text, re.M)
    assert 'VOLUME ["/app/data"]' in text
    assert "SUNBAE_DB=/app/data/sunbae.db" in text
    # The same install CI runs (the project through pip), not a hand-kept requirements list.
    assert re.search(r"^RUN pip install \.$", text, re.M)
    for copied in ("bot", "cogs", "content"):
        assert re.search(rf"^COPY {copied} ", text, re.M)


def test_env_example_names_every_setting_the_readme_documents() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `((?:DISCORD|SUNBAE)_[A-Z_]+)` \|", readme, re.M))
    assert documented, "the README's configuration table is missing"
    named = set(re.findall(r"^#?\s*((?:DISCORD|SUNBAE)_[A-Z_]+)=", example, re.M))
    assert documented <= named, documented - named


def test_discord_py_is_pinned() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "discord.py==2.7.1" in project["dependencies"]


def test_every_package_the_product_imports_is_declared() -> None:
    """What `bot/` imports outside the standard library is a dependency in pyproject, not
    something that happens to come with another one (the emulator's aiohttp did)."""
    imported: set[str] = set()
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "cogs").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {
        m for m in imported if m not in sys.stdlib_module_names and m not in {"bot", "cogs"}
    }
    assert {"aiohttp", "discord", "aiosqlite"} <= third_party
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    undeclared = {
        module: distributions.get(module)
        for module in third_party
        if not {d.lower() for d in distributions.get(module, [])} & declared
    }
    assert undeclared == {}


def test_the_image_builds_from_a_clean_clone() -> None:
    """What the Dockerfile copies is tracked by git (a clean clone has it) and not left out of
    the build context by .dockerignore (whose patterns are anchored at the context's root)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = [s for line in re.findall(r"^COPY (.+)$", text, re.M) for s in line.split()[:-1]]
    assert {"pyproject.toml", "README.md", "bot", "cogs", "content"} <= set(copied)
    ignore = [
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "!"))
    ]
    for source in copied:
        assert any(f == source or f.startswith(f"{source}/") for f in tracked), source
        assert not [p for p in ignore if fnmatch.fnmatch(source, p)], source
    # A developer's bytecode under bot/ stays out too.
    assert "**/__pycache__" in ignore


def test_the_health_checks_run_the_health_command() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    test = compose["services"]["sunbae"]["healthcheck"]["test"]
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    (docker,) = re.findall(r"^[ \t]+CMD (\[.+\])$", text, re.M)
    for command in (test[1:], ast.literal_eval(docker)):
        assert command[:3] == ["python", "-m", "bot"]
        args = build_parser().parse_args(command[3:])
        assert args.command == "health" and not args.no_gateway
