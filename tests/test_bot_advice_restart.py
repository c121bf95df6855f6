"""Previous/Next on a public /advice answer keep working after the bot restarts on the same
database: the answer's results are kept per message (advice_pages), the buttons name the kept
answer and their page. A result retired meanwhile is skipped (and said so in the footer); a
page whose results are all gone says so. Each server's kept answers answer only there."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.emulator import DiscordEmulator
from bot.models.content import Actor
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_messages import enabled, footer
from tests.test_bot_cohorts import Server

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

NOT_YOURS_KO = "이 버튼은 명령을 실행한 분만 쓸 수 있어요. 직접 `/advice`로 찾아보세요!"
STALE_KO = "이 버튼은 더 이상 작동하지 않아요"


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def entry_id(embed: dict[str, Any]) -> str:
    return footer(embed).split(" · ")[0].removeprefix("id: ")


def page(emulator: DiscordEmulator, message: dict[str, Any]) -> dict[str, Any]:
    """The embed of the message as the channel sees it now."""
    now = emulator.message(message["id"])
    assert now is not None
    [embed] = now["embeds"]
    return dict(embed)


async def turn(
    emulator: DiscordEmulator, message: dict[str, Any], label: str, user: Any, **kw: Any
) -> dict[str, Any]:
    clicked = await emulator.click(message, label=label, user=user, **kw)
    assert clicked.callback_type == 7 and not clicked.ephemeral  # the answer turned in place
    return page(emulator, message)


async def test_public_pages_survive_a_restart_skipping_what_was_retired(tmp_path: Path) -> None:
    settings = bot_settings(tmp_path / "pages.db")
    emulator = await DiscordEmulator().start()
    try:
        async with start_harness(settings, emulator=emulator) as first:
            a = await Server.new(first, "alpha")
            b = await Server.new(first, "beta")
            asked_a = await emulator.slash(
                "advice", {"query": "면접", "public": True}, user=a.camper, channel=a.general
            )
            asked_b = await emulator.slash(
                "advice", {"query": "면접", "public": True}, user=b.camper, channel=b.general
            )
            msg_a, msg_b = asked_a.message, asked_b.message
            assert msg_a is not None and msg_b is not None and not asked_a.ephemeral
            shown = [page(emulator, msg_a)]
            for _ in range(3):
                shown.append(await turn(emulator, msg_a, "다음", a.camper))
            assert [footer(p).split(" · ", 1)[1] for p in shown] == [
                "결과 1/10", "결과 2/10", "결과 3/10", "결과 4/10",
            ]  # fmt: skip
            await turn(emulator, msg_a, "이전", a.camper)
            assert await turn(emulator, msg_a, "이전", a.camper) == shown[1]
            # Meanwhile a moderator of alpha retires the third result there (beta keeps it).
            gone = entry_id(shown[2])
            await first.services.content.retire(a.guild.id, gone, Actor(str(a.mod.id), "mod"))

        async with start_harness(settings, emulator=emulator, ingest=False):  # a new process
            # The page after the second is now the fourth result, counted among nine.
            after = await turn(emulator, msg_a, "다음", a.camper)
            removed = " · 삭제된 결과 1개 제외"
            assert after["title"] == shown[3]["title"]
            assert after["description"] == shown[3]["description"]
            assert footer(after) == f"id: {entry_id(shown[3])} · 결과 3/9{removed}"
            back = await turn(emulator, msg_a, "이전", a.camper)
            assert {**back, "footer": None} == {**shown[1], "footer": None}
            assert footer(back) == f"id: {entry_id(shown[1])} · 결과 2/9{removed}"
            assert enabled(emulator.message(msg_a["id"])) == {"이전": True, "다음": True}

            # Only the member who asked pages; the channel's message does not move.
            refused = await emulator.click(msg_a, label="다음", user=a.mod)
            assert refused.ephemeral and refused.content == NOT_YOURS_KO
            assert page(emulator, msg_a) == back

            # Beta never retired it: its answer still shows it, third of ten.
            second = await turn(emulator, msg_b, "다음", b.camper)
            third = await turn(emulator, msg_b, "다음", b.camper)
            assert entry_id(third) == gone and footer(third).endswith("결과 3/10")
            assert second != third
        # Insights count a result paged to once, whichever process served the click: alpha
        # reached its second, third and fourth results (the fourth again after the restart).
        paged = "SELECT count(*), count(DISTINCT entry_id) FROM insight_actions"
        paged += " WHERE action = 'page' AND guild_id = {}"
        assert query(settings.db_path, paged.format(a.guild.id)) == [(3, 3)]
        assert query(settings.db_path, paged.format(b.guild.id)) == [(2, 2)]
    finally:
        await emulator.stop()


def graft(emulator: DiscordEmulator, source: dict[str, Any], target: dict[str, Any]) -> None:
    """Put `source`'s buttons on `target` (as a forged or copied custom_id would)."""
    emulator.state.messages[int(target["id"])]["components"] = [
        dict(row) for row in emulator.state.messages[int(source["id"])]["components"]
    ]


async def stale(emulator: DiscordEmulator, message: dict[str, Any], user: Any) -> None:
    """A click on page buttons nothing is kept for: disabled in place, and said privately."""
    clicked = await emulator.click(message, label="다음", user=user)
    [told] = await clicked.wait_followups()
    assert told["content"].startswith(STALE_KO) and told["flags"] & 64
    assert enabled(emulator.message(message["id"])) == {"이전": False, "다음": False}


