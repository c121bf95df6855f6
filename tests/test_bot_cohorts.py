"""/cohort and /discuss through the emulator with the real bot: what moderators and campers see."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.emulator import Channel, Member, Perm
from bot.emulator.results import InteractionResult
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

ENTRY = "portfolio-few-and-deep"
THREAD_LINK = re.compile(r"<#(\d+)>")


async def final(result: InteractionResult) -> dict[str, Any]:
    message = await result.wait_final()
    assert message is not None
    return message


def linked_thread(message: dict[str, Any]) -> int:
    found = THREAD_LINK.findall(message["content"])
    assert found, message["content"]
    return int(found[-1])


async def server(h: Harness, name: str) -> tuple[Channel, Channel, Member, Member]:
    """A fresh server: its #general, a discussion channel, a moderator and a camper."""
    guild = h.emu.add_guild(name, locale="ko")
    general = h.emu.state.channels[guild.system_channel_id or 0]
    lab = h.emu.add_text_channel(guild, "ai-lab-3")
    mod = h.emu.add_member(guild, f"{name}-mod", permissions=Perm.MANAGE_GUILD, locale="ko")
    camper = h.emu.add_member(guild, f"{name}-camper", locale="ko")
    await eventually(lambda: h.bot.get_guild(guild.id) and h.bot.get_channel(lab.id))
    return general, lab, mod, camper


async def test_create_then_discuss_opens_one_thread_and_links_it(harness: Harness) -> None:
    h = harness
    general, lab, mod, camper = await server(h, "s-basic")
    created = await h.emu.slash(
        "cohort create", {"name": "AI Lab 3기", "channel": lab}, user=mod, channel=general
    )
    assert created.ephemeral
    assert created.content == f"**AI Lab 3기** 기수를 만들었어요. 토론은 <#{lab.id}>에서 열려요."

    first = await final(
        await h.emu.slash("discuss", {"entry": ENTRY}, user=camper, channel=general)
    )
    thread_id = linked_thread(first)
    assert first["content"].startswith("💬 **AI Lab 3기** 토론 스레드를 열었어요")
    thread = h.emu.thread(thread_id)
    assert thread is not None and thread.parent_id == lab.id
    entry = await h.services.entries.get(ENTRY)
    assert entry is not None
    assert thread.name == f"[3기] {entry.title}"
    starter = h.emu.starter_message(thread)
    assert starter is not None
    assert starter["embeds"][0]["title"] == entry.title
    assert "AI Lab 3기" in starter["content"]
    [sent] = [c for c in h.emu.calls if c.path == f"/channels/{lab.id}/messages"]
    assert sent.json["allowed_mentions"] == {"parse": []}  # pings nobody

    again = await final(await h.emu.slash("discuss", {"entry": ENTRY}, user=mod, channel=general))
    assert linked_thread(again) == thread_id
    assert again["content"].startswith("💬 이미 **AI Lab 3기** 토론 스레드가 있어요")
    assert len(h.emu.threads(lab)) == 1
