"""/content through the emulator with the real bot: editors add advice with a modal (title, body,
tip, a select of topics, aliases), edit it prefilled, meet a concurrent edit without losing
their text, retire/restore, read paged history and revert; campers are refused, the editor role
is honoured, and two servers never see each other's entries."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import zipfile
from dataclasses import replace
from typing import Any

import pytest

from bot.clock import iso
from bot.content import Actor, EntryInput
from bot.content.archive import read_archive
from bot.emulator import Guild, Member, Perm
from bot.emulator.results import InteractionResult, ModalPrompt
from bot.models import EntryDraft, Topic
from bot.sandbox.harness import Harness
from cogs.content.modal import misfit
from tests.helpers_async import eventually
from tests.helpers_messages import enabled, fields, footer, labels
from tests.helpers_store import store_drafts

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

SHARED = "portfolio-few-and-deep"  # an entry of the shipped corpus, seen by every server
NOT_EDITOR = "이 명령은 서버 관리(Manage Server) 권한이 있거나 이 서버의 편집자 역할을 가진 분만 쓸 수 있어요."
NEW = {
    "title": "코딩 테스트는 매일 한 문제씩",
    "body": "꾸준함이 실력입니다. 하루 한 문제씩 풀고, 틀린 문제는 일주일 뒤에 다시 풀어 보세요.",
    "tip": "코테는 매일 한 문제!",
    "aliases": "코테, 알고리즘 시험",
}


class Server:
    """A server a human owns: a moderator (Manage Server), an editor-role member, a camper."""

    def __init__(self, h: Harness, guild: Guild, locale: str) -> None:
        self.h, self.guild = h, guild
        self.general = h.emu.state.channels[guild.system_channel_id or 0]
        self.editors = h.emu.add_role(guild, "멘토")
        self.mod = h.emu.add_member(
            guild, f"{guild.name}-mod", permissions=Perm.MANAGE_GUILD, locale=locale,
            nick="운영진 @everyone",
        )  # fmt: skip
        self.editor = h.emu.add_member(
            guild, f"{guild.name}-editor", roles=[self.editors], locale=locale, nick="멘토 김"
        )
        self.camper = h.emu.add_member(guild, f"{guild.name}-camper", locale=locale)

    @classmethod
    async def new(cls, h: Harness, name: str, *, locale: str = "ko") -> Server:
        server = cls(h, h.emu.add_guild(name, locale=locale, owner=f"{name}-owner"), locale)
        await eventually(lambda: h.bot.get_guild(server.guild.id))
        return server

    async def run(
        self, command: str, options: dict[str, Any] | None = None, *, user: Member | None = None
    ) -> InteractionResult:
        # Editors and campers invoke it as if a server admin allowed them in Integrations: the
        # bot's own check is what is tested (default_permissions only hides the command).
        res = await self.h.emu.slash(
            command, options or {}, user=user or self.mod, channel=self.general,
            check_permissions=False,
        )  # fmt: skip
        await res.wait_final()  # changes answer "thinking" first
        return res

    async def form(
        self, command: str, options: dict[str, Any] | None = None, **kw: Any
    ) -> ModalPrompt:
        res = await self.run(command, options, **kw)
        assert res.modal is not None, res.text
        return res.modal

    async def add(self, values: dict[str, Any] | None = None, **kw: Any) -> InteractionResult:
        modal = await self.form("content add", {"kind": "tip"}, **kw)
        return await submit(self.h, modal, {**NEW, "topics": ["portfolio"], **(values or {})})

    async def advice(self, query: str) -> list[str]:
        """The ids /advice shows a camper of this server for `query`."""
        res = await self.h.emu.slash(
            "advice", {"query": query}, user=self.camper, channel=self.general
        )
        message = await res.wait_final()
        ids = [re.findall(r"id: ([\w-]+)", footer(e)) for e in (message or {}).get("embeds", [])]
        return [i for found in ids for i in found]


async def submit(h: Harness, modal: ModalPrompt, values: dict[str, Any]) -> InteractionResult:
    """Submit a form and wait for the saved reply (a save answers "thinking" first)."""
    res = await h.emu.submit_modal(modal, values)
    await res.wait_final()
    return res


def added_id(res: InteractionResult) -> str:
    found = re.search(r"`([\w-]+)`", res.content)
    assert found, res.content
    return found.group(1)


# -- add ----------------------------------------------------------------------------------------


async def test_add_opens_a_form_with_a_topic_select_and_shows_the_entry_as_campers_see_it(
    harness: Harness,
) -> None:
    a = await Server.new(harness, "add-a")
    b = await Server.new(harness, "add-b")
    modal = await a.form("content add", {"kind": "tip"})
    assert modal.title == "조언 추가"
    assert [f["custom_id"] for f in modal.fields] == ["title", "body", "tip", "topics", "aliases"]
    topics = next(f for f in modal.fields if f["custom_id"] == "topics")
    assert topics["type"] == 3 and 20 <= len(topics["options"]) <= 25
    assert "본문" in modal.text and "주제" in modal.text

    done = await submit(harness, modal, {**NEW, "topics": ["포트폴리오", "interview"]})
    assert done.ephemeral
    entry_id = added_id(done)
    assert entry_id.startswith("koding-teseuteu")
    assert done.content.startswith(f"✅ `{entry_id}` 조언을 추가했어요.")
    (embed,) = done.embeds
    assert embed["title"] == NEW["title"] and embed["description"] == NEW["body"]
    assert fields(embed)["한 줄 팁"] == NEW["tip"]
    assert "포트폴리오" in fields(embed)["주제"]

    # Found at once in its server, by title and by alias; never in the other one.
    assert entry_id in await a.advice("코딩 테스트 매일")
    assert entry_id in await a.advice("알고리즘 시험")
    assert entry_id not in await b.advice("코딩 테스트 매일")
    seen_b = await harness.emu.slash("entry", {"id": entry_id}, user=b.camper, channel=b.general)
    assert entry_id in seen_b.content and not seen_b.embeds
    choices = await harness.emu.autocomplete(
        "content edit", {"entry": "코딩"}, focused="entry", user=b.mod, channel=b.general
    )
    assert entry_id not in [c["value"] for c in choices]


async def test_campers_are_refused_editors_need_the_role_and_only_managers_name_it(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "roles")
    for command, options in [
        ("content add", {}),
        ("content edit", {"entry": SHARED}),
        ("content retire", {"entry": SHARED}),
        ("content history", {"entry": SHARED}),
        ("content revert", {"entry": SHARED, "revision": 1}),
        ("content restore", {"entry": SHARED}),
        ("content import", {"file": ("batch.md", b"# x")}),
        ("content export", {}),
        ("content pending", {}),
        ("content settings", {}),
    ]:
        res = await s.run(command, options, user=s.camper)
        assert res.content == NOT_EDITOR and res.ephemeral, command
        assert res.modal is None and not res.embeds, command
        assert not (res.message or {}).get("attachments"), command
    assert (await s.run("content add", user=s.editor)).content == NOT_EDITOR
    assert (
        await harness.emu.autocomplete(
            "content edit", {"entry": "포트"}, focused="entry", user=s.camper, channel=s.general
        )
        == []
    )
    revisions = await harness.emu.autocomplete(
        "content revert", {"entry": SHARED, "revision": ""}, focused="revision",
        user=s.camper, channel=s.general,
    )  # fmt: skip
    assert revisions == []

    named = await s.run("content editors", {"role": s.editors}, user=s.editor)
    assert (
        named.content == "편집자 역할은 서버 관리(Manage Server) 권한이 있는 분만 정할 수 있어요."
    )
    named = await s.run("content editors", {"role": s.editors})
    assert named.content.startswith(f"✅ 이제 <@&{s.editors.id}> 역할의 멤버도")
    assert named.message is not None and named.message["mentions"] == []

    assert (await s.run("content add", user=s.editor)).modal is not None
    assert (await s.run("content add", user=s.camper)).content == NOT_EDITOR
    shown = await s.run("content editors", user=s.editor)
    assert shown.content == f"편집자: 서버 관리 권한이 있는 분과 <@&{s.editors.id}> 역할의 멤버"

    # The role of one server gives nothing in another.
    other = await Server.new(harness, "roles-other")
    assert (await other.run("content add", user=other.editor)).content == NOT_EDITOR

    # The role taken away while the form is open: the save is refused, nothing is written.
    modal = await s.form("content add", {"kind": "tip"}, user=s.editor)
    await s.run("content editors", {"clear": True})
    saved = await submit(harness, modal, {**NEW, "topics": ["portfolio"]})
    assert saved.content == NOT_EDITOR and saved.ephemeral
    live = await harness.services.entries.list_live(guild_id=s.guild.id, limit=1000)
    assert NEW["title"] not in {e.title for e in live}
    assert (await s.run("content add", user=s.editor)).content == NOT_EDITOR


# -- edit ---------------------------------------------------------------------------------------


async def test_edit_prefills_the_form_and_a_shared_entry_becomes_this_servers_version(
    harness: Harness,
) -> None:
    a = await Server.new(harness, "edit-a")
    b = await Server.new(harness, "edit-b")
    shared = await harness.services.entries.get(SHARED)
    assert shared is not None
    modal = await a.form("content edit", {"entry": SHARED})
    assert modal.title == "조언 수정"
    values = {f["custom_id"]: f.get("value") for f in modal.fields}
    assert values["title"] == shared.title and values["body"] == shared.body
    assert values["tip"] == (shared.tip or None)
    topic_select = next(f for f in modal.fields if f["custom_id"] == "topics")
    assert {o["value"] for o in topic_select["options"] if o.get("default")} == set(shared.topics)

    body = "A 서버의 새 조언: 깊이 있는 프로젝트 둘이면 충분하고, 회고를 꼭 남기세요."
    done = await submit(harness, modal, {"body": body})
    assert done.content.startswith(f"✅ `{SHARED}`를 고쳤어요.")
    assert "이 서버만의 버전" in done.content
    assert done.embeds[0]["description"] == body
    assert SHARED in await a.advice("회고를 꼭 남기세요")
    assert SHARED not in await b.advice("회고를 꼭 남기세요")
    seen_b = await harness.services.entries.get(SHARED, guild_id=b.guild.id)
    assert seen_b is not None and seen_b.body == shared.body

    again = await a.form("content edit", {"entry": SHARED})
    unchanged = await submit(harness, again, {})
    assert unchanged.content == f"바뀐 내용이 없어서 `{SHARED}`를 저장하지 않았어요."


async def test_english_readers_never_see_a_summary_or_title_written_for_text_since_rewritten(
    harness: Harness,
) -> None:
    """The form shows neither the English title nor the English summary, and an edit kept
    them: a moderator who rewrote the advice left English-speaking members reading the old
    advice's summary above the new text, under the old title."""
    s = await Server.new(harness, "edit-english")
    english = harness.emu.add_member(s.guild, "edit-english-member", locale="en-US")
    shared = await harness.services.entries.get(SHARED)
    assert shared is not None and shared.title_en and shared.summary

    async def seen(entry_id: str = SHARED) -> dict[str, Any]:
        res = await harness.emu.slash(
            "entry", {"id": entry_id}, user=english, channel=s.general, locale="en-US"
        )
        return res.embeds[0]

    await submit(harness, await s.form("content edit", {"entry": SHARED}), {"tip": "새 팁"})
    kept = await seen()  # the text is the same: its English title and summary still fit
    assert (
        kept["title"] == shared.title_en and shared.summary.splitlines()[0] in kept["description"]
    )

    body = "새로 쓴 조언: 프로젝트는 하나여도 괜찮아요."
    await submit(harness, await s.form("content edit", {"entry": SHARED}), {"body": body})
    rewritten = await seen()
    assert shared.summary.splitlines()[0] not in rewritten["description"]
    assert rewritten["description"] == body
    assert rewritten["title"] == shared.title_en  # the title did not change

    title = "포트폴리오 프로젝트는 하나여도 되나요?"
    await submit(harness, await s.form("content edit", {"entry": SHARED}), {"title": title})
    assert (await seen())["title"] == title


