"""Shared fixtures: the real bot on the local Discord emulator (`harness`), the emulator alone,
and the check that nothing was logged at ERROR. Helpers are imported from `tests/helpers_*.py`
(never from a conftest): starting a bot (`helpers_bot`), reading what a user sees
(`helpers_messages`), waiting for an effect (`helpers_async`).

Bot test modules use the module-scoped `harness` (one emulator, one bot, the real corpus) and run
on a module-scoped event loop:

    pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("no_errors_logged")]

Tests needing other settings (a cooldown, tiny content, a clock) start their own with
`helpers_bot.start_harness(settings)` as an async context manager.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import pytest_asyncio

from bot.sandbox.harness import Harness
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_ingest import NO_CORPUS

pytest_plugins = ["tests.fixtures.emulator", "tests.fixtures.content"]


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
