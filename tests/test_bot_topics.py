"""/topics (menu -> a topic's entries page by page -> one entry) and /about, end to end."""

from __future__ import annotations

import asyncio
import math
import re
from pathlib import Path

import pytest

from bot import __version__
from bot.adapter.views import OwnedView
from bot.emulator import EmulatorError
from bot.models import EntryDraft, Source
from bot.sandbox.harness import Harness
from bot.text.markdown import escape
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_messages import enabled, fields, footer, labels, selects
from tests.helpers_store import store_drafts

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]


async def test_topics_lists_every_topic_with_its_count(harness: Harness) -> None:
    h = harness
    counts = await h.services.entries.topic_counts()
    topics = {t.id: t for t in await h.services.topics.all()}
    res = await h.emu.slash("topics", user=h.camper)
    assert res.ephemeral
    [embed] = res.embeds
    assert embed["title"] == "주제별 조언"
    described = embed["description"]
    assert described.startswith("아래 메뉴에서 주제를 고르면")
    listed = re.findall(r"\*\*(.+?)\*\* · (\d+)개", described)
    assert len(listed) == len([t for t in topics if counts.get(t)])
    by_name = {t.name_ko: counts[t.id] for t in topics.values() if counts.get(t.id)}
    assert {name: int(n) for name, n in listed} == by_name
    assert [int(n) for _, n in listed] == sorted((int(n) for _, n in listed), reverse=True)
    [menu] = selects(res.message)
    assert menu["placeholder"] == "주제 고르기…"
    options = {o["value"]: o["label"] for o in menu["options"]}
    assert options["grad-school"] == f"대학원 ({counts['grad-school']})"
    assert len(options) == min(25, len(by_name))


async def test_picking_a_topic_pages_through_its_entries_and_opens_one(harness: Harness) -> None:
    h = harness
    counts = await h.services.entries.topic_counts()
    topic = max(counts, key=lambda t: counts[t])  # the biggest: several pages
    total = counts[topic]
    pages = math.ceil(total / 10)
    assert pages >= 2, "the corpus should have a topic with more than 10 entries"
    name = next(t.name_ko for t in await h.services.topics.all() if t.id == topic)

    res = await h.emu.slash("topics", user=h.camper)
    picked = await h.emu.select(res, [topic], user=h.camper)
    assert picked.callback_type == 7  # the same message now shows the topic
    embed = res.embeds[0]
    assert embed["title"] == f"{name} · 조언 {total}개"
    assert footer(embed) == f"1/{pages}쪽"
    first_page = re.findall(r"`([a-z0-9-]+)`", embed["description"])
    assert len(first_page) == 10
    [menu] = selects(res.message)
    assert [o["value"] for o in menu["options"]] == first_page
    assert enabled(res.message) == {"이전": False, "다음": True}

    await h.emu.click(res, label="다음", user=h.camper)
    second_page = re.findall(r"`([a-z0-9-]+)`", res.embeds[0]["description"])
    assert footer(res.embeds[0]) == f"2/{pages}쪽"
    assert second_page and not set(second_page) & set(first_page)
    assert enabled(res.message)["이전"] is True
    await h.emu.click(res, label="이전", user=h.camper)
    assert footer(res.embeds[0]) == f"1/{pages}쪽"

    entry = await h.services.entries.get(first_page[2])
    assert entry is not None
    await h.emu.click(res, label="다음", user=h.camper)
    opened = await h.emu.select(res, [second_page[0]], user=h.camper)
    assert opened.callback_type == 7  # opened in place of the list...
    entry = await h.services.entries.get(second_page[0])
    assert entry is not None
    assert res.embeds[0]["title"] == entry.title
    assert footer(res.embeds[0]) == f"id: {entry.id}"
    assert labels(res.message) == ["목록으로", "채널에 공유"]  # ...with a way back (issue 15.4)
    await h.emu.click(res, label="목록으로", user=h.camper)
    assert footer(res.embeds[0]) == f"2/{pages}쪽"  # back on the page it was opened from
    assert [o["value"] for o in selects(res.message)[0]["options"]] == second_page