async def test_the_saved_entry_is_shown_with_its_references_named_as_campers_see_it(
    harness: Harness,
) -> None:
    """The reply to a save says "Campers in this server will see it like this", but showed an
    id the body mentions (show-results-not-activities) where campers see that entry's title."""
    s = await Server.new(harness, "edit-references")
    referenced = await harness.services.entries.get("show-results-not-activities")
    assert referenced is not None
    saved = await submit(harness, await s.form("content edit", {"entry": SHARED}), {"tip": "새 팁"})
    assert f"「{referenced.title}」" in saved.embeds[0]["description"]
    assert "(show-results-not-activities 참고)" not in saved.embeds[0]["description"]
    camper = await harness.emu.slash("entry", {"id": SHARED}, user=s.camper, channel=s.general)
    assert camper.embeds[0]["description"] == saved.embeds[0]["description"]


async def test_a_concurrent_edit_overwrites_nothing_and_gives_the_editor_their_text_back(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "conflict")
    await s.run("content editors", {"role": s.editors})
    entry_id = added_id(await s.add())
    added = await harness.services.entries.get(entry_id, guild_id=s.guild.id)
    assert added is not None and added.topics
    current_topics = added.topics  # given back with the text: the file imports as it was
    first = await s.form("content edit", {"entry": entry_id})
    second = await s.form("content edit", {"entry": entry_id}, user=s.editor)
    saved = await submit(harness, first, {"body": "운영진이 먼저 저장한 본문입니다."})
    assert saved.content.startswith("✅")

    mine = "멘토가 공들여 쓴 본문입니다. @everyone <@123> 도 그대로 보여야 해요."
    refused = await submit(harness, second, {"body": mine, "tip": "멘토의 팁"})
    assert refused.ephemeral
    assert refused.content.startswith(f"⚠️ 편집하는 사이에 `{entry_id}`가 먼저 저장되어")
    meanwhile, yours = refused.embeds
    (change,) = meanwhile["fields"]
    assert "수정" in change["name"] and "운영진 @everyone" in change["name"].replace("\\", "")
    assert "운영진이 먼저 저장한 본문입니다." in change["value"]
    assert mine in yours["description"] and yours["description"].startswith("```")
    assert refused.message is not None and refused.message["mentions"] == []
    (attachment,) = refused.message["attachments"]
    assert attachment["filename"] == f"{entry_id}-yours.md"
    kept = harness.emu.state.files[int(attachment["id"])].data.decode()
    assert mine in kept and "멘토의 팁" in kept
    ((_, back),) = read_archive(attachment["filename"], kept.encode(), topics=()).drafts
    assert (back.id, back.body, back.tip, back.topics) == (
        entry_id,
        mine,
        "멘토의 팁",
        current_topics,
    )
    current = await harness.services.entries.get(entry_id, guild_id=s.guild.id)
    assert current is not None and current.body == "운영진이 먼저 저장한 본문입니다."

    # One button opens the form on the latest revision with the editor's text in it.
    assert labels(refused.message) == ["최신본에 다시 편집"]
    reopened = await harness.emu.click(refused, label="최신본에 다시 편집")
    assert reopened.modal is not None
    values = {f["custom_id"]: f.get("value") for f in reopened.modal.fields}
    assert values["body"] == mine and values["tip"] == "멘토의 팁"
    done = await submit(harness, reopened.modal, {})
    assert done.content.startswith(f"✅ `{entry_id}`를 고쳤어요.")
    current = await harness.services.entries.get(entry_id, guild_id=s.guild.id)
    assert current is not None and current.body == mine


