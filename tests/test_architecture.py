"""Layering rules, checked on the source: Discord stays in the adapters, SQL stays in the store."""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from collections.abc import Iterator

from bot.adapter.client import EXTENSIONS
from tests.helpers_ingest import REPO

DISCORD_ALLOWED = ("cogs", "bot/adapter")
SQL_ALLOWED = ("bot/store",)
SQL = re.compile(
    r"\bSELECT\s|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\bCREATE\s+(VIRTUAL\s+)?TABLE\b"
)


def sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted([*(REPO / "bot").rglob("*.py"), *(REPO / "cogs").rglob("*.py")]):
        rel = path.relative_to(REPO).as_posix()
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def inside(rel: str, folders: tuple[str, ...]) -> bool:
    return any(rel == f"{f}.py" or rel.startswith(f"{f}/") for f in folders)


def imported_modules(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def docstrings(tree: ast.Module) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_only_adapters_import_discord() -> None:
    checked = 0
    offenders = []
    for rel, tree in sources():
        checked += 1
        if inside(rel, DISCORD_ALLOWED):
            continue
        for line, module in imported_modules(tree):
            if module == "discord" or module.startswith("discord."):
                offenders.append(f"{rel}:{line} imports {module}")
    assert checked >= 20
    assert offenders == [], "only cogs/ and bot/adapter/ may import discord:\n" + "\n".join(
        offenders
    )


def test_emulator_does_not_import_discord() -> None:
    emulator = [(rel, tree) for rel, tree in sources() if rel.startswith("bot/emulator/")]
    assert emulator, "no module under bot/emulator/: the check below would pass on nothing"
    for rel, tree in emulator:
        modules = [m for _, m in imported_modules(tree)]
        assert not any(m == "discord" or m.startswith("discord.") for m in modules), rel


def test_no_sql_outside_the_store() -> None:
    offenders = []
    for rel, tree in sources():
        if inside(rel, SQL_ALLOWED):
            continue
        skip = docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and SQL.search(node.value)
            ):
                offenders.append(f"{rel}:{node.lineno}: {node.value[:60]!r}")
    assert offenders == [], "SQL belongs in bot/store/:\n" + "\n".join(offenders)


def test_the_checks_catch_what_they_look_for() -> None:
    """The detectors themselves: each pattern is found, harmless text is not."""
    tree = ast.parse(
        "import discord\nfrom discord.ext import commands\nimport importlib\n"
        "importlib.import_module('discord.ui')\nimport discordant\n"
    )
    found = [m for _, m in imported_modules(tree)]
    assert [m for m in found if m == "discord" or m.startswith("discord.")] == [
        "discord", "discord.ext", "discord.ui",
    ]  # fmt: skip
    for sql in (
        "SELECT id FROM entries",
        "INSERT INTO topics VALUES (1)",
        "INSERT OR IGNORE INTO topics VALUES (1)",
        "UPDATE entries SET retired = 1",
        "DELETE FROM entries",
        "CREATE TABLE x (a)",
    ):
        assert SQL.search(sql), sql
    for text in ("Select a topic", "update the topics", "delete from the list", "선택 SELECT"):
        assert not SQL.search(text), text


def test_every_feature_package_is_loaded_and_nothing_else_ships_top_level() -> None:
    """A feature's Discord side is one package in cogs/ and one line in EXTENSIONS; the
    wheel ships `bot` and `cogs`, the design card's top level, and nothing else."""
    packages = {f"cogs.{path.parent.name}" for path in (REPO / "cogs").glob("*/__init__.py")}
    assert set(EXTENSIONS) == packages
    for name in EXTENSIONS:
        assert callable(getattr(importlib.import_module(name), "setup", None)), name
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    # content/ is shipped inside bot/ (tests/test_packaging.py lists the wheel as built).
    assert wheel["only-include"] == ["bot", "cogs", "content"]
    assert wheel["sources"] == {"content": "bot/shipped/content"}


def test_tests_import_helpers_not_conftests() -> None:
    """Shared test code lives in tests/helpers_*.py (imported explicitly); a conftest holds only
    fixtures and hooks, which pytest finds on its own."""
    offenders = []
    for path in sorted((REPO / "tests").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        offenders += [
            f"{rel}:{line} imports {module}"
            for line, module in imported_modules(tree)
            if module.rsplit(".", 1)[-1] == "conftest"
        ]
    assert offenders == []


# What the SQLite implementation may build on: the records it stores and the clock's formats.
# Domain packages declare the interfaces the store satisfies; the store never imports them.
STORE_MAY_IMPORT = ("bot.store", "bot.models", "bot.clock")


def test_the_store_never_imports_the_domain() -> None:
    offenders = []
    for rel, tree in sources():
        if not inside(rel, SQL_ALLOWED):
            continue
        for line, module in imported_modules(tree):
            if module.split(".")[0] in {"bot", "cogs"} and not any(
                module == allowed or module.startswith(f"{allowed}.")
                for allowed in STORE_MAY_IMPORT
            ):
                offenders.append(f"{rel}:{line} imports {module}")
    assert offenders == [], "the store imports only bot.models and bot.clock:\n" + "\n".join(
        offenders
    )


def _package(module: str) -> str | None:
    """The unit the cycle check works on: `cogs`, or `bot.<name>` (a package or a top-level
    module such as bot.app, the composition root)."""
    parts = module.split(".")
    if parts[0] == "cogs":
        return "cogs"
    if parts[0] != "bot":
        return None
    return f"bot.{parts[1]}" if len(parts) > 1 else "bot"


def package_imports() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for rel, tree in sources():
        source = _package(rel.removesuffix(".py").replace("/", "."))
        assert source is not None
        for _, module in imported_modules(tree):
            target = _package(module)
            if target is not None and target != source:
                edges.setdefault(source, set()).add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_between_packages() -> None:
    edges = package_imports()
    assert {"bot.store", "bot.tips", "cogs"} <= set(edges)
    assert cycles(edges) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_only_the_store_touches_the_database_driver() -> None:
    """The domain reaches SQLite through the ports its packages declare: no `aiosqlite` or
    `sqlite3` import outside bot/store/ (a PostgreSQL store replaces that folder only)."""
    offenders = []
    for rel, tree in sources():
        if inside(rel, SQL_ALLOWED):
            continue
        for line, module in imported_modules(tree):
            if module.split(".")[0] in {"aiosqlite", "sqlite3"}:
                offenders.append(f"{rel}:{line} imports {module}")
    assert offenders == [], "the database driver belongs in bot/store/:\n" + "\n".join(offenders)


def test_only_the_store_opens_transactions_or_reads_connections() -> None:
    """Outside bot/store/ nothing calls `db.transaction()` or reads `db.reader`: a write is a
    unit of work a repository offers (`dealing()`, `writing()`), not a connection passed around."""
    offenders = [
        f"{rel}:{node.lineno} uses .{node.attr}"
        for rel, tree in sources()
        if not inside(rel, SQL_ALLOWED)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"transaction", "reader"}
    ]
    assert offenders == [], "\n".join(offenders)
