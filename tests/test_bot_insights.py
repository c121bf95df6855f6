"""Insights end to end: lookups campers make through Discord are recorded for their server only,
with what they did next, and moderators read them back with /insights."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.emulator import EmulatorError, Guild, Member, Perm
from bot.models.insights import Overview
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
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
    return await service.overview(guild.id, await service.period(guild.id, 7))


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


# -- /insights ------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n"
NO_PERMISSION = "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요."
NOT_EDITOR = "이 명령은 서버 관리(Manage Server) 권한이 있거나 이 서버의 편집자 역할을 가진 분만 쓸 수 있어요."


def attachment_bytes(h: Harness, message: dict[str, Any]) -> bytes:
    [attachment] = message["attachments"]
    return h.emu.state.files[int(attachment["id"])].data


async def final(result: Any) -> dict[str, Any]:
    message = await result.wait_final()
    assert message is not None
    return message


async def test_overview_counts_lookups_and_attaches_a_chart(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "insights-overview")
    for query in ("대학원", "대학원 가야 할까", "zzqqxx"):
        await s.slash("advice", {"query": query}, s.camper)
    res = await s.slash("insights overview", {}, s.mod)
    assert res.ephemeral
    message = await final(res)
    [embed] = message["embeds"]
    assert embed["title"] == "질문 현황 · 최근 7일"
    shown = {f["name"]: f["value"] for f in embed["fields"]}
    assert shown["질문"] == "3" and shown["질문한 사람 (하루 기준)"] == "1"
    assert shown["답을 못 찾음"] == "1"
    assert shown["답을 못 찾은 질문"] == "1. zzqqxx · 1회"
    assert "대학원" in shown["많이 찾은 질문"]
    assert embed["image"]["url"].endswith("insights.png")
    png = attachment_bytes(h, message)
    assert png.startswith(PNG) and 20_000 < len(png) < 500_000


async def test_gaps_group_wordings_and_show_answered_once_advice_exists(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "insights-gaps")
    for query, user in (("zzqqxx", s.camper), ("ZZQQXY", s.mod), ("qqwwzz", s.camper)):
        await s.slash("advice", {"query": query}, user)
    message = await final(await s.slash("insights gaps", {}, s.mod))
    [embed] = message["embeds"]
    names = [f["name"] for f in embed["fields"]]
    assert names == ["1. **zzqqxx** · 2회", "2. **qqwwzz** · 1회"]
    assert "ZZQQXY" in embed["fields"][0]["value"]  # grouped: it reads alike
    assert labels(message) == ["1. 답변 쓰기", "2. 답변 쓰기"]

    refused = await h.emu.click(message, label="1. 답변 쓰기", user=s.camper)
    assert refused.ephemeral and refused.content == NOT_EDITOR
    # The button opens /content add's form with the question as its title; the answer saved
    # there is this server's advice, and the gap shows as answered.
    written = await h.emu.click(message, label="1. 답변 쓰기", user=s.mod)
    assert written.modal is not None and written.modal.title == "조언 추가"
    title = next(f for f in written.modal.fields if f["custom_id"] == "title")
    assert title["value"] == "zzqqxx"
    saved = await h.emu.submit_modal(
        written.modal, {"title": "zzqqxx 준비하는 법", "body": "zzqqxx 준비는 이렇게 했어요. " * 5}
    )
    await saved.wait_final()  # a save answers "thinking" first
    assert saved.ephemeral and "zzqqxx" in (saved.embeds[0]["title"])
    message = await final(await s.slash("insights gaps", {}, s.mod))
    [first, second] = message["embeds"][0]["fields"]
    assert "✅ 이제 답이 있어요: zzqqxx 준비하는 법" in first["value"]
    assert "✅" not in second["value"]
    assert labels(message) == ["2. 답변 쓰기"]


async def test_an_english_moderator_reads_which_entry_answers_a_gap_by_its_english_title(
    harness: Harness,
) -> None:
    # "✅ Answered now: 부트캠프 중도 포기하는 사람 많나요?": the Korean title, though the
    # entry has an English one, which the rest of an English moderator's insights use.
    h = harness
    s = await Server.new(h, "insights-gaps-english")
    entry = await h.services.entries.get("ailab-dropout-rate")
    assert entry is not None and entry.title_en
    english = h.emu.add_member(
        s.guild, "insights-gaps-english-mod", permissions=Perm.MANAGE_GUILD, locale="en-US"
    )
    retired = await s.slash("content retire", {"entry": entry.id}, s.mod)
    await retired.wait_final()
    await s.slash("advice", {"query": "중도 포기 몇 명"}, s.camper)  # nothing answers it now
    restored = await s.slash("content restore", {"entry": entry.id}, s.mod)
    await restored.wait_final()
    korean = await final(await s.slash("insights gaps", {}, s.mod))
    assert f"✅ 이제 답이 있어요: {entry.title}" in korean["embeds"][0]["fields"][0]["value"]
    shown = await final(await s.slash("insights gaps", {}, english))
    assert f"✅ Answered now: {entry.title_en}" in shown["embeds"][0]["fields"][0]["value"]


async def test_one_question_spaced_two_ways_is_one_gap(harness: Harness) -> None:
    """`낫는 법` and `낫는법` reduce to different keys (`법` is filler only on its own): the
    same question showed as two gaps, each asked once."""
    h = harness
    s = await Server.new(h, "insights-spacing")
    await s.slash("advice", {"query": "감기 빨리 낫는 법"}, s.camper)
    await s.slash("advice", {"query": "감기 빨리 낫는법"}, s.mod)
    message = await final(await s.slash("insights gaps", {}, s.mod))
    [field] = message["embeds"][0]["fields"]
    assert field["name"] == "1. **감기 빨리 낫는 법** · 2회"
    assert "감기 빨리 낫는법" in field["value"]


async def test_write_an_answer_fills_in_a_long_question_whole(harness: Harness) -> None:
    """A button's custom_id has room for 89 characters of the question: a longer one is named by
    its start and a digest, and the form still gets the whole question (cut at a word, with
    "…", only once the log that held it is erased)."""
    h = harness
    s = await Server.new(h, "insights-long")
    words = ["qqzx", "wwvk", "jjxq", "zzkv", "xxqj", "vvzq", "kkxw", "qqjv"]
    long = " ".join(f"{w}{n}" for n in range(5) for w in words)[:150].strip()
    assert 140 < len(long) <= 150
    await s.slash("advice", {"query": long}, s.camper)
    message = await final(await s.slash("insights gaps", {}, s.mod))
    assert labels(message) == ["1. 답변 쓰기"]
    written = await h.emu.click(message, label="1. 답변 쓰기", user=s.mod)
    assert written.modal is not None
    title = next(f for f in written.modal.fields if f["custom_id"] == "title")
    assert title["value"] == long

    asked = await s.slash("insights forget", {}, s.mod)
    await (await h.emu.click(asked, label="모두 지우기", user=s.mod)).wait_final()
    forgotten = await h.emu.click(message, label="1. 답변 쓰기", user=s.mod)
    assert forgotten.modal is not None
    cut = next(f for f in forgotten.modal.fields if f["custom_id"] == "title")["value"]
    assert cut.endswith("…") and len(cut) < 89
    assert long.startswith(cut.removesuffix("…")) and long[len(cut) - 1] == " "  # a whole word


async def test_a_question_that_just_fits_a_button_is_filled_in_whole_after_a_forget(
    harness: Harness,
) -> None:
    """89 characters fit in a button's custom_id whole: its form needs no log to find it."""
    h = harness
    s = await Server.new(h, "insights-just-fits")
    words = ["qqzx", "wwvk", "jjxq", "zzkv", "xxqj", "vvzq", "kkxw", "qqjv"]
    question = " ".join(f"{w}{n}" for n in range(3) for w in words)[:89]
    assert len(question) == 89 and question == question.strip()
    await s.slash("advice", {"query": question}, s.camper)
    message = await final(await s.slash("insights gaps", {}, s.mod))
    asked = await s.slash("insights forget", {}, s.mod)
    await (await h.emu.click(asked, label="모두 지우기", user=s.mod)).wait_final()
    written = await h.emu.click(message, label="1. 답변 쓰기", user=s.mod)
    assert written.modal is not None
    title = next(f for f in written.modal.fields if f["custom_id"] == "title")
    assert title["value"] == question