async def test_invalid_input_names_the_field_and_keeps_what_was_typed(harness: Harness) -> None:
    s = await Server.new(harness, "invalid")
    refused = await s.add({"body": "<br> <br>"})
    assert refused.content.startswith(
        "⚠️ **본문** 칸을 고쳐 주세요 (1~4000자, HTML 찌꺼기 없는 본문):"
        " 서식을 빼고 나면 남는 글이 없어요\n"
    )
    assert "입력하신 내용은 그대로 있어요" in refused.content
    reopened = await harness.emu.click(refused, label="다시 편집")
    assert reopened.modal is not None
    values = {f["custom_id"]: f.get("value") for f in reopened.modal.fields}
    assert values["title"] == NEW["title"] and values["body"] == "<br> <br>"
    assert values["aliases"] == NEW["aliases"]
    done = await submit(harness, reopened.modal, {"body": "이제 제대로 된 본문입니다."})
    assert done.content.startswith("✅")

    # An edit refused for a field offers the same form again (on the revision it was based on).
    form = await s.form("content edit", {"entry": added_id(done)})
    bad = await submit(harness, form, {"body": "<p></p>"})
    assert bad.content.startswith("⚠️") and labels(bad.message) == ["다시 편집"]


async def test_field_reasons_are_in_the_moderators_language(harness: Harness) -> None:
    """The reason, not only the field's name, is Korean for Korean moderators and English for
    English ones (it used to be the file reader's English inside the Korean message)."""
    ko = await Server.new(harness, "reasons-ko")
    many = ", ".join(f"별칭{i}" for i in range(21))
    refused = await ko.add({"aliases": many})
    line = refused.content.splitlines()[0]
    assert line == (
        "⚠️ **다른 이름** 칸을 고쳐 주세요 (20개까지, 각 100자까지):"
        " 21개예요. 20개까지, 각 100자까지 쓸 수 있어요"
    )
    en = await Server.new(harness, "reasons-en", locale="en-US")
    refused = await en.add({"body": "<p> </p>"})
    assert refused.content.splitlines()[0] == (
        "⚠️ Please fix **Body** (1 to 4000 characters of text, no leftover markup):"
        " no text is left once markup is removed"
    )
    refused = await en.add({"aliases": many})
    assert refused.content.splitlines()[0].endswith(
        ": 21 given; at most 20, each within 100 characters"
    )


# -- retire, restore, history, revert -------------------------------------------------------------


async def test_retire_and_restore_change_what_this_server_finds_only(harness: Harness) -> None:
    a = await Server.new(harness, "retire-a")
    b = await Server.new(harness, "retire-b")
    shared = await harness.services.entries.get(SHARED)
    assert shared is not None
    query = shared.title
    assert SHARED in await a.advice(query)
    retired = await a.run("content retire", {"entry": SHARED, "reason": "낡은 정보"})
    assert retired.content.startswith(f"🗄️ `{SHARED}`를 내렸어요.")
    assert SHARED not in await a.advice(query)
    assert SHARED in await b.advice(query)
    again = await a.run("content retire", {"entry": SHARED})
    assert again.content == f"`{SHARED}`는 이미 내려져 있어요."

    choices = await harness.emu.autocomplete(
        "content restore", {"entry": ""}, focused="entry", user=a.mod, channel=a.general
    )
    assert [c["value"] for c in choices] == [SHARED]
    restored = await a.run("content restore", {"entry": SHARED})
    assert restored.content.startswith(f"♻️ `{SHARED}`를 다시 올렸어요.")
    assert SHARED in await a.advice(query)


async def test_the_entry_menu_keeps_to_discords_limits(harness: Harness) -> None:
    """History offers retired entries beside live ones: more than 25 in all, cut to Discord's
    25, and a title longer than a choice's 100 characters is clipped (Discord refuses the
    menu otherwise)."""
    s = await Server.new(harness, "menu-limits")
    retired = []
    for n in range(4):
        title = f"AI 엔지니어 {n}: " + ("아주 길게 쓴 조언의 제목 " * 12).strip()
        assert len(title) > 100
        entry_id = added_id(await s.add({"title": title, "tip": f"{NEW['tip']} {n}"}))
        await s.run("content retire", {"entry": entry_id})
        retired.append(entry_id)
    choices = await harness.emu.autocomplete(
        "content history", {"entry": "AI 엔지니어"}, focused="entry", user=s.mod,
        channel=s.general,
    )  # fmt: skip
    assert len(choices) == 25
    offered = {c["value"]: c["name"] for c in choices}
    assert set(retired) <= set(offered)
    for entry_id in retired:
        name = offered[entry_id]
        assert len(name) == 100 and name.startswith("🗄️ AI 엔지니어") and name.endswith("…")


async def test_a_servers_own_entries_are_counted_and_offered_in_that_server_only(
    harness: Harness,
) -> None:
    """/about counts a server's own entries there only, and the restore menu offers a retired
    entry of the server to its moderators only."""
    a = await Server.new(harness, "own-a")
    b = await Server.new(harness, "own-b")
    kept = added_id(await a.add({"title": "A 서버의 남길 조언"}))
    gone = added_id(await a.add({"title": "A 서버의 내릴 조언"}))
    await a.run("content retire", {"entry": gone})

    def restore_menu(server: Server) -> Any:
        return harness.emu.autocomplete(
            "content restore", {"entry": ""}, focused="entry", user=server.mod,
            channel=server.general,
        )  # fmt: skip

    assert [c["value"] for c in await restore_menu(a)] == [gone]
    assert await restore_menu(b) == []

    async def about(server: Server) -> tuple[int, str]:
        res = await harness.emu.slash("about", user=server.camper, channel=server.general)
        held = fields(res.embeds[0])["모아 둔 조언"]
        found = re.match(r"조언 (\d+)개", held)
        assert found, held
        return int(found.group(1)), held

    (a_count, a_held), (b_count, b_held) = await about(a), await about(b)
    assert a_count == b_count + 1  # `kept`; `gone` is retired
    assert "이 서버에서 직접 쓴 조언: 1개" in a_held
    assert "이 서버에서 직접 쓴 조언" not in b_held
    assert kept not in await b.advice("A 서버의 남길 조언")


async def test_a_servers_own_words_are_never_offered_as_completions_elsewhere(
    harness: Harness,
) -> None:
    """/advice autocomplete finishes a half-typed word with one the index knows ("Search: …"):
    a word only a server's own entry holds (a person's name in its body) was offered to every
    server's members, who could read it off another server's private advice."""
    a = await Server.new(harness, "words-a")
    b = await Server.new(harness, "words-b")
    await a.add({"title": "추천 채용 연락처", "body": "채용담당자 홍길순님께 직접 연락하세요."})

    async def completions(server: Server, typed: str) -> list[str]:
        choices = await harness.emu.autocomplete(
            "advice", {"query": typed}, focused="query", user=server.camper,
            channel=server.general,
        )  # fmt: skip
        return [c["name"] for c in choices]

    assert "검색: 홍길순님께" in await completions(a, "홍길")
    assert await completions(b, "홍길") == []
    assert not any("채용담당자" in c for c in await completions(b, "채용담"))