async def test_someone_else_cannot_use_the_topic_menu(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("topics", user=h.camper)
    before = res.message
    refused = await h.emu.select(res, ["grad-school"], user=h.moderator)
    assert refused.ephemeral and refused.content.startswith("이 버튼은 명령을 실행한 분만")
    assert res.message == before


async def test_topics_in_english(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("topics", user=h.camper, locale="en-US")
    embed = res.embeds[0]
    assert embed["title"] == "Advice by topic"
    assert "**Grad school** · " in embed["description"]
    assert selects(res.message)[0]["placeholder"] == "Choose a topic…"
    await h.emu.select(res, ["grad-school"], user=h.camper, locale="en-US")
    assert re.fullmatch(r"Grad school · \d+ entries", res.embeds[0]["title"])
    assert footer(res.embeds[0]) == "page 1/1"
    assert selects(res.message)[0]["placeholder"] == "Open an entry…"


async def test_about_is_a_short_card_with_counts_per_source_and_commands_to_try(
    harness: Harness,
) -> None:
    h = harness
    stats = await h.services.entries.stats()
    sources = await h.services.entries.sources()
    res = await h.emu.slash("about", user=h.camper)
    assert res.ephemeral
    embed = res.embeds[0]
    assert embed["title"] == "선배 sunbae"
    assert footer(embed) == f"sunbae {__version__}"
    shown = fields(embed)
    assert (
        shown["이렇게 써 보세요"].splitlines()[0] == "`/advice query:대학원` 궁금한 것을 물어보기"
    )
    assert "`/topics`" in shown["이렇게 써 보세요"] and "`/tip`" in shown["이렇게 써 보세요"]
    held = shown["모아 둔 조언"].splitlines()
    assert held[0] == (
        f"조언 {stats['entries']}개 · 오늘의 팁 {stats['tips']}개 · 주제 {stats['topics']}개"
    )
    top_source, top_count = sources[0]
    # Per source, named (escaped: a post title is not Markdown), then its count.
    assert held[1] == f"• {escape(top_source)}: {top_count}개"
    assert stats["entries"] >= 100 and stats["tips"] > 0
    assert "README" not in str(embed) and "--help" not in str(embed)  # campers' card

    english = await h.emu.slash("about", user=h.camper, locale="en-US")
    shown = fields(english.embeds[0])
    assert shown["What it holds"].startswith(f"{stats['entries']} pieces of advice · ")
    assert "the advice itself is in Korean" in shown["Language"]  # issue 15.3


async def test_an_expired_topic_menu_leaves_the_page_it_led_to_alone(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The topic menu's view expires on its own clock; once a pick replaced it with the topic's
    page, its expiry must not put the (disabled) topic menu back over the live page."""
    h = harness
    defaults = OwnedView.__init__.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "timeout", 0.3)  # the /topics menu expires quickly...
    res = await h.emu.slash("topics", user=h.camper)
    monkeypatch.setitem(defaults, "timeout", 600.0)  # ...the topic's page does not
    counts = await h.services.entries.topic_counts()
    topic = max(counts, key=lambda t: counts[t])
    await h.emu.select(res, [topic], user=h.camper)
    page = res.message
    await asyncio.sleep(0.6)  # the menu's view has expired by now
    assert res.message == page
    assert enabled(res.message)["다음"] is True
    await h.emu.click(res, label="다음", user=h.camper)
    assert footer(res.embeds[0]).startswith("2/")


async def test_an_expired_answer_disables_its_buttons(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness
    defaults = OwnedView.__init__.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "timeout", 0.2)
    res = await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)
    assert any(enabled(res.message).values())
    await eventually(lambda: not any(enabled(res.message).values()))
    assert labels(res.message) == ["이전", "다음", "채널에 공유"]
    assert res.embeds and res.ephemeral  # the answer itself stays
    with pytest.raises(EmulatorError, match="disabled"):
        await h.emu.click(res, label="다음", user=h.camper)


async def test_an_id_too_long_for_a_menu_is_left_out_never_cut(tmp_path: Path) -> None:
    """A menu option's value is at most 100 characters: an entry whose id is longer is listed
    on the page but not offered in the menu, rather than under its first 100 characters, which
    here are another entry's whole id."""
    short, long = "a" * 100, "a" * 100 + "-twin"
    drafts = [
        EntryDraft(id=i, title=f"팀 프로젝트 {n}", body="역할을 먼저 나누세요. " * 20,
                   topics=("teamwork",), source=Source(speaker="선배"))
        for n, i in enumerate((short, long))
    ]  # fmt: skip
    async with start_harness(bot_settings(tmp_path / "ids.db")) as h:
        await store_drafts(h.services.db, drafts, now="2026-12-01T00:00:00+00:00")
        res = await h.emu.slash("topics", user=h.camper)
        await h.emu.select(res, ["teamwork"], user=h.camper)
        listed = re.findall(r"`([a-z0-9-]+)`", res.embeds[0]["description"])
        assert short in listed and long in listed
        [menu] = selects(res.message)
        assert [o["value"] for o in menu["options"]] == [i for i in listed if i != long]
        opened = await h.emu.select(res, [short], user=h.camper)
        assert footer(opened.embeds[0]) == f"id: {short}"
