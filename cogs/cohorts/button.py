"""The "💬 Discuss" button: what it discusses (an entry, or a server's tip of a date) and for
which cohort (0: decided at the click) live in its custom_id, so it keeps working on a message
posted before a restart, for as long as the message exists."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.adapter import limits
from bot.i18n import Language, t
from bot.models.cohorts import Subject

# `sunbae:d:e:<entry id>:<cohort>` (`t` for a tip): short enough for an id of 80 characters
# (the most an id has) within Discord's 100. Buttons posted before it said
# `sunbae:discuss:entry:…`, which left no room for ids over 77 characters; they still work.
PREFIX = "sunbae:d"
_KINDS = {"e": "entry", "t": "tip"}
_TEMPLATE = re.compile(
    r"sunbae:(?:discuss:(?P<kind>entry|tip)|d:(?P<short>[et])):(?P<key>[^:]+):(?P<cohort>\d+)"
)


def custom_id(subject: Subject, cohort_id: int = 0) -> str:
    return f"{PREFIX}:{subject.kind[0]}:{subject.key}:{cohort_id}"


class DiscussButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_TEMPLATE):
    def __init__(self, subject: Subject, cohort_id: int = 0, language: Language = "ko") -> None:
        super().__init__(
            discord.ui.Button(
                label=t("discuss.button", language),
                emoji="💬",
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id(subject, cohort_id),
            )
        )
        self.subject = subject
        self.cohort_id = cohort_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> DiscussButton:
        kind, key = match["kind"] or _KINDS[match["short"]], match["key"]
        subject = Subject.entry(key) if kind == "entry" else Subject.decode(f"tip:{key}")
        return cls(subject, int(match["cohort"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.cohorts.cog import CohortsCog  # the cog imports this module

        cog = interaction.client.get_cog(CohortsCog.__cog_name__)
        if not isinstance(cog, CohortsCog):  # the bot is shutting down: its cogs are gone
            return
        await cog.discuss(interaction, self.subject, self.cohort_id or None)


def discuss_button(
    subject: Subject, cohort_id: int = 0, language: Language = "ko"
) -> DiscussButton | None:
    """The button, unless what it names cannot fit a custom_id (then there is none)."""
    if ":" in subject.key or len(custom_id(subject, cohort_id)) > limits.CUSTOM_ID:
        return None
    return DiscussButton(subject, cohort_id, language)