async def test_history_pages_newest_first_with_names_times_and_diffs_then_revert(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "history")
    entry_id = added_id(await s.add())
    for n in range(1, 7):
        form = await s.form("content edit", {"entry": entry_id})
        await submit(harness, form, {"body": f"고친 본문 {n}번째"})
    res = await s.run("content history", {"entry": entry_id})
    (embed,) = res.embeds
    assert embed["title"] == f"{NEW['title']} · 수정 기록"
    names = [f["name"] for f in embed["fields"]]
    assert len(names) == 5 and all(" · 수정 · " in n for n in names)
    numbers = [int(re.match(r"#(\d+)", n).group(1)) for n in names]  # type: ignore[union-attr]
    assert numbers == sorted(numbers, reverse=True)
    assert "운영진 @everyone" in names[0]  # the display name; embeds never ping
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d$", names[0])
    assert "-고친 본문 5번째" in embed["fields"][0]["value"]
    assert "+고친 본문 6번째" in embed["fields"][0]["value"]
    assert "1/2쪽 · 수정 7개 · 시간대 Asia/Seoul" in footer(embed)
    assert res.message is not None and res.message["mentions"] == []
    assert enabled(res.message) == {"이전": False, "다음": True}

    second = await harness.emu.click(res, label="다음")
    (page2,) = second.embeds
    assert [f["name"].split(" · ")[1] for f in page2["fields"]] == ["수정", "추가"]
    assert "2/2쪽" in footer(page2)
    assert enabled(second.message) == {"이전": True, "다음": False}  # the last page

    choices = await harness.emu.autocomplete(
        "content revert", {"entry": entry_id, "revision": ""}, focused="revision",
        user=s.mod, channel=s.general,
    )  # fmt: skip
    first_revision = choices[-1]["value"]
    assert "추가" in choices[-1]["name"] and "\\" not in choices[-1]["name"]
    reverted = await s.run("content revert", {"entry": entry_id, "revision": first_revision})
    assert reverted.content.startswith(f"⏪ `{entry_id}`를 수정 #{first_revision} 상태로")
    assert reverted.embeds[0]["description"] == NEW["body"]
    assert entry_id in await s.advice("틀린 문제는 일주일 뒤에")
    latest = (await s.run("content history", {"entry": entry_id})).embeds[0]["fields"][0]
    assert " · 되돌림 · " in latest["name"]  # in Korean (it read `revision 12`)
    assert latest["value"].startswith(f"수정 #{first_revision}(으)로 되돌림\n")
    missing = await s.run("content revert", {"entry": entry_id, "revision": 999_999})
    assert missing.content.startswith(f"`{entry_id}`에는 수정 #999999이 없어요.")

    # Back to a revision where it was retired: the card is no promise that campers see it.
    await s.run("content retire", {"entry": entry_id})
    await s.run("content restore", {"entry": entry_id})
    retire = (await s.run("content history", {"entry": entry_id})).embeds[0]["fields"][1]
    assert " · 내림 · " in retire["name"]
    number = int(re.match(r"#(\d+)", retire["name"]).group(1))  # type: ignore[union-attr]
    back = await s.run("content revert", {"entry": entry_id, "revision": number})
    assert back.content.endswith(
        "그 수정에서 이 조언은 내려져 있었기 때문에, 지금도 이 서버에서 검색되지 않아요."
        " 다시 올리려면 `/content restore`."
    )
    assert entry_id not in await s.advice("틀린 문제는 일주일 뒤에")


async def test_english_moderators_read_history_under_the_english_title(harness: Harness) -> None:
    # /content history titled its page by the Korean title for English-speaking moderators.
    s = await Server.new(harness, "english-history", locale="en-US")
    shared = await harness.services.entries.get(SHARED)
    assert shared is not None and shared.title_en
    res = await s.run("content history", {"entry": SHARED})
    (embed,) = res.embeds
    assert embed["title"].startswith(shared.title_en) and shared.title not in embed["title"]
    assert " · page 1/1 · 1 revision · time zone " in footer(embed)  # it said "1 revisions"
    await submit(harness, await s.form("content edit", {"entry": SHARED}), {"tip": "A new tip"})
    (embed,) = (await s.run("content history", {"entry": SHARED})).embeds
    assert " · page 1/1 · 2 revisions · time zone " in footer(embed)


async def test_english_moderators_get_english_texts(harness: Harness) -> None:
    s = await Server.new(harness, "english", locale="en-US")
    modal = await s.form("content add")
    assert modal.title == "Add advice"
    done = await submit(harness,
        modal, {"title": "Practice one problem a day", "body": "Small steps add up.",
                "topics": ["portfolio"]},
    )  # fmt: skip
    assert done.content.startswith("✅ Added `practice-one-problem-a-day`.")
    refused = await s.run("content retire", {"entry": "no-such-entry"})
    assert (
        refused.content
        == "This server has no entry `no-such-entry`. Please pick one from the list."
    )
    camper = await s.run("content add", user=s.camper)
    assert camper.content == (
        "This command needs the Manage Server permission or this server's editor role."
    )


# -- import and export ----------------------------------------------------------------------------


def attached(message: dict[str, Any] | None, h: Harness) -> tuple[str, bytes]:
    assert message is not None
    (attachment,) = message["attachments"]
    return attachment["filename"], h.emu.state.files[int(attachment["id"])].data


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def curated(entry_id: str, title: str, body: str) -> str:
    return f"---\nid: {entry_id}\ntitle: {title}\nkind: tip\ntopics: [portfolio]\n---\n\n{body}\n"


async def test_export_then_import_into_another_server_with_a_dry_run_cancel_and_confirm(
    harness: Harness,
) -> None:
    a = await Server.new(harness, "export-a")
    b = await Server.new(harness, "export-b")
    first = added_id(await a.add())
    second = added_id(
        await a.add({"title": "면접 전날에는 푹 자기", "body": "컨디션이 실력입니다."})
    )

    res = await a.run("content export")
    message = await res.wait_final()
    assert message is not None and message["content"].startswith("📦 조언 2개를 내보냈어요.")
    name, data = attached(message, harness)
    assert name == f"sunbae-{a.guild.id}-own.zip"
    assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist()) == sorted(
        [f"{first}.md", f"{second}.md"]
    )

    # Its own export changes nothing in its own server: no buttons to press.
    same = await a.run("content import", {"file": (name, data)})
    same_message = await same.wait_final()
    assert (
        same_message is not None and "새로 들어가거나 바뀔 내용이 없어요" in same_message["content"]
    )
    assert labels(same_message) == []

    plan = await b.run("content import", {"file": (name, data)})
    shown = await plan.wait_final()
    assert shown is not None and shown["content"].startswith(f"📋 `{name}` 가져오기 미리보기예요.")
    assert labels(shown) == ["확인", "취소"]
    plan_fields = fields(shown["embeds"][0])
    assert set(plan_fields) == {"추가 (2)", "새 아이디로 (2: 이미 쓰이는 아이디)"}
    assert f"`{first}` → `{first}-2`" in plan_fields["새 아이디로 (2: 이미 쓰이는 아이디)"]
    assert first not in await b.advice("코딩 테스트 매일")  # a dry run writes nothing

    # Only the moderator who uploaded may answer.
    other = await harness.emu.click(plan, label="확인", user=b.editor)
    assert other.content.startswith("이 버튼은 명령을 실행한 분만")
    cancelled = await harness.emu.click(plan, label="취소")
    assert cancelled.content == "가져오기를 취소했어요. 아무것도 바뀌지 않았어요."
    assert labels(cancelled.message) == []
    assert f"{first}-2" not in await b.advice("코딩 테스트 매일")

    again = await b.run("content import", {"file": (name, data)})
    await again.wait_final()
    confirmed = await harness.emu.click(again, label="확인")
    final = await confirmed.wait_final()
    assert final is not None
    assert final["content"].startswith(f"✅ `{name}`을 가져왔어요: 추가 2개, 수정 0개.")
    assert f"{first}-2" in await b.advice("코딩 테스트 매일")
    assert first in await a.advice("코딩 테스트 매일")
    assert f"{first}-2" not in await a.advice("코딩 테스트 매일")


async def test_confirm_applies_an_import_only_for_who_may_still_make_it(
    harness: Harness,
) -> None:
    """Confirm came up to 10 minutes after the dry run and applied it as it was: an editor whose
    role was taken away meanwhile, or who is held to review mode turned on meanwhile, imported
    all the same (a form's save checks again; the import did not)."""
    s = await Server.new(harness, "confirm-again")
    await s.run("content editors", {"role": s.editors})

    async def planned(entry_id: str) -> InteractionResult:
        data = curated(entry_id, f"{entry_id} 제목", "확인 전에 다시 묻는 조언.").encode()
        plan = await s.run("content import", {"file": (f"{entry_id}.md", data)}, user=s.editor)
        assert "확인" in labels(plan.message), plan.content
        return plan

    async def found(entry_id: str) -> bool:
        return await harness.services.entries.get(entry_id, guild_id=s.guild.id) is not None

    plan = await planned("confirm-review")
    await s.run("content settings", {"review": True})
    confirmed = await harness.emu.click(plan.message, label="확인", user=s.editor)
    await confirmed.wait_final()
    assert confirmed.message is not None
    assert confirmed.message["content"].startswith("검토 모드에서는 편집자 역할 멤버는")
    assert not await found("confirm-review")

    await s.run("content settings", {"review": False})
    plan = await planned("confirm-role")
    await s.run("content editors", {"clear": True})
    confirmed = await harness.emu.click(plan.message, label="확인", user=s.editor)
    await confirmed.wait_final()
    assert confirmed.message is not None and confirmed.message["content"] == NOT_EDITOR
    assert not await found("confirm-role")


