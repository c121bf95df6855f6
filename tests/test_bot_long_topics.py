"""/topics with long topic descriptions: every topic on a page is listed, its description cut
to a fair share of the embed's 4,096 characters, instead of the page's end cut off (the last
topics then named nowhere but in the menu)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.adapter import limits
from bot.clock import iso
from bot.models import EntryDraft, Topic
from bot.store.topics import TopicRepository
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_messages import footer, selects
from tests.helpers_store import store_drafts

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("no_errors_logged")]

TOPICS = [
    Topic(
        id=f"long-{n:02d}",
        name_ko=f"긴 주제 {n:02d}",
        name_en=f"Long topic {n:02d}",
        description=f"설명{n:02d} " + "이 주제는 아주 길게 설명돼 있어요. " * 12,
        description_en=f"About{n:02d} " + "This topic has a very long description. " * 10,
    )
    for n in range(1, 28)
]


async def test_every_topic_on_a_page_is_listed_with_the_start_of_its_description(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "content"
    empty.mkdir()
    settings = bot_settings(tmp_path / "topics.db", content_paths=(empty,))
    async with start_harness(settings) as h:
        now = iso(dt.datetime.now(dt.UTC))
        async with h.services.db.transaction() as conn:
            await TopicRepository.upsert_many(conn, TOPICS, now=now)
        # One entry each: the list (biggest first, then by name) is in this order.
        drafts = [
            EntryDraft(id=f"e-{t.id}", title=f"조언 {t.id}", body="본문", topics=(t.id,))
            for t in TOPICS
        ]
        await store_drafts(h.services.db, drafts, now=now)

        for locale, name, about in (("ko", "name_ko", "설명"), ("en-US", "name_en", "About")):
            res = await h.emu.slash("topics", user=h.camper, locale=locale)
            pages = []
            for page in (1, 2):
                if page == 2:
                    label = "다음" if locale == "ko" else "Next"
                    await h.emu.click(res, label=label, user=h.camper, locale=locale)
                pages.append((res.embeds[0]["description"], selects(res.message)[0]["options"]))
            assert footer(res.embeds[0]) in ("2/2쪽", "page 2/2")
            first, second = pages
            assert len(first[0]) <= limits.EMBED_DESCRIPTION
            listed = [
                re.findall(r"\*\*(.+?)\*\* · ", text) for text, _ in pages
            ]  # every topic, on its page
            assert listed[0] + listed[1] == [getattr(t, name) for t in TOPICS]
            assert len(listed[0]) == len(first[1]) == 25
            # Each with the start of its description, the page's longer ones cut with …
            for n in range(1, 26):
                assert f"{about}{n:02d} " in first[0]
            assert first[0].count("…") == 25
            assert "…" not in second[0]  # two topics: room for the whole of each
