"""Content and insights commands that write answer "thinking" while another process holds the
write lock (an external ingest), then fill it in: Discord drops an interaction not answered in
3 s (10062). The tip commands' test is in test_write_contention.py."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.adapter import respond
from bot.i18n import t
from bot.sandbox.harness import Harness
from tests.helpers_bot import bot_settings, start_harness

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]


@contextlib.contextmanager
def write_lock(db_path: Path) -> Iterator[None]:
    """Another process's write transaction (an ingest's write phase) for the block."""
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture(autouse=True)
def quick_defer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.05)


async def slash_locked(h: Harness, command: str, options: dict[str, object]) -> str:
    """Run `command` as the moderator with the lock held: it must have deferred; then its
    answer once the lock is released."""
    with write_lock(h.services.settings.db_path):
        res = await h.emu.slash(command, options, user=h.moderator, channel=h.channel)
        assert res.deferred and res.ephemeral, f"{command} did not defer: {res.text}"
    final = await res.wait_final()
    assert final is not None
    return final["content"] or "".join(e.get("title", "") for e in final.get("embeds", []))


async def test_content_settings_and_editors_defer_behind_the_lock(tmp_path: Path) -> None:
    async with start_harness(bot_settings(tmp_path / "a.db")) as h:
        mentors = h.emu.add_role(h.guild, "멘토")
        named = await slash_locked(h, "content editors", {"role": mentors})
        assert named == t("content.editors.set", "ko", role=mentors.id)
        assert await h.services.content.editor_role(h.guild.id) == mentors.id
        cleared = await slash_locked(h, "content editors", {"clear": True})
        assert cleared == t("content.editors.cleared", "ko")
        review = await slash_locked(h, "content settings", {"review": True})
        assert review == t("content.review.on", "ko")
        assert await h.services.content.review(h.guild.id)
        log = await slash_locked(h, "content settings", {"log-channel": h.channel})
        assert log == t("content.settings.log_set", "ko", channel=h.channel.id)
        unset = await slash_locked(h, "content settings", {"clear-log": True})
        assert unset == t("content.settings.log_cleared", "ko")


async def test_insights_commands_that_write_defer_behind_the_lock(tmp_path: Path) -> None:
    async with start_harness(bot_settings(tmp_path / "a.db")) as h:
        saved = await slash_locked(
            h, "insights digest", {"channel": h.channel, "day": 0, "time": "9:30"}
        )
        assert saved.startswith("매주 월요일 09:30")
        off = await slash_locked(h, "insights digest", {"off": True})
        assert off == t("insights.digest.off", "ko")
        with write_lock(h.services.settings.db_path):
            # A lookup recorded while the writer is busy: /insights entry writes it first.
            found = await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)
            entry = found.embeds[0]["footer"]["text"].split(" · ")[0].removeprefix("id: ")
            stats = await h.emu.slash(
                "insights entry", {"entry": entry}, user=h.moderator, channel=h.channel
            )
            assert stats.deferred
        assert await stats.wait_final() is not None and stats.embeds
        asked = await h.emu.slash("insights forget", {}, user=h.moderator, channel=h.channel)
        with write_lock(h.services.settings.db_path):
            erase = await h.emu.click(asked, label="모두 지우기", user=h.moderator)
            assert erase.deferred  # the click is acknowledged before the erase waits
        await erase.wait_final()
        assert asked.content == t("insights.forget.done", "ko", count=1)
