"""/insights counts a server's days in its own time zone (the one its daily tip is set to with
/tip-config), not in the bot's default zone: "today" is the server's today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bot.app import bootstrap
from bot.emulator import Perm
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_tips import ManualClock

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("no_errors_logged")]

# 20:00 UTC on Monday 3 March: Tuesday 05:00 in Seoul, still Monday noon in Los Angeles.
MONDAY_EVENING_UTC = dt.datetime(2025, 3, 3, 20, 0, tzinfo=dt.UTC)


async def counted_today(h: Harness, guild: Any, moderator: Any) -> dict[str, str]:
    channel = h.emu.state.channels[guild.system_channel_id or 0]
    res = await h.emu.slash("insights overview", {"period": 1}, user=moderator, channel=channel)
    message = await res.wait_final()
    assert message is not None
    [embed] = message["embeds"]
    return {f["name"]: f["value"] for f in embed["fields"]}


async def test_a_servers_days_are_counted_in_its_own_time_zone(tmp_path: Path) -> None:
    settings = bot_settings(tmp_path / "zones.db")  # the bot's default zone: Asia/Seoul
    clock = ManualClock(MONDAY_EVENING_UTC)
    services = await bootstrap(settings, clock=clock)
    async with start_harness(settings, services=services) as h:
        seoul, seoul_mod = h.guild, h.moderator
        la = h.emu.add_guild("LA camp", locale="ko", owner="la-owner")
        await eventually(lambda: h.bot.get_guild(la.id))
        la_mod = h.emu.add_member(la, "la-mod", permissions=Perm.MANAGE_GUILD, locale="ko")
        la_camper = h.emu.add_member(la, "la-camper", locale="ko")
        la_general = h.emu.state.channels[la.system_channel_id or 0]
        zoned = await h.emu.slash(
            "tip-config set", {"channel": la_general, "timezone": "America/Los_Angeles"},
            user=la_mod, channel=la_general,
        )  # fmt: skip
        await zoned.wait_final()
        assert (await h.services.tips.settings(la.id)).timezone == "America/Los_Angeles"

        # Both campers ask on Monday evening UTC: Tuesday in Seoul, Monday in Los Angeles.
        await (await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)).wait_final()
        asked = await h.emu.slash("advice", {"query": "대학원"}, user=la_camper, channel=la_general)
        await asked.wait_final()

        # Tuesday 09:00 UTC: Tuesday in both places.
        clock.set(dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC))
        assert (await counted_today(h, seoul, seoul_mod))["질문"] == "1"  # asked on its Tuesday
        assert (await counted_today(h, la, la_mod))["질문"] == "0"  # asked on its Monday
        week = await h.services.insights.overview(la.id, await h.services.insights.period(la.id, 7))
        assert week.lookups == 1
        assert [(d.day, d.count) for d in week.per_day if d.count] == [(dt.date(2025, 3, 3), 1)]
