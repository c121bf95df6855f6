"""/cohort, /discuss and the Discuss button through the emulator with the real bot: what
moderators and campers see, in servers that never see each other's cohorts."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import iso
from bot.cohorts.names import units
from bot.cohorts.port import Starter, ThreadRequest
from bot.content import Actor
from bot.emulator import BOT_DEFAULT, Channel, DiscordEmulator, Guild, Member, Perm
from bot.emulator.results import InteractionResult
from bot.models import EntryDraft, Kind
from bot.models.cohorts import Subject
from bot.models.content import EntryInput
from bot.sandbox.harness import Harness
from cogs.cohorts.threads import DiscordThreads
from cogs.tips.poster import DiscordTipPoster
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_messages import buttons, check_embed_limits, fields, selects
from tests.helpers_store import store_drafts
from tests.helpers_tips import ManualClock, tip_scheduler

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

ENTRY = "portfolio-few-and-deep"
THREAD_LINK = re.compile(r"<#(\d+)>")
NO_PERMISSION = "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요."


class Server:
    """A fresh server a human owns (so the bot's permissions bind): #general, #ai-lab-3, a
    moderator (Manage Server) and a camper."""

    def __init__(self, h: Harness, guild: Guild) -> None:
        self.h, self.guild = h, guild
        self.general = h.emu.state.channels[guild.system_channel_id or 0]
        self.lab = h.emu.add_text_channel(guild, "ai-lab-3")
        self.mod = h.emu.add_member(
            guild, f"{guild.name}-mod", permissions=Perm.MANAGE_GUILD, locale="ko"
        )
        self.camper = h.emu.add_member(guild, f"{guild.name}-camper", locale="ko")

    @classmethod
    async def new(cls, h: Harness, name: str) -> Server:
        server = cls(h, h.emu.add_guild(name, locale="ko", owner=f"{name}-owner"))
        await eventually(
            lambda: h.bot.get_guild(server.guild.id) and h.bot.get_channel(server.lab.id)
        )
        return server

    async def as_mod(self, command: str, options: dict[str, Any], **kw: Any) -> InteractionResult:
        kw.setdefault("channel", self.general)
        return await self.h.emu.slash(command, options, user=self.mod, **kw)

    async def create(
        self, name: str = "AI Lab 3기", channel: Channel | None = None, **opts: Any
    ) -> int:
        res = await self.as_mod(
            "cohort create", {"name": name, "channel": channel or self.lab, **opts}
        )
        assert "기수를 만들었어요" in res.content, res.content
        cohort = await self.h.services.cohorts.find(self.guild.id, name)
        return cohort.id

    async def discuss(
        self,
        entry: str = ENTRY,
        *,
        user: Member | None = None,
        channel: Channel | None = None,
        **opts: Any,
    ) -> dict[str, Any]:
        res = await self.h.emu.slash(
            "discuss",
            {"entry": entry, **opts},
            user=user or self.camper,
            channel=channel or self.general,
        )
        message = await res.wait_final()
        assert message is not None
        return message


def thread_of(message: dict[str, Any]) -> int:
    found = THREAD_LINK.findall(message["content"])
    assert found, message["content"]
    return int(found[-1])


# -- cohorts ------------------------------------------------------------------------------------


async def test_create_then_discuss_opens_one_thread_and_links_it(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "basic")
    created = await s.as_mod("cohort create", {"name": "AI Lab 3기", "channel": s.lab})
    assert created.ephemeral
    assert created.content == f"**AI Lab 3기** 기수를 만들었어요. 토론은 <#{s.lab.id}>에서 열려요."

    first = await s.discuss()
    thread_id = thread_of(first)
    assert first["content"].startswith("💬 **AI Lab 3기** 토론 스레드를 열었어요")
    thread = h.emu.thread(thread_id)
    assert thread is not None and thread.parent_id == s.lab.id
    entry = await h.services.entries.get(ENTRY)
    assert entry is not None
    assert thread.name == f"[3기] {entry.title}"
    assert thread.auto_archive_duration == 10080
    starter = h.emu.starter_message(thread)
    assert starter is not None
    assert starter["embeds"][0]["title"] == entry.title
    assert fields(starter["embeds"][0])["전체 보기"] == "`/entry id:portfolio-few-and-deep`"
    assert starter["content"].startswith("**AI Lab 3기** 여러분")
    # The body cites another entry by id; the starter names it by title, as /advice does.
    cited = await h.services.entries.get("show-results-not-activities")
    assert cited is not None
    assert f"「{cited.title}」" in starter["embeds"][0]["description"]
    assert "show-results-not-activities" not in starter["embeds"][0]["description"]
    [sent] = [c for c in h.emu.calls if c.path == f"/channels/{s.lab.id}/messages"]
    assert sent.json["allowed_mentions"] == {"parse": []}  # pings nobody

    again = await s.discuss(user=s.mod)
    assert thread_of(again) == thread_id
    assert again["content"].startswith("💬 이미 **AI Lab 3기** 토론 스레드가 있어요")
    assert len(h.emu.threads(s.lab)) == 1


async def test_moderator_commands_are_refused_to_campers(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "refusals")
    for command, options in (
        ("cohort create", {"name": "X", "channel": s.lab}),
        ("cohort edit", {"cohort": "X", "name": "Y"}),
        ("cohort archive", {"cohort": "X"}),
        ("cohort unarchive", {"cohort": "X"}),
    ):
        res = await h.emu.slash(command, options, user=s.camper, channel=s.general)
        assert res.ephemeral and res.content == NO_PERMISSION, command
    assert await h.services.cohorts.all(s.guild.id) == []


async def test_create_refuses_bad_names_dates_and_channels(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "create-checks")
    await s.create("AI Lab 3기")
    taken = await s.as_mod("cohort create", {"name": "ai lab 3 기", "channel": s.lab})
    assert taken.content.startswith("이 서버에 이미 **ai lab 3 기** 기수가 있어요")
    # What shows as nothing does not make a name: a zero-width space made a second "AI Lab
    # 3기" that looked the same, a Hangul filler a cohort with no visible name.
    twin = await s.as_mod("cohort create", {"name": "AI Lab 3기\u200b", "channel": s.lab})
    assert twin.content.startswith("이 서버에 이미 **AI Lab 3기")
    for invisible in ("\u3164", "\u200b\u200b"):
        blank = await s.as_mod("cohort create", {"name": invisible, "channel": s.lab})
        assert blank.content == "기수 이름을 적어 주세요."
    long = await s.as_mod("cohort create", {"name": "가" * 51, "channel": s.lab})
    assert long.content == "기수 이름은 50자까지예요 (지금 51자)."
    dates = await s.as_mod(
        "cohort create",
        {"name": "B", "channel": s.lab, "starts": "2026-03-01", "ends": "2026-01-01"},
    )
    assert dates.content == "종료일(2026-01-01)이 시작일(2026-03-01)보다 빨라요."
    typo = await s.as_mod("cohort create", {"name": "B", "channel": s.lab, "starts": "3월"})
    assert typo.content.startswith("날짜는 YYYY-MM-DD로 적어 주세요")
    closed = h.emu.add_text_channel(s.guild, "no-threads")
    h.emu.set_permissions(
        closed, h.emu.bot_member(s.guild), deny=Perm.CREATE_PUBLIC_THREADS | Perm.EMBED_LINKS
    )
    await eventually(lambda: not (ch := h.bot.get_channel(closed.id)) or ch.overwrites)  # type: ignore[union-attr]
    refused = await s.as_mod("cohort create", {"name": "C", "channel": closed})
    assert refused.content.startswith(f"⚠️ 봇이 <#{closed.id}> 채널에서 토론을 열 수 없어요.")
    assert "빠진 권한: 링크 첨부, 공개 스레드 만들기." in refused.content
    forum = h.emu.add_forum_channel(s.guild, "closed-forum")
    h.emu.set_permissions(forum, h.emu.bot_member(s.guild), deny=Perm.SEND_MESSAGES_IN_THREADS)
    await eventually(lambda: (ch := h.bot.get_channel(forum.id)) and ch.overwrites)  # type: ignore[union-attr]
    refused = await s.as_mod("cohort create", {"name": "C", "channel": forum})
    assert "빠진 권한: 스레드에서 메시지 보내기." in refused.content
    assert [c.name for c in await h.services.cohorts.all(s.guild.id)] == ["AI Lab 3기"]


async def test_edit_archive_list_and_info(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "lifecycle")
    role = h.emu.add_role(s.guild, "AI Lab 3기")
    await h.emu.give_role(s.camper, role)
    await s.create("AI Lab 3기", role=role, starts="2026-03-02", ends="2026-08-28")
    four = await s.create("AI Lab 4기")
    await s.discuss()
    edited = await s.as_mod("cohort edit", {"cohort": str(four), "name": "AI Lab 4기 (가을)"})
    assert edited.content == "**AI Lab 4기 (가을)** 기수를 고쳤어요."
    nothing = await s.as_mod("cohort edit", {"cohort": str(four)})
    assert nothing.content == "바꿀 항목을 하나 이상 골라 주세요."
    archived = await s.as_mod("cohort archive", {"cohort": "AI Lab 4기 (가을)"})
    assert archived.content.startswith("**AI Lab 4기 (가을)** 기수를 보관했어요")
    again = await s.as_mod("cohort archive", {"cohort": str(four)})
    assert again.content == "**AI Lab 4기 (가을)** 기수는 이미 보관되어 있어요."

    listed = await h.emu.slash("cohort list", {}, user=s.camper, channel=s.general)
    shown = fields(listed.embeds[0])
    assert shown["진행 중"] == f"**AI Lab 3기** · <#{s.lab.id}> · 👥 1 · 💬 열린 토론 1"
    assert (
        shown["수료 (보관됨)"] == f"**AI Lab 4기 (가을)** · <#{s.lab.id}> · 👥 — · 💬 열린 토론 0"
    )
    assert list(shown) == ["진행 중", "수료 (보관됨)"]  # active first

    info = await h.emu.slash(
        "cohort info", {"cohort": "ai lab 3기"}, user=s.camper, channel=s.general
    )
    card = fields(info.embeds[0])
    assert info.embeds[0]["title"] == "AI Lab 3기"
    assert card["역할"] == f"<@&{role.id}>"
    assert card["기간"] == "2026-03-02 ~ 2026-08-28"
    assert card["토론 스레드"].startswith("<#") and "포트폴리오는" in card["토론 스레드"]
    threads = await h.emu.slash(
        "cohort threads", {"cohort": "AI Lab 3기"}, user=s.camper, channel=s.general
    )
    assert threads.embeds[0]["description"] == card["토론 스레드"]

    refused = await s.discuss(cohort=str(four))
    assert (
        refused["content"] == "**AI Lab 4기 (가을)** 기수는 보관(수료)되어 새 토론을 열 수 없어요."
    )
    back = await s.as_mod("cohort unarchive", {"cohort": str(four)})
    assert back.content == "**AI Lab 4기 (가을)** 기수를 다시 활성화했어요."


async def test_a_server_with_many_cohorts_lists_them_all_and_the_menu_says_what_it_leaves_out(
    harness: Harness,
) -> None:
    # One field of 1024 characters held the whole active list: /cohort list cut it off after a
    # dozen or so cohorts, and the /discuss menu (25 options) dropped the rest without a word.
    h = harness
    s = await Server.new(h, "many-cohorts")
    names = [f"AI Lab {n}기 " + "가" * 38 for n in range(1, 31)]  # 50 characters, the longest
    for name in names:
        await s.create(name)
    listed = await h.emu.slash("cohort list", {}, user=s.camper, channel=s.general)
    check_embed_limits(listed.embeds[0])
    shown = "\n".join(f["value"] for f in listed.embeds[0]["fields"])
    assert all(f"**{name}** · <#{s.lab.id}>" in shown for name in names)
    assert listed.embeds[0]["fields"][0]["name"] == "진행 중"

    menu = await h.emu.slash(
        "discuss", {"entry": "blog-as-portfolio"}, user=s.camper, channel=s.general
    )
    assert menu.content.splitlines() == [
        "어느 기수에서 토론할까요?",
        "메뉴에는 30개 중 25개만 있어요. 다른 기수는 `/discuss`의 `cohort`에 이름을 적어 주세요.",
    ]
    (select,) = selects(menu.message)
    assert len(select["options"]) == 25

    # Past what one embed holds (6000 characters), the list says how many it leaves out.
    for n in range(31, 71):
        await s.create(f"AI Lab {n}기 " + "가" * 38)
    listed = await h.emu.slash("cohort list", {}, user=s.camper, channel=s.general)
    check_embed_limits(listed.embeds[0])
    values = [f["value"] for f in listed.embeds[0]["fields"]]
    lines = "\n".join(values).splitlines()
    assert lines[-1] == f"… 외 {70 - (len(lines) - 1)}개: `/cohort info`에서 이름으로 찾아보세요."
    assert len(lines) - 1 >= 40


async def test_cohorts_numbered_past_nine_sort_by_number_in_the_list_autocomplete_and_menu(
    harness: Harness,
) -> None:
    # A plain string sort put 10기 before 2기 everywhere cohorts were listed.
    h = harness
    s = await Server.new(h, "numbered")
    for n in (10, 2, 1, 11, 9):
        await s.create(f"AI Lab {n}기")
    await s.create("AI Lab 3기")
    archived = await s.as_mod("cohort archive", {"cohort": "AI Lab 3기"})
    assert archived.content, archived
    in_order = ["AI Lab 1기", "AI Lab 2기", "AI Lab 9기", "AI Lab 10기", "AI Lab 11기"]

    listed = await h.emu.slash("cohort list", {}, user=s.camper, channel=s.general)
    shown = "\n".join(f["value"] for f in listed.embeds[0]["fields"])
    assert re.findall(r"\*\*(AI Lab \d+기)\*\*", shown) == [*in_order, "AI Lab 3기"]

    choices = await h.emu.autocomplete(
        "cohort info", {"cohort": "ai"}, focused="cohort", user=s.camper, channel=s.general
    )
    assert [c["name"] for c in choices] == [*in_order, "AI Lab 3기"]

    menu = await h.emu.slash(
        "discuss", {"entry": "blog-as-portfolio"}, user=s.camper, channel=s.general
    )
    (select,) = selects(menu.message)
    assert [o["label"] for o in select["options"]] == in_order


async def test_two_servers_never_see_each_others_cohorts(harness: Harness) -> None:
    h = harness
    a, b = await Server.new(h, "seoul"), await Server.new(h, "busan")
    mine = await a.create("AI Lab 3기")
    await b.create("부스트캠프 7기")
    a_choices = await h.emu.autocomplete(
        "cohort info", {"cohort": ""}, focused="cohort", user=a.camper, channel=a.general
    )
    assert [c["name"] for c in a_choices] == ["AI Lab 3기"]
    b_list = await h.emu.slash("cohort list", {}, user=b.camper, channel=b.general)
    assert "AI Lab" not in str(b_list.embeds)
    stolen = await b.discuss(cohort=str(mine))
    assert stolen["content"] == f"**{mine}** 기수를 찾지 못했어요. 목록에서 골라 주세요."
    assert h.emu.threads(b.lab) == []
    opened = await b.discuss()  # b's only cohort
    assert h.emu.thread(thread_of(opened)).parent_id == b.lab.id  # type: ignore[union-attr]
    assert h.emu.threads(a.lab) == []


async def test_discuss_offers_only_what_the_server_sees_named_in_the_members_language(
    harness: Harness,
) -> None:
    """/discuss's entry autocomplete searched the shared entries as no server sees them: it never
    offered a server's own advice, offered an entry the server had retired (then refused as
    not found), and named entries in Korean to an English member."""
    h = harness
    a, b = await Server.new(h, "discuss-own"), await Server.new(h, "discuss-other")
    actor = Actor(str(a.mod.id), "mod")
    own = await h.services.content.add(
        a.guild.id,
        EntryInput(title="우리 서버만의 블로그 꿀팁", body="블로그는 매주 쓰세요."),
        actor,
    )
    await h.services.content.retire(b.guild.id, "blog-as-portfolio", actor)

    async def offered(server: Server, typed: str, member: Member | None = None) -> list[str]:
        choices = await h.emu.autocomplete(
            "discuss", {"entry": typed}, focused="entry",
            user=member or server.camper, channel=server.general,
        )  # fmt: skip
        return [c["value"] for c in choices]

    assert own.id in await offered(a, "블로그")
    assert "blog-as-portfolio" in await offered(a, "블로그")
    seen_by_b = await offered(b, "블로그")
    assert own.id not in seen_by_b and "blog-as-portfolio" not in seen_by_b
    assert "tech-blog-worth-it" in seen_by_b

    english = h.emu.add_member(b.guild, "discuss-en", locale="en-US")
    entry = await h.services.entries.get("tech-blog-worth-it")
    assert entry is not None and entry.title_en
    choices = await h.emu.autocomplete(
        "discuss", {"entry": "blog"}, focused="entry", user=english, channel=b.general
    )
    assert {"name": entry.title_en, "value": entry.id} in choices


async def test_a_deleted_discussion_channel_is_reported_to_moderators_until_replaced(
    harness: Harness,
) -> None:
    """A cohort's channel deleted in Discord: /cohort info went on showing it as the discussion
    channel (a dead link) with nothing for moderators to act on, even after a camper's /discuss
    failed on it; only the camper was told, and only by trying."""
    h = harness
    s = await Server.new(h, "channel-gone")
    cohort = await s.create("AI Lab 3기")
    await h.emu.delete_channel(s.lab)
    await eventually(lambda: h.bot.get_channel(s.lab.id) is None)

    async def problem() -> str | None:
        info = await s.as_mod("cohort info", {"cohort": str(cohort)})
        return fields(info.embeds[0]).get("⚠️ 지난번 문제")

    told = await eventually(problem)
    assert told is not None and f"<#{s.lab.id}> 채널이 삭제됐어요" in told
    assert "/cohort edit" in told
    camper_info = await h.emu.slash(
        "cohort info", {"cohort": str(cohort)}, user=s.camper, channel=s.general
    )
    assert "⚠️ 지난번 문제" not in fields(camper_info.embeds[0])
    refused = await s.discuss()
    assert refused["content"].startswith("이 기수의 토론 채널이 없어졌어요.")
    assert f"<#{s.lab.id}> 채널이 삭제됐어요" in (await problem() or "")

    new_lab = h.emu.add_text_channel(s.guild, "ai-lab-3-new")
    await eventually(lambda: h.bot.get_channel(new_lab.id))
    await s.as_mod("cohort edit", {"cohort": str(cohort), "channel": new_lab})
    assert await problem() is None
    opened = await s.discuss()
    assert h.emu.thread(thread_of(opened)).parent_id == new_lab.id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("locale", "said", "heading"),
    [("ko", "⚠️ 토론 채널 삭제됨", "진행 중"), ("en-US", "⚠️ discussion channel deleted", "Active")],
)
async def test_the_cohort_list_says_a_deleted_discussion_channel_was_deleted(
    harness: Harness, locale: str, said: str, heading: str
) -> None:
    """/cohort list linked a deleted discussion channel (<#id>, a dead link) as if all were well."""
    h = harness
    s = await Server.new(h, f"list-channel-gone-{locale}")
    await s.create("AI Lab 3기")
    await h.emu.delete_channel(s.lab)
    await eventually(lambda: h.bot.get_channel(s.lab.id) is None)
    listed = await h.emu.slash("cohort list", {}, user=s.camper, channel=s.general, locale=locale)
    line = fields(listed.embeds[0])[heading]
    assert line.startswith(f"**AI Lab 3기** · {said} · 👥") and f"<#{s.lab.id}>" not in line


async def test_cohort_threads_name_entries_in_the_members_language(harness: Harness) -> None:
    # /cohort threads and /cohort info listed an English member's threads by Korean titles.
    h = harness
    s = await Server.new(h, "threads-english")
    cohort = await s.create("AI Lab 3기")
    thread = thread_of(await s.discuss())
    entry = await h.services.entries.get(ENTRY)
    assert entry is not None and entry.title_en
    english = h.emu.add_member(s.guild, "threads-english-member", locale="en-US")
    for command in ("cohort threads", "cohort info"):
        shown = await h.emu.slash(command, {"cohort": str(cohort)}, user=english, channel=s.general)
        assert f"<#{thread}> · {entry.title_en}" in str(shown.embeds[0]), command
        korean = await h.emu.slash(
            command, {"cohort": str(cohort)}, user=s.camper, channel=s.general
        )
        assert f"<#{thread}> · {entry.title}" in str(korean.embeds[0]), command


async def test_a_thread_about_an_entry_retired_since_keeps_its_title(harness: Harness) -> None:
    # The list showed the entry's id (portfolio-few-and-deep) once the server retired it.
    h = harness
    s = await Server.new(h, "threads-retired")
    cohort = await s.create("AI Lab 3기")
    thread = thread_of(await s.discuss())
    entry = await h.services.entries.get(ENTRY)
    assert entry is not None and entry.title_en
    retired = await s.as_mod("content retire", {"entry": ENTRY})
    await retired.wait_final()
    english = h.emu.add_member(s.guild, "threads-retired-member", locale="en-US")
    for command in ("cohort threads", "cohort info"):
        korean = await h.emu.slash(
            command, {"cohort": str(cohort)}, user=s.camper, channel=s.general
        )
        assert f"<#{thread}> · {entry.title}" in str(korean.embeds[0]), command
        shown = await h.emu.slash(command, {"cohort": str(cohort)}, user=english, channel=s.general)
        assert f"<#{thread}> · {entry.title_en}" in str(shown.embeds[0]), command


async def test_discuss_opens_the_entry_whose_whole_title_was_typed(harness: Harness) -> None:
    # Sent without picking it in the autocomplete, a title said "There is no advice `…`".
    h = harness
    s = await Server.new(h, "discuss-typed")
    await s.create()
    entry = await h.services.entries.get(ENTRY)
    assert entry is not None
    opened = await s.discuss(f"「{entry.title}」")
    again = await s.discuss(ENTRY.upper())
    assert thread_of(again) == thread_of(opened)
    assert "이미" in again["content"]


# -- which cohort -------------------------------------------------------------------------------


async def test_cohort_from_the_channel_the_role_or_a_menu(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "picking")
    other = h.emu.add_text_channel(s.guild, "ai-lab-4")
    role = h.emu.add_role(s.guild, "4기")
    await eventually(lambda: h.bot.get_channel(other.id))
    await s.create("AI Lab 3기")
    await s.create("AI Lab 4기", channel=other, role=role)
    in_channel = await s.discuss(channel=other)
    assert h.emu.thread(thread_of(in_channel)).parent_id == other.id  # type: ignore[union-attr]
    # From inside one of its threads: the thread's channel names the cohort, no menu.
    inside = h.emu.thread(thread_of(in_channel))
    from_thread = await s.discuss("blog-as-portfolio", channel=inside)
    assert h.emu.thread(thread_of(from_thread)).parent_id == other.id  # type: ignore[union-attr]

    menu = await h.emu.slash(
        "discuss", {"entry": "blog-as-portfolio"}, user=s.camper, channel=s.general
    )
    assert menu.content == "어느 기수에서 토론할까요?"
    picked = await h.emu.select(menu, [str(await _id(h, s, "AI Lab 3기"))], user=s.camper)
    done = await picked.wait_final()
    assert done is not None and "**AI Lab 3기**" in done["content"]
    assert h.emu.thread(thread_of(done)).parent_id == s.lab.id  # type: ignore[union-attr]

    await h.emu.give_role(s.camper, role)
    by_role = await s.discuss("blog-as-portfolio")
    assert h.emu.thread(thread_of(by_role)).parent_id == other.id  # type: ignore[union-attr]


async def _id(h: Harness, s: Server, name: str) -> int:
    return (await h.services.cohorts.find(s.guild.id, name)).id


# -- never duplicated, never a dead link ---------------------------------------------------------


async def test_twenty_concurrent_discuss_open_exactly_one_thread(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "crowd")
    await s.create()
    campers = [h.emu.add_member(s.guild, f"crowd-{i}", locale="ko") for i in range(20)]
    results = await asyncio.gather(
        *(h.emu.slash("discuss", {"entry": ENTRY}, user=c, channel=s.general) for c in campers)
    )
    answers = [await r.wait_final() for r in results]
    [thread] = h.emu.threads(s.lab)
    assert [thread_of(a) for a in answers if a] == [thread.id] * 20
    assert sum("열었어요" in a["content"] for a in answers if a) == 1


async def test_archived_is_reused_locked_is_closed_deleted_is_reopened(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "states")
    await s.create()
    first = thread_of(await s.discuss())
    await h.emu.archive_thread(first)
    reused = await s.discuss()
    assert thread_of(reused) == first and reused["content"].startswith("💬 보관됐던")
    assert not h.emu.thread(first).archived  # type: ignore[union-attr]

    await h.emu.lock_thread(first)
    closed = await s.discuss()
    assert closed["content"] == f"🔒 **AI Lab 3기** 토론 스레드는 관리자가 닫았어요: <#{first}>"
    assert len(h.emu.threads(s.lab)) == 1

    await h.emu.delete_channel(first)
    reopened = await s.discuss()
    assert thread_of(reopened) != first and "열었어요" in reopened["content"]
    assert [t.id for t in h.emu.threads(s.lab)] == [thread_of(reopened)]


async def test_a_thread_deleted_in_discord_leaves_the_cohort_list_at_once(
    harness: Harness,
) -> None:
    """A moderator deletes the discussion thread in Discord: /cohort list stops counting it
    as open without anyone having to click Discuss first."""
    h = harness
    s = await Server.new(h, "deleted")
    await s.create()
    thread = thread_of(await s.discuss())

    async def listed() -> str:
        res = await h.emu.slash("cohort list", {}, user=s.camper, channel=s.general)
        return str(res.embeds)

    assert "💬 열린 토론 1" in await listed()
    await h.emu.delete_channel(thread)

    async def none_open() -> bool:
        return "💬 열린 토론 0" in await listed()

    assert await eventually(none_open, every=0.1)


async def test_a_thread_already_started_on_the_message_is_adopted(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "race")
    await s.create()
    h.emu.race_thread_creation()  # another process starts it first: 160004
    adopted = await s.discuss()
    [thread] = h.emu.threads(s.lab)
    assert thread_of(adopted) == thread.id
    assert thread_of(await s.discuss()) == thread.id


async def test_max_threads_and_forbidden_are_answered_and_nothing_is_open(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "limits")
    cohort = await s.create()
    h.emu.set_thread_limit(s.guild, 0)
    full = await s.discuss()
    assert full["content"].startswith("서버의 활성 스레드가 한도에 달해 토론을 열 수 없어요.")
    assert h.emu.threads(s.lab) == []
    assert not [m for m in h.emu.channel_messages(s.lab) if m.get("embeds")]  # no dead starter
    assert (await h.services.cohorts.summaries(s.guild.id))[0].open_threads == 0
    info = await s.as_mod("cohort info", {"cohort": str(cohort)})
    assert "활성 스레드가 한도에 달해" in fields(info.embeds[0])["⚠️ 지난번 문제"]
    camper_info = await h.emu.slash(
        "cohort info", {"cohort": str(cohort)}, user=s.camper, channel=s.general
    )
    assert "⚠️ 지난번 문제" not in fields(camper_info.embeds[0])

    h.emu.set_thread_limit(s.guild, 1000)
    h.emu.set_permissions(s.lab, h.emu.bot_member(s.guild), deny=Perm.CREATE_PUBLIC_THREADS)
    forbidden = await s.discuss()
    assert (
        forbidden["content"]
        == f"봇에게 <#{s.lab.id}>에서 토론을 열 권한이 없어요. 관리자에게 알렸어요."
    )
    assert h.emu.threads(s.lab) == []
    h.emu.set_permissions(s.lab, h.emu.bot_member(s.guild))
    opened = await s.discuss()
    assert "열었어요" in opened["content"]
    assert (await h.services.cohorts.get(s.guild.id, cohort)).problem is None


async def test_restart_between_claim_and_discord_call(harness: Harness) -> None:
    """A process claimed (and maybe started the thread), then died: the next one takes over
    once the lease ran out, finds what was started, and records it: one thread, no stuck claim."""
    h = harness
    s = await Server.new(h, "crash")
    cohort = await s.create()
    store = h.services.discussions._store  # what the dead process left in the database
    past = dt.datetime.now(dt.UTC) - 2 * h.services.discussions.lease
    for entry, started in ((ENTRY, False), ("blog-as-portfolio", True)):
        claim = await store.claim(
            s.guild.id, cohort, Subject.entry(entry), channel_id=s.lab.id, nonce=f"sd-{entry[:8]}",
            user_id=s.camper.id, now=past, lease=h.services.discussions.lease,
        )  # fmt: skip
        assert claim is not None
        if started:  # it got as far as Discord before dying
            await DiscordThreads(h.bot).open(
                ThreadRequest(
                    s.guild.id,
                    s.lab.id,
                    "text",
                    f"[3기] started {entry}",
                    10080,
                    claim.nonce,
                    "AI Lab 3기",
                    Starter("entry", entry, "title", "body", ""),
                )
            )
        # The lease ran out minutes ago: Discord forgot the nonce, only the channel tells.
        remembered, h.emu.state.nonce_ttl = h.emu.state.nonce_ttl, 0.0
        try:
            answer = await s.discuss(entry)
        finally:
            h.emu.state.nonce_ttl = remembered
        assert "열었어요" in answer["content"]
        assert thread_of(await s.discuss(entry)) == thread_of(answer)
    names = sorted(t.name for t in h.emu.threads(s.lab))
    assert len(names) == 2 and "[3기] started blog-as-portfolio" in names


async def test_thread_names_at_the_limit_with_korean_and_emoji(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "long")
    await s.create("부스트캠프 AI Tech 7기")
    title = "🚀 포트폴리오는 적게, 깊게 👩‍💻 " + "커리어 " * 30 + "🇰🇷"
    await store_drafts(
        h.services.db,
        [EntryDraft(id="long-title", title=title, body="본문", kind=Kind.QA)],
        now=iso(dt.datetime.now(dt.UTC)),
    )
    opened = await s.discuss("long-title")
    thread = h.emu.thread(thread_of(opened))
    assert thread is not None
    assert units(thread.name) <= 100 and thread.name.endswith("…")
    assert thread.name.startswith("[7기] 🚀 포트폴리오는 적게, 깊게 👩‍💻 커리어")
    thread.name.encode("utf-8")  # no half of a surrogate pair


async def test_forum_post_with_matching_tags(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "forum")
    forum = h.emu.add_forum_channel(s.guild, "ai-lab-forum", tags=["잡담", "Portfolio", "면접"])
    await eventually(lambda: h.bot.get_channel(forum.id))
    await s.create("AI Lab 3기", channel=forum, **{"auto-archive": 1440})
    opened = await s.discuss()
    thread = h.emu.thread(thread_of(opened))
    assert thread is not None and thread.parent_id == forum.id
    portfolio = next(int(t["id"]) for t in forum.available_tags if t["name"] == "Portfolio")
    assert thread.applied_tags == [portfolio]
    assert thread.auto_archive_duration == 1440
    starter = h.emu.starter_message(thread)
    assert starter is not None and starter["embeds"][0]["title"].startswith("포트폴리오는")
    assert thread_of(await s.discuss()) == thread.id


async def test_a_forum_that_requires_a_tag_no_topic_names_says_so(harness: Harness) -> None:
    """A forum that requires a tag, none named like the advice's topics: Discord refuses the
    post (40067) and the camper was told 'Discord is not answering, try again in a moment',
    which never helps, with nothing for the moderators."""
    h = harness
    s = await Server.new(h, "forum-tag-required")
    forum = h.emu.add_forum_channel(
        s.guild, "ai-lab-forum", tags=["공지", "잡담"], require_tag=True
    )
    await eventually(lambda: h.bot.get_channel(forum.id))
    cohort = await s.create("AI Lab 3기", channel=forum)
    refused = await s.discuss()
    assert refused["content"] == (
        f"<#{forum.id}> 포럼은 태그를 골라야 글을 올릴 수 있는데, 이 조언의 주제와 같은 이름의"
        " 태그가 없어요. 관리자에게 알렸어요."
    )
    assert h.emu.threads(forum) == []
    info = await s.as_mod("cohort info", {"cohort": str(cohort)})
    assert "태그" in fields(info.embeds[0])["⚠️ 지난번 문제"]

    await h.emu.set_forum_tags(forum, ["공지", "포트폴리오"], require=True)
    await eventually(
        lambda: len(h.bot.get_channel(forum.id).available_tags) == 2  # type: ignore[union-attr]
    )
    opened = await s.discuss()
    assert h.emu.thread(thread_of(opened)).parent_id == forum.id  # type: ignore[union-attr]
    info = await s.as_mod("cohort info", {"cohort": str(cohort)})
    assert "⚠️ 지난번 문제" not in fields(info.embeds[0])


# -- join and leave -------------------------------------------------------------------------------


async def test_join_and_leave_with_and_without_manage_roles(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "roles")
    role = h.emu.add_role(s.guild, "AI Lab 3기")
    await eventually(lambda: h.bot.get_guild(s.guild.id).get_role(role.id))  # type: ignore[union-attr]
    cohort = await s.create(role=role)
    no_role = await s.create("AI Lab 2기")
    join = {"cohort": str(cohort)}
    refused = await h.emu.slash("cohort join", join, user=s.camper, channel=s.general)
    assert refused.content.startswith("봇에게 역할 관리(Manage Roles) 권한이 없어서")
    info = await s.as_mod("cohort info", join)
    assert "역할 관리(Manage Roles)" in fields(info.embeds[0])["⚠️ 지난번 문제"]

    await h.emu.set_bot_permissions(s.guild, BOT_DEFAULT | Perm.MANAGE_ROLES)
    await eventually(lambda: h.bot.get_guild(s.guild.id).me.guild_permissions.manage_roles)  # type: ignore[union-attr]
    joined = await h.emu.slash("cohort join", join, user=s.camper, channel=s.general)
    assert joined.content == f"**AI Lab 3기** 기수에 참여했어요. 이제 <@&{role.id}> 역할이 있어요."
    assert role.id in h.emu.state.member(s.guild.id, s.camper.id).roles  # type: ignore[union-attr]
    again = await h.emu.slash("cohort join", join, user=s.camper, channel=s.general)
    assert again.content == "이미 **AI Lab 3기** 기수 역할이 있어요."
    info = await s.as_mod("cohort info", join)
    assert "⚠️ 지난번 문제" not in fields(info.embeds[0])
    left = await h.emu.slash("cohort leave", join, user=s.camper, channel=s.general)
    assert left.content == "**AI Lab 3기** 기수 역할을 뺐어요."
    assert role.id not in h.emu.state.member(s.guild.id, s.camper.id).roles  # type: ignore[union-attr]

    await h.emu.move_role(role, h.emu.bot_role(s.guild).position + 1)
    await eventually(
        lambda: (
            h.bot.get_guild(s.guild.id).get_role(role.id) >= h.bot.get_guild(s.guild.id).me.top_role
        )  # type: ignore[union-attr,operator]
    )
    above = await h.emu.slash("cohort join", join, user=s.camper, channel=s.general)
    assert above.content.startswith("기수 역할이 봇의 역할보다 높아서")
    none = await h.emu.slash(
        "cohort join", {"cohort": str(no_role)}, user=s.camper, channel=s.general
    )
    assert none.content == "**AI Lab 2기** 기수에는 역할이 없어요."


async def test_a_graduated_cohort_cannot_be_joined_and_the_answer_names_those_that_can(
    harness: Harness,
) -> None:
    """QA: /cohort join gave an archived (graduated) cohort's role to whoever asked for it."""
    h = harness
    s = await Server.new(h, "graduated")
    await h.emu.set_bot_permissions(s.guild, BOT_DEFAULT | Perm.MANAGE_ROLES)
    old_role = h.emu.add_role(s.guild, "AI Lab 2기")
    new_role = h.emu.add_role(s.guild, "AI Lab 3기")
    await eventually(lambda: h.bot.get_guild(s.guild.id).get_role(new_role.id))  # type: ignore[union-attr]
    await eventually(lambda: h.bot.get_guild(s.guild.id).me.guild_permissions.manage_roles)  # type: ignore[union-attr]
    old = await s.create("AI Lab 2기", role=old_role)
    await s.create("AI Lab 3기", role=new_role)
    await s.create("AI Lab 4기")  # no role: nothing to join
    await s.as_mod("cohort archive", {"cohort": str(old)})

    for typed in (str(old), "ai lab 2기"):  # the autocomplete's value, or the name typed
        refused = await h.emu.slash(
            "cohort join", {"cohort": typed}, user=s.camper, channel=s.general
        )
        assert refused.ephemeral
        assert refused.content == (
            "**AI Lab 2기** 기수는 수료(보관)되어 참여할 수 없어요. 참여할 수 있는 기수:"
            " **AI Lab 3기**"
        )
    english = await h.emu.slash(
        "cohort join", {"cohort": str(old)}, user=s.camper, channel=s.general, locale="en-US"
    )
    assert english.content == (
        "**AI Lab 2기** has graduated (archived), so it cannot be joined. Cohorts you can join:"
        " **AI Lab 3기**"
    )
    assert old_role.id not in h.emu.state.member(s.guild.id, s.camper.id).roles  # type: ignore[union-attr]

    offered = await h.emu.autocomplete(
        "cohort join", {"cohort": "ai"}, focused="cohort", user=s.camper, channel=s.general
    )
    assert [c["name"] for c in offered] == ["AI Lab 3기"]
    leavable = await h.emu.autocomplete(
        "cohort leave", {"cohort": "ai"}, focused="cohort", user=s.camper, channel=s.general
    )
    assert {c["name"] for c in leavable} == {"AI Lab 2기", "AI Lab 3기", "AI Lab 4기"}

    # An alumnus still leaves the graduated cohort's role.
    await h.emu.give_role(s.camper, old_role)
    left = await h.emu.slash("cohort leave", {"cohort": str(old)}, user=s.camper, channel=s.general)
    assert left.content == "**AI Lab 2기** 기수 역할을 뺐어요."

    await s.as_mod("cohort archive", {"cohort": "AI Lab 3기"})
    none = await h.emu.slash("cohort join", {"cohort": str(old)}, user=s.camper, channel=s.general)
    assert none.content == (
        "**AI Lab 2기** 기수는 수료(보관)되어 참여할 수 없어요. 지금 참여할 수 있는 기수는 없어요."
    )


async def test_a_refused_join_names_ten_cohorts_and_counts_the_rest(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "many-joinable")
    roles = [h.emu.add_role(s.guild, f"AI Lab {n}기") for n in range(1, 14)]
    await eventually(lambda: h.bot.get_guild(s.guild.id).get_role(roles[-1].id))  # type: ignore[union-attr]
    for n, role in enumerate(roles, start=1):
        await s.create(f"AI Lab {n}기", role=role)
    await s.as_mod("cohort archive", {"cohort": "AI Lab 1기"})
    refused = await h.emu.slash(
        "cohort join", {"cohort": "AI Lab 1기"}, user=s.camper, channel=s.general
    )
    named = ", ".join(f"**AI Lab {n}기**" for n in range(2, 12))
    assert refused.content == (
        f"**AI Lab 1기** 기수는 수료(보관)되어 참여할 수 없어요. 참여할 수 있는 기수: {named} 외 2개"
    )


# -- the Discuss button -----------------------------------------------------------------------------


def discuss_button_of(message: dict[str, Any] | None) -> dict[str, Any]:
    [button] = [b for b in buttons(message) if b.get("label") == "토론하기"]
    return button


async def test_discuss_button_on_advice_and_the_daily_tip(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "buttons")
    cohort = await s.create()
    answer = await h.emu.slash("entry", {"id": ENTRY}, user=s.camper, channel=s.general)
    assert discuss_button_of(answer.message)["custom_id"] == f"sunbae:d:e:{ENTRY}:0"
    clicked = await h.emu.click(answer, label="토론하기", user=s.camper)
    first = await clicked.wait_final()
    assert first is not None and "열었어요" in first["content"]
    advice = await h.emu.slash(
        "advice", {"query": "포트폴리오", "public": True}, user=s.mod, channel=s.general
    )
    assert any(b.get("label") == "토론하기" for b in buttons(advice.message))

    # The daily tip, posted in the cohort's channel with its thread: Discuss leads there.
    seoul = dt.datetime.now(ZoneInfo("Asia/Seoul"))
    slot = (seoul + dt.timedelta(minutes=2)).strftime("%H:%M")
    await s.as_mod("tip-config set", {"channel": s.lab, "time": slot, "thread": True})
    clock = ManualClock(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=3))
    scheduler = tip_scheduler(h.services, clock=clock)
    poster = DiscordTipPoster(h.bot, cohorts=h.services.cohorts, discussions=h.services.discussions)
    [outcome] = await scheduler.tick(poster)
    assert outcome.kind == "sent"
    # Recorded at once: /cohort threads lists it before anyone clicked.
    listed = await h.emu.slash(
        "cohort threads", {"cohort": str(cohort)}, user=s.camper, channel=s.general
    )
    assert (
        f"<#{outcome.message_id}> · 오늘의 팁 {outcome.date.isoformat()}"
        in (listed.embeds[0]["description"])
    )
    tip = h.emu.message(outcome.message_id or 0)
    assert tip is not None
    button = discuss_button_of(tip)
    assert button["custom_id"] == f"sunbae:d:t:{outcome.date.isoformat()}:{cohort}"
    tip_clicked = await h.emu.click(tip, label="토론하기", user=s.camper)
    linked = await tip_clicked.wait_final()
    assert linked is not None and thread_of(linked) == outcome.message_id  # the tip's own thread
    assert "이미" in linked["content"]


