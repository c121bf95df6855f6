"""Limits and trouble: the cooldown, a very long entry, a database error, a dropped gateway."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.harness import Harness
from tests.helpers_bot import CONTENT, bot_settings, start_harness
from tests.helpers_messages import check_embed_limits, fields, footer, labels

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]

ERROR_REPLY = re.compile(r"^앗, 처리 중에 문제가 생겼어요\. .*\(오류 코드 ([0-9a-f]{6})\)$")


# -- the cooldown ------------------------------------------------------------------------------


async def test_a_quick_second_lookup_gets_the_cooldown_message(tmp_path: Path) -> None:
    async with start_harness(bot_settings(tmp_path / "c.db", lookup_cooldown=30.0)) as h:
        first = await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)
        assert first.embeds
        second = await h.emu.slash("advice", {"query": "포트폴리오"}, user=h.camper)
        assert second.ephemeral and not second.embeds
        assert second.content == "조금만 천천히요! 30초 뒤에 다시 물어봐 주세요."
        english = await h.emu.slash("advice", {"query": "kaggle"}, user=h.camper, locale="en-US")
        assert english.content == "Easy there! Please try again in 30 s."
        # Per user: someone else is not slowed down.
        other = await h.emu.slash("advice", {"query": "포트폴리오"}, user=h.moderator)
        assert other.embeds


# -- a very long entry ---------------------------------------------------------------------------

LONG_TITLE = "아주 긴 제목 " * 24  # close to the 200-character title limit
PARAGRAPH = (
    "선배는 이렇게 말했다. 포트폴리오는 많고 얕은 것보다 적고 깊은 것이 낫다. "
    "문제를 정의하고, 실험을 설계하고, 실패를 분석한 과정을 남겨라. "
)


def long_entry_file() -> str:
    body = "\n\n".join(f"{n}. {PARAGRAPH * 3}" for n in range(1, 40))
    assert len(body) >= 9000
    summary = "A very long English summary. " * 80  # longer than a field may hold
    return (
        "---\n"
        "id: very-long-entry\n"
        f"title: {LONG_TITLE.strip()}\n"
        "title_en: A very long entry\n"
        "kind: qa\n"
        "topics: [portfolio, career-path]\n"
        f"summary_en: {summary.strip()}\n"
        f"tip: {'짧게 말하면 깊게 파세요. ' * 10}\n"
        "source:\n"
        "  post: 테스트 글\n"
        "  event: 테스트 특강\n"
        "  speaker: 테스트 선배\n"
        "  url: https://example.com/long\n"
        "---\n"
        f"{body}\n"
    )


@pytest.fixture
def long_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(CONTENT / "topics.yaml", folder / "topics.yaml")
    (folder / "long.md").write_text(long_entry_file(), encoding="utf-8")
    return folder


def sent_embeds(h: Harness) -> Iterator[dict[str, Any]]:
    """Every embed in every message body the bot sent (replies, updates, edits, posts)."""
    for call in h.emu.calls:
        body = call.json if isinstance(call.json, dict) else {}
        for payload in (body, body.get("data") or {}):
            if isinstance(payload, dict):
                yield from payload.get("embeds") or []


async def test_a_long_entry_is_paged_within_discord_limits(
    tmp_path: Path, long_content: Path
) -> None:
    settings = bot_settings(tmp_path / "long.db", content_paths=(long_content,))
    async with start_harness(settings) as h:
        assert h.ingest_report is not None and not h.ingest_report.errors
        entry = await h.services.entries.get("very-long-entry")
        assert entry is not None and len(entry.body) >= 9000

        res = await h.emu.slash("entry", {"id": "very-long-entry"}, user=h.camper)
        first = res.embeds[0]
        pages = int(re.search(r"1/(\d+)쪽$", footer(first)).group(1))  # type: ignore[union-attr]
        assert pages >= 3
        assert footer(first) == f"id: very-long-entry · 1/{pages}쪽"
        assert labels(res.message) == ["이전", "다음", "채널에 공유"]
        assert fields(first)["한 줄 팁"] == entry.tip
        seen = [first["description"]]
        for n in range(2, pages + 1):
            await h.emu.click(res, label="다음", user=h.camper)
            assert footer(res.embeds[0]) == f"id: very-long-entry · {n}/{pages}쪽"
            assert res.embeds[0]["title"] == first["title"]
            seen.append(res.embeds[0]["description"])
        # Every word of the body is on some page, in order.
        assert "".join(seen).replace("\n", "").replace(" ", "") == entry.body.replace(
            "\n", ""
        ).replace(" ", "")
        await h.emu.click(res, label="채널에 공유", user=h.camper)

        english = await h.emu.slash(
            "entry", {"id": "very-long-entry"}, user=h.camper, locale="en-US"
        )
        assert english.embeds[0]["title"] == "A very long entry"
        # The long English summary leads the first page; the pages still fit Discord's limits.
        assert english.embeds[0]["description"].startswith("> A very long English summary.")
        for embed in english.embeds:
            check_embed_limits(embed)
        await h.emu.slash("advice", {"query": "포트폴리오", "public": True}, user=h.camper)

        embeds = list(sent_embeds(h))
        assert len(embeds) >= pages + 3
        for embed in embeds:
            check_embed_limits(embed)
        assert max(len(e.get("description") or "") for e in embeds) > 3000  # pages are full


# -- a database error ------------------------------------------------------------------------------


def _in_tip_scheduler() -> bool:
    """The daily tip scheduler reads on its own clock: its tick may come while a command runs
    and must not take the error queued for the command."""
    task = asyncio.current_task()
    return task is not None and task.get_name() == "sunbae-tip-scheduler"


class FlakyReader:
    """The database's reader connection, failing the next queries with the errors queued in
    `errors` (every read of the bot, in the store and in search, goes through it)."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.errors: list[sqlite3.Error] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        if self.errors and not _in_tip_scheduler():
            error = self.errors.pop(0)

            async def fail() -> Any:
                raise error

            return fail()
        return self.real.execute(*args, **kwargs)