async def test_two_long_questions_with_one_start_each_fill_in_their_own(
    harness: Harness,
) -> None:
    """Buttons name long questions by their first 79 characters and a digest: two questions
    sharing those (the first asked first) are told apart by the digest."""
    h = harness
    s = await Server.new(h, "insights-same-start")
    # A start of three long words (the gap's key keeps 16), endings unlike enough that the two
    # stay two gaps.
    start = "qqzxwwvkjjxqzzkvxxqjvvzqkkxw qqjvqqzxwwvkjjxqzzkvxxqjvvzq kkxwqqjvqqzxwwvkjjxqzzkvxxqj"
    first = f"{start} " + " ".join(f"mmbr{n} ttpl{n} hhgf{n} ddsa{n}" for n in range(4))
    second = f"{start} " + " ".join(f"ppou{n} yytr{n} nnbv{n} ccxz{n}" for n in range(4))
    assert len(first) <= 200 and len(second) <= 200
    await s.slash("advice", {"query": first}, s.camper)
    for _ in range(2):
        await s.slash("advice", {"query": second}, s.camper)
    message = await final(await s.slash("insights gaps", {}, s.mod))
    assert labels(message) == ["1. 답변 쓰기", "2. 답변 쓰기"]
    for label, question in (("1. 답변 쓰기", second), ("2. 답변 쓰기", first)):  # most asked first
        written = await h.emu.click(message, label=label, user=s.mod)
        assert written.modal is not None
        title = next(f for f in written.modal.fields if f["custom_id"] == "title")
        assert title["value"] == question


