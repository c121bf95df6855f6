"""/tip, /tip-config and the daily tip scheduler posting through the emulator."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bot.app import bootstrap
from bot.emulator import Channel, EmulatorError, Member, Perm
from bot.models.tips import PostRecord
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_cohorts import Crash
from tests.helpers_messages import fields, footer
from tests.helpers_tips import ManualClock, tip_scheduler

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

SEOUL = ZoneInfo("Asia/Seoul")
MANAGE_GUILD = 1 << 5


async def new_server(h: Harness, name: str) -> tuple[Channel, Member]:
    """A fresh server (no tip settings yet) with a moderator; the commands are global."""
    guild = h.emu.add_guild(name, locale="ko")
    channel = h.emu.state.channels[guild.system_channel_id or 0]
    moderator = h.emu.add_member(guild, f"{name}-mod", permissions=Perm.MANAGE_GUILD, locale="ko")
    await eventually(lambda: h.bot.get_guild(guild.id))
    return channel, moderator


# -- /tip ------------------------------------------------------------------------------------


async def test_tip_shows_the_same_tip_of_the_day_privately(harness: Harness) -> None:
    h = harness
    first = await h.emu.slash("tip", user=h.camper)
    again = await h.emu.slash("tip", user=h.moderator)
    assert first.ephemeral and again.ephemeral
    assert first.embeds == again.embeds
    embed = first.embeds[0]
    today = dt.datetime.now(SEOUL).date().isoformat()
    assert embed["title"] == f"오늘의 팁 · {today}"
    entry_id = footer(embed).removeprefix("id: ")
    entry = await h.services.entries.get(entry_id)
    assert entry is not None and entry.tip
    assert embed["description"] == entry.tip
    assert fields(embed)["출처 조언"].startswith(f"**{entry.title}**")


async def test_tip_share_posts_it_publicly(harness: Harness) -> None:
    h = harness
    private = await h.emu.slash("tip", user=h.camper)
    shared = await h.emu.slash("tip", {"share": True}, user=h.camper)
    assert not shared.ephemeral
    assert h.emu.channel_messages(h.channel)[-1]["id"] == shared.message["id"]  # type: ignore[index]
    assert shared.embeds == private.embeds
    english = await h.emu.slash("tip", user=h.camper, locale="en-US")
    assert english.embeds[0]["title"].startswith("Tip of the day · ")
    assert "From" in fields(english.embeds[0])


# -- /tip-config -----------------------------------------------------------------------------


async def test_tip_config_is_hidden_and_refused_for_campers(harness: Harness) -> None:
    h = harness
    [command] = [c for c in h.emu.synced_commands() if c["name"] == "tip-config"]
    assert int(command["default_member_permissions"]) == MANAGE_GUILD  # the client-side hint
    with pytest.raises(EmulatorError, match="cannot see command"):
        await h.emu.slash("tip-config show", user=h.camper)
    for sub in ("show", "off", "skip", "preview"):
        res = await h.emu.slash(f"tip-config {sub}", user=h.camper, check_permissions=False)
        assert res.ephemeral
        assert res.content == "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요."
    res = await h.emu.slash(
        "tip-config set",
        {"channel": h.channel, "time": "08:00"},
        user=h.camper,
        check_permissions=False,
        locale="en-US",
    )
    assert res.content == "This command needs the Manage Server permission."
    assert (await h.services.tips.settings(h.guild.id)).channel_id is None  # nothing saved


async def test_moderator_sets_and_sees_the_schedule(harness: Harness) -> None:
    h = harness
    channel, mod = await new_server(harness, "set-server")
    first = await h.emu.slash("tip-config show", user=mod, channel=channel)
    assert first.embeds[0]["description"].startswith("아직 설정되지 않았어요.")
    no_channel = await h.emu.slash("tip-config set", {"time": "09:30"}, user=mod, channel=channel)
    assert no_channel.content == "처음 설정할 때는 채널을 골라 주세요."

    res = await h.emu.slash(
        "tip-config set",
        {"channel": channel, "time": "9:30", "timezone": "Asia/Tokyo", "thread": True},
        user=mod,
        channel=channel,
    )
    assert res.ephemeral and res.content == "저장했어요."
    shown = fields(res.embeds[0])
    assert shown["상태"] == "켜짐"
    assert shown["채널"] == f"<#{channel.id}>"
    assert shown["시간"] == "09:30 (Asia/Tokyo)"
    assert shown["토론 스레드"] == "매 팁마다 열기"
    assert shown["다음 게시"].startswith("<t:") and shown["다음 게시"].endswith(":F>")
    next_at = int(shown["다음 게시"][3:-3])
    local = dt.datetime.fromtimestamp(next_at, ZoneInfo("Asia/Tokyo"))
    assert (local.hour, local.minute) == (9, 30)

    show = await h.emu.slash("tip-config show", user=mod, channel=channel)
    assert fields(show.embeds[0]) == shown
    english = await h.emu.slash("tip-config show", user=mod, channel=channel, locale="en-US")
    assert fields(english.embeds[0])["Time"] == "09:30 (Asia/Tokyo)"
    assert fields(english.embeds[0])["Status"] == "on"

    # A later change keeps what is not given.
    res = await h.emu.slash("tip-config set", {"thread": False}, user=mod, channel=channel)
    shown = fields(res.embeds[0])
    assert shown["토론 스레드"] == "열지 않음" and shown["시간"] == "09:30 (Asia/Tokyo)"


async def test_a_channel_the_bot_cannot_post_in_is_refused_at_set(harness: Harness) -> None:
    """On a server the bot does not own, /tip-config set checks the bot's permissions in the
    chosen channel (its overwrites included) and names what is missing, instead of failing at
    the first tip."""
    h = harness
    guild = h.emu.add_guild("perm-server", locale="ko", owner="perm-owner")
    general = h.emu.state.channels[guild.system_channel_id or 0]
    mod = h.emu.add_member(guild, "perm-mod", permissions=Perm.MANAGE_GUILD, locale="ko")
    quiet = h.emu.add_text_channel(guild, "announcements")
    h.emu.set_permissions(quiet, guild.everyone, deny=Perm.SEND_MESSAGES | Perm.EMBED_LINKS)
    await eventually(lambda: h.bot.get_guild(guild.id) and h.bot.get_channel(quiet.id))
    await eventually(lambda: h.bot.get_channel(quiet.id).overwrites)  # type: ignore[union-attr]

    set_quiet = {"channel": quiet, "time": "09:00"}
    res = await h.emu.slash("tip-config set", set_quiet, user=mod, channel=general)
    assert res.ephemeral
    assert res.content == (
        f"⚠️ 봇이 <#{quiet.id}> 채널에서 팁을 올릴 수 없어요. 빠진 권한: 메시지 보내기, 링크 첨부."
        " 채널 설정의 권한에서 봇(또는 봇 역할)에 허용한 뒤 다시 설정해 주세요."
    )
    assert not (await h.services.tips.settings(guild.id, acknowledge=False)).configured
    english = await h.emu.slash(
        "tip-config set", set_quiet, user=mod, channel=general, locale="en-US"
    )
    assert "Missing: Send Messages, Embed Links." in english.content

    # Allowed for the bot: saved. Asking for threads where it cannot open them: refused.
    h.emu.set_permissions(
        quiet, h.emu.bot_member(guild), allow=Perm.SEND_MESSAGES | Perm.EMBED_LINKS,
        deny=Perm.CREATE_PUBLIC_THREADS,
    )  # fmt: skip
    await eventually(
        lambda: (
            h.bot.get_channel(quiet.id)
            .permissions_for(  # type: ignore[union-attr]
                h.bot.get_guild(guild.id).me  # type: ignore[union-attr]
            )
            .send_messages
        )
    )
    res = await h.emu.slash("tip-config set", set_quiet, user=mod, channel=general)
    assert res.content == "저장했어요."
    threads = await h.emu.slash("tip-config set", {"thread": True}, user=mod, channel=general)
    assert "빠진 권한: 공개 스레드 만들기." in threads.content
    assert not (await h.services.tips.settings(guild.id, acknowledge=False)).open_thread


async def test_bad_time_and_zone_get_clear_messages(harness: Harness) -> None:
    h = harness
    channel, mod = await new_server(harness, "typo-server")
    bad_time = await h.emu.slash(
        "tip-config set", {"channel": channel, "time": "25:99"}, user=mod, channel=channel
    )
    assert bad_time.ephemeral
    assert bad_time.content == "⚠️ 시간은 24시간제 HH:MM으로 적어 주세요 (예: 09:00). 입력: `25:99`"
    midnight = await h.emu.slash(  # 24:00 is the next day's 00:00, not a time of this one
        "tip-config set", {"channel": channel, "time": "24:00"}, user=mod, channel=channel
    )
    assert midnight.content == "⚠️ 시간은 24시간제 HH:MM으로 적어 주세요 (예: 09:00). 입력: `24:00`"
    bad_zone = await h.emu.slash(
        "tip-config set",
        {"channel": channel, "timezone": "Mars/Olympus"},
        user=mod,
        channel=channel,
    )
    assert bad_zone.content.startswith("⚠️ `Mars/Olympus`은(는) 모르는 시간대예요.")
    english = await h.emu.slash(
        "tip-config set",
        {"channel": channel, "time": "25:99"},
        user=mod,
        channel=channel,
        locale="en-US",
    )
    assert english.content == "⚠️ Time must be HH:MM on a 24-hour clock (e.g. 09:00), got `25:99`."
    english = await h.emu.slash(
        "tip-config set",
        {"channel": channel, "timezone": "Mars/Olympus"},
        user=mod,
        channel=channel,
        locale="en-US",
    )
    assert english.content.startswith("⚠️ Unknown time zone `Mars/Olympus`")
    # Nothing was saved by the bad attempts.
    assert not (await h.services.tips.settings(channel.guild_id or 0)).configured

    zones = await h.emu.autocomplete(
        "tip-config set", {"timezone": "seoul"}, focused="timezone", user=mod, channel=channel
    )
    assert zones == [{"name": "Asia/Seoul", "value": "Asia/Seoul"}]
    # A city is typed as it is written, with a space: the zone names it with an underscore.
    for typed, zone in (("new york", "America/New_York"), ("Los Angeles", "America/Los_Angeles")):
        zones = await h.emu.autocomplete(
            "tip-config set", {"timezone": typed}, focused="timezone", user=mod, channel=channel
        )
        assert {"name": zone, "value": zone} in zones, typed


async def test_preview_skip_and_off(harness: Harness) -> None:
    h = harness
    channel, mod = await new_server(harness, "preview-server")
    await h.emu.slash(
        "tip-config set", {"channel": channel, "time": "23:59"}, user=mod, channel=channel
    )

    preview = await h.emu.slash("tip-config preview", {"count": 3}, user=mod, channel=channel)
    embed = preview.embeds[0]
    assert embed["title"] == "다가올 팁"
    today = dt.datetime.now(SEOUL).date()
    days = [f["name"].split(" · ", 1)[0] for f in embed["fields"]]
    assert days == [(today + dt.timedelta(days=i)).isoformat() for i in range(3)]
    assert all(f["value"] for f in embed["fields"])
    default = await h.emu.slash("tip-config preview", user=mod, channel=channel)
    assert len(default.embeds[0]["fields"]) == 5

    skip = await h.emu.slash("tip-config skip", user=mod, channel=channel)
    skipped = (await h.services.tips.settings(channel.guild_id or 0)).skip_date
    assert skipped is not None
    assert (
        skip.content == f"{skipped.isoformat()}의 팁은 건너뛸게요. 되돌리려면 `/tip-config unskip`."
    )
    show = await h.emu.slash("tip-config show", user=mod, channel=channel)
    assert fields(show.embeds[0])["건너뛸 날"] == skipped.isoformat()

    off = await h.emu.slash("tip-config off", user=mod, channel=channel)
    assert off.content == "오늘의 팁 게시를 껐어요."
    shown = fields(off.embeds[0])
    assert shown["상태"] == "꺼짐" and "다음 게시" not in shown
    active = {s.guild_id for s in await h.services.tip_store.active_settings()}
    assert channel.guild_id not in active  # the scheduler no longer considers this server


# -- the scheduler, with a clock the test moves ------------------------------------------------


async def nap(_seconds: float) -> None:
    await asyncio.sleep(0.02)


@pytest_asyncio.fixture(loop_scope="module")
async def clocked(tmp_path: Path) -> AsyncIterator[tuple[Harness, ManualClock]]:
    # 2025-03-03 09:00 in Seoul.
    clock = ManualClock(dt.datetime(2025, 3, 3, 0, 0, tzinfo=dt.UTC))
    settings = bot_settings(tmp_path / "clocked.db", tip_grace_hours=3.0)
    services = await bootstrap(settings, clock=clock)
    # The real scheduler, re-checking every 20 ms instead of sleeping until the next slot.
    services = dataclasses.replace(services, tip_scheduler=tip_scheduler(services, sleep=nap))
    async with start_harness(settings, services=services) as h:
        yield h, clock


def tip_posts(h: Harness) -> list[dict]:
    return [
        m
        for m in h.emu.channel_messages(h.channel)
        if m["embeds"] and "sunbae daily tip" in footer(m["embeds"][0])
    ]


async def test_scheduler_posts_once_when_the_slot_passes(
    clocked: tuple[Harness, ManualClock],
) -> None:
    h, clock = clocked
    res = await h.emu.slash(
        "tip-config set", {"channel": h.channel, "time": "09:05", "thread": True}, user=h.moderator
    )
    assert res.content == "저장했어요."
    slot = dt.datetime(2025, 3, 3, 0, 5, tzinfo=dt.UTC)
    assert fields(res.embeds[0])["다음 게시"] == f"<t:{int(slot.timestamp())}:F>"

    await asyncio.sleep(0.1)  # several scheduler rounds before the slot
    assert tip_posts(h) == []

    clock.advance(minutes=6)  # one minute late: within the grace window
    [post] = await eventually(lambda: tip_posts(h))
    embed = post["embeds"][0]
    assert embed["title"] == "오늘의 팁 · 2025-03-03"
    record = await eventually(lambda: _settled(h, dt.date(2025, 3, 3)))
    assert record.status == "sent"
    assert record.message_id == int(post["id"])
    entry = await h.services.entries.get(record.entry_id or "")
    assert entry is not None and embed["description"] == entry.tip
    [thread] = await eventually(lambda: h.emu.threads(h.channel))
    assert thread.name == f"💬 {entry.title}"[:100]

    await asyncio.sleep(0.15)  # more rounds: still exactly one post
    assert len(tip_posts(h)) == 1
    sends = h.emu.calls_to("POST", rf"^/channels/{h.channel.id}/messages$")
    assert len(sends) == 1
    # /tip shows the same tip that was posted.
    tip = await h.emu.slash("tip", user=h.camper)
    assert tip.embeds[0]["description"] == embed["description"]
    show = await h.emu.slash("tip-config show", user=h.moderator)
    tomorrow = slot + dt.timedelta(days=1)
    assert fields(show.embeds[0])["다음 게시"] == f"<t:{int(tomorrow.timestamp())}:F>"


async def test_a_refused_post_is_reported_once_by_tip_config_show(
    clocked: tuple[Harness, ManualClock],
) -> None:
    h, clock = clocked
    await h.emu.slash("tip-config set", {"channel": h.channel, "time": "09:05"}, user=h.moderator)
    fault = h.emu.fail("POST", rf"^/channels/{h.channel.id}/messages$", status=403)
    clock.advance(minutes=6)
    await eventually(lambda: fault.hits)
    problem = await eventually(
        lambda: _last_problem(h),
    )
    assert "missing_permissions" in problem
    record = await h.services.tip_store.post(h.guild.id, dt.date(2025, 3, 3))
    assert record is not None and record.status == "failed"
    await asyncio.sleep(0.1)
    assert len(fault.hits) == 1  # a permanent refusal is not retried in a loop
    assert tip_posts(h) == []

    show = await h.emu.slash("tip-config show", user=h.moderator)
    shown = fields(show.embeds[0])
    assert shown["⚠️ 지난번 문제"].startswith(
        f"2025-03-03: <#{h.channel.id}> 채널에 오늘의 팁을 올리지 못했어요. 봇에게 그 채널의"
    )
    assert "Discord의 응답: " in shown["⚠️ 지난번 문제"]
    assert "Missing Permissions" in shown["⚠️ 지난번 문제"]
    again = await h.emu.slash("tip-config show", user=h.moderator)
    assert "⚠️ 지난번 문제" not in fields(again.embeds[0])  # shown once


async def test_a_slot_missed_beyond_the_grace_window_is_skipped(
    clocked: tuple[Harness, ManualClock],
) -> None:
    h, clock = clocked
    await h.emu.slash("tip-config set", {"channel": h.channel, "time": "09:05"}, user=h.moderator)
    clock.advance(hours=4)  # the bot "was down" from 09:05 to 13:00
    record = await eventually(lambda: h.services.tip_store.post(h.guild.id, dt.date(2025, 3, 3)))
    assert record.status == "skipped" and "missed" in (record.reason or "")
    await asyncio.sleep(0.05)
    assert tip_posts(h) == []


async def _last_problem(h: Harness) -> str | None:
    return (await h.services.tips.settings(h.guild.id, acknowledge=False)).last_problem


async def _settled(h: Harness, day: dt.date) -> PostRecord | None:
    """The day's post record once the scheduler finished with it (not pending)."""
    record = await h.services.tip_store.post(h.guild.id, day)
    return record if record is not None and record.status != "pending" else None


