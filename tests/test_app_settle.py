"""A bot that runs until its process exits sets what start-up built aside from the garbage
collector's full passes (`bot.app.settle_heap`); a test's bot, one of many in its process,
does not (frozen, a bot's reference cycles would outlive it)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import bootstrap, start_up
from tests.helpers_bot import bot_settings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


async def test_start_up_freezes_only_when_asked(tmp_path: Path, unfrozen: None) -> None:
    services = await bootstrap(bot_settings(tmp_path / "bot.db"), ingest_workers=0)
    try:
        await start_up(services)
        assert gc.get_freeze_count() == 0
        await start_up(services, settle=True)
        frozen = gc.get_freeze_count()
        assert frozen > 1000  # the modules and the services, at least
        gc.collect()
        assert gc.get_freeze_count() == frozen  # a full pass no longer walks them
        search = await services.search.search("대학원")
        assert search.hits  # the frozen index answers as before
    finally:
        await services.close()