async def test_a_broken_file_is_reported_and_nothing_applies_until_confirmed(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "broken")
    data = zipped({
        "good.md": curated("mentor-good-advice", "멘토의 좋은 조언", "좋은 조언 본문입니다."),
        "bad.md": "---\nid: Not An Id\ntitle: x\n---\n\nbody\n",
        "notes/readme.png": "ignored",
    })  # fmt: skip
    plan = await s.run("content import", {"file": ("batch.zip", data)})
    shown = await plan.wait_final()
    assert shown is not None
    plan_fields = fields(shown["embeds"][0])
    assert plan_fields["추가 (1)"] == "`mentor-good-advice`"
    errors = plan_fields["오류 (1: 이 파일들은 빼고 가져와요)"]
    assert errors.startswith("```\nbad.md: ") and "id" in errors
    assert await harness.services.entries.get("mentor-good-advice", guild_id=s.guild.id) is None
    await harness.emu.click(plan, label="확인")
    await eventually(
        lambda: harness.emu.message(shown["id"])["content"].startswith("✅")  # type: ignore[index]
    )
    assert await harness.services.entries.get("mentor-good-advice", guild_id=s.guild.id)


async def test_why_files_are_left_out_is_said_in_the_moderators_language(
    harness: Harness,
) -> None:
    """The import's reasons were the parser's English in a Korean moderator's dry run."""
    s = await Server.new(harness, "reasons")
    batch = {
        "yaml.md": '---\nid: broken-yaml\ntitle: "unterminated\n---\nbody\n',
        "huge.md": curated("huge-entry", "큰 조언", "가" * 20_001),
        "bare.md": "<div></div>\n",
        "one.md": curated("same-id", "하나", "첫 번째 본문입니다."),
        "two.md": curated("same-id", "둘", "두 번째 본문입니다."),
        "bad-id.md": "---\nid: Not An Id\ntitle: x\n---\n\nbody\n",
    }
    plan = await s.run("content import", {"file": ("batch.zip", zipped(batch))})
    shown = await plan.wait_final()
    assert shown is not None
    errors = fields(shown["embeds"][0])["오류 (5: 이 파일들은 빼고 가져와요)"]
    # The quote runs to the end of the frontmatter: the closing `---` on line 4.
    assert "yaml.md: 머리말(YAML) 4번째 줄을 읽을 수 없어요" in errors
    assert "huge.md: body: 20,001자예요. 20,000자 안으로 줄여 주세요" in errors
    assert "bare.md: 서식을 빼고 나면 남는 글이 없어요" in errors
    assert "two.md: 아이디 'same-id'(이)가 두 번 나와요" in errors
    assert (
        "bad-id.md: id: 'Not An Id': 아이디는 영어 소문자, 숫자, 하이픈으로 2~80자여야 해요"
        in errors
    )
    assert not re.search(r"characters|appears|must be|found after", errors)

    english = await Server.new(harness, "reasons-en", locale="en-US")
    plan = await english.run("content import", {"file": ("batch.zip", zipped(batch))})
    shown = await plan.wait_final()
    assert shown is not None
    errors = fields(shown["embeds"][0])["Errors (5: these files are left out)"]
    assert "two.md: id 'same-id' appears twice" in errors


async def test_an_unanswered_import_times_out_and_changes_nothing(harness: Harness) -> None:
    s = await Server.new(harness, "timeout")
    cog = harness.bot.get_cog("ContentCog")
    transfers = cog.group.transfers  # type: ignore[union-attr]
    transfers.confirm_timeout = 0.2
    try:
        data = curated("late-advice", "늦은 조언", "시간이 지나면 아무것도 바뀌지 않아요.")
        plan = await s.run("content import", {"file": ("late.md", data.encode())})
        shown = await plan.wait_final()
        assert shown is not None and labels(shown) == ["확인", "취소"]
    finally:
        transfers.confirm_timeout = 600.0
    expired = await eventually(
        lambda: (
            harness.emu.message(shown["id"])["content"].startswith("⌛")  # type: ignore[index]
            and harness.emu.message(shown["id"])
        )
    )
    assert expired["content"] == "⌛ 시간이 지나 가져오기를 취소했어요. 아무것도 바뀌지 않았어요."
    assert labels(expired) == []
    assert await harness.services.entries.get("late-advice", guild_id=s.guild.id) is None


async def test_a_confirmed_import_is_not_marked_expired_when_its_time_is_up(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "confirmed")
    cog = harness.bot.get_cog("ContentCog")
    transfers = cog.group.transfers  # type: ignore[union-attr]
    transfers.confirm_timeout = 0.2
    try:
        data = curated("prompt-advice", "바로 들어가는 조언", "확인하면 바로 들어가요.")
        plan = await s.run("content import", {"file": ("now.md", data.encode())})
        shown = await plan.wait_final()
        assert shown is not None
        await harness.emu.click(plan, label="확인")
        done = await eventually(
            lambda: (
                harness.emu.message(shown["id"])["content"].startswith("✅")  # type: ignore[index]
                and harness.emu.message(shown["id"])
            )
        )
        await asyncio.sleep(0.6)  # past the confirm timeout: the answered view has stopped
    finally:
        transfers.confirm_timeout = 600.0
    assert harness.emu.message(shown["id"]) == done


async def test_import_refuses_other_files_and_files_over_the_interactions_limit(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "limits")
    png = await s.run("content import", {"file": ("photo.png", b"\x89PNG")})
    assert png.content == "`photo.png`은 가져올 수 없어요. .md, .txt 또는 .zip 파일을 올려 주세요."
    state = harness.emu.state
    state.attachment_size_limit = 1024  # the server's limit; a Nitro member attaches more
    try:
        big = await s.run("content import", {"file": ("big.md", b"x" * 4096)})
        exported = await (await s.run("content export", {"scope": "all"})).wait_final()
    finally:
        state.attachment_size_limit = 10 * 1024 * 1024
    nothing = await (await s.run("content export")).wait_final()  # the server wrote none
    assert nothing is not None and not nothing.get("attachments")
    assert nothing["content"].startswith("이 서버에는 아직 직접 쓴 조언이 없어요.")
    # The shared entries zipped are far over 1 KB: said, not sent for Discord to refuse.
    assert exported is not None and exported["content"].startswith("내보낼 파일이 ")
    assert not exported.get("attachments")
    assert big.content == "`big.md`은 4 KB라서 이 서버의 한도(1 KB)를 넘어요. 나눠서 올려 주세요."
    # Refused before downloading; a file within the limit is downloaded.
    assert "big.md" not in harness.emu.downloads
    small = await s.run("content import", {"file": ("small.md", b"x" * 100)})
    await small.wait_final()
    assert "small.md" in harness.emu.downloads


# -- the audit channel ----------------------------------------------------------------------------


