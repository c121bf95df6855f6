"""Shared fixtures: the real bot on the local Discord emulator (`Harness`), and helpers to read
what a user sees.

Bot test modules use the module-scoped `harness` (one emulator, one bot, the real corpus) and run
on a module-scoped event loop:

    pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("no_errors_logged")]

Tests needing other settings (a cooldown, tiny content, a clock) start their own with
`start_harness(settings)` as an async context manager.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.sandbox.harness import Harness
from bot.settings import Settings
from tests.helpers_ingest import NO_CORPUS

pytest_plugins = ["tests.fixtures.emulator"]

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
EPHEMERAL = 1 << 6


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "error_logs_expected: the test provokes an error the bot logs at ERROR"
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say it loudly when tests skipped for want of ../shared/corpus: a green run without it
    has not tested ingestion of the real posts."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if NO_CORPUS in str(r.longrepr)]
    if skipped:
        terminalreporter.write_sep(
            "!",
            f"{len(skipped)} tests skipped: {NO_CORPUS} (see README, Development)",
            red=True,
            bold=True,
        )


def bot_settings(db_path: Path, **overrides: Any) -> Settings:
    """Settings for a test bot: the real corpus, no cooldown, no token."""
    values: dict[str, Any] = {
        "token": None,
        "db_path": db_path,
        "content_paths": (CONTENT,),
        "lookup_cooldown": 0.0,
    } | overrides
    return Settings(**values)


@contextlib.asynccontextmanager
async def start_harness(settings: Settings, **kwargs: Any) -> AsyncIterator[Harness]:
    """`Harness.start(settings, **kwargs)`, closed on exit (its emulator too unless passed in)."""
    h = await Harness.start(settings, **kwargs)
    try:
        yield h
    finally:
        await h.close(stop_emulator="emulator" not in kwargs)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def harness(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    """One bot per test module, on the real corpus, Korean guild and members."""
    db = tmp_path_factory.mktemp("bot") / "sunbae.db"
    async with start_harness(bot_settings(db)) as h:
        assert h.ingest_report is not None and not h.ingest_report.errors
        yield h


@pytest.fixture
def no_errors_logged(
    caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest
) -> Iterator[None]:
    """A callback that raises is answered with an error reply and logged: unless the test
    provokes one on purpose, any ERROR log (ours or discord.py's) fails the test."""
    caplog.set_level(logging.INFO)
    yield
    if request.node.get_closest_marker("error_logs_expected"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, "\n".join(f"{r.name}: {r.getMessage()}" for r in errors)


# -- reading what the user sees ------------------------------------------------------------------


def buttons(message: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for row in (message or {}).get("components") or []:
        found.extend(c for c in row.get("components") or [] if c.get("type") == 2)
    return found


def labels(message: Mapping[str, Any] | None) -> list[str]:
    return [b.get("label") or "" for b in buttons(message)]


def enabled(message: Mapping[str, Any] | None) -> dict[str, bool]:
    return {b.get("label") or "": not b.get("disabled") for b in buttons(message)}


def selects(message: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for row in (message or {}).get("components") or []:
        found.extend(c for c in row.get("components") or [] if c.get("type") == 3)
    return found


def fields(embed: Mapping[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields") or []}


def footer(embed: Mapping[str, Any]) -> str:
    return (embed.get("footer") or {}).get("text") or ""


def embed_size(embed: Mapping[str, Any]) -> int:
    """What Discord counts against the 6000-character limit of a message's embeds."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len(footer(embed)) + len((embed.get("author") or {}).get("name") or "")
    for field in embed.get("fields") or []:
        total += len(field.get("name") or "") + len(field.get("value") or "")
    return total


def check_embed_limits(embed: Mapping[str, Any]) -> None:
    assert len(embed.get("title") or "") <= 256
    assert len(embed.get("description") or "") <= 4096
    assert len(embed.get("fields") or []) <= 25
    for field in embed.get("fields") or []:
        assert 1 <= len(field["name"]) <= 256 and 1 <= len(field["value"]) <= 1024, field
    assert len(footer(embed)) <= 2048
    assert embed_size(embed) <= 6000


async def eventually(check: Callable[[], Any], within: float = 5.0, every: float = 0.01) -> Any:
    """Poll `check` (sync or async) until it returns something truthy, and return that."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"condition not reached within {within} s")
        await asyncio.sleep(every)
