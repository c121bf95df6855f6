"""Hostile user text and hostile content links, end to end: what the channel sees.

A camper's words echoed by the bot must show literally (no link, no formatting, no mention), in
public replies and private ones alike; links in content bodies follow `safe_links`' rule.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.sandbox.harness import Harness
from tests.helpers_bot import CONTENT, bot_settings, start_harness
from tests.helpers_messages import fields

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

PHISH = "[무료 니트로 받기](https://evil.example/x)"
# What Discord would act on once escapes (a backslash before punctuation) are taken out.
_ESCAPED = re.compile(r"\\[^\w\s]")
_LIVE = re.compile(r"\[[^\]]*\]\(|https?://|<[@#:t]|\*\*\*|(^|\n)\s*(#|>|-#)")


def live_markup(text: str) -> list[str]:
    """Links, masked links, mentions or line markup that Discord would render in `text`."""
    return [m.group(0) for m in _LIVE.finditer(_ESCAPED.sub("·", text))]


async def test_the_checker_sees_what_discord_would_render() -> None:
    # A test that cannot fail is a defect: the checker flags the unescaped forms.
    assert live_markup(f"**{PHISH} 대학언** 대신") == ["[무료 니트로 받기](", "https://"]
    assert live_markup("<@123> # big") == ["<@"]
    assert live_markup("x\n# big") == ["\n#"]
    assert live_markup(r"\[a\](https\://e.x) \<@1>") == []


async def test_a_phishing_query_is_echoed_as_plain_text_in_public(harness: Harness) -> None:
    h = harness
    # Link text on the subject, so search answers (a question of unknown words gets "no good
    # match", privately) and says what it corrected, echoing the query.
    phish = "[대학원 석사 필요](https://evil.example/x)"
    res = await h.emu.slash("advice", {"query": f"{phish} 대학언", "public": True}, user=h.camper)
    assert not res.ephemeral
    public = h.emu.channel_messages(h.channel)[-1]
    assert public["id"] == res.message["id"]  # type: ignore[index]
    assert public["content"].startswith(
        r"**\[대학원 석사 필요\](https\://evil.example/x) 대학언** 대신 **"
    )
    assert live_markup(public["content"]) == []


async def test_no_match_and_unknown_ids_echo_literally(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "<@&1> [zzqqxx](https://zzqqxx.zz)"})
    assert res.ephemeral
    assert res.content.startswith(
        r"**\<@&1\> \[zzqqxx\](https\://zzqqxx.zz)**에 맞는 조언을 찾지 못했어요."
    )
    assert live_markup(res.content) == []

    unknown = await h.emu.slash("entry", {"id": "`a` [x](https://evil.example)"}, user=h.camper)
    # Inside the template's code span nothing renders; a backtick would end the span early.
    assert unknown.content.startswith("`ˋaˋ [x](https://evil.example)` 항목을 찾지 못했어요.")

    topic = await h.emu.slash(
        "advice", {"query": "대학원", "topic": "# [x](https://evil.example)"}, user=h.camper
    )
    assert topic.content.startswith(r"**\# \[x\](https\://evil.example)** 주제를 찾지 못했어요.")
    assert live_markup(topic.content) == []


async def test_input_of_invisible_characters_is_asked_for_again(harness: Harness) -> None:
    # Zero-width spaces, a Hangul filler, a space: echoed, they read as `****` or empty backticks.
    h = harness
    for query in ("\u200b\u200b", "\u3164", "\u200b \u2060"):
        res = await h.emu.slash("advice", {"query": query}, user=h.camper)
        assert res.ephemeral
        assert res.content == "무엇이 궁금한지 적어 주세요. 예: `/advice query:대학원`"
    for entry_id in (" ", "\u200b"):
        res = await h.emu.slash("entry", {"id": entry_id}, user=h.camper)
        assert res.ephemeral
        assert res.content == "어떤 항목인지 적어 주세요. 목록에서 고를 수 있어요."


async def test_a_shared_answer_names_the_sharer_without_markup(harness: Harness) -> None:
    h = harness
    sharer = h.emu.add_member(
        h.guild, "sharer", locale="ko", global_name="[관리자 공지](https://evil.example)"
    )
    res = await h.emu.slash("advice", {"query": "대학원"}, user=sharer)
    await h.emu.click(res, label="채널에 공유", user=sharer)
    public = h.emu.channel_messages(h.channel)[-1]
    assert public["content"] == r"\[관리자 공지\](https\://evil.example)님이 공유한 조언"


HOSTILE_BODY = """\
---
id: hostile-links
title: 링크 시험
topics: [portfolio]
tip: "[https://discord.com/nitro](https://evil.example/tip) 에서 받으세요"
---
정상 링크: [공식 문서](https://docs.python.org/3/) 그대로.
스크립트: [눌러 보세요](javascript:alert(1)) 그리고 [데이터](data:text/html;base64,PHNjcmlwdD4=).
속임수: [https://discord.com/gift](https://evil.example/x) 와 [www.naver.com](https://evil.example/y).
같은 곳: [https://docs.python.org/3/](https://docs.python.org/3/) 는 그대로.
"""


async def test_content_links_follow_the_rule_in_a_public_answer(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(CONTENT / "topics.yaml", folder / "topics.yaml")
    (folder / "hostile.md").write_text(HOSTILE_BODY, encoding="utf-8")
    async with start_harness(bot_settings(tmp_path / "h.db", content_paths=(folder,))) as h:
        assert h.ingest_report is not None and not h.ingest_report.errors
        res = await h.emu.slash("entry", {"id": "hostile-links"}, user=h.camper)
        await h.emu.click(res, label="채널에 공유", user=h.camper)
        [embed] = h.emu.channel_messages(h.channel)[-1]["embeds"]
        body = embed["description"]
        assert "[공식 문서](https://docs.python.org/3/) 그대로" in body
        assert "스크립트: 눌러 보세요 그리고 데이터." in body
        assert "javascript:" not in body and "data:" not in body
        assert r"속임수: https\://discord.com/gift (<https://evil.example/x>) 와" in body
        assert r"www.naver.com (<https://evil.example/y>)." in body
        assert "[https://docs.python.org/3/](https://docs.python.org/3/) 는 그대로" in body
        assert fields(embed)["한 줄 팁"] == (
            r"https\://discord.com/nitro (<https://evil.example/tip>) 에서 받으세요"
        )
