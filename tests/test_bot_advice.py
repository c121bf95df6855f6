"""/advice and /entry end to end: the real bot on the emulator, as a camper sees them."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import bootstrap
from bot.models import Topic
from bot.sandbox.harness import Harness
from bot.search import SearchService
from bot.store.search_index import SqliteSearchStore
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_messages import enabled, fields, footer, labels

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

FOOTER_ID = re.compile(r"^id: ([a-z0-9-]+)")


def entry_id(embed: dict) -> str:
    match = FOOTER_ID.match(footer(embed))
    assert match, footer(embed)
    return match.group(1)


async def test_advice_answers_privately_with_the_best_entry(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)
    assert res.ephemeral
    assert res.content == ""
    [embed] = res.embeds
    best = (await h.services.search.search("대학원", limit=1)).hits[0].entry
    assert embed["title"] == best.title
    assert embed["description"].startswith(best.body[:100])
    shown = fields(embed)
    topics = {t.id: t for t in await h.services.topics.all()}
    assert shown["주제"] == ", ".join(topics[t].name_ko for t in best.topics)
    assert best.source.attribution() in shown["출처"]
    assert shown.get("한 줄 팁") == (best.tip or None)  # the tip when it has one, else no field
    assert footer(embed) == f"id: {best.id} · 결과 1/10"
    assert labels(res.message) == ["이전", "다음", "채널에 공유"]
    assert enabled(res.message) == {"이전": False, "다음": True, "채널에 공유": True}
    # Nobody else sees it: not in the channel.
    visible = [m["id"] for m in h.emu.channel_messages(h.channel)]
    assert res.message["id"] not in visible  # type: ignore[index]


async def test_public_advice_is_posted_to_the_channel_without_share(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "포트폴리오", "public": True}, user=h.camper)
    assert not res.ephemeral
    assert h.emu.channel_messages(h.channel)[-1]["id"] == res.message["id"]  # type: ignore[index]
    assert labels(res.message) == ["이전", "다음"]  # already public: nothing to share
    assert "포트폴리오" in h.emu.render(res)


async def test_next_and_previous_by_the_invoker_turn_the_page(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "면접"}, user=h.camper)
    first = res.embeds[0]
    nxt = await h.emu.click(res, label="다음", user=h.camper)
    assert nxt.callback_type == 7  # the message is updated in place
    second = res.embeds[0]
    assert footer(second).endswith("결과 2/10")
    assert entry_id(second) != entry_id(first) and second["title"] != first["title"]
    assert enabled(res.message) == {"이전": True, "다음": True, "채널에 공유": True}
    await h.emu.click(res, label="이전", user=h.camper)
    assert res.embeds[0] == first
    assert enabled(res.message)["이전"] is False


async def test_a_click_by_someone_else_is_refused_in_their_language(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "캐글", "public": True}, user=h.camper)
    before = res.message
    refusal = await h.emu.click(res, label="다음", user=h.moderator)
    assert refusal.ephemeral
    assert (
        refusal.content == "이 버튼은 명령을 실행한 분만 쓸 수 있어요. 직접 `/advice`로 찾아보세요!"
    )
    assert res.message == before  # the invoker's message did not move
    english = await h.emu.click(res, label="다음", user=h.moderator, locale="en-US")
    assert english.ephemeral and english.content.startswith(
        "Only the person who ran the command can use these buttons."
    )
    assert res.message == before


async def test_share_posts_a_public_copy_with_mentions_off(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "이력서"}, user=h.camper)
    await h.emu.click(res, label="다음", user=h.camper)
    private = res.embeds[0]
    shared = await h.emu.click(res, label="채널에 공유", user=h.camper)
    assert shared.callback_type == 4 and not shared.ephemeral
    assert shared.content == "camper님이 공유한 조언"
    assert shared.embeds[0]["title"] == private["title"]
    assert entry_id(shared.embeds[0]) == entry_id(private)
    # The channel sees one answer, not the second of a list of ten it never saw.
    assert footer(private).endswith("결과 2/10")
    assert footer(shared.embeds[0]) == f"id: {entry_id(private)}"
    assert h.emu.channel_messages(h.channel)[-1]["id"] == shared.message["id"]  # type: ignore[index]
    assert shared.callback is not None
    assert shared.callback["data"]["allowed_mentions"] == {"parse": []}
    assert res.ephemeral  # the private answer stays private
    # A second click (a double click) posts nothing more; another page can still be shared.
    posted = len(h.emu.channel_messages(h.channel))
    again = await h.emu.click(res, label="채널에 공유", user=h.camper)
    assert again.ephemeral and again.content == "이 조언은 이미 채널에 공유했어요."
    assert len(h.emu.channel_messages(h.channel)) == posted
    await h.emu.click(res, label="이전", user=h.camper)
    first = await h.emu.click(res, label="채널에 공유", user=h.camper)
    assert not first.ephemeral and len(h.emu.channel_messages(h.channel)) == posted + 1


async def test_no_match_offers_did_you_mean_and_a_pick_shows_an_entry(harness: Harness) -> None:
    h = harness
    # Grad school advice filed under competitions: there is none, but there is grad school.
    res = await h.emu.slash(
        "advice", {"query": "대학원", "topic": "kaggle-competitions"}, user=h.camper
    )
    assert res.ephemeral and not res.embeds
    # The reply names the topic filter that found nothing (issue 15.4), and offers the same
    # question over every topic first.
    assert res.content.splitlines() == [
        "**캐글·경진대회** 주제에서는 **대학원**에 맞는 조언을 찾지 못했어요.",
        "혹시 이걸 찾으셨나요?",
    ]
    choices = labels(res.message)
    assert 2 <= len(choices) <= 5
    assert choices[0] == "모든 주제에서 '대학원' 찾기"
    assert any("대학원" in label for label in choices[1:])
    entry_label = next(label for label in choices[1:] if not label.startswith("주제"))
    picked = await h.emu.click(res, label=entry_label, user=h.camper)
    assert picked.callback_type == 7
    assert res.content == ""  # the "no match" text is replaced
    [embed] = res.embeds
    assert embed["title"] == entry_label
    assert (await h.services.entries.get(entry_id(embed))) is not None
    assert labels(res.message) == ["채널에 공유"]  # one entry, one page

    again = await h.emu.slash(
        "advice", {"query": "대학원", "topic": "kaggle-competitions"}, user=h.camper
    )
    await h.emu.click(again, label="모든 주제에서 '대학원' 찾기", user=h.camper)
    assert again.embeds and "결과 1/" in footer(again.embeds[0])  # grad school advice, unfiltered


async def test_no_match_without_suggestions_points_to_topics(harness: Harness) -> None:
    res = await harness.emu.slash("advice", {"query": "zzqqxx"}, user=harness.camper)
    assert res.ephemeral and not res.components
    assert res.content.splitlines() == [
        "**zzqqxx**에 맞는 조언을 찾지 못했어요.",
        "`/topics`로 주제별 목록을 둘러볼 수도 있어요.",
    ]


async def test_a_question_nothing_answers_gets_the_closest_not_an_answer(harness: Harness) -> None:
    h = harness
    question = "주식 공부 추천해 주세요"
    result = await h.services.search.search(question, limit=10)
    assert result.hits and result.low_confidence  # something shares a word; nothing answers
    res = await h.emu.slash("advice", {"query": question}, user=h.camper)
    assert res.ephemeral and not res.embeds
    lines = res.content.splitlines()
    assert lines[0] == f"**{question}**에 딱 맞는 조언은 찾지 못했어요. 가장 가까운 것들이에요:"
    assert lines[1].startswith("가까운 주제: ") and "`/topics`" in lines[1]
    choices = labels(res.message)
    closest = [h.title for h in result.hits[:3]]
    assert choices[: len(closest)] == closest and 1 <= len(choices) <= 5
    topic_buttons = choices[len(closest) :]
    assert topic_buttons and all(label.startswith("주제: ") for label in topic_buttons)
    # A closest entry opens in place; a topic button lists that topic's advice.
    picked = await h.emu.click(res, label=closest[0], user=h.camper)
    assert picked.callback_type == 7 and res.embeds[0]["title"] == closest[0]
    again = await h.emu.slash("advice", {"query": question}, user=h.camper)
    await h.emu.click(again, label=topic_buttons[0], user=h.camper)
    assert again.embeds
    english = await h.emu.slash("advice", {"query": question}, user=h.camper, locale="en-US")
    assert (
        english.content.splitlines()[0]
        == f"Nothing answers **{question}** well. These come closest:"
    )
    assert english.content.splitlines()[1].startswith("Closest topics: ")


async def test_a_question_with_an_answer_is_answered(harness: Harness) -> None:
    res = await harness.emu.slash("advice", {"query": "이력서에 뭘 써야 돼요"}, user=harness.camper)
    assert res.embeds and res.content == ""  # filler words neither decide nor get corrected
    assert "이력서" in res.embeds[0]["title"]


async def test_english_locale_gets_english_ui(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "grad school"}, user=h.camper, locale="en-US")
    assert res.ephemeral
    assert labels(res.message) == ["Previous", "Next", "Share to channel"]
    embed = res.embeds[0]
    best = await h.services.entries.get(entry_id(embed))
    assert best is not None
    assert embed["title"] == (best.title_en or best.title)
    names = [f["name"] for f in embed["fields"]]
    assert "Topics" in names and "Source" in names
    if best.summary:  # the English summary on top, then the Korean advice as given
        assert embed["description"].startswith(f"> {best.summary}\n-# The advice below is in")
        assert "In English" not in fields(embed)
    assert re.search(r" · Result 1/\d+$", footer(embed))
    await h.emu.click(res, label="Next", user=h.camper, locale="en-US")
    assert re.search(r" · Result 2/\d+$", footer(res.embeds[0]))
    miss = await h.emu.slash("advice", {"query": "zzqqxx"}, user=h.camper, locale="en-US")
    assert miss.content.splitlines() == [
        "No advice matched **zzqqxx**.",
        "You can also browse by topic with `/topics`.",
    ]
    unknown = await h.emu.slash("entry", {"id": "no-such-entry"}, user=h.camper, locale="en-US")
    assert unknown.content == "There is no entry `no-such-entry`. Please pick one from the list."
    british = await h.emu.slash("entry", {"id": "no-such-entry"}, user=h.camper, locale="en-GB")
    assert british.content == unknown.content  # any English client, not only en-US


async def test_a_typo_is_corrected_and_said(harness: Harness) -> None:
    res = await harness.emu.slash("advice", {"query": "대학언"}, user=harness.camper)
    assert res.embeds
    assert "**대학원**" in res.content and "**대학언**" in res.content


@pytest.mark.parametrize(
    ("typed", "said", "korean_name"),
    [
        ("kagle", "Kaggle and competitions", "캐글·경진대회"),
        ("intervew", "Interviews and coding tests", "면접·코딩테스트"),
    ],
)
async def test_a_typo_is_corrected_in_english_for_english_members(
    harness: Harness, typed: str, said: str, korean_name: str
) -> None:
    # Search corrects to the Korean name ('캐글·경진대회'), which an English member was shown
    # as what their English typo was read as.
    res = await harness.emu.slash("advice", {"query": typed}, user=harness.camper, locale="en-US")
    assert res.embeds
    assert res.content == f"Showing results for **{said}** instead of **{typed}**."
    korean = await harness.emu.slash("advice", {"query": typed}, user=harness.camper)
    assert korean.embeds and korean.content.startswith(f"**{typed}** 대신 **{korean_name}**")


@pytest.mark.parametrize(
    ("typed", "expect"),
    [
        ("대학ㅇ", "대학원"),
        ("ㅇㄹㅅ", "이력서"),
        ("포폴", "포트폴리오"),
        ("kaggle", "캐글"),
        ("", None),
        # A whole question, cut at the 100 characters an option takes: still suggestions on it.
        ("대학원 진학을 고민하는 비전공자의 포트폴리오 " * 4, "포트폴리오"),
    ],
)
async def test_autocomplete_stays_within_discord_limits(
    harness: Harness, typed: str, expect: str | None
) -> None:
    typed = typed[:100]
    choices = await harness.emu.autocomplete(
        "advice", {"query": typed}, focused="query", user=harness.camper
    )
    assert len(choices) <= 25
    for choice in choices:
        assert 1 <= len(choice["name"]) <= 100
        assert 1 <= len(str(choice["value"])) <= 100
    if expect is not None:
        assert choices, typed
        assert any(expect in c["name"] for c in choices[:3]), [c["name"] for c in choices]
    if typed == "":
        assert len(choices) >= 5  # something to browse before typing


async def test_topic_autocomplete_lists_topics_in_both_languages(harness: Harness) -> None:
    h = harness
    choices = await h.emu.autocomplete(
        "advice", {"query": "x", "topic": "대학"}, focused="topic", user=h.camper
    )
    assert {"name": "대학원 · Grad school", "value": "grad-school"} in choices
    english = await h.emu.autocomplete(
        "advice", {"query": "x", "topic": ""}, focused="topic", user=h.camper, locale="en-US"
    )
    assert 1 <= len(english) <= 25
    assert any(c["name"] == "Grad school · 대학원" for c in english)


async def test_the_topic_option_is_answered_from_the_index_in_memory(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Autocomplete asks on every keystroke: the topics come from the search index already in
    memory, never from a read of the whole topics table each time."""
    h = harness
    reads: list[str] = []
    table = h.services.topics.all

    async def counted() -> list[Topic]:
        reads.append("topics")
        return await table()

    monkeypatch.setattr(h.services.topics, "all", counted)
    for typed in ("", "대", "대학", "대학원"):
        choices = await h.emu.autocomplete(
            "advice", {"query": "x", "topic": typed}, focused="topic", user=h.camper
        )
        assert {"name": "대학원 · Grad school", "value": "grad-school"} in choices
    res = await h.emu.slash("advice", {"query": "석사", "topic": "grad-school"}, user=h.camper)
    assert fields(res.embeds[0])["주제"].startswith("대학원")
    assert reads == []


