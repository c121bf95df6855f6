"""The weekly digest through the emulator: set up by moderators, posted once at the server's
weekday and time with the past week's overview and chart, and never twice across a restart,
even one between the post and its record."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.app import Services, bootstrap
from bot.emulator import DiscordEmulator, Perm
from bot.sandbox.harness import Harness
from cogs.insights.cog import InsightsCog
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_cohorts import Crash
from tests.helpers_tips import ManualClock

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("no_errors_logged")]

MONDAY_0900_SEOUL = dt.datetime(2025, 3, 3, 0, 0, tzinfo=dt.UTC)
NO_PERMISSION = "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요."


class Bots:
    """Bot processes one after another on one database file and one emulator."""

    def __init__(self, tmp_path: Path, emulator: DiscordEmulator, **settings: Any) -> None:
        self.settings = bot_settings(tmp_path / "digest.db", **settings)
        self.emulator = emulator
        self.clock = ManualClock(MONDAY_0900_SEOUL)

    async def services(self) -> Services:
        return await bootstrap(self.settings, clock=self.clock)

    @contextlib.asynccontextmanager
    async def start(self, services: Services) -> AsyncIterator[Harness]:
        """A bot process, once its digest loop made its start-up round (the next is a minute
        away: the test's own ticks never race it)."""
        async with start_harness(self.settings, emulator=self.emulator, services=services) as h:
            await h.services.digests.idle()
            yield h


@pytest_asyncio.fixture
async def bots(tmp_path: Path, emulator: DiscordEmulator) -> AsyncIterator[Bots]:
    yield Bots(tmp_path, emulator)


def digests(h: Harness, channel_id: int) -> list[dict[str, Any]]:
    return [
        m
        for m in h.emu.channel_messages(channel_id)
        if m["embeds"] and " · dg" in (m["embeds"][0].get("footer") or {}).get("text", "")
    ]


async def tick(h: Harness) -> list[tuple[int, dt.date]]:
    # discord.py loads extensions as fresh modules: the cog is not this module's InsightsCog.
    cog = h.bot.get_cog(InsightsCog.__cog_name__)
    assert cog is not None
    return await h.services.digests.tick(cog.poster)  # type: ignore[attr-defined]


async def test_moderators_set_the_digest_and_campers_cannot(bots: Bots) -> None:
    async with bots.start(await bots.services()) as h:
        ask = h.emu.slash
        none = await ask("insights digest", {}, user=h.moderator)
        assert none.content.startswith("주간 요약이 설정되지 않았어요.")
        refused = await ask(
            "insights digest", {"channel": h.channel, "day": 0}, user=h.camper,
            check_permissions=False,
        )  # fmt: skip
        assert refused.content == NO_PERMISSION
        bad = await ask(
            "insights digest", {"channel": h.channel, "day": 0, "time": "25:00"}, user=h.moderator
        )
        assert bad.content.startswith("시간은 24시간제 HH:MM")
        saved = await ask(
            "insights digest", {"channel": h.channel, "day": 0, "time": "9:30"}, user=h.moderator
        )
        assert saved.content == (
            f"매주 월요일 09:30 (Asia/Seoul)에 <#{h.channel.id}> 채널에 지난 7일의 질문 현황을"
            " 올릴게요. 다음 게시: 2025-03-03 09:30"
        )
        shown = await ask("insights digest", {}, user=h.moderator)
        assert shown.content == saved.content
        off = await ask("insights digest", {"off": True}, user=h.moderator)
        assert off.content == "주간 요약 게시를 껐어요."
        bots.clock.advance(hours=1)
        assert await tick(h) == []


async def test_the_digest_is_posted_once_across_a_restart(bots: Bots) -> None:
    async with bots.start(await bots.services()) as h:
        channel = h.channel.id
        await h.emu.slash("advice", {"query": "zzqqxx"}, user=h.camper)
        bots.clock.advance(days=1)  # the lookup is last week's by Tuesday...
        await h.emu.slash(
            "insights digest", {"channel": h.channel, "day": 2, "time": "09:30"}, user=h.moderator
        )
        assert await tick(h) == []  # ...and Wednesday 09:30 has not come
        bots.clock.advance(days=1, minutes=31)
        assert await tick(h) == [(h.guild.id, dt.date(2025, 3, 5))]
        assert await tick(h) == []
        [post] = digests(h, channel)
        embed = post["embeds"][0]
        assert embed["title"] == "질문 현황 · 최근 7일"
        assert {f["name"]: f["value"] for f in embed["fields"]}["질문"] == "1"
        assert post["attachments"][0]["filename"] == "insights.png"
    async with bots.start(await bots.services()) as again:
        assert await tick(again) == []
        assert len(digests(again, channel)) == 1


async def test_a_restart_between_the_post_and_its_record_posts_nothing_twice(
    bots: Bots,
) -> None:
    services = await bots.services()

    async def dies(*_: object) -> None:
        raise Crash("the process died before recording the post")

    async with bots.start(services) as h:
        channel = h.channel.id
        await h.emu.slash(
            "insights digest", {"channel": h.channel, "day": 0, "time": "09:10"}, user=h.moderator
        )
        bots.clock.advance(minutes=11)
        services.digests._store.posted = dies  # type: ignore[attr-defined,method-assign]
        with pytest.raises(Crash):
            await tick(h)  # posted, not recorded: pending, its lease running
        assert len(digests(h, channel)) == 1
    async with bots.start(await bots.services()) as again:
        assert await tick(again) == []  # the lease still runs: someone may be posting
        bots.clock.advance(minutes=3)
        bots.emulator.state.nonce_ttl = 0.0  # Discord forgot the nonce: only the channel tells
        assert await tick(again) == [(h.guild.id, dt.date(2025, 3, 3))]  # found, recorded
        assert len(digests(again, channel)) == 1


async def test_a_digest_whose_post_failed_is_posted_on_a_later_tick(bots: Bots) -> None:
    """Discord refused the post once (a 503, say): the week is released, and the next tick
    posts it, once."""
    async with bots.start(await bots.services()) as h:
        channel = h.channel.id
        await h.emu.slash(
            "insights digest", {"channel": h.channel, "day": 0, "time": "09:10"}, user=h.moderator
        )
        bots.clock.advance(minutes=11)
        cog = h.bot.get_cog(InsightsCog.__cog_name__)
        poster = cog.poster  # type: ignore[union-attr]
        real_post = poster.post

        async def unavailable(*_: object) -> int:
            raise RuntimeError("503 Service Unavailable")

        poster.post = unavailable
        assert await tick(h) == []
        assert digests(h, channel) == []
        poster.post = real_post
        bots.clock.advance(minutes=1)
        assert await tick(h) == [(h.guild.id, dt.date(2025, 3, 3))]
        assert await tick(h) == []
        assert len(digests(h, channel)) == 1


async def test_the_digest_follows_the_servers_time_zone_when_it_changes(bots: Bots) -> None:
    """The digest kept the zone the server had when it was set: after /tip-config moved the
    server to Los Angeles, it still said and posted 'Monday 09:00 (Asia/Seoul)', its week
    counted in Seoul days while the lookups it counts are filed by Los Angeles days."""
    async with bots.start(await bots.services()) as h:
        ask = h.emu.slash
        await ask(
            "insights digest", {"channel": h.channel, "day": 0, "time": "09:30"}, user=h.moderator
        )
        await ask(
            "tip-config set",
            {"channel": h.channel, "time": "09:00", "timezone": "America/Los_Angeles"},
            user=h.moderator,
        )
        shown = await ask("insights digest", {}, user=h.moderator)
        assert shown.content.startswith("매주 월요일 09:30 (America/Los\\_Angeles)에")
        assert shown.content.endswith("다음 게시: 2025-03-03 09:30")  # Sunday 16:00 there now
        bots.clock.advance(hours=17, minutes=29)  # Seoul's Monday 09:30 passed long ago
        assert await tick(h) == []
        bots.clock.advance(minutes=2)  # Monday 09:31 in Los Angeles
        assert await tick(h) == [(h.guild.id, dt.date(2025, 3, 3))]


async def test_a_digest_whose_channel_was_deleted_says_so_and_calls_discord_for_nothing(
    bots: Bots,
) -> None:
    """The digest's channel deleted: nothing can be posted. The moderators' /insights digest
    said so, yet still promised the next post; and each minute of the week's six-hour window
    the bot asked Discord for the channel again (and logged a warning with its traceback)."""
    async with bots.start(await bots.services()) as h:
        target = h.emu.add_text_channel(h.guild, "digest")
        await eventually(lambda: h.bot.get_channel(target.id))
        await h.emu.slash(
            "insights digest", {"channel": target, "day": 0, "time": "09:10"}, user=h.moderator
        )
        await h.emu.delete_channel(target)
        await eventually(lambda: h.bot.get_channel(target.id) is None)
        asked = len(h.emu.calls)
        for _ in range(3):
            bots.clock.advance(minutes=11)
            assert await tick(h) == []
        assert [c.path for c in h.emu.calls[asked:]] == []  # nothing asked of Discord
        assert digests(h, h.channel.id) == []

        shown = await h.emu.slash("insights digest", {}, user=h.moderator)
        assert shown.ephemeral
        assert shown.content == (
            f"매주 월요일 09:10 (Asia/Seoul)에 <#{target.id}> 채널에 지난 7일의 질문 현황을"
            " 올리도록 설정돼 있지만, 채널이 없어 올리지 않아요.\n"
            f"⚠️ <#{target.id}> 채널이 삭제됐어요. 다른 채널을 골라 주세요."
        )
        english = await h.emu.slash("insights digest", {}, user=h.moderator, locale="en-US")
        assert english.content == (
            f"The digest is set for every Monday at 09:10 (Asia/Seoul) in <#{target.id}>, but"
            " that channel is gone, so nothing is posted.\n"
            f"⚠️ The channel <#{target.id}> was deleted. Pick another one."
        )

        # Another channel picked: the next week's digest is posted there.
        await h.emu.slash(
            "insights digest", {"channel": h.channel, "day": 0, "time": "09:10"}, user=h.moderator
        )
        bots.clock.advance(days=7)
        assert await tick(h) == [(h.guild.id, dt.date(2025, 3, 10))]
        assert len(digests(h, h.channel.id)) == 1


async def test_with_recording_off_the_digest_and_its_setting_say_so(
    tmp_path: Path, emulator: DiscordEmulator
) -> None:
    """SUNBAE_INSIGHTS=off: the digest posted in the channel opens with the notice, in the
    server's language; the moderator setting it up was not told that it would count nothing."""
    bots = Bots(tmp_path, emulator, insights=False)
    async with bots.start(await bots.services()) as h:
        english = h.emu.add_guild("digest-en", locale="en-US", owner="digest-en-owner")
        mod = h.emu.add_member(english, "digest-en-mod", permissions=Perm.MANAGE_GUILD)
        channel = h.emu.state.channels[english.system_channel_id or 0]
        await eventually(lambda: h.bot.get_channel(channel.id))
        saved = await h.emu.slash(
            "insights digest", {"channel": h.channel, "day": 0, "time": "09:10"}, user=h.moderator
        )
        assert saved.content.endswith(
            "\n⚠️ 이 봇은 질문을 기록하지 않아요 (`SUNBAE_INSIGHTS=off`): 요약은 새 질문을 세지"
            " 않고, 기록이 켜져 있던 동안의 숫자만 보여 줘요."
        )
        shown = await h.emu.slash("insights digest", {}, user=h.moderator)
        assert shown.content == saved.content
        said = await h.emu.slash(
            "insights digest", {"channel": channel, "day": 0, "time": "09:10"}, user=mod,
            channel=channel, locale="en-US",
        )  # fmt: skip
        assert said.content.endswith(
            "\n⚠️ This bot does not record lookups (`SUNBAE_INSIGHTS=off`): the digest counts no"
            " new ones, only what was recorded while recording was on."
        )

        bots.clock.advance(minutes=11)
        assert sorted(await tick(h)) == sorted(
            [(h.guild.id, dt.date(2025, 3, 3)), (english.id, dt.date(2025, 3, 3))]
        )
        [korean_post] = digests(h, h.channel.id)
        assert korean_post["embeds"][0]["description"].startswith(
            "⚠️ 이 봇은 질문을 기록하지 않아요 (`SUNBAE_INSIGHTS=off`)."
        )
        [english_post] = digests(h, channel.id)
        assert english_post["embeds"][0]["title"] == "Insights · last 7 days"
        assert english_post["embeds"][0]["description"].startswith(
            "⚠️ This bot does not record lookups (`SUNBAE_INSIGHTS=off`)"
        )