async def test_the_tip_discuss_button_opens_a_new_thread_once_the_tips_own_is_deleted(
    harness: Harness,
) -> None:
    """The tip's own thread, deleted, used to be adopted again at every click: found missing,
    adopted, found missing... until the claim's lease ran out (70 s of "thinking"), then
    "someone is opening it" forever."""
    h = harness
    s = await Server.new(h, "tip-deleted")
    await s.create()
    seoul = dt.datetime.now(ZoneInfo("Asia/Seoul"))
    slot = (seoul + dt.timedelta(minutes=2)).strftime("%H:%M")
    await s.as_mod("tip-config set", {"channel": s.lab, "time": slot, "thread": True})
    clock = ManualClock(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=3))
    poster = DiscordTipPoster(h.bot, cohorts=h.services.cohorts, discussions=h.services.discussions)
    [outcome] = await tip_scheduler(h.services, clock=clock).tick(poster)
    tip = h.emu.message(outcome.message_id or 0)
    assert tip is not None
    await h.emu.delete_channel(outcome.message_id or 0)  # a moderator deletes the tip's thread

    clicked = await h.emu.click(tip, label="토론하기", user=s.camper)
    opened = await clicked.wait_final()
    assert opened is not None and "열었어요" in opened["content"], opened
    fresh = thread_of(opened)
    assert fresh != outcome.message_id and h.emu.thread(fresh) is not None
    again = await (await h.emu.click(tip, label="토론하기", user=s.mod)).wait_final()
    assert again is not None and "이미" in again["content"] and thread_of(again) == fresh
    assert [t.id for t in h.emu.threads(s.lab)] == [fresh]


