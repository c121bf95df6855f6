"""Live views are bounded: each reply's buttons keep their pages for 10 minutes, so without a cap
the bot's memory grew with every lookup of the last 10 minutes (bench/load.py: +175% over 8,000
interactions). Past `max_live_views` the oldest expires early, its buttons disabled in place."""

from __future__ import annotations

import gc
from pathlib import Path

import discord
import pytest

from bot.adapter.views import PagesView
from bot.content import Actor
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_messages import enabled, footer

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

QUERIES = ["대학원", "포트폴리오", "면접", "이력서", "캐글", "인턴"]


def alive(h: Harness) -> int:
    """This bot's page views still in memory (earlier tests' bots share the event loop)."""
    gc.collect()
    return sum(
        1
        for o in gc.get_objects()
        if isinstance(o, PagesView) and o.origin is not None and o.origin.client is h.bot
    )


async def lookups(h: Harness, n: int) -> list:
    replies = []
    for i in range(n):
        res = await h.emu.slash("advice", {"query": QUERIES[i % len(QUERIES)]}, user=h.camper)
        await h.emu.click(res, label="다음", user=h.camper)  # used, as a camper would
        replies.append(res)
    return replies


async def test_past_the_cap_the_oldest_view_expires_with_its_buttons_disabled(
    tmp_path: Path,
) -> None:
    async with start_harness(bot_settings(tmp_path / "a.db", max_live_views=3)) as h:
        replies = await lookups(h, 5)
        assert len(h.bot.live_views) == 3
        for old in replies[:2]:  # what the camper sees: nothing left to click
            await eventually(lambda old=old: not any(enabled(old.message).values()))
        for recent in replies[2:]:
            assert enabled(recent.message)["다음"]
        turned = await h.emu.click(replies[-1], label="다음", user=h.camper)
        assert turned.callback_type == 7


async def test_a_view_that_stops_leaves_the_count(tmp_path: Path) -> None:
    async with start_harness(bot_settings(tmp_path / "a.db", max_live_views=10)) as h:
        # Nothing answers well: "did you mean" buttons; a pick replaces them (that view stops).
        res = await h.emu.slash("advice", {"query": "zzqx 대학언"}, user=h.camper)
        before = len(h.bot.live_views)
        assert before == 1
        label = next(b for b, on in enabled(res.message).items() if on)
        await h.emu.click(res, label=label, user=h.camper)
        assert len(h.bot.live_views) == 1  # the pages that replaced it, not both


async def test_live_pages_do_not_grow_with_the_number_of_lookups(tmp_path: Path) -> None:
    """Object counts, not time: after 8 and after 32 lookups, as many page views are alive
    (those evicted are released once their buttons are disabled); before the cap, all were."""
    async with start_harness(bot_settings(tmp_path / "a.db", max_live_views=4)) as h:
        await lookups(h, 8)
        await eventually(lambda: alive(h) <= 4)
        await lookups(h, 24)
        await eventually(lambda: alive(h) <= 4)
        assert len(h.bot.live_views) == 4


async def test_a_turned_to_page_is_made_now_and_an_entry_retired_since_says_so(
    tmp_path: Path,
) -> None:
    """Pages are made when shown (the view keeps ids, not embeds): one retired after the reply
    says it is gone, in the camper's language, instead of showing stale advice."""
    async with start_harness(bot_settings(tmp_path / "a.db")) as h:
        res = await h.emu.slash("advice", {"query": "면접"}, user=h.camper)
        first = res.embeds[0]
        await h.emu.click(res, label="다음", user=h.camper)
        second = res.embeds[0]
        await h.emu.click(res, label="이전", user=h.camper)
        assert res.embeds[0] == first  # made again, the same
        gone_id = entry_id(second)
        await h.services.content.retire(h.guild.id, gone_id, Actor("1", "mod"))
        await h.emu.click(res, label="다음", user=h.camper)
        assert res.embeds[0]["description"].startswith("이 조언은 이제 없어요")
        assert enabled(res.message)["다음"]  # the rest still turn


async def test_reply_embeds_are_not_kept_per_lookup(tmp_path: Path) -> None:
    """Object counts, not time: 5 or 20 more lookups leave as many embeds in memory (their views
    are all live: under the cap); before, each kept its ten entries' embeds."""
    async with start_harness(bot_settings(tmp_path / "a.db")) as h:
        await lookups(h, 5)
        before = embeds_alive()
        await lookups(h, 20)
        assert len(h.bot.live_views) == 25
        assert embeds_alive() - before <= 2


def embeds_alive() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, discord.Embed))


def entry_id(embed: dict) -> str:
    return footer(embed).split(" · ")[0].removeprefix("id: ")
