"""User-facing text in Korean (the default) and English (for en-* locales).

Plain data and a lookup, no Discord import: the adapter maps a Discord locale to a language.
"""

from __future__ import annotations

from string import Formatter

from bot.i18n import about as _about
from bot.i18n import cohorts as _cohorts
from bot.i18n import content as _content
from bot.i18n import errors as _errors
from bot.i18n import insights as _insights
from bot.i18n import lookups as _lookups
from bot.i18n import tips as _tips
from bot.i18n import topics as _topics
from bot.i18n.commands import COMMAND_TEXT
from bot.i18n.language import Language
from bot.text import markdown


def _merged(*catalogs: dict[str, dict[Language, str]]) -> dict[str, dict[Language, str]]:
    merged: dict[str, dict[Language, str]] = {}
    for catalog in catalogs:
        clash = merged.keys() & catalog.keys()
        if clash:  # a key defined twice would silently lose one of its texts
            raise ValueError(f"message keys defined twice: {sorted(clash)}")
        merged.update(catalog)
    return merged


MESSAGES = _merged(
    _errors.MESSAGES,
    _content.MESSAGES,
    _lookups.MESSAGES,
    _topics.MESSAGES,
    _insights.MESSAGES,
    _about.MESSAGES,
    _tips.MESSAGES,
    _cohorts.MESSAGES,
)


def language_for(locale: str | None) -> Language:
    """Korean by default; English for any en-* locale."""
    return "en" if (locale or "").lower().startswith("en") else "ko"


class Verbatim(str):
    """A value `t` interpolates as it is: for a slot Discord shows without Markdown (a thread
    name, a button label) or text the bot itself built. Everything else a user could have
    typed is escaped."""


_FORMATTER = Formatter()


def t(key: str, language: Language, /, **values: object) -> str:
    """The message `key` in `language`, its `{placeholders}` filled from `values`.

    Strings are user text until proven otherwise: each is escaped so that it shows literally
    and can neither format, link nor mention (`markdown.escape`); inside a code span of the
    template (`` `{id}` ``) only what would end the span is replaced (`markdown.code`).
    Numbers and `Verbatim` strings go in as they are. A count followed by a noun is written
    `{n:entry|entries}` (or `{n:,:character|characters}` with a number format): the number
    and the noun in the form its number takes, so English never says "1 entries".
    """
    template = MESSAGES[key][language]
    if not values:
        return template
    parts: list[str] = []
    for literal, field, spec, _ in _FORMATTER.parse(template):
        parts.append(literal)
        if field is None:
            continue
        value = values[field]
        if isinstance(value, str) and not isinstance(value, Verbatim):
            in_code = literal.endswith("`")  # the template's code spans are `{name}`
            value = markdown.code(value) if in_code else markdown.escape(value)
        shape = spec or ""
        parts.append(_counted(value, shape) if "|" in shape else format(value, shape))
    return "".join(parts)


def _counted(value: object, spec: str) -> str:
    """`1 entry`, `2 entries`: the count (formatted by what precedes a `:`) and its noun."""
    number_spec, _, nouns = spec.rpartition(":")
    singular, _, plural = nouns.partition("|")
    return f"{format(value, number_spec)} {singular if value == 1 else plural}"


__all__ = ["COMMAND_TEXT", "MESSAGES", "Language", "Verbatim", "language_for", "t"]
