"""A taxonomy bigger than a menu (Discord's select holds 25 options): every topic stays reachable
in /topics, the entry form and the /advice topic option. This module's bot has 30 topics."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.clock import iso
from bot.models import EntryDraft, Topic
from bot.sandbox.harness import Harness
from bot.store.topics import TopicRepository
from tests.helpers_async import eventually
from tests.helpers_messages import enabled, footer, selects
from tests.helpers_store import store_drafts

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

EXTRA = [
    Topic(id=f"extra-{n}", name_ko=f"추가 주제 {n}", name_en=f"Extra topic {n}")
    for n in range(1, 8)
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def many(harness: Harness) -> AsyncIterator[Harness]:
    """The shipped taxonomy and 7 more topics, each with one entry (a topic with none is not
    listed): 30 in all, the smallest last."""
    h = harness
    now = iso(dt.datetime.now(dt.UTC))
    async with h.services.db.transaction() as conn:
        await TopicRepository.upsert_many(conn, EXTRA, now=now)
    drafts = [
        EntryDraft(
            id=f"extra-entry-{n}", title=f"작은 주제의 조언 {n}", body="본문", topics=(t.id,)
        )
        for n, t in enumerate(EXTRA, 1)
    ]
    await store_drafts(h.services.db, drafts, now=now)
    assert len(await h.services.topics.all()) == 30
    await eventually(lambda: _has_topics(h, 30))
    yield h


async def _has_topics(h: Harness, n: int) -> bool:
    return len(await h.services.search.topics()) == n


async def test_topics_pages_its_menu_and_reaches_every_topic(many: Harness) -> None:
    h = many
    counts = await h.services.entries.topic_counts()
    listed = [t for t in await h.services.topics.all() if counts.get(t.id)]
    assert len(listed) > 25
    res = await h.emu.slash("topics", user=h.camper)
    [menu] = selects(res.message)
    first = [o["value"] for o in menu["options"]]
    assert len(first) == 25
    assert footer(res.embeds[0]) == "1/2쪽"
    assert enabled(res.message) == {"이전": False, "다음": True}
    # The list beside the menu names the same topics, biggest first.
    names = re.findall(r"\*\*(.+?)\*\* · \d+개", res.embeds[0]["description"])
    by_id = {t.id: t for t in listed}
    assert names == [by_id[i].name_ko for i in first]

    await h.emu.click(res, label="다음", user=h.camper)
    assert footer(res.embeds[0]) == "2/2쪽"
    second = [o["value"] for o in selects(res.message)[0]["options"]]
    assert sorted(first + second) == sorted(by_id)
    assert "extra-7" in second
    picked = await h.emu.select(res, ["extra-7"], user=h.camper)
    assert picked.callback_type == 7
    assert res.embeds[0]["title"] == "추가 주제 7 · 조언 1개"


async def test_the_entry_form_takes_topics_by_name_past_a_menus_worth(many: Harness) -> None:
    h = many
    res = await h.emu.slash(
        "content add", {"kind": "tip"}, user=h.moderator, check_permissions=False
    )
    await res.wait_final()
    assert res.modal is not None
    topics = next(f for f in res.modal.fields if f["custom_id"] == "topics")
    assert topics["type"] == 4  # typed: a menu would leave 5 topics out
    values = {
        "title": "작은 주제에도 조언을",
        "body": "메뉴에 없던 주제도 이름으로 고를 수 있어요.",
        "topics": "추가 주제 7, portfolio ,Extra Topic 6",
    }
    done = await h.emu.submit_modal(res.modal, values)
    await done.wait_final()
    found = re.search(r"`([\w-]+)`", done.content)
    assert found and done.content.startswith("✅"), done.content
    entry, _ = await h.services.content.get(h.guild.id, found.group(1))
    assert sorted(entry.topics) == ["extra-6", "extra-7", "portfolio"]

    edit = await h.emu.slash(
        "content edit", {"entry": entry.id}, user=h.moderator, check_permissions=False
    )
    await edit.wait_final()
    assert edit.modal is not None
    shown = {f["custom_id"]: f.get("value") for f in edit.modal.fields}
    names = {"extra-6": "추가 주제 6", "extra-7": "추가 주제 7", "portfolio": "포트폴리오"}
    assert shown["topics"] == ", ".join(names[t] for t in entry.topics)
    refused = await h.emu.submit_modal(edit.modal, {"topics": "추가 주제 7, 없는 주제"})
    await refused.wait_final()
    assert refused.content.startswith("⚠️ **주제** 칸을 고쳐 주세요"), refused.content
    assert "'없는 주제'(은)는 목록에 없는 주제예요" in refused.content
    unchanged, _ = await h.services.content.get(h.guild.id, entry.id)
    assert unchanged.topics == entry.topics


async def test_the_advice_topic_option_finds_a_topic_past_the_first_25(many: Harness) -> None:
    h = many
    everything = await h.emu.autocomplete(
        "advice", {"query": "조언", "topic": ""}, focused="topic", user=h.camper
    )
    assert len(everything) == 25
    typed = await h.emu.autocomplete(
        "advice", {"query": "조언", "topic": "추가 주제 7"}, focused="topic", user=h.camper
    )
    assert [c["value"] for c in typed] == ["extra-7"]