@pytest.fixture
def flaky(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> FlakyReader:
    reader = FlakyReader(harness.services.db.reader)
    monkeypatch.setattr(harness.services.db, "_reader", reader)
    return reader


@pytest.mark.error_logs_expected
async def test_a_database_error_gets_an_error_reply_and_the_bot_keeps_serving(
    harness: Harness, flaky: FlakyReader, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    flaky.errors.append(sqlite3.OperationalError("disk I/O error"))
    res = await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)
    assert not flaky.errors, "the lookup did not read the database"
    assert res.ephemeral and not res.embeds and not res.components
    code = ERROR_REPLY.match(res.content)
    assert code, res.content
    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert any(code.group(1) in r.getMessage() for r in logged)
    assert any(isinstance(r.exc_info[1], sqlite3.OperationalError) for r in logged if r.exc_info)

    again = await h.emu.slash("advice", {"query": "대학원"}, user=h.camper)
    assert again.embeds and labels(again.message)[-1] == "채널에 공유"

    flaky.errors.append(sqlite3.OperationalError("database is locked"))
    res = await h.emu.slash("advice", {"query": "portfolio"}, user=h.camper, locale="en-US")
    assert re.fullmatch(
        r"Something went wrong on my side\. Please try again in a moment\. \(error [0-9a-f]{6}\)",
        res.content,
    )
    flaky.errors.append(sqlite3.OperationalError("disk I/O error"))
    res = await h.emu.slash("entry", {"id": "grad-school-reality-check"}, user=h.camper)
    assert ERROR_REPLY.match(res.content), res.content
    res = await h.emu.slash("entry", {"id": "grad-school-reality-check"}, user=h.camper)
    assert footer(res.embeds[0]) == "id: grad-school-reality-check"


@pytest.mark.error_logs_expected
async def test_a_database_error_in_a_menu_gets_an_error_reply(
    harness: Harness, flaky: FlakyReader
) -> None:
    h = harness
    res = await h.emu.slash("topics", user=h.camper)
    before = res.message
    flaky.errors.append(sqlite3.OperationalError("disk I/O error"))
    failed = await h.emu.select(res, ["grad-school"], user=h.camper)
    assert failed.ephemeral and ERROR_REPLY.match(failed.content), failed.content
    assert res.message == before  # the menu is still there, unchanged
    await h.emu.select(res, ["grad-school"], user=h.camper)
    assert res.embeds[0]["title"].startswith("대학원 · 조언 ")

    # The same on a page button: the failed click leaves the buttons working.
    counts = await h.services.entries.topic_counts()
    res = await h.emu.slash("topics", user=h.camper)
    await h.emu.select(res, [max(counts, key=lambda t: counts[t])], user=h.camper)
    assert footer(res.embeds[0]).startswith("1/")
    flaky.errors.append(sqlite3.OperationalError("disk I/O error"))
    failed = await h.emu.click(res, label="다음", user=h.camper)
    assert failed.ephemeral and ERROR_REPLY.match(failed.content), failed.content
    assert footer(res.embeds[0]).startswith("1/")
    await h.emu.click(res, label="다음", user=h.camper, within=2.0)
    assert footer(res.embeds[0]).startswith("2/")


# -- the gateway -----------------------------------------------------------------------------------


async def test_a_dropped_gateway_resumes_and_the_bot_still_answers(harness: Harness) -> None:
    h = harness
    resumes = h.emu.gateway.resumes
    await h.emu.drop_gateway()
    assert h.emu.gateway.resumes == resumes + 1
    res = await h.emu.slash("advice", {"query": "코딩테스트"}, user=h.camper)
    assert res.embeds and res.ephemeral
    await h.emu.request_reconnect()
    res = await h.emu.slash("about", user=h.camper)
    assert res.embeds[0]["title"] == "선배 sunbae"


@pytest.mark.error_logs_expected
async def test_a_database_error_on_did_you_mean_leaves_the_choices_working(
    harness: Harness, flaky: FlakyReader
) -> None:
    h = harness
    res = await h.emu.slash(
        "advice", {"query": "대학원", "topic": "kaggle-competitions"}, user=h.camper
    )
    choice = labels(res.message)[0]
    before = res.message
    flaky.errors.append(sqlite3.OperationalError("disk I/O error"))
    failed = await h.emu.click(res, label=choice, user=h.camper)
    assert failed.ephemeral and ERROR_REPLY.match(failed.content), failed.content
    assert res.message == before
    await h.emu.click(res, label=choice, user=h.camper, within=2.0)
    assert res.embeds and res.content == ""
