"""The Discuss button's custom_id carries what it discusses and for which cohort, so a button
posted before a restart still opens the thread of the cohort it was posted for."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.models.cohorts import Subject
from cogs.cohorts.button import DiscussButton, custom_id


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