async def test_entry_shows_views_shares_and_the_queries_that_led_there(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "insights-entry")
    res = await s.slash("advice", {"query": "포트폴리오"}, s.camper)
    top = res.embeds[0]["footer"]["text"].split(" ")[1]
    await h.emu.click(res, label="채널에 공유", user=s.camper)
    shown = await s.slash("insights entry", {"entry": top}, s.mod)
    [embed] = shown.embeds
    values = {f["name"]: f["value"] for f in embed["fields"]}
    assert (values["조회"], values["공유"], values["토론"]) == ("1", "1", "0")
    assert values["이 조언으로 이어진 질문"] == "1. 포트폴리오 · 1회"
    unknown = await s.slash("insights entry", {"entry": "no-such-entry"}, s.mod)
    assert unknown.content.startswith("`no-such-entry` 항목을 찾지 못했어요")
    # Its whole title typed (or copied) and sent without picking it, as /entry and /discuss
    # take it: this said the entry was not found.
    entry = await h.services.entries.get(top)
    assert entry is not None and entry.title_en
    for typed in (entry.title, f" {entry.title_en.upper()} ", top.upper()):
        by_title = await final(await s.slash("insights entry", {"entry": typed}, s.mod))
        [embed] = by_title["embeds"]
        assert embed["title"].startswith(entry.title), typed
        assert {f["name"]: f["value"] for f in embed["fields"]}["조회"] == "1"


async def test_a_retired_entrys_numbers_stay_readable_and_say_it_is_retired(
    harness: Harness,
) -> None:
    """QA: /insights entry answered `not found` for an entry the server had retired, so its
    moderators lost what it had done. Other servers still see the entry live."""
    h = harness
    s = await Server.new(h, "insights-retired")
    other = await Server.new(h, "insights-retired-other")
    entry_id = "portfolio-few-and-deep"
    await s.slash("entry", {"id": entry_id}, s.camper)
    await final(await s.slash("content retire", {"entry": entry_id, "reason": "낡음"}, s.mod))
    entry = await h.services.entries.get(entry_id)
    assert entry is not None

    shown = await final(await s.slash("insights entry", {"entry": entry_id}, s.mod))
    [embed] = shown["embeds"]
    assert embed["title"].startswith(entry.title)
    assert embed["description"].startswith("🗄️ 내려진 조언이에요: 캠퍼는 더 이상 찾을 수 없어요.")
    assert {f["name"]: f["value"] for f in embed["fields"]}["조회"] == "1"
    choices = await h.emu.autocomplete(
        "insights entry", {"entry": "포트폴리오"}, focused="entry", user=s.mod, channel=s.channel
    )
    assert {"name": f"🗄️ (내려짐) {entry.title}", "value": entry_id} in choices
    english = await final(
        await h.emu.slash(
            "insights entry", {"entry": entry_id}, user=s.mod, channel=s.channel, locale="en-US"
        )
    )
    assert english["embeds"][0]["description"].startswith("🗄️ This entry is retired")

    live = await final(await other.slash("insights entry", {"entry": entry_id}, other.mod))
    assert "description" not in live["embeds"][0] or not live["embeds"][0]["description"]
    choices = await h.emu.autocomplete(
        "insights entry", {"entry": "포트폴리오"}, focused="entry", user=other.mod,
        channel=other.channel,
    )  # fmt: skip
    assert not any(c["name"].startswith("🗄️") for c in choices)
    asked = await h.emu.autocomplete(
        "insights entry", {"entry": "포트폴리오"}, focused="entry", user=s.camper,
        channel=s.channel,
    )  # fmt: skip
    assert asked == []  # a camper is offered nothing, retired or not