async def test_a_tip_posted_just_before_a_crash_is_found_not_posted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tip reached the channel and the bot died before recording it. Once the lease ran
    out (minutes: Discord no longer remembers the nonce), the next attempt finds the message
    in the channel and records it: one tip in the channel."""
    clock = ManualClock(dt.datetime(2025, 3, 3, 0, 0, tzinfo=dt.UTC))  # 09:00 in Seoul
    settings = bot_settings(tmp_path / "crash.db", tip_grace_hours=3.0)
    services = await bootstrap(settings, clock=clock)
    async with start_harness(settings, services=services) as h:
        await h.emu.slash(
            "tip-config set", {"channel": h.channel, "time": "09:05"}, user=h.moderator
        )
        # The poster class of the cog discord.py loaded (extensions load as fresh modules).
        cog = h.bot.get_cog("TipsCog")
        poster_class = sys.modules[type(cog).__module__].DiscordTipPoster
        real_post = poster_class.post

        async def sent_then_died(self: Any, *args: Any, **kwargs: Any) -> Any:
            await real_post(self, *args, **kwargs)
            raise Crash("the process died before recording the post")

        monkeypatch.setattr(poster_class, "post", sent_then_died)
        clock.advance(minutes=6)
        with contextlib.suppress(Crash):  # or the loop's own round met it first
            await h.services.tip_scheduler.tick_now()
        assert len(tip_posts(h)) == 1
        pending = await h.services.tip_store.post(h.guild.id, dt.date(2025, 3, 3))
        assert pending is not None and pending.status == "pending"  # sent, not recorded
        monkeypatch.setattr(poster_class, "post", real_post)

        clock.advance(minutes=3)
        h.emu.state.nonce_ttl = 0.0
        await h.services.tip_scheduler.tick_now()
        record = await eventually(lambda: _settled(h, dt.date(2025, 3, 3)))
        [post] = tip_posts(h)
        assert (record.status, record.message_id) == ("sent", int(post["id"]))