async def test_a_servers_kept_pages_never_answer_in_another(tmp_path: Path) -> None:
    settings = bot_settings(tmp_path / "two.db")
    emulator = await DiscordEmulator().start()
    try:
        async with start_harness(settings, emulator=emulator) as first:
            a = await Server.new(first, "alpha")
            b = await Server.new(first, "beta")
            asked_a = await emulator.slash(
                "advice", {"query": "포트폴리오", "public": True}, user=a.camper, channel=a.general
            )
            asked_b = await emulator.slash(
                "advice", {"query": "대학원", "public": True}, user=b.camper, channel=b.general
            )
            msg_a, msg_b = asked_a.message, asked_b.message
            assert msg_a is not None and msg_b is not None
        async with start_harness(settings, emulator=emulator, ingest=False) as second:
            before = page(emulator, msg_b)
            graft(emulator, msg_a, msg_b)  # alpha's kept answer named on a message in beta
            await stale(emulator, msg_b, b.camper)
            assert page(emulator, msg_b) == before  # nothing of alpha's shown in beta
            # A kept answer named on another message of its own server does not answer either.
            again = await emulator.slash(
                "advice", {"query": "포트폴리오", "public": True}, user=a.camper, channel=a.general
            )
            assert again.message is not None
            graft(emulator, msg_a, again.message)
            await stale(emulator, again.message, a.camper)
            # A lone result has nothing to turn: no buttons, nothing kept.
            kept = query(settings.db_path, "SELECT count(*) FROM advice_pages")
            lone = await emulator.slash(
                "advice", {"query": f"entry:{entry_id(before)}", "public": True},
                user=b.camper, channel=b.general,
            )  # fmt: skip
            assert lone.message is not None and enabled(lone.message) == {}
            assert lone.embeds[0]["title"] == before["title"]
            assert query(settings.db_path, "SELECT count(*) FROM advice_pages") == kept
            # Alpha's own message pages as before.
            turned = await turn(emulator, msg_a, "다음", a.camper)
            assert footer(turned).endswith("결과 2/10")
            # Once its row is forgotten (kept 90 days), its buttons say they no longer work.
            async with second.services.db.transaction() as conn:
                await conn.execute("DELETE FROM advice_pages")
            await stale(emulator, msg_a, a.camper)
    finally:
        await emulator.stop()


async def test_english_pages_after_a_restart_and_a_page_whose_results_are_all_gone(
    tmp_path: Path,
) -> None:
    settings = bot_settings(tmp_path / "en.db")
    emulator = await DiscordEmulator().start()
    try:
        async with start_harness(settings, emulator=emulator) as first:
            a = await Server.new(first, "alpha")
            en = {"locale": "en-US"}
            asked = await emulator.slash(
                "advice", {"query": "portfolio", "public": True}, user=a.camper, channel=a.general,
                **en,
            )  # fmt: skip
            msg = asked.message
            assert msg is not None
            assert enabled(msg) == {"Previous": False, "Next": True}
            one = page(emulator, msg)
            two = await turn(emulator, msg, "Next", a.camper, **en)
            assert footer(two).endswith("Result 2/10")
            await turn(emulator, msg, "Previous", a.camper, **en)
        async with start_harness(settings, emulator=emulator, ingest=False) as second:
            assert await turn(emulator, msg, "Next", a.camper, **en) == two
            assert await turn(emulator, msg, "Previous", a.camper, **en) == one
            assert await turn(emulator, msg, "Next", a.camper, **en) == two
            refused = await emulator.click(msg, label="Next", user=a.mod, locale="en-US")
            assert refused.ephemeral and refused.content.startswith(
                "Only the person who ran the command can use these buttons."
            )
            ids = {entry_id(one), entry_id(two)}
            while enabled(emulator.message(msg["id"]))["Next"]:
                ids.add(entry_id(await turn(emulator, msg, "Next", a.camper, **en)))
            assert len(ids) == 10
            for entry in ids:  # every result of the answer, retired in alpha
                await second.services.content.retire(a.guild.id, entry, Actor("1", "mod"))
            empty = await turn(emulator, msg, "Previous", a.camper, **en)
            assert empty["description"] == (
                "Every piece of advice in this answer was removed since:"
                " search again with `/advice`."
            )
            assert enabled(emulator.message(msg["id"])) == {"Previous": False, "Next": False}
    finally:
        await emulator.stop()


async def test_a_click_with_nothing_left_that_way_stays_on_the_page(tmp_path: Path) -> None:
    """Previous was drawn enabled, then every result before this one was retired: the click
    keeps this page (it is still there) and disables the buttons, rather than saying every
    result is gone."""
    settings = bot_settings(tmp_path / "stay.db")
    emulator = await DiscordEmulator().start()
    try:
        async with start_harness(settings, emulator=emulator) as harness:
            a = await Server.new(harness, "alpha")
            asked = await emulator.slash(
                "advice", {"query": "면접", "public": True}, user=a.camper, channel=a.general
            )
            msg = asked.message
            assert msg is not None
            ids = [entry_id(page(emulator, msg))]
            while enabled(emulator.message(msg["id"]))["다음"]:
                ids.append(entry_id(await turn(emulator, msg, "다음", a.camper)))
            last = page(emulator, msg)
            for entry in ids[:-1]:
                await harness.services.content.retire(a.guild.id, entry, Actor("1", "mod"))
            stayed = await turn(emulator, msg, "이전", a.camper)
            assert (stayed["title"], stayed["description"]) == (last["title"], last["description"])
            assert footer(stayed).endswith(f"삭제된 결과 {len(ids) - 1}개 제외")
            assert enabled(emulator.message(msg["id"])) == {"이전": False, "다음": False}
    finally:
        await emulator.stop()