async def test_each_change_is_posted_to_the_log_channel_with_before_and_after(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "audit")
    other = await Server.new(harness, "audit-other")
    log = harness.emu.add_text_channel(s.guild, "content-log")
    quiet = harness.emu.add_text_channel(s.guild, "quiet")
    harness.emu.set_permissions(quiet, harness.emu.bot_member(s.guild), deny=Perm.SEND_MESSAGES)
    await eventually(lambda: harness.bot.get_channel(quiet.id))

    await s.run("content editors", {"role": s.editors})
    refused = await s.run("content settings", {"log-channel": log}, user=s.editor)
    assert refused.content == "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요."
    forbidden = await s.run("content settings", {"log-channel": quiet})
    assert forbidden.content.startswith(f"⚠️ 제게 <#{quiet.id}>에 글을 올릴 권한")
    done = await s.run("content settings", {"log-channel": log})
    assert done.content == f"✅ 이제 콘텐츠가 바뀔 때마다 <#{log.id}>에 바뀌기 전과 후를 올려요."
    shown = await s.run("content settings", user=s.editor)
    assert shown.content == (
        f"편집자 역할: <@&{s.editors.id}>\n기록 채널: <#{log.id}>\n검토 모드: 꺼짐"
    )

    entry_id = added_id(await s.add(user=s.editor))
    form = await s.form("content edit", {"entry": entry_id})
    await submit(harness, form, {"body": "고친 본문 @everyone"})
    await s.run("content retire", {"entry": entry_id, "reason": "중복"})
    await other.add()  # another server's change is never posted here

    posts = await eventually(
        lambda: len(harness.emu.channel_messages(log)) >= 3 and harness.emu.channel_messages(log)
    )
    assert len(posts) == 3
    added, edited, retired = (p["embeds"][0] for p in posts)
    assert added["title"] == f"추가 · {NEW['title']}" and added["author"]["name"] == "멘토 김"
    assert fields(added)["이전"] == "—"
    assert edited["title"] == f"수정 · {NEW['title']}"
    assert edited["author"]["name"] == "운영진 @everyone"
    assert NEW["body"] in fields(edited)["이전"] and "고친 본문 @everyone" in fields(edited)["이후"]
    assert "+고친 본문 @everyone" in fields(edited)["바뀐 줄"]
    assert retired["title"].startswith("내림 · ") and retired["description"] == "사유: 중복"
    assert "(내려짐)" in fields(retired)["이후"]
    assert footer(retired).startswith(f"id: {entry_id} · 수정 #")
    assert all(p["mentions"] == [] and not p["mention_everyone"] for p in posts)

    data = curated("audit-import", "가져온 조언", "가져온 본문입니다.").encode()
    plan = await s.run("content import", {"file": ("one.md", data)})
    await plan.wait_final()
    await harness.emu.click(plan, label="확인")
    last = await eventually(
        lambda: (
            len(harness.emu.channel_messages(log)) == 4 and harness.emu.channel_messages(log)[-1]
        )
    )
    assert last["content"] == "📥 운영진 @everyone님이 `one.md`을 가져왔어요: 추가 1개, 수정 0개."

    cleared = await s.run("content settings", {"clear-log": True})
    assert cleared.content.startswith("기록 채널을 껐어요.")
    await s.run("content restore", {"entry": entry_id})
    assert len(harness.emu.channel_messages(log)) == 4


# -- review mode ----------------------------------------------------------------------------------


async def test_review_mode_holds_editors_changes_until_a_moderator_decides(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "review")
    log = harness.emu.add_text_channel(s.guild, "review-log")
    await eventually(lambda: harness.bot.get_channel(log.id))
    await s.run("content editors", {"role": s.editors})
    on = await s.run("content settings", {"review": True, "log-channel": log})
    assert on.content.startswith("✅ 검토 모드를 켰어요.")
    refused = await s.run("content settings", {"review": False}, user=s.editor)
    assert refused.content == "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요."

    # An editor's add waits: a card in the log channel, nothing for campers.
    sent = await s.add(user=s.editor)
    assert sent.content.startswith("📝 검토를 요청했어요 (#")
    number = int(re.search(r"#(\d+)", sent.content).group(1))  # type: ignore[union-attr]
    card = await eventually(lambda: harness.emu.channel_messages(log))
    (card,) = card
    assert card["embeds"][0]["title"] == f"검토 요청 #{number} · 추가 · {NEW['title']}"
    assert card["embeds"][0]["author"]["name"] == "멘토 김"
    assert labels(card) == ["승인", "반려"]
    assert not any("koding" in i for i in await s.advice("코딩 테스트 매일"))

    # Only Manage Server decides; the buttons work from the channel card.
    no = await harness.emu.click(card, label="승인", user=s.editor)
    assert no.content == "승인과 반려는 서버 관리(Manage Server) 권한이 있는 분만 할 수 있어요."
    yes = await harness.emu.click(card, label="승인", user=s.mod)
    decided = await yes.wait_final()
    assert decided is not None and decided["content"].startswith(f"✅ 검토 요청 #{number}을 ")
    assert labels(decided) == []
    entry_id = re.search(r"`([\w-]+)`", decided["content"]).group(1)  # type: ignore[union-attr]
    assert entry_id in await s.advice("코딩 테스트 매일")
    audited = await eventually(lambda: len(harness.emu.channel_messages(log)) == 2)
    assert audited and harness.emu.channel_messages(log)[1]["embeds"][0]["title"].startswith(
        "추가 · "
    )
    (revision,) = (await harness.services.content.history(s.guild.id, entry_id)).revisions
    assert revision.actor_name == "멘토 김" and revision.reason == "approved by 운영진 @everyone"

    # An editor's edit waits too; a moderator's own edit does not.
    form = await s.form("content edit", {"entry": entry_id}, user=s.editor)
    await submit(harness, form, {"body": "멘토가 제안한 새 본문"})
    form = await s.form("content edit", {"entry": SHARED}, user=s.editor)
    await submit(harness, form, {"body": "공유 조언에 대한 제안"})
    retire = await s.run("content retire", {"entry": entry_id}, user=s.editor)
    assert retire.content.startswith("검토 모드에서는 편집자 역할 멤버는 추가와 수정만")

    queue = await s.run("content pending")
    assert queue.ephemeral and queue.content == "검토를 기다리는 변경 2개 중 가장 오래된 것이에요."
    assert "-" + NEW["body"] in fields(queue.embeds[0])["바뀐 줄"]
    # Reject asks why (optional); the author is told by DM, the audit channel sees it too.
    asked = await harness.emu.click(queue, label="반려")
    assert asked.modal is not None and asked.modal.title.startswith("검토 요청 #")
    rejected = await harness.emu.submit_modal(asked.modal, {"reason": "출처를 적어 주세요"})
    after = await rejected.wait_final()
    assert after is not None and after["content"].startswith("❌ 검토 요청 #")
    assert "님이 반려했어요.\n사유: 출처를 적어 주세요\n" in after["content"]
    assert "검토를 기다리는 변경 1개 중" in after["content"]
    (told,) = await eventually(
        lambda: harness.emu.channel_messages(harness.emu.dm_channel(s.editor).id)
    )
    assert told["content"] == (
        f"❌ **{s.guild.name}**에 요청하신 검토 #{number + 1} ({NEW['title']})을"
        " 운영진 @everyone님이 반려했어요.\n사유: 출처를 적어 주세요"
    )
    assert told["mentions"] == [] and not told["mention_everyone"]
    noted = await eventually(
        lambda: harness.emu.channel_messages(log)[-1]["content"].startswith("❌")
    )
    assert noted and harness.emu.channel_messages(log)[-1]["content"].endswith(
        "사유: 출처를 적어 주세요"
    )
    current = await harness.services.entries.get(entry_id, guild_id=s.guild.id)
    assert current is not None and current.body == NEW["body"]  # the rejected edit never shows
    approved = await harness.emu.click(queue, label="승인")
    last = await approved.wait_final()
    assert last is not None and last["content"].endswith("검토를 기다리는 변경이 없어요.")
    shared = await harness.services.entries.get(SHARED, guild_id=s.guild.id)
    assert shared is not None and shared.body == "공유 조언에 대한 제안"
    # Their cards in the channel were decided from the queue: a click there changes nothing.
    later = harness.emu.channel_messages(log)[2]
    assert labels(later) == ["승인", "반려"]
    again = await harness.emu.click(later, label="승인", user=s.mod)
    (gone,) = await again.wait_followups(1)
    assert gone["flags"] & 64 and gone["content"].endswith("은 이미 처리됐어요.")
    assert labels(harness.emu.channel_messages(log)[2]) == []  # its stale buttons are gone
    current = await harness.services.entries.get(entry_id, guild_id=s.guild.id)
    assert current is not None and current.body == NEW["body"]