async def test_entry_opens_what_autocomplete_offered(harness: Harness) -> None:
    h = harness
    choices = await h.emu.autocomplete("entry", {"id": "대학원"}, focused="id", user=h.camper)
    assert 1 <= len(choices) <= 25
    assert all(not str(c["value"]).startswith(("topic:", "entry:")) for c in choices)
    picked = choices[0]
    res = await h.emu.slash("entry", {"id": picked["value"]}, user=h.camper)
    assert res.ephemeral
    [embed] = res.embeds
    assert footer(embed) == f"id: {picked['value']}"
    assert embed["title"] == picked["name"]
    assert labels(res.message) == ["채널에 공유"]


async def test_an_entry_that_cites_another_shows_its_title_not_its_id(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("entry", {"id": "tech-blog-worth-it"}, user=h.camper)
    body = res.embeds[0]["description"]
    assert "(「블로그를 포트폴리오로 내면 뭘 보나요?」 참고)" in body
    assert "blog-as-portfolio" not in body


async def test_unknown_entry_id_says_so_and_offers_close_titles(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("entry", {"id": "대학원진학"}, user=h.camper)
    assert res.ephemeral and not res.embeds
    assert res.content == "`대학원진학` 항목을 찾지 못했어요. 목록에서 골라 주세요."
    offered = labels(res.message)
    assert 1 <= len(offered) <= 5
    await h.emu.click(res, label=offered[0], user=h.camper)
    assert res.content == ""
    assert res.embeds[0]["title"] == offered[0]


async def test_an_entry_named_by_its_whole_title_or_its_id_in_capitals_opens(
    harness: Harness,
) -> None:
    # A title typed (or copied from 「…」 in another entry) and sent without picking it in the
    # autocomplete said "`포트폴리오는 많고 얕게? 적고 깊게?` not found, pick one from the list",
    # with that very entry first in the list.
    h = harness
    entry = await h.services.entries.get("portfolio-few-and-deep")
    assert entry is not None and entry.title_en
    for typed, locale in (
        (entry.title, "ko"),
        (f"「{entry.title}」", "ko"),
        (entry.title_en.upper(), "en-US"),
        ("  Portfolio-Few-And-Deep ", "ko"),
    ):
        res = await h.emu.slash("entry", {"id": typed}, user=h.camper, locale=locale)
        message = await res.wait_final()
        assert message is not None and message["embeds"], typed
        assert footer(message["embeds"][0]) == f"id: {entry.id}", typed


async def test_unknown_entry_with_nothing_close_has_no_buttons(harness: Harness) -> None:
    res = await harness.emu.slash("entry", {"id": "zzqqxx-nothing"}, user=harness.camper)
    assert res.content == "`zzqqxx-nothing` 항목을 찾지 못했어요. 목록에서 골라 주세요."
    assert not res.components


async def test_an_unknown_topic_is_refused_not_ignored(harness: Harness) -> None:
    h = harness
    res = await h.emu.slash("advice", {"query": "대학원", "topic": "우주여행"}, user=h.camper)
    assert res.ephemeral and not res.embeds
    assert (
        res.content
        == "**우주여행** 주제를 찾지 못했어요. 목록에서 고르거나 `/topics`로 확인해 주세요."
    )
    # A topic typed by its name (not picked from the list) still filters.
    res = await h.emu.slash("advice", {"query": "대학원", "topic": "대학원"}, user=h.camper)
    assert res.embeds


class _NotWarmed(SearchService):
    """A bot that did not load its search index at start: the first lookup loads it."""

    async def refresh(self) -> None:
        return None


async def test_advice_defers_while_the_search_index_loads(tmp_path: Path) -> None:
    settings = bot_settings(tmp_path / "sunbae.db")
    services = await bootstrap(settings)
    services = replace(
        services, search=_NotWarmed(SqliteSearchStore(services.db), entries=services.entries)
    )
    async with start_harness(settings, services=services) as h:
        assert not h.services.search.ready
        res = await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)
        assert res.deferred and res.ephemeral
        final = await res.wait_final()
        assert final is not None
        [embed] = final["embeds"]
        best = (await h.services.search.search("대학원", limit=1)).hits[0]
        assert embed["title"] == best.title
        # Loaded by then: the next lookup answers at once.
        again = await h.emu.slash("advice", {"query": "면접"}, user=h.camper)
        assert not again.deferred and again.embeds
        missing = await h.emu.slash("entry", {"id": "없는-아이디"}, user=h.camper)
        assert not missing.deferred


async def test_english_members_get_english_titles_wherever_there_are_some(
    harness: Harness,
) -> None:
    """Issue 15.3: autocomplete, pages, the tip and "did you mean" name entries by title_en."""
    h = harness
    en = {"user": h.camper, "locale": "en-US"}
    titles = await h.emu.autocomplete("entry", {"id": "portfolio"}, focused="id", **en)
    assert titles and all(not re.search("[가-힣]", c["name"]) for c in titles), titles
    assert {"name": "Is a portfolio better with many shallow projects or a few deep ones?",
            "value": "portfolio-few-and-deep"} in titles  # fmt: skip
    choices = await h.emu.autocomplete("advice", {"query": "포트폴"}, focused="query", **en)
    assert choices[0]["name"] == "Topic: Portfolio (포트폴리오)"
    entries = [c for c in choices if str(c["value"]).startswith("entry:")]
    assert entries and all(not re.search("[가-힣]", c["name"]) for c in entries)
    korean = await h.emu.autocomplete("advice", {"query": "포트폴"}, focused="query", user=h.camper)
    assert korean[0]["name"] == "주제: 포트폴리오 (Portfolio)"
    assert any(c["name"] == "포트폴리오는 많고 얕게? 적고 깊게?" for c in korean)

    page = await h.emu.slash("entry", {"id": "portfolio-few-and-deep"}, **en)
    entry = await h.services.entries.get("portfolio-few-and-deep")
    assert entry is not None and entry.summary
    assert page.embeds[0]["title"] == entry.title_en
    # The English summary on top, then the body in Korean as it was given.
    description = page.embeds[0]["description"]
    assert description.startswith(f"> {entry.summary}\n-# The advice below is in Korean")
    assert re.search("[가-힣]", description.split("\n\n", 1)[1])

    tip = await h.emu.slash("tip", **en)
    shown = await h.services.entries.get(footer(tip.embeds[0]).removeprefix("id: "))
    assert shown is not None
    assert fields(tip.embeds[0])["From"].startswith(f"**{shown.title_en or shown.title}**")

    miss = await h.emu.slash("advice", {"query": "대학원", "topic": "kaggle-competitions"}, **en)
    assert miss.content.startswith("No advice on **Kaggle and competitions** matched **대학원**.")
    assert labels(miss.message)[0] == "Search all topics for '대학원'"
    assert "Topic: Grad school (대학원)" in labels(miss.message)


async def test_topic_autocomplete_takes_initial_consonants(harness: Harness) -> None:
    h = harness

    async def topics(typed: str) -> list[str]:
        found = await h.emu.autocomplete(
            "advice", {"query": "x", "topic": typed}, focused="topic", user=h.camper
        )
        return [str(c["value"]) for c in found]

    assert (await topics("ㅋ"))[:2] == ["kaggle-competitions", "career-path"]  # names first
    assert await topics("캐ㄱ") == ["kaggle-competitions"]  # a syllable being typed
    assert (await topics("ㄷㅎㅇ"))[0] == "grad-school"
    assert "kaggle-competitions" in await topics("ㄱㅈ")  # 캐글·경진대회: any word's start
    assert await topics("kag") == ["kaggle-competitions"]


async def test_a_dm_offers_no_share_to_channel(harness: Harness) -> None:
    # In a DM with the bot, 'share to channel' posted '<name>님이 공유한 조언' into the same DM.
    h = harness
    dm = h.emu.dm_channel(h.camper)
    for command, options in (
        ("advice", {"query": "포폴"}),
        ("entry", {"id": "portfolio-few-and-deep"}),
    ):
        res = await h.emu.slash(command, options, user=h.camper, channel=dm)
        assert res.embeds and "채널에 공유" not in labels(res.message), command
    in_server = await h.emu.slash("advice", {"query": "포폴"}, user=h.camper)
    assert "채널에 공유" in labels(in_server.message)
