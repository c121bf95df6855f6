"""Buttons whose view was lost with the process that made it (a restart, a crash): Discord kept
them clickable and showed "This interaction failed". Now the dead ones are disabled in place and
the member is told to run the command again, in their language; DynamicItems keep working.

A public /advice answer's Previous/Next are DynamicItems now (tests/test_bot_advice_restart.py);
one posted before that change carries the ids a live view made up, and goes stale like the rest."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from bot.emulator import DiscordEmulator
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_messages import enabled, selects
from tests.test_bot_cohorts import Server, thread_of


def as_before_kept_pages(emulator: DiscordEmulator, message_id: str) -> None:
    """Give the message's Previous/Next the custom_ids a discord.py view made up (32 hex
    digits), as a public answer posted before its pages were kept had."""
    for row in emulator.state.messages[int(message_id)]["components"]:
        for button in row["components"]:
            if button.get("custom_id", "").startswith("sunbae:pages:"):
                button["custom_id"] = secrets.token_hex(16)


pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]


async def test_buttons_of_answers_made_before_a_restart_are_disabled_and_explained(
    tmp_path: Path,
) -> None:
    settings = bot_settings(tmp_path / "restart.db")
    emulator = await DiscordEmulator().start()
    try:
        async with start_harness(settings, emulator=emulator) as first:
            s = await Server.new(first, "restart")
            await s.create()
            public = await emulator.slash(
                "advice", {"query": "포트폴리오", "public": True}, user=s.camper, channel=s.general
            )
            private = await emulator.slash(
                "advice", {"query": "대학원"}, user=s.camper, channel=s.general, locale="en-US"
            )
            topics = await emulator.slash("topics", {}, user=s.camper, channel=s.general)
            assert enabled(public.message) == {"이전": False, "다음": True, "토론하기": True}
            as_before_kept_pages(emulator, public.message["id"])
        async with start_harness(settings, emulator=emulator, ingest=False):  # a new process
            turned = await emulator.click(public.message, label="다음", user=s.mod)
            [told] = await turned.wait_followups()
            assert told["content"].startswith("이 버튼은 더 이상 작동하지 않아요")
            assert told["flags"] & 64  # only the clicker sees it
            # The public answer stays as it was, its dead buttons disabled for everyone...
            assert enabled(emulator.message(public.message["id"])) == {
                "이전": False, "다음": False, "토론하기": True,
            }  # fmt: skip
            # ...and a button that names what it acts on still works.
            discuss = await emulator.click(public.message, label="토론하기", user=s.camper)
            opened = await discuss.wait_final()
            assert opened is not None and thread_of(opened)

            shared = await emulator.click(private.message, label="Share to channel", locale="en-US")
            [said] = await shared.wait_followups()
            assert said["content"].startswith("These buttons no longer work")
            assert enabled(emulator.message(private.message["id"])) == {
                "Previous": False, "Next": False, "Share to channel": False, "Discuss": True,
            }  # fmt: skip

            [menu] = selects(topics.message)
            picked = await emulator.select(
                topics.message, [menu["options"][0]["value"]], custom_id=menu["custom_id"]
            )
            await picked.wait_followups()
            [menu] = selects(emulator.message(topics.message["id"]))
            assert menu.get("disabled")
    finally:
        await emulator.stop()
