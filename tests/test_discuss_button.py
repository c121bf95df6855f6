"""The Discuss button's custom_id carries what it discusses and for which cohort, so a button
posted before a restart still opens the thread of the cohort it was posted for."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.discord_limits import CUSTOM_ID
from bot.models.cohorts import Subject
from cogs.cohorts.button import DiscussButton, custom_id, discuss_button


@pytest.mark.parametrize(
    ("subject", "cohort_id"),
    [(Subject.tip(dt.date(2026, 12, 6)), 7), (Subject.entry("portfolio-depth"), 0)],
)
async def test_a_button_read_back_from_its_custom_id_is_the_one_posted(
    subject: Subject, cohort_id: int
) -> None:
    match = DiscussButton.__discord_ui_compiled_template__.fullmatch(custom_id(subject, cohort_id))
    assert match is not None
    button = await DiscussButton.from_custom_id(None, None, match)  # type: ignore[arg-type]
    assert (button.subject, button.cohort_id) == (subject, cohort_id)


async def parsed(value: str) -> DiscussButton:
    match = DiscussButton.__discord_ui_compiled_template__.fullmatch(value)
    assert match is not None, value
    return await DiscussButton.from_custom_id(None, None, match)  # type: ignore[arg-type]


async def test_an_entry_with_the_longest_id_gets_a_button_that_reads_back() -> None:
    # Ids of 78-80 characters got no button: `sunbae:discuss:entry:<id>:0` passed 100.
    subject = Subject.entry("a" * 80)
    button = discuss_button(subject, 12345678)
    assert button is not None
    assert len(button.item.custom_id or "") <= CUSTOM_ID
    again = await parsed(button.item.custom_id or "")
    assert (again.subject, again.cohort_id) == (subject, 12345678)


@pytest.mark.parametrize(
    ("posted", "subject", "cohort_id"),
    [
        ("sunbae:discuss:entry:portfolio-depth:0", Subject.entry("portfolio-depth"), 0),
        ("sunbae:discuss:tip:2026-12-06:7", Subject.tip(dt.date(2026, 12, 6)), 7),
    ],
)
async def test_a_button_posted_before_the_short_custom_id_still_works(
    posted: str, subject: Subject, cohort_id: int
) -> None:
    button = await parsed(posted)
    assert (button.subject, button.cohort_id) == (subject, cohort_id)
