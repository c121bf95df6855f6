"""The real discord.py bot against the emulator: commands, options, components, modals, defers."""

from __future__ import annotations

import discord
import pytest
from discord.ext import commands

from bot.emulator import EmulatorError, InteractionTimeout
from tests.emulator.helpers import World
from tests.helpers_async import eventually

EPHEMERAL = 64


async def test_handshake_ready_and_guild_cache(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    assert bot.user is not None and bot.user.id == emu.bot_user.id
    assert bot.application_id == emu.application_id
    guild = bot.get_guild(world.guild.id)
    assert guild is not None and guild.preferred_locale.value == "ko"
    assert {c.name for c in guild.channels} == {"general", "advice"}
    assert guild.me is not None and guild.me.guild_permissions.send_messages
    # discord.py asks for zlib-stream but reads our plain text frames.
    assert emu.gateway.connect_query["compress"] == "zlib-stream"
    assert emu.gateway.identify_payload is not None
    assert emu.gateway.identify_payload["intents"] == discord.Intents(guilds=True).value
    sent = [e.type for e in emu.events if e.direction == "send" and e.type]
    assert sent[:2] == ["READY", "GUILD_CREATE"]
    assert any(e.op == 1 for e in emu.events if e.direction == "recv")  # heartbeat...
    assert any(e.op == 11 for e in emu.events if e.direction == "send")  # ...acknowledged


async def test_sync_global_then_guild_keeps_ids(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    names = {c["name"] for c in emu.synced_commands()}
    assert {"advice", "echo", "tip-config", "feedback", "post"} <= names
    first_ids = {c["name"]: c["id"] for c in emu.synced_commands()}
    await bot.tree.sync()
    assert {c["name"]: c["id"] for c in emu.synced_commands()} == first_ids

    guild = discord.Object(world.guild.id)
    bot.tree.copy_global_to(guild=guild)
    synced = await bot.tree.sync(guild=guild)
    assert {c.name for c in synced} == names
    assert all(c.guild_id == world.guild.id for c in synced)
    res = await emu.slash("advice", {"query": "x"})
    assert res.payload["data"]["guild_id"] == str(world.guild.id)  # the guild copy is preferred
    assert [c.name for c in await bot.tree.fetch_commands(guild=guild)] == [c.name for c in synced]


async def test_slash_reply_with_embed_and_components(bot: commands.Bot, world: World) -> None:
    res = await world.emu.slash("advice", {"query": "대학원"}, user=world.camper)
    assert res.callback_type == 4 and not res.ephemeral
    assert res.content == "검색: 대학원"
    assert res.embeds[0]["title"] == "선배의 조언"
    assert res.embeds[0]["fields"][0] == {"name": "페이지", "value": "1/3", "inline": True}
    labels = [c.get("label") for row in res.components for c in row["components"]]
    assert labels == ["이전", "다음", "자세히", None]
    assert world.emu.channel_messages(world.general)[-1]["id"] == res.message["id"]  # type: ignore[index]
    assert res.latency is not None and res.latency < 1
    assert "[이전 (disabled)] [다음] [자세히]" in res.text


async def test_ephemeral_locale_and_permissions(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    res = await emu.slash("whoami", user=world.camper, locale="en-US")
    assert res.ephemeral and res.message is not None and res.message["flags"] & EPHEMERAL
    assert res.content == "camper en-US ko manage=False"
    assert all(m["id"] != res.message["id"] for m in emu.channel_messages(world.general))
    mod = await emu.slash("whoami", user=world.moderator)
    assert mod.content == "mod en-US ko manage=True"
    assert (await emu.slash("whoami", user=world.camper)).content.startswith("camper ko ")


async def test_typed_options_are_resolved(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    role = emu.add_role(world.guild, "mentor")
    options = {
        "text": "안녕",
        "count": 3,
        "ratio": 0.5,
        "loud": True,
        "who": world.moderator,
        "where": world.general,
        "role": role,
    }
    res = await emu.slash("echo", options, user=world.camper)
    assert res.content == "안녕|3|0.5|True|mod|general|mentor"
    resolved = res.payload["data"]["resolved"]
    assert set(resolved) == {"users", "members", "channels", "roles"}


async def test_invalid_invocations_fail_like_the_client(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    with pytest.raises(EmulatorError, match="not registered"):
        await emu.slash("nope")
    with pytest.raises(EmulatorError, match="required option 'query'"):
        await emu.slash("advice")
    with pytest.raises(EmulatorError, match="unknown option"):
        await emu.slash("advice", {"query": "x", "extra": 1})
    with pytest.raises(EmulatorError, match="between 1 and 7"):
        await emu.slash("tip-config set", {"day": 9}, user=world.moderator)
    with pytest.raises(EmulatorError, match="is a group"):
        await emu.slash("tip-config schedule", user=world.moderator)
    with pytest.raises(EmulatorError, match="no subcommand"):
        await emu.slash(["tip-config", "reset"], user=world.moderator)
    with pytest.raises(EmulatorError, match="cannot see command"):
        await emu.slash("tip-config set", {"day": 2}, user=world.camper)
    with pytest.raises(EmulatorError, match="integer"):
        await emu.slash("echo", {"text": "a", "count": 1.5, "ratio": 1, "loud": True, "who": world.camper,
                                 "where": world.general, "role": world.guild.everyone})  # fmt: skip
    with pytest.raises(EmulatorError, match="channel types"):
        await emu.slash("echo", {"text": "a", "count": 1, "ratio": 1, "loud": True, "who": world.camper,
                                 "where": world.forum, "role": world.guild.everyone})  # fmt: skip


async def test_subcommands_and_groups(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    res = await emu.slash("tip-config set", {"day": 3}, user=world.moderator)
    assert res.content == "day=3" and res.ephemeral
    res = await emu.slash(["tip-config", "schedule", "time"], {"hour": 9}, user=world.moderator)
    assert res.content == "hour=9"
    res = await emu.slash("tip-config set", {"day": 1}, user=world.camper, check_permissions=False)
    assert res.content == "day=1"  # the bot itself does not re-check default permissions


async def test_autocomplete_returns_choices(bot: commands.Bot, world: World) -> None:
    choices = await world.emu.autocomplete(
        "advice", {"query": "대학ㅇ"}, focused="query", user=world.camper
    )
    assert [c["name"] for c in choices] == ["대학원 진학", "대학원 vs 취업"]
    auto = world.emu.interactions()[-1]
    assert auto.callback_type == 8 and auto.payload["data"]["options"][0]["focused"] is True
    with pytest.raises(EmulatorError, match="no autocomplete"):
        await world.emu.autocomplete("echo", {"text": "a"}, focused="text")


async def test_button_click_updates_the_message(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    res = await emu.slash("advice", {"query": "취업"}, user=world.camper)
    with pytest.raises(EmulatorError, match="disabled"):
        await emu.click(res, label="이전")
    nxt = await emu.click(res.message, label="다음")  # type: ignore[arg-type]
    assert nxt.callback_type == 7
    assert nxt.payload["member"]["user"]["id"] == str(world.camper.id)  # the invoker clicks
    assert nxt.message is not None and nxt.message["id"] == res.message["id"]  # type: ignore[index]
    assert res.embeds[0]["description"] == "두 번째 팁: 네트워킹"  # the original handle is live
    assert res.message["edited_timestamp"] is not None  # type: ignore[index]
    back = await emu.click(res, custom_id="pager:prev", user=world.moderator)
    assert back.embeds[0]["description"] == "첫 번째 팁: 꾸준함"
    with pytest.raises(EmulatorError, match="no button"):
        await emu.click(res, label="없음")


async def test_select_and_deferred_update(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    res = await emu.slash("advice", {"query": "x"}, user=world.camper)
    picked = await emu.select(res, ["대학원"])  # a label stands for its value
    assert picked.callback_type == 7 and picked.content == "topic=grad"
    assert picked.payload["data"]["values"] == ["grad"]
    with pytest.raises(EmulatorError, match="not an option"):
        await emu.select(res, ["없음"])
    more = await emu.click(res, label="자세히")
    assert more.callback_type == 6 and more.deferred
    final = await more.wait_final()
    assert final is not None and final["content"] == "자세히: 첫 번째 팁: 꾸준함"


async def test_defer_then_followups(bot: commands.Bot, world: World) -> None:
    res = await world.emu.slash("slow", user=world.camper)
    assert res.callback_type == 5 and res.deferred
    final = await res.wait_final()
    assert final is not None and final["content"] == "느린 답변 완료" and not res.loading
    assert not final["flags"] & EPHEMERAL
    followups = await res.wait_followups(1)
    assert followups[0]["content"] == "추가 메시지" and followups[0]["flags"] & EPHEMERAL


async def test_modal_submit(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    res = await emu.slash("feedback", user=world.camper)
    assert res.callback_type == 9 and res.modal is not None
    assert res.modal.title == "피드백"
    assert [f["custom_id"] for f in res.modal.fields] == ["feedback:body", "feedback:rating"]
    with pytest.raises(EmulatorError, match="required"):
        await emu.submit_modal(res.modal, {"feedback:rating": "3"})
    done = await emu.submit_modal(res.modal, {"feedback:body": "좋아요"})
    assert done.content == "받았어요: 좋아요 (5)" and done.ephemeral
    with pytest.raises(EmulatorError, match="already submitted"):
        await emu.submit_modal(res.modal, {"feedback:body": "again"})


async def test_modal_with_labels_a_select_and_a_text_display(
    bot: commands.Bot, world: World
) -> None:
    emu = world.emu
    res = await emu.slash("note", user=world.camper)
    assert res.modal is not None
    assert [f["custom_id"] for f in res.modal.fields] == ["note:body", "note:topics"]
    assert res.modal.text.splitlines() == [
        "╭ modal: 메모",
        "│ 주제를 고르고 적어 주세요.",
        "│ 본문 [paragraph] note:body: ",
        "│ 주제 (optional) note:topics: <select: 대학원 ✓, 취업, 포트폴리오>",
        "╰",
    ]
    with pytest.raises(EmulatorError, match="not an option"):
        await emu.submit_modal(res.modal, {"note:body": "x", "note:topics": ["nope"]})
    with pytest.raises(EmulatorError, match=r"takes 0\.\.2 values"):
        await emu.submit_modal(res.modal, {"본문": "x", "주제": ["grad", "job", "portfolio"]})
    with pytest.raises(EmulatorError, match="no input"):
        await emu.submit_modal(res.modal, {"title": "x"})
    # By label; a select's option by its label; an untouched select keeps its default.
    done = await emu.submit_modal(res.modal, {"본문": "둘 다", "주제": ["취업", "portfolio"]})
    assert done.content == "메모: 둘 다 [job,portfolio]"
    again = await emu.slash("note", user=world.camper)
    assert again.modal is not None
    kept = await emu.submit_modal(again.modal, {"note:body": "기본"})
    assert kept.content == "메모: 기본 [grad]"


async def test_attachment_options_are_uploaded_and_readable(
    bot: commands.Bot, world: World
) -> None:
    emu = world.emu
    res = await emu.slash("upload", {"file": ("notes.md", b"hello world")}, user=world.camper)
    assert res.content == f"notes.md 11 11 hello limit={emu.state.attachment_size_limit}"
    emu.state.user_upload_limit = 4
    try:
        with pytest.raises(EmulatorError, match="uploads at most 4"):
            await emu.slash("upload", {"file": ("notes.md", b"hello")}, user=world.camper)
    finally:
        emu.state.user_upload_limit = 10 * 1024 * 1024


async def test_no_answer_times_out_with_a_useful_message(bot: commands.Bot, world: World) -> None:
    with pytest.raises(InteractionTimeout, match="made no REST calls"):
        await world.emu.slash("silent", within=0.3)


async def test_late_initial_response_is_rejected(bot: commands.Bot, world: World) -> None:
    world.emu.hub.deadline = 0.1
    with pytest.raises(EmulatorError, match="defer first"):
        await world.emu.slash("sleepy", within=2)
    assert world.emu.calls_to("POST", r"/callback$")[-1].status == 404
    await eventually(lambda: bot.errors)  # type: ignore[attr-defined]
    assert isinstance(bot.errors[-1], discord.NotFound)  # type: ignore[attr-defined]
    assert bot.errors[-1].code == 10062  # type: ignore[attr-defined]


async def test_entity_select_and_context_menus(bot: commands.Bot, world: World) -> None:
    emu = world.emu
    res = await emu.slash("pick", user=world.camper)
    picked = await emu.select(res, [world.camper, world.moderator])
    assert picked.content == "picked camper,mod" and picked.components == []
    assert set(picked.payload["data"]["resolved"]["members"]) == {
        str(world.camper.id),
        str(world.moderator.id),
    }
    profile = await emu.user_command("프로필", world.moderator, user=world.camper)
    assert profile.content == "profile mod"
    saved = await emu.message_command("저장", res, user=world.camper)
    assert saved.content == "saved picked camper,mod"
