"""The entry form: one modal for add and edit (title, body, tip, a select of the taxonomy's
topics, aliases), and the button that opens it again with what the moderator typed.

A form is read back from what Discord submits, not from the modal object discord.py keeps in
memory: its custom_id carries what the save needs (kind, the revision it was based on, the
entry), so a form opened before a restart, or after its object timed out, still saves."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import discord

from bot.adapter import limits
from bot.adapter.tree import error_message, reply_ephemeral
from bot.adapter.views import ActionButton, OwnedView
from bot.content import EntryInput
from bot.content.validation import ALIAS_CHARS, ALIAS_LIMIT, BODY_LIMIT
from bot.corpus.documents import TIP_LIMIT, TITLE_LIMIT
from bot.i18n import Language, t
from bot.models import Topic

MODAL_TIMEOUT = 1800.0  # writing advice takes a while
# Discord's most: the aliases a form may save (20 of 100 characters, 2,038 joined) all show.
ALIASES_CHARS = limits.TEXT_INPUT_VALUE
_ALIAS_SPLIT = re.compile(r"[,\n]")

FORM_PREFIX = "cform"
_KINDS = {"qa": "q", "tip": "t", "insight": "i"}
_FORM_ID = re.compile(rf"^{FORM_PREFIX}:(?P<kind>[qti]):(?P<based_on>\d+):(?P<entry>[a-z0-9-]*)$")


def form_id(kind: str, based_on: int, entry_id: str | None) -> str:
    """`cform:<kind>:<revision>:<entry>` (<= 99 characters: ids are <= 80)."""
    return f"{FORM_PREFIX}:{_KINDS.get(kind, 'i')}:{based_on}:{entry_id or ''}"


def submission(interaction: discord.Interaction) -> tuple[str, list[Any]]:
    """(custom_id, components) of a modal submit, as Discord sent them."""
    data: Mapping[str, Any] = cast("Mapping[str, Any]", interaction.data or {})
    return str(data.get("custom_id", "")), list(data.get("components") or [])


def parse_form_id(custom_id: str) -> tuple[str, int, str | None] | None:
    """(kind, based_on, entry id or None for a new entry), or None when it is no form of ours."""
    found = _FORM_ID.match(custom_id)
    if found is None:
        return None
    kind = next(k for k, code in _KINDS.items() if code == found["kind"])
    return kind, int(found["based_on"]), found["entry"] or None


def submitted_values(components: Sequence[Any]) -> dict[str, str | list[str]]:
    """custom_id -> typed text or picked values, from a modal submit's components."""
    values: dict[str, str | list[str]] = {}
    for item in components:
        if not isinstance(item, dict):
            continue
        if item.get("type") == 18 and isinstance(item.get("component"), dict):
            values.update(submitted_values([item["component"]]))
        elif item.get("type") == 1:
            values.update(submitted_values(item.get("components") or []))
        elif item.get("custom_id"):
            picked = item.get("values")
            values[str(item["custom_id"])] = (
                [str(v) for v in picked] if picked is not None else str(item.get("value") or "")
            )
    return values


def form_input(
    values: dict[str, str | list[str]],
    *,
    kind: str,
    title_en: str,
    topics: Sequence[str],
    taxonomy: Sequence[Topic] = (),
) -> EntryInput:
    """What the moderator submitted; `topics` stands when the form had no topic field, and
    typed topic names are read against `taxonomy`."""

    def one(name: str) -> str:
        value = values.get(name, "")
        return value if isinstance(value, str) else ""

    picked = values.get("topics")
    if isinstance(picked, str):
        chosen = typed_topics(picked, taxonomy)
    else:
        chosen = tuple(picked) if isinstance(picked, list) else tuple(topics)
    return EntryInput(
        title=one("title"), body=one("body"), tip=one("tip"),
        topics=chosen,
        aliases=split_aliases(one("aliases")), kind=kind, title_en=title_en,
    )  # fmt: skip


def split_aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in _ALIAS_SPLIT.split(text) if a.strip())


def aliases_text(aliases: Sequence[str]) -> str:
    return ", ".join(aliases)


@dataclass(frozen=True, slots=True)
class Misfit:
    """Why the form cannot show an entry whole: the message key, the field, its values."""

    key: str
    field: str
    values: Mapping[str, str | int]