async def test_forget_asks_first_and_erases_only_this_server(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "insights-forget")
    other = await Server.new(h, "insights-keep")
    await s.slash("advice", {"query": "코테"}, s.camper)
    await other.slash("advice", {"query": "코테"}, other.camper)
    asked = await s.slash("insights forget", {}, s.mod)
    assert asked.content.startswith("⚠️ 이 서버의 질문 기록을 모두 지울까요?")
    await h.emu.click(asked, label="취소", user=s.mod)
    assert asked.content == "지우지 않았어요." and (await overview(h, s.guild)).lookups == 1
    asked = await s.slash("insights forget", {}, s.mod)
    erase = await h.emu.click(asked, label="모두 지우기", user=s.mod)
    await erase.wait_final()  # acknowledged first (the erase may wait for the writer)
    assert asked.content == "질문 기록 1건을 지웠어요."
    assert (await overview(h, s.guild)).lookups == 0
    assert (await overview(h, other.guild)).lookups == 1


async def test_campers_are_refused_and_never_shown_the_command(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "insights-refused")
    [command] = [c for c in h.emu.synced_commands() if c["name"] == "insights"]
    assert int(command["default_member_permissions"]) == Perm.MANAGE_GUILD
    with pytest.raises(EmulatorError):
        await s.slash("insights overview", {}, s.camper)
    for sub, refusal in (
        ("overview", NOT_EDITOR), ("gaps", NOT_EDITOR), ("forget", NO_PERMISSION),
    ):  # fmt: skip
        res = await h.emu.slash(
            f"insights {sub}", {}, user=s.camper, channel=s.channel, check_permissions=False
        )
        assert res.ephemeral and res.content == refusal, sub


async def test_english_moderators_get_english(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "insights-en")
    await s.slash("advice", {"query": "zzqqxx"}, s.camper)
    res = await h.emu.slash("insights gaps", {}, user=s.mod, channel=s.channel, locale="en-US")
    message = await final(res)
    assert message["embeds"][0]["title"] == "Unanswered queries · last 7 days"
    assert labels(message) == ["1. Write an answer"]


async def test_the_content_editor_role_reads_insights_but_cannot_erase_them(
    harness: Harness,
) -> None:
    h = harness
    s = await Server.new(h, "insights-editor")
    role = h.emu.add_role(s.guild, "editors")
    editor = h.emu.add_member(s.guild, "insights-editor-member", roles=[role], locale="ko")
    await h.services.content.set_editor_role(s.guild.id, role.id)
    await s.slash("advice", {"query": "zzqqxx"}, s.camper)
    read = await h.emu.slash(
        "insights gaps", {}, user=editor, channel=s.channel, check_permissions=False
    )
    assert (await final(read))["embeds"][0]["fields"][0]["name"] == "1. **zzqqxx** · 1회"
    erase = await h.emu.slash(
        "insights forget", {}, user=editor, channel=s.channel, check_permissions=False
    )
    assert erase.content == NO_PERMISSION
    assert (await overview(h, s.guild)).lookups == 1