async def test_a_second_click_on_a_review_card_keeps_who_decided(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two clicks on a card at once (a double click, or two moderators): the second found the
    # request decided and, when its edit landed last, replaced the card's "approved by" line
    # with "already decided", buttons gone: the channel no longer said who decided what.
    s = await Server.new(harness, "review-twice")
    log = harness.emu.add_text_channel(s.guild, "review-log")
    await eventually(lambda: harness.bot.get_channel(log.id))
    await s.run("content editors", {"role": s.editors})
    await s.run("content settings", {"review": True, "log-channel": log})
    sent = await s.add(user=s.editor)
    number = int(re.search(r"#(\d+)", sent.content).group(1))  # type: ignore[union-attr]
    (card,) = await eventually(lambda: harness.emu.channel_messages(log))
    other = harness.emu.add_member(
        s.guild, "review-twice-mod2", permissions=Perm.MANAGE_GUILD, locale="ko"
    )
    content = harness.services.content
    approve, approved, answered = content.approve, asyncio.Event(), asyncio.Event()

    async def first_waits(*args: Any, **kwargs: Any) -> Any:
        if approved.is_set():
            return await approve(*args, **kwargs)
        entry = await approve(*args, **kwargs)
        approved.set()
        await answered.wait()  # the second click is answered before the first edits the card
        return entry

    monkeypatch.setattr(content, "approve", first_waits)
    first = asyncio.create_task(harness.emu.click(card, label="승인", user=s.mod))
    await approved.wait()
    second = await harness.emu.click(card, label="승인", user=other)
    (late,) = await second.wait_followups(1)
    answered.set()
    await (await first).wait_final()
    assert late["flags"] & 64  # told privately
    assert late["content"] == f"검토 요청 #{number}은 이미 처리됐어요."
    decided = harness.emu.channel_messages(log)[0]
    assert decided["content"].startswith(
        f"✅ 검토 요청 #{number}을 운영진 @everyone님이 승인했어요"
    )
    assert labels(decided) == []


async def test_forms_save_from_what_discord_submits_even_after_a_restart(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "restart")
    await s.run("content editors", {"role": s.editors})
    first = await s.form("content add", {"kind": "qa"})
    second = await s.form("content add", user=s.editor)
    entry_id = added_id(await s.add())
    edit = await s.form("content edit", {"entry": entry_id})
    # A restart: the extension is new and discord.py's in-memory modals are gone.
    await harness.bot.reload_extension("cogs.content")
    harness.bot._connection._view_store._modals.clear()  # what a restart loses

    done = await submit(
        harness,
        first,
        {"title": "재시작 전에 연 양식", "body": "그래도 저장돼요.", "topics": ["interview"]},
    )
    assert done.content.startswith("✅ `jaesijak-jeone-yeon-yangsik`")
    saved = await harness.services.entries.get(added_id(done), guild_id=s.guild.id)
    assert saved is not None and saved.kind == "qa" and saved.topics == ("interview",)
    other = await submit(harness, second, {"title": "다른 편집자의 양식", "body": "본문"})
    assert other.content.startswith("✅") and added_id(other) != added_id(done)
    edited = await submit(harness, edit, {"body": "재시작 뒤 저장한 본문"})
    assert edited.content.startswith(f"✅ `{entry_id}`를 고쳤어요.")


async def test_english_moderators_import_export_and_review_in_english(harness: Harness) -> None:
    s = await Server.new(harness, "english-review", locale="en-US")
    await s.run("content editors", {"role": s.editors})
    on = await s.run("content settings", {"review": True})
    assert on.content.startswith("✅ Review mode is on")
    sent = await submit(
        harness,
        await s.form("content add", user=s.editor),
        {"title": "Sleep early", "body": "Rest."},
    )
    assert sent.content.startswith("📝 Sent for review (#")
    queue = await s.run("content pending")
    assert queue.content == "The oldest of 1 change waiting for review."
    assert labels(queue.message) == ["Approve", "Reject"]
    approved = await (await harness.emu.click(queue, label="Approve")).wait_final()
    assert approved is not None and "approved by" in approved["content"]
    assert approved["content"].endswith("Nothing is waiting for review.")

    exported = await (await s.run("content export")).wait_final()
    assert exported is not None and exported["content"].startswith("📦 Exported 1 entry.")
    data = curated("english-import", "Imported advice", "Imported body.").encode()
    plan = await (await s.run("content import", {"file": ("one.md", data)})).wait_final()
    assert plan is not None and plan["content"].startswith("📋 A dry run of `one.md`")
    assert labels(plan) == ["Confirm", "Cancel"]
    assert "Added (1)" in fields(plan["embeds"][0])


async def test_a_rejection_from_the_channel_card_asks_why_and_tells_the_author(
    harness: Harness,
) -> None:
    s = await Server.new(harness, "reject-card", locale="en-US")
    log = harness.emu.add_text_channel(s.guild, "review-log")
    await eventually(lambda: harness.bot.get_channel(log.id))
    await s.run("content editors", {"role": s.editors})
    await s.run("content settings", {"review": True, "log-channel": log})
    await submit(
        harness,
        await s.form("content add", user=s.editor),
        {"title": "Sleep early", "body": "Rest."},
    )
    (card,) = await eventually(lambda: harness.emu.channel_messages(log))

    refused = await harness.emu.click(card, label="Reject", user=s.editor)
    assert refused.modal is None
    assert refused.content == "Only members with Manage Server may approve or reject."
    asked = await harness.emu.click(card, label="Reject", user=s.mod)
    assert asked.modal is not None
    assert [f["custom_id"] for f in asked.modal.fields] == ["reason"]
    # A restart between the form and its submit loses nothing: it is read from the submit.
    await harness.bot.reload_extension("cogs.content")
    harness.bot._connection._view_store._modals.clear()
    done = await (await harness.emu.submit_modal(asked.modal, {})).wait_final()
    assert done is not None and labels(done) == []
    assert re.fullmatch(r"❌ Review #\d+ rejected by 운영진 @everyone\.", done["content"])
    (told,) = await eventually(
        lambda: harness.emu.channel_messages(harness.emu.dm_channel(s.editor).id)
    )
    assert told["content"].startswith("❌ Your change for review #")
    assert told["content"].endswith("was rejected by 운영진 @everyone.")  # no reason given
    assert len(harness.emu.channel_messages(log)) == 1  # the card itself says it


async def test_a_card_in_a_korean_channel_says_who_decided_in_korean_whoever_clicks(
    harness: Harness,
) -> None:
    # The card is read by everyone in the channel, in the server's language; an English-speaking
    # moderator's click rewrote its decision line in English under the Korean card.
    s = await Server.new(harness, "card-language")
    log = harness.emu.add_text_channel(s.guild, "review-log")
    await eventually(lambda: harness.bot.get_channel(log.id))
    english = harness.emu.add_member(
        s.guild, "card-language-en-mod", permissions=Perm.MANAGE_GUILD, locale="en-US"
    )
    await s.run("content editors", {"role": s.editors})
    await s.run("content settings", {"review": True, "log-channel": log})
    for title in ("승인될 제안", "반려될 제안"):
        await s.add({"title": title}, user=s.editor)
    first, second = await eventually(
        lambda: (cards := harness.emu.channel_messages(log)) and len(cards) == 2 and cards
    )

    approved = await (await harness.emu.click(first, label="승인", user=english)).wait_final()
    assert approved is not None
    assert (
        approved["content"].startswith("✅ 검토 요청 #")
        and "님이 승인했어요" in approved["content"]
    )

    asked = await harness.emu.click(second, label="반려", user=english)
    assert asked.modal is not None and asked.modal.title.startswith("Reject review #")  # theirs
    rejected = await (
        await harness.emu.submit_modal(asked.modal, {"reason": "no source"})
    ).wait_final()
    assert rejected is not None
    assert rejected["content"].startswith("❌ 검토 요청 #")
    assert rejected["content"].endswith("님이 반려했어요.\n사유: no source")


async def test_a_rejection_is_told_to_the_author_in_their_own_language(harness: Harness) -> None:
    """QA: the DM to the author was in the server's language: an English-speaking editor of a
    Korean server was told in Korean. Their language is kept with the change; a change kept
    before it was (no language) is told in the server's."""
    s = await Server.new(harness, "author-language")
    log = harness.emu.add_text_channel(s.guild, "review-log")
    await eventually(lambda: harness.bot.get_channel(log.id))
    english = harness.emu.add_member(
        s.guild, "author-language-en", roles=[s.editors], locale="en-US", nick="Mentor Kim"
    )
    await s.run("content editors", {"role": s.editors})
    await s.run("content settings", {"review": True, "log-channel": log})
    modal = await s.form("content add", {"kind": "tip"}, user=english)
    sent = await submit(harness, modal, {**NEW, "title": "Sleep before tests"})
    assert sent.content.startswith("📝 Sent for review (#"), sent.content
    number = int(re.search(r"#(\d+)", sent.content).group(1))  # type: ignore[union-attr]
    # A change kept before schema v25 has no language.
    old = await harness.services.content.propose(
        s.guild.id, None, EntryInput(title="오래된 제안", body="본문"),
        Actor(str(s.editor.id), "멘토 김"),
    )  # fmt: skip
    cards = await eventually(lambda: (c := harness.emu.channel_messages(log)) and len(c) == 1 and c)

    asked = await harness.emu.click(cards[0], label="반려", user=s.mod)
    assert asked.modal is not None
    await (await harness.emu.submit_modal(asked.modal, {"reason": "출처"})).wait_final()
    (told,) = await eventually(
        lambda: harness.emu.channel_messages(harness.emu.dm_channel(english).id)
    )
    assert told["content"] == (
        f"❌ Your change for review #{number} (Sleep before tests) in **{s.guild.name}** was"
        " rejected by 운영진 @everyone.\nReason: 출처"
    )

    queue = await s.run("content pending")
    asked = await harness.emu.click(queue, label="반려")
    assert asked.modal is not None
    await (await harness.emu.submit_modal(asked.modal, {})).wait_final()
    (told,) = await eventually(
        lambda: harness.emu.channel_messages(harness.emu.dm_channel(s.editor).id)
    )
    assert told["content"] == (
        f"❌ **{s.guild.name}**에 요청하신 검토 #{old.id} (오래된 제안)을 운영진 @everyone님이"
        " 반려했어요."
    )


async def test_an_import_updates_a_retired_entry_and_leaves_it_retired(harness: Harness) -> None:
    # An import's update of an entry the server had retired brought it back to campers, though
    # the dry run said only 'updated' (an edit of a retired entry keeps it retired, and so does
    # an import of the same text).
    s = await Server.new(harness, "import-retired")
    await s.run("content retire", {"entry": SHARED, "reason": "낡은 조언"})
    data = curated(SHARED, "포트폴리오 깊이 다시 보기", "가져온 새 본문").encode()
    plan = await s.run("content import", {"file": ("backup.md", data)})
    shown = await plan.wait_final()
    assert shown is not None and fields(shown["embeds"][0]) == {"수정 (1)": f"`{SHARED}`"}
    done = await (await harness.emu.click(plan, label="확인")).wait_final()
    assert done is not None and done["content"].startswith("✅ `backup.md`을 가져왔어요")

    entry = await harness.services.content.get(s.guild.id, SHARED)
    assert entry[0].title == "포트폴리오 깊이 다시 보기" and entry[0].retired
    assert SHARED not in await s.advice("포트폴리오 깊이 다시 보기")
    seen = await harness.emu.slash("entry", {"id": SHARED}, user=s.camper, channel=s.general)
    assert not seen.embeds
    restored = await s.run("content restore", {"entry": SHARED})
    assert restored.content.startswith(f"♻️ `{SHARED}`를 다시 올렸어요.")
    assert SHARED in await s.advice("포트폴리오 깊이 다시 보기")


# -- an entry the form cannot hold whole ----------------------------------------------------------


async def test_the_edit_form_shows_every_alias_a_form_may_save_and_saving_keeps_them(
    harness: Harness,
) -> None:
    # The aliases field held 2,000 characters: 20 aliases of 100 (what a form may save, 2,038
    # joined) showed cut short with '…', and saving the form saved the cut alias.
    s = await Server.new(harness, "aliases-whole")
    aliases = tuple(f"{n:02d}" + "별" * 98 for n in range(20))
    await store_drafts(
        harness.services.db,
        [EntryDraft(id="many-aliases", title="별칭이 많은 조언", body="본문", aliases=aliases)],
        now=iso(dt.datetime.now(dt.UTC)),
    )
    form = await s.form("content edit", {"entry": "many-aliases"})
    shown = {f["custom_id"]: f.get("value") for f in form.fields}
    assert shown["aliases"] == ", ".join(aliases)
    done = await submit(harness, form, {"title": "별칭이 많은 조언 (고침)"})
    assert done.content.startswith("✅"), done.content
    entry, _ = await harness.services.content.get(s.guild.id, "many-aliases")
    assert entry.title == "별칭이 많은 조언 (고침)" and entry.aliases == aliases


async def test_an_entry_the_form_cannot_show_whole_is_not_opened_in_it(harness: Harness) -> None:
    """A file may hold what the form cannot (a body past 4,000 characters, more aliases or
    longer ones than it saves, an alias with a comma): saving the form would lose or change it,
    so /content edit says why and points to export and import instead of opening it."""
    s = await Server.new(harness, "form-misfit")
    en = await Server.new(harness, "form-misfit-en", locale="en-US")
    cases = {
        "long-body": (
            {"body": "가" * 5000},
            "`long-body`의 **본문** 칸은 5,000자라서 편집 창(4,000자)에",
        ),
        "many-aliases-30": (
            {"aliases": tuple(f"별칭 {n}" for n in range(30))},
            "`many-aliases-30`의 **다른 이름**은 30개인데, 편집 창으로는 20개까지, 각 100자까지만",
        ),
        "long-aliases": (
            {"aliases": tuple("별" * 150 + str(n) for n in range(30))},
            "`long-aliases`의 **다른 이름** 칸은 4,608자라서 편집 창(4,000자)에",
        ),
        "comma-alias": (
            {"aliases": ("서울, 부산 지역 채용",)},
            "`comma-alias`의 **다른 이름** 중 `서울, 부산 지역 채용`에는 쉼표나 줄바꿈이 있어",
        ),
    }
    drafts = [
        EntryDraft(**{"id": entry_id, "title": "편집 창에 안 맞는 조언", "body": "본문", **fields_})
        for entry_id, (fields_, _) in cases.items()
    ]
    await store_drafts(harness.services.db, drafts, now=iso(dt.datetime.now(dt.UTC)))
    for entry_id, (_, expected) in cases.items():
        res = await s.run("content edit", {"entry": entry_id})
        assert res.modal is None
        assert res.content.startswith(expected), res.content
        assert res.content.endswith(
            " `/content export`로 받아 파일을 고친 뒤 `/content import`로 올려 주세요."
        )
    res = await en.run("content edit", {"entry": "comma-alias"})
    assert res.modal is None and res.content == (
        "The **Aliases** of `comma-alias` include `서울, 부산 지역 채용`, with a comma or a line"
        " break: the form would save it split in parts. Export it with `/content export`, edit"
        " the file, and bring it back with `/content import`."
    )


async def test_a_topic_the_forms_menu_does_not_offer_keeps_the_form_closed() -> None:
    topics = [Topic(id="portfolio", name_ko="포트폴리오", name_en="Portfolio")]
    given = EntryInput(title="제목", body="본문", topics=("portfolio", "gone"))
    unfit = misfit(given, topics, "ko")
    assert unfit is not None and (unfit.key, unfit.values) == (
        "content.form_misfit.topic", {"value": "gone"},
    )  # fmt: skip
    assert misfit(replace(given, topics=("portfolio",)), topics, "ko") is None
    assert misfit(given, [], "ko") is None  # no menu: the form keeps the topics as they are