def misfit(given: EntryInput, topics: Sequence[Topic], language: Language) -> Misfit | None:
    """What of `given` the edit form could not show as it is, or None. Saving the form writes
    what it showed: a field cut to fit, an alias split at its comma or a topic missing from
    the menu would be lost without a word, so such an entry is edited as a file instead."""
    for name, value, limit in (
        ("title", given.title, TITLE_LIMIT),
        ("body", given.body, BODY_LIMIT),
        ("tip", given.tip, TIP_LIMIT),
        ("aliases", aliases_text(given.aliases), ALIASES_CHARS),
    ):
        if len(value) > limit:
            return Misfit("content.form_misfit.long", name, {"length": len(value), "limit": limit})
    for alias in given.aliases:
        if split_aliases(alias) != (alias,):
            return Misfit("content.form_misfit.split", "aliases", {"value": alias})
    if len(given.aliases) > ALIAS_LIMIT or any(len(a) > ALIAS_CHARS for a in given.aliases):
        values = {"n": len(given.aliases), "limit": ALIAS_LIMIT, "chars": ALIAS_CHARS}
        return Misfit("content.form_misfit.aliases", "aliases", values)
    offered = (
        {option.value for option in topic_options(topics, given.topics, language)}
        if topic_menu(topics)
        else set()  # typed names: a topic not in the taxonomy shows as its id, refused on save
    )
    missing = [topic for topic in given.topics if offered and topic not in offered]
    if missing:
        return Misfit("content.form_misfit.topic", "topics", {"value": missing[0]})
    return None


def topic_menu(topics: Sequence[Topic]) -> bool:
    """Whether the form picks topics from a menu: one holds 25, a bigger taxonomy is typed."""
    return len(topics) <= limits.SELECT_OPTIONS


def _topic_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().replace(" ", "")


def typed_topics(text: str, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Topic ids from typed names, comma-separated: the Korean or English name, an alias or the
    id, case and spacing aside. One that names no topic stays as typed (validation refuses it,
    naming it)."""
    by_name: dict[str, str] = {}
    for topic in topics:
        for name in (topic.id, topic.name_ko, topic.name_en, *topic.aliases):
            by_name.setdefault(_topic_key(name), topic.id)
    found: list[str] = []
    for typed in split_aliases(text):
        topic_id = by_name.get(_topic_key(typed), typed)
        if topic_id not in found:
            found.append(topic_id)
    return tuple(found)


def topics_text(chosen: Sequence[str], topics: Sequence[Topic], language: Language) -> str:
    """The chosen topics as the typed field shows them: by name, or by id when the name would
    not read back as that topic (a comma in it, another topic's alias)."""
    names = {topic.id: topic.name(language) for topic in topics}
    shown = []
    for topic_id in chosen:
        name = names.get(topic_id, topic_id)
        shown.append(name if typed_topics(name, topics) == (topic_id,) else topic_id)
    return ", ".join(shown)


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
    ) -> None:
        super().__init__(
            title=limits.clip(t(heading, language), limits.MODAL_TITLE),
            custom_id=custom_id,
            timeout=MODAL_TIMEOUT,
        )
        self.language = language
        self.given = given  # kind and English title ride along unchanged
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
            default=aliases_text(given.aliases) or None,  # `misfit`: it fits whole
        )
        self._field("title", self.title_input)
        self._field("body", self.body_input)
        self._field("tip", self.tip_input)
        self.topic_select: discord.ui.Select[Any] | None = None
        self.topics_input: discord.ui.TextInput[Any] | None = None
        options = topic_options(topics, given.topics, language) if topic_menu(topics) else []
        if topics and not options:  # more than a menu holds: every topic reachable by name
            self.topics_input = discord.ui.TextInput(
                custom_id="topics",
                required=False,
                default=topics_text(given.topics, topics, language) or None,
            )
            self._field("topics", self.topics_input, hint="content.field.topics.typed_hint")
        elif options:
            self.topic_select = discord.ui.Select(
                custom_id="topics",
                min_values=0,
                max_values=len(options),
                required=False,
                options=options,
            )
            self._field("topics", self.topic_select)
        self._field("aliases", self.aliases_input)

    def _field(self, name: str, component: discord.ui.Item[Any], *, hint: str = "") -> None:
        self.add_item(
            discord.ui.Label(
                text=limits.clip(
                    t(f"content.field.{name}", self.language), limits.TEXT_INPUT_LABEL
                ),
                description=limits.clip(
                    t(hint or f"content.field.{name}.hint", self.language), 100
                ),
                component=component,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Nothing here: the content cog saves every form from what Discord submitted."""

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