async def test_a_stuck_or_failing_log_never_delays_or_breaks_an_answer(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Recording is off the reply path: with the database write hanging, then failing, campers
    get their answers as usual and the failure is only logged."""
    h = harness
    s = await Server.new(h, "insights-stuck")
    recorder = h.services.insights.recorder
    sink = recorder._sink  # type: ignore[attr-defined]
    entered, release = asyncio.Event(), asyncio.Event()
    original = sink.write

    async def stuck(*args: Any) -> None:
        entered.set()
        await release.wait()
        raise sqlite3.OperationalError("database is locked")

    sink.write = stuck
    try:
        recorder.lookup(s.guild.id, "advice", "먼저", outcome="none")
        writer = asyncio.create_task(recorder.flush())
        await entered.wait()  # the writer is stuck inside a write, holding its turn
        for query in ("대학원", "포트폴리오"):
            res = await asyncio.wait_for(s.slash("advice", {"query": query}, s.camper), 5)
            assert res.embeds and res.embeds[0]["title"]
        assert recorder.pending >= 2  # queued behind the stuck write
        release.set()
        await writer
        await recorder.flush()
    finally:
        sink.write = original
    assert "insights: could not record" in caplog.text


async def test_a_question_with_only_weak_matches_is_a_gap_and_not_answered(
    harness: Harness,
) -> None:
    """/advice shows the closest entries but no answer: the gap is not "answered" by them."""
    h = harness
    s = await Server.new(h, "insights-weak")
    res = await s.slash("advice", {"query": "주식 투자 어떻게"}, s.camper)
    assert not res.embeds  # no answer, the closest entries as buttons
    message = await final(await s.slash("insights gaps", {}, s.mod))
    [field] = message["embeds"][0]["fields"]
    assert field["name"] == "1. **주식 투자 어떻게** · 1회"
    assert "✅" not in field["value"]


async def test_entries_are_named_in_english_for_english_moderators_and_servers(
    harness: Harness,
) -> None:
    """/insights named the entries by their Korean title for an English-speaking moderator (the
    overview's top entries, /insights entry's title and its autocomplete), and so did the weekly
    digest an English-speaking server reads in its channel."""
    h = harness
    s = await Server.new(h, "insights-titles")
    entry = await h.services.entries.get("portfolio-few-and-deep")
    assert entry is not None and entry.title_en
    await s.slash("entry", {"id": entry.id}, s.camper)

    en = {"user": s.mod, "channel": s.channel, "locale": "en-US"}
    seen = await final(await h.emu.slash("insights overview", {}, **en))
    top = {f["name"]: f["value"] for f in seen["embeds"][0]["fields"]}["Top entries"]
    assert top == f"1. {entry.title_en} · 1"
    choices = await h.emu.autocomplete(
        "insights entry", {"entry": "portfolio"}, focused="entry", **en
    )
    assert {"name": entry.title_en, "value": entry.id} in choices
    one = await final(await h.emu.slash("insights entry", {"entry": entry.id}, **en))
    assert one["embeds"][0]["title"].startswith(entry.title_en)
    korean = await final(await h.emu.slash("insights overview", {}, user=s.mod, channel=s.channel))
    assert entry.title in str(korean["embeds"][0]["fields"])

    english = h.emu.add_guild("insights-titles-en", locale="en-US")
    await eventually(lambda: h.bot.get_guild(english.id))
    service = h.services.insights
    overview = await service.overview(s.guild.id, await service.period(s.guild.id, 7))
    cog = h.bot.get_cog("InsightsCog")
    assert cog is not None
    posted = await cog.poster.post(english.id, english.system_channel_id, "dgtest", overview)  # type: ignore[attr-defined]
    (message,) = [
        m for m in h.emu.channel_messages(english.system_channel_id) if m["id"] == str(posted)
    ]
    assert entry.title_en in str(message["embeds"][0]["fields"])


async def test_with_recording_off_insights_say_so(tmp_path: Path) -> None:
    """SUNBAE_INSIGHTS=off: /insights said 'no lookups recorded in the last 7 days' while
    campers were asking all along, as if nobody used the bot."""
    async with start_harness(bot_settings(tmp_path / "off.db", insights=False)) as h:
        s = await Server.new(h, "insights-off")
        await s.slash("advice", {"query": "zzqqxx"}, s.camper)
        for command, options in (
            ("insights overview", {}),
            ("insights gaps", {}),
            ("insights entry", {"entry": "portfolio-few-and-deep"}),
        ):
            message = await final(await s.slash(command, options, s.mod))
            said = message["embeds"][0].get("description") or ""
            assert said.startswith("⚠️ 이 봇은 질문을 기록하지 않아요 (`SUNBAE_INSIGHTS=off`)"), (
                command
            )
        english = await final(
            await h.emu.slash(
                "insights overview", {}, user=s.mod, channel=s.channel, locale="en-US"
            )
        )
        assert english["embeds"][0]["description"].startswith(
            "⚠️ This bot does not record lookups (`SUNBAE_INSIGHTS=off`)"
        )
