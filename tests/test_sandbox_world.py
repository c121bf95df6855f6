"""The sandbox keeps its world for a database, and its clock shows a day passing (issue 15.2)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.emulator.snowflake import SnowflakeFactory
from bot.sandbox.clock import ClockError, SandboxClock, parse_duration, parse_moment
from tests.test_sandbox import blocks, run_cli

SET_UP = """\
:time 2026-12-01T12:00
as moderator /tip-config set channel:#general time:09:00 thread:true
as moderator /cohort create name:"AI Lab 3기" channel:#ai-lab-3
:advance 1d
/tip
"""

AGAIN = """\
as moderator /tip-config show
/cohort list
:time 2026-12-02T10:00
:advance
"""


def test_a_kept_database_is_the_same_server_and_the_clock_posts_the_daily_tip(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "t.db")
    first = run_cli(tmp_path, "sandbox", "--db", db, stdin=SET_UP)
    assert first.returncode == 0, first.stderr
    out = blocks(first.stdout)
    assert out[":time 2026-12-01T12:00"] == "🕘 2026-12-01 (Tue) 12:00 Asia/Seoul\n"
    # A day passes: the 09:00 slot of 12-02 comes on the way, the tip is posted with its thread.
    day = out[":advance 1d"]
    assert day.startswith("🕘 2026-12-02 (Wed) 12:00 Asia/Seoul\n📌 posted in #general:\n")
    assert "┃ **오늘의 팁 · 2026-12-02**" in day
    assert "🧵 thread: 💬 " in day
    assert "오늘의 팁 · 2026-12-02" in out["/tip"]  # /tip follows the sandbox's clock

    second = run_cli(tmp_path, "sandbox", "--db", db, stdin=AGAIN)
    assert second.returncode == 0, second.stderr
    out = blocks(second.stdout)
    # The same server: its schedule and its cohort are there, in the same channels.
    assert "• 채널: #general" in out["as moderator /tip-config show"]
    assert "• 토론 스레드: 매 팁마다 열기" in out["as moderator /tip-config show"]
    assert "**AI Lab 3기** · #ai-lab-3" in out["/cohort list"]
    # 12-02 was posted by the first run: only 12-03 is posted now, once.
    later = out[":advance"]  # alone: a day
    assert later.count("📌 posted in #general:") == 1
    assert "오늘의 팁 · 2026-12-03" in later and "2026-12-02" not in later.split("\n", 1)[1]


def test_a_skipped_day_and_a_slot_in_the_past_say_so(tmp_path: Path) -> None:
    script = """\
:time 2026-12-01T08:00
as moderator /tip-config set channel:#general time:09:00
:advance 3h
:advance 2d
:time 2026-11-01T09:00
:advance nonsense
:tomorrow
"""
    proc = run_cli(tmp_path, "sandbox", "--db", str(tmp_path / "t.db"), stdin=script)
    assert proc.returncode == 0, proc.stderr
    out = blocks(proc.stdout)
    assert "오늘의 팁 · 2026-12-01" in out[":advance 3h"]  # set "now" at 08:00: 09:00 is due
    two_days = out[":advance 2d"]
    assert two_days.count("📌 posted in #general:") == 2
    assert "🧵" not in two_days  # no thread asked for
    # Back in time: the clock moves, nothing is posted twice.
    assert out[":time 2026-11-01T09:00"] == "🕘 2026-11-01 (Sun) 09:00 Asia/Seoul\n"
    assert out[":advance nonsense"].startswith("! cannot read 'nonsense' as a duration")
    assert out[":tomorrow"].startswith("! unknown clock command :tomorrow")


def test_clock_json_prints_the_post_as_a_payload(tmp_path: Path) -> None:
    script = ":time 2026-12-01T08:59\nas moderator /tip-config set channel:#general time:09:00\n:advance 1m\n"
    proc = run_cli(tmp_path, "sandbox", "--json", stdin=script)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    posted = [line["posted"] for line in lines if "posted" in line]
    assert len(posted) == 1
    assert posted[0]["embeds"][0]["title"] == "오늘의 팁 · 2026-12-01"
    assert lines[0]["now"].startswith("2026-11-30T23:59")  # the clock is UTC in JSON


def test_durations_and_times() -> None:
    assert parse_duration("1d") == dt.timedelta(days=1)
    assert parse_duration("1d12h") == dt.timedelta(days=1, hours=12)
    assert parse_duration("90m") == dt.timedelta(minutes=90)
    for bad in ("", "1x", "d", "0d", "400d", "1d 2"):
        with pytest.raises(ClockError):
            parse_duration(bad)
    assert parse_moment("2026-12-02T09:00", "Asia/Seoul") == dt.datetime(
        2026, 12, 2, 0, 0, tzinfo=dt.UTC
    )
    assert parse_moment("2026-12-02T09:00+00:00", "Asia/Seoul").hour == 9
    with pytest.raises(ClockError):
        parse_moment("tomorrow", "Asia/Seoul")
    clock = SandboxClock()
    clock.set(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert (
        dt.timedelta(0)
        <= clock() - dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        < dt.timedelta(minutes=1)
    )


def test_a_seeded_world_gets_the_same_ids_then_ids_from_the_time() -> None:
    seed = SnowflakeFactory().next()
    one, two = SnowflakeFactory(seed), SnowflakeFactory(seed)
    assert (
        [one.next() for _ in range(5)]
        == [two.next() for _ in range(5)]
        == [seed + i for i in range(5)]
    )
    one.unseed()
    assert one.next() > seed + 4


def test_a_schedule_set_after_the_clock_says_why_nothing_posts(tmp_path: Path) -> None:
    script = """\
as moderator /tip-config set channel:#general time:09:00
:time 2026-12-01T12:00
:advance 1d
as moderator /tip-config off
as moderator /tip-config set channel:#general time:09:00
:advance 1d
"""
    proc = run_cli(tmp_path, "sandbox", stdin=script)
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.split("> :advance 1d\n")[1:]
    assert "(no daily tip: the schedule was set at " in first and "📌" not in first
    assert "/tip-config off then set starts it again" in first
    assert second.startswith("🕘 2026-12-03 (Thu) 12:00 Asia/Seoul\n📌 posted in #general:")


def test_a_day_settled_before_says_so_when_the_clock_passes_it_again(tmp_path: Path) -> None:
    """The clock may go back over a day already posted (or recorded missed when a later run
    started): its slot passed again in silence, as if the schedule were broken."""
    script = """\
:time 2026-12-01T12:00
as moderator /tip-config set channel:#general time:09:00
:advance 1d
:time 2026-12-02T08:00
:advance 2h
"""
    proc = run_cli(tmp_path, "sandbox", stdin=script)
    assert proc.returncode == 0, proc.stderr
    again = proc.stdout.split("> :advance 2h\n")[1]
    assert again.startswith("🕘 2026-12-02 (Wed) 10:00 Asia/Seoul\n(no daily tip: 2026-12-02 was")
    assert "settled before, sent" in again and "each day is posted once" in again
    assert "📌" not in again
