"""The short diff `/content history` and `python -m bot content history` show for a revision
(bot/content/diff.py). Written from the fourth mutation audit: nothing pinned its lines."""

from __future__ import annotations

from bot.content.diff import BODY_LINES, short_diff
from bot.models.content import Snapshot

BEFORE = Snapshot(
    id="e",
    title="제목",
    body="첫 줄\n둘째 줄",
    tip="매일 한 문제!",
    topics=("portfolio", "grad-school"),
)


def test_a_first_revision_shows_its_title() -> None:
    assert short_diff(None, BEFORE) == ["title: 제목"]
    assert short_diff(BEFORE, None) == []


def test_each_changed_field_has_its_line() -> None:
    after = Snapshot(
        id="e", title="새 제목", body="첫 줄\n바뀐 줄", tip=None, topics=("portfolio", "interview")
    )
    assert short_diff(BEFORE, after) == [
        "title: 제목 → 새 제목",
        "-둘째 줄",
        "+바뀐 줄",
        "tip: 매일 한 문제! → ∅",
        "topics: +interview −grad-school",
    ]


def test_a_long_body_change_says_how_many_lines_are_not_shown() -> None:
    after = Snapshot(
        id="e", title="제목", body="\n".join(f"새 줄 {n}" for n in range(5)), tip="매일 한 문제!",
        topics=BEFORE.topics,
    )  # fmt: skip
    lines = short_diff(BEFORE, after)
    shown = BODY_LINES
    assert len(lines) == shown + 1
    assert lines[-1] == f"… (+{2 + 5 - shown})"  # two lines removed, five added