async def test_discuss_button_works_after_a_restart(tmp_path: Path) -> None:
    settings = bot_settings(tmp_path / "restart.db")
    emulator = await DiscordEmulator().start()
    try:
        async with start_harness(settings, emulator=emulator) as first:
            s = await Server.new(first, "restart")
            await s.create()
            answer = await emulator.slash(
                "advice", {"query": "포트폴리오", "public": True}, user=s.camper, channel=s.general
            )
            message = answer.message
            assert message is not None and not answer.ephemeral
            click = await emulator.click(message, label="토론하기", user=s.camper)
            opened = await click.wait_final()
            assert opened is not None
        async with start_harness(settings, emulator=emulator, ingest=False):  # a new process
            clicked = await emulator.click(message, label="토론하기", user=s.camper)
            linked = await clicked.wait_final()
            assert linked is not None and thread_of(linked) == thread_of(opened)
            assert "이미" in linked["content"]
    finally:
        await emulator.stop()


async def test_a_thread_deleted_while_the_bot_was_away_is_not_listed(tmp_path: Path) -> None:
    """No event tells a bot that was down about a deleted thread: /cohort threads and info
    linked it (a dead link) until someone happened to /discuss that advice again."""
    settings = bot_settings(tmp_path / "away.db")
    emulator = await DiscordEmulator().start()
    try:
        async with start_harness(settings, emulator=emulator) as first:
            s = await Server.new(first, "away")
            cohort = str(await s.create())
            kept = thread_of(await s.discuss(ENTRY))
            gone = thread_of(await s.discuss("blog-as-portfolio"))
        await emulator.delete_channel(gone)  # while no bot is connected
        async with start_harness(settings, emulator=emulator, ingest=False):
            listed = await emulator.slash(
                "cohort threads", {"cohort": cohort}, user=s.camper, channel=s.general
            )
            shown = await listed.wait_final()
            assert shown is not None
            links = THREAD_LINK.findall(shown["embeds"][0]["description"])
            assert links == [str(kept)]
            info = await (
                await emulator.slash(
                    "cohort info", {"cohort": cohort}, user=s.camper, channel=s.general
                )
            ).wait_final()
            assert info is not None and f"<#{gone}>" not in str(info["embeds"])
            assert f"<#{kept}>" in str(info["embeds"])
    finally:
        await emulator.stop()


