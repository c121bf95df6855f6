"""The entry form: one modal for add and edit (title, body, tip, a select of the taxonomy's
topics, aliases), and the button that opens it again with what the moderator typed."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.adapter import limits
from bot.adapter.tree import error_message, reply_ephemeral
from bot.adapter.views import ActionButton, OwnedView
from bot.content import EntryInput
from bot.content.validation import BODY_LIMIT
from bot.corpus.documents import TIP_LIMIT, TITLE_LIMIT
from bot.i18n import Language, t
from bot.models import Topic

MODAL_TIMEOUT = 1800.0  # writing advice takes a while
ALIASES_CHARS = 2000
_ALIAS_SPLIT = re.compile(r"[,\n]")

Submit = Callable[[discord.Interaction, EntryInput], Awaitable[None]]


def split_aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in _ALIAS_SPLIT.split(text) if a.strip())


def topic_options(
    topics: Sequence[Topic], chosen: Sequence[str], language: Language
) -> list[discord.SelectOption]:
    """The taxonomy as options, the chosen topics first (a select holds 25)."""
    ordered = sorted(topics, key=lambda topic: topic.id not in chosen)
    return [
        discord.SelectOption(
            label=limits.clip(topic.name(language), limits.SELECT_LABEL),
            value=topic.id,
            default=topic.id in chosen,
        )
        for topic in ordered[: limits.SELECT_OPTIONS]
    ]


class EntryModal(discord.ui.Modal):
    def __init__(
        self,
        *,
        language: Language,
        heading: str,
        custom_id: str,
        given: EntryInput,
        topics: Sequence[Topic],
        on_submit: Submit,
    ) -> None:
        super().__init__(
            title=limits.clip(t(heading, language), limits.MODAL_TITLE),
            custom_id=custom_id,
            timeout=MODAL_TIMEOUT,
        )
        self.language = language
        self.given = given  # kind and English title ride along unchanged
        self._on_submit = on_submit
        self.title_input: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="title", max_length=TITLE_LIMIT, default=given.title or None
        )
        self.body_input: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="body",
            style=discord.TextStyle.paragraph,
            max_length=BODY_LIMIT,
            default=given.body or None,
        )
        self.tip_input: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="tip",
            style=discord.TextStyle.paragraph,
            max_length=TIP_LIMIT,
            required=False,
            default=given.tip or None,
        )
        self.aliases_input: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="aliases",
            max_length=ALIASES_CHARS,
            required=False,
            default=limits.clip(", ".join(given.aliases), ALIASES_CHARS) or None,
        )
        self._field("title", self.title_input)
        self._field("body", self.body_input)
        self._field("tip", self.tip_input)
        options = topic_options(topics, given.topics, language)
        self.topic_select: discord.ui.Select[Any] | None = None
        if options:
            self.topic_select = discord.ui.Select(
                custom_id="topics",
                min_values=0,
                max_values=len(options),
                required=False,
                options=options,
            )
            self._field("topics", self.topic_select)
        self._field("aliases", self.aliases_input)

    def _field(self, name: str, component: discord.ui.Item[Any]) -> None:
        self.add_item(
            discord.ui.Label(
                text=limits.clip(
                    t(f"content.field.{name}", self.language), limits.TEXT_INPUT_LABEL
                ),
                description=limits.clip(t(f"content.field.{name}.hint", self.language), 100),
                component=component,
            )
        )

    def typed(self) -> EntryInput:
        """What the moderator submitted, with the fields the form does not show."""
        topics = tuple(self.topic_select.values) if self.topic_select else self.given.topics
        return EntryInput(
            title=self.title_input.value,
            body=self.body_input.value,
            tip=self.tip_input.value,
            topics=topics,
            aliases=split_aliases(self.aliases_input.value),
            kind=self.given.kind,
            title_en=self.given.title_en,
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self._on_submit(interaction, self.typed())

    async def on_error(  # type: ignore[override]  # a Modal's on_error has no item
        self, interaction: discord.Interaction, error: Exception
    ) -> None:
        await reply_ephemeral(interaction, error_message(interaction, error))


class ReopenView(OwnedView):
    """One button that opens the form again (with the moderator's text) after a refusal."""

    def __init__(
        self,
        owner_id: int,
        language: Language,
        *,
        label: str,
        modal: Callable[[], Awaitable[discord.ui.Modal]],
    ) -> None:
        super().__init__(owner_id, language, timeout=MODAL_TIMEOUT)
        self._modal = modal
        button = ActionButton(
            self._reopen,
            label=limits.clip(t(label, language), limits.BUTTON_LABEL),
            emoji="📝",
            style=discord.ButtonStyle.primary,
        )
        self.add_item(button)

    async def _reopen(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(await self._modal())
