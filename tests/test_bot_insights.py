"""Insights end to end: lookups campers make through Discord are recorded for their server only,
with what they did next, and moderators read them back with /insights."""

from __future__ import annotations

from typing import Any

import pytest

from bot.emulator import Guild, Member, Perm
from bot.models.insights import Overview
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually
from tests.helpers_messages import labels

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]


class Server:
    """A second server, its own moderator and camper."""

    def __init__(self, h: Harness, guild: Guild) -> None:
        self.h, self.guild = h, guild
        self.channel = h.emu.state.channels[guild.system_channel_id or 0]
        self.mod: Member = h.emu.add_member(
            guild, f"{guild.name}-mod", permissions=Perm.MANAGE_GUILD, locale="ko"
        )
        self.camper: Member = h.emu.add_member(guild, f"{guild.name}-camper", locale="ko")

    @classmethod
    async def new(cls, h: Harness, name: str) -> Server:
        server = cls(h, h.emu.add_guild(name, locale="ko", owner=f"{name}-owner"))
        await eventually(lambda: h.bot.get_guild(server.guild.id))
        return server

    async def slash(self, command: str, options: dict[str, Any], user: Member) -> Any:
        return await self.h.emu.slash(command, options, user=user, channel=self.channel)


async def overview(h: Harness, guild: Guild) -> Overview:
    service = h.services.insights
    return await service.overview(guild.id, service.period(7))


async def test_lookups_and_what_campers_did_next_are_recorded_per_server(harness: Harness) -> None:
    h = harness
    a = await Server.new(h, "insights-a")
    b = await Server.new(h, "insights-b")
    res = await a.slash("advice", {"query": "면접 준비"}, a.camper)
    await h.emu.click(res, label="다음", user=a.camper)
    await h.emu.click(res, label="채널에 공유", user=a.camper)
    await a.slash("advice", {"query": "zzqqxx"}, a.camper)
    await a.slash("advice", {"query": "zzqqxx"}, a.mod)
    missed = await a.slash("advice", {"query": "대학원", "topic": "kaggle-competitions"}, a.camper)
    await h.emu.click(missed, label=labels(missed.message)[0], user=a.camper)
    await a.slash("entry", {"id": "portfolio-few-and-deep"}, a.camper)
    await b.slash("advice", {"query": "포트폴리오"}, b.camper)

    seen = await overview(h, a.guild)
    # 면접 준비, zzqqxx twice, 대학원 (nothing in that topic), its "did you mean" pick, /entry.
    assert seen.lookups == 6
    assert seen.askers == 2
    assert seen.shares == 1
    queries = {c.label: c.count for c in seen.top_queries}
    assert queries["zzqqxx"] == 2 and queries["면접 준비"] == 1
    assert "포트폴리오" not in queries
    assert {c.label for c in seen.top_unanswered} == {"zzqqxx"}  # 대학원's pick answered it
    assert seen.unanswered == 2
    entry = await h.services.entries.get("portfolio-few-and-deep")
    assert entry is not None
    assert entry.title in {c.label for c in seen.top_entries}

    other = await overview(h, b.guild)
    assert other.lookups == 1 and [c.label for c in other.top_queries] == ["포트폴리오"]


async def test_topics_picks_are_recorded_under_their_topic(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "insights-topics")
    res = await s.slash("topics", {}, s.camper)
    await h.emu.select(res, ["grad-school"], user=s.camper)
    entry = (await h.services.entries.list_live(topic="grad-school", limit=1))[0]
    await h.emu.select(res, [entry.id], user=s.camper)
    seen = await overview(h, s.guild)
    assert seen.lookups == 1
    assert [(c.key, c.count) for c in seen.top_topics] == [("grad-school", 1)]
    assert [c.key for c in seen.top_entries] == [entry.id]
    assert seen.top_queries == ()  # browsing is not a query