async def test_starters_ping_nobody_whatever_the_cohort_is_called(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "mentions")
    role = h.emu.add_role(s.guild, "campers")
    await s.create(f"@everyone <@&{role.id}> 9기")
    opened = await s.discuss()
    starter = h.emu.starter_message(thread_of(opened))
    assert starter is not None
    assert "@everyone" in starter["content"] and "\\<@&" in starter["content"]
    assert starter["mention_everyone"] is False and starter["mention_roles"] == []
    [sent] = [c for c in h.emu.calls if c.path == f"/channels/{s.lab.id}/messages"]
    assert sent.json["allowed_mentions"] == {"parse": []}


async def test_english_members_get_english_answers(harness: Harness) -> None:
    h = harness
    s = await Server.new(h, "english")
    await s.create()
    opened = await h.emu.slash(
        "discuss", {"entry": ENTRY}, user=s.camper, channel=s.general, locale="en-US"
    )
    message = await opened.wait_final()
    assert message is not None
    assert message["content"].startswith("💬 Opened the **AI Lab 3기** discussion: <#")
    # The thread is the whole channel's: a Korean server names it in Korean, whoever opened it.
    entry = await h.services.entries.get(ENTRY)
    assert entry is not None and entry.title_en
    named = h.emu.thread(thread_of(message))
    assert named is not None and named.name == f"[3기] {entry.title}"
    listed = await h.emu.slash("cohort list", {}, user=s.camper, channel=s.general, locale="en-US")
    assert fields(listed.embeds[0])["Active"].endswith("· 👥 — · 💬 1 open")
    refused = await h.emu.slash(
        "cohort archive", {"cohort": "AI Lab 3기"}, user=s.camper, channel=s.general,
        locale="en-US", check_permissions=False,
    )  # fmt: skip
    assert refused.content == "This command needs the Manage Server permission."


async def test_an_english_server_starts_discussions_under_the_english_title(
    harness: Harness,
) -> None:
    """Issue 15.3: the starter message shows title_en where the entry has one."""
    h = harness
    s = Server(h, h.emu.add_guild("english-server", locale="en-US", owner="en-owner"))
    await eventually(lambda: h.bot.get_guild(s.guild.id) and h.bot.get_channel(s.lab.id))
    await s.create()
    opened = await s.discuss()
    starter = h.emu.starter_message(thread_of(opened))
    assert starter is not None
    entry = await h.services.entries.get(ENTRY)
    assert entry is not None and entry.title_en
    assert starter["embeds"][0]["title"] == entry.title_en
    # And its thread is named from the English title, whoever opens it (a Korean member too).
    named = h.emu.thread(thread_of(opened))
    assert named is not None and named.name == f"[3기] {entry.title_en}"
