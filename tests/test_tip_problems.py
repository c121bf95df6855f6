"""A server's last daily-tip problem as moderators read it in /tip-config show."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.models.tips import TipProblem, TipSettings
from cogs.tips.problems import problem_text

DAY = dt.date(2025, 3, 3)


def settings(problem: str | None) -> TipSettings:
    return TipSettings(
        guild_id=1, channel_id=77, time="09:00", timezone="Asia/Seoul", enabled=True,
        open_thread=True, skip_date=None, last_problem=problem, problem_at=None,
        active_since=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("problem", "ko", "en"),
    [
        (
            TipProblem(DAY, "refused", "missing_permissions", 55, 1, "Missing Permissions"),
            "2025-03-03: <#55> 채널에 오늘의 팁을 올리지 못했어요. 봇에게 그 채널의 채널 보기,"
            " 메시지 보내기, 링크 첨부 권한을 주세요.\nDiscord의 응답: Missing Permissions",
            "2025-03-03: the daily tip could not be posted in <#55>. Give the bot View Channel,"
            " Send Messages and Embed Links there.\nDiscord said: Missing Permissions",
        ),
        (
            TipProblem(DAY, "refused", "unknown_channel", 55, 1, "Unknown Channel"),
            "2025-03-03: <#55> 채널을 찾을 수 없어 오늘의 팁을 올리지 못했어요. `/tip-config set`으로"
            " 채널을 다시 골라 주세요.\nDiscord의 응답: Unknown Channel",
            "2025-03-03: <#55> no longer exists, so the daily tip was not posted. Pick a channel"
            " again with `/tip-config set`.\nDiscord said: Unknown Channel",
        ),
        (
            TipProblem(DAY, "gave_up", "transient", 55, 7, "502 Bad Gateway"),
            "2025-03-03: Discord 쪽 오류가 계속되어 <#55> 채널에 오늘의 팁을 올리지 못했어요"
            " (7번 시도). 다음 팁은 평소대로 올려요.\nDiscord의 응답: 502 Bad Gateway",
            "2025-03-03: Discord kept failing, so the daily tip was not posted in <#55>"
            " (7 attempts). The next tip is posted as usual.\nDiscord said: 502 Bad Gateway",
        ),
        (
            TipProblem(DAY, "no_tips", detail="no tips yet: ingest advice …"),
            "2025-03-03: 팁이 있는 조언이 없어 그날의 팁을 건너뛰었어요. 조언 파일에 `tip:`을"
            " 넣어 주세요.",
            "2025-03-03: no advice has a tip, so the day was skipped. Add `tip:` to advice files.",
        ),
        (
            TipProblem(DAY, "no_thread", channel_id=None, detail="Missing Permissions"),
            "2025-03-03: 팁은 올렸지만 토론 스레드를 열지 못했어요. 봇에게 <#77> 채널의 공개"
            " 스레드 만들기 권한을 주세요.\nDiscord의 응답: Missing Permissions",
            "2025-03-03: the tip was posted, but its discussion thread could not be opened. Give"
            " the bot Create Public Threads in <#77>.\nDiscord said: Missing Permissions",
        ),
    ],
)
def test_each_problem_in_both_languages(problem: TipProblem, ko: str, en: str) -> None:
    stored = settings(problem.encode())
    assert stored.problem == problem  # the JSON round-trips
    assert problem_text(stored, "ko") == ko
    assert problem_text(stored, "en") == en


def test_no_problem_and_a_problem_written_by_an_older_version() -> None:
    assert problem_text(settings(None), "ko") is None
    legacy = "2025-03-01: could not post the daily tip in channel 77: Missing Permissions"
    assert settings(legacy).problem is None
    assert problem_text(settings(legacy), "ko") == legacy


def test_a_long_detail_stays_within_an_embed_field() -> None:
    problem = TipProblem(DAY, "refused", "missing_permissions", 55, 1, "x" * 5000)
    text = problem_text(settings(problem.encode()), "en")
    assert text is not None and len(text) <= 1024
