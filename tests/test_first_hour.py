"""The rough edges a new user hits in the first hour, as the sandbox shows them (issue 15.4)."""

from __future__ import annotations

from pathlib import Path

from tests.test_sandbox import blocks, run_cli

MODERATORS_ONLY = "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요.\n"


def test_a_camper_running_tip_config_gets_the_moderators_only_message(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "sandbox", stdin="/tip-config show\n/tip-config skip\n")
    assert proc.returncode == 0, proc.stderr
    replies = blocks(proc.stdout)
    assert list(replies) == ["/tip-config show", "/tip-config skip"], proc.stdout
    for reply in replies.values():
        assert "check_permissions" not in reply
        assert reply.endswith("(ephemeral)\n" + MODERATORS_ONLY)
    english = run_cli(tmp_path, "sandbox", "--locale", "en-US", stdin="/tip-config show\n")
    assert english.stdout.endswith("This command needs the Manage Server permission.\n")


SKIP = """\
:time 2026-12-01T08:00
as moderator /tip-config set channel:#general time:09:00
as moderator /tip-config skip date:2026-12-02
as moderator /tip-config skip date:2026-12-03
as moderator /tip-config skip date:2026-11-03
as moderator /tip-config skip date:soon
as moderator /tip-config show
:advance 3d
as moderator /tip-config unskip
as moderator /tip-config skip date:2026-12-05
as moderator /tip-config unskip
:advance 2d
"""


def test_tip_config_skips_a_given_day_and_unskips_it(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "sandbox", stdin=SKIP)
    assert proc.returncode == 0, proc.stderr
    out = blocks(proc.stdout)
    assert out["as moderator /tip-config skip date:2026-12-02"] == (
        "(ephemeral)\n2026-12-02의 팁은 건너뛸게요. 되돌리려면 `/tip-config unskip`.\n"
    )
    # One skipped day at a time: the reply says the earlier one gets its tip again.
    replaced = out["as moderator /tip-config skip date:2026-12-03"]
    assert "2026-12-03의 팁은 건너뛸게요." in replaced
    assert "전에 건너뛰기로 한 2026-12-02에는 다시 팁이 올라가요" in replaced
    assert "이미 지난 날" in out["as moderator /tip-config skip date:2026-11-03"]
    assert "YYYY-MM-DD" in out["as moderator /tip-config skip date:soon"]
    assert "• 건너뛸 날: 2026-12-03" in out["as moderator /tip-config show"]
    three_days = out[":advance 3d"]
    assert "오늘의 팁 · 2026-12-01" in three_days and "오늘의 팁 · 2026-12-02" in three_days
    assert "오늘의 팁 · 2026-12-03" not in three_days
    assert "⏭ 2026-12-03 daily tip skipped: skipped by a moderator" in three_days
    first_unskip, second_unskip = proc.stdout.split("> as moderator /tip-config unskip\n")[1:]
    # The skipped day has gone by: nothing is left to undo.
    assert first_unskip.startswith("(ephemeral)\n건너뛰기로 한 날이 없어요.\n")
    assert second_unskip.startswith("(ephemeral)\n2026-12-05에도 팁을 올릴게요.\n")
    assert "오늘의 팁 · 2026-12-05" in out[":advance 2d"]  # posted after all


def test_initial_consonants_never_suggest_a_half_word(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "sandbox", stdin="?/advice query:ㅇㄹㅅ\n?/advice query:ㄷㅎㅇ\n")
    assert proc.returncode == 0, proc.stderr
    out = blocks(proc.stdout)
    resume = out["?/advice query:ㅇㄹㅅ"]
    assert "검색: 이력서  →  이력서" in resume
    assert "어렵습" not in resume  # a stem cut out of 어렵습니다: not a word to search for
    assert "검색: 대학원  →  대학원" in out["?/advice query:ㄷㅎㅇ"]
