"""The message catalogs: every text in both languages, with the same placeholders, and names
Discord accepts. A gap here is an English member reading a KeyError or a Korean placeholder."""

from __future__ import annotations

import re
from string import Formatter

import pytest

from bot.i18n import COMMAND_TEXT, MESSAGES, Language, Verbatim, _merged, t

_FIELDS = Formatter()
# Notes only an English reader needs (the advice itself is Korean): empty in Korean on purpose.
ENGLISH_ONLY = {"about.english", "embed.in_korean"}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_speaks_both_languages_with_the_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == {"ko", "en"}
    assert texts["en"].strip()
    assert bool(texts["ko"].strip()) is (key not in ENGLISH_ONLY), key
    assert fields(texts["ko"]) == fields(texts["en"]), key


def test_command_names_and_descriptions_are_what_discord_accepts() -> None:
    for key, texts in COMMAND_TEXT.items():
        assert set(texts) == {"ko", "en"}, key
        for text in texts.values():
            if key.endswith(".name"):
                assert re.fullmatch(r"[-_\w]{1,32}", text) and text == text.lower(), (key, text)
            else:
                assert 1 <= len(text) <= 100, (key, text)


def test_a_key_defined_in_two_catalogs_stops_the_import() -> None:
    first: dict[str, dict[Language, str]] = {"a.b": {"ko": "하나", "en": "one"}}
    second: dict[str, dict[Language, str]] = {"a.b": {"ko": "둘", "en": "two"}}
    with pytest.raises(ValueError, match=r"a\.b"):
        _merged(first, second)


def test_user_text_is_escaped_and_verbatim_text_is_not() -> None:
    key = next(k for k, v in MESSAGES.items() if "**{query}**" in v["ko"])
    shown = t(key, "ko", query="[free](https://evil.example)")
    assert "[free](https://evil.example)" not in shown
    assert "**[free](https://evil.example)**" in t(
        key, "ko", query=Verbatim("[free](https://evil.example)")
    )


# Verbs that end in s and follow a name, not a counted noun.
_NOT_PLURAL = {"is", "was", "has"}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_english_counts_one_thing_in_the_singular(key: str) -> None:
    template = MESSAGES[key]["en"]
    shown = t(key, "en", **dict.fromkeys(fields(template), 1))
    plural = [word for word in re.findall(r"\b1\**\s+(\w+s)\b", shown) if word not in _NOT_PLURAL]
    assert plural == [], (key, shown)


def test_a_counted_noun_takes_the_form_its_number_needs() -> None:
    assert t("content.export.done", "en", count=1).startswith("📦 Exported 1 entry.")
    assert t("content.export.done", "en", count=3).startswith("📦 Exported 3 entries.")
    assert t("content.reason.too_long", "en", n=4321, limit=4000).startswith(
        "4,321 characters; keep it within 4,000"
    )
    assert t("content.export.done", "ko", count=1).startswith("📦 조언 1개")
