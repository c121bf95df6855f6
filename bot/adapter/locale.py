"""Discord locales -> the product's languages; localized command text."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import COMMAND_TEXT, Language, language_for, t


def lang(interaction: discord.Interaction) -> Language:
    """The user's language: their client locale (Korean unless en-*)."""
    return language_for(str(interaction.locale.value) if interaction.locale else None)


def server_language(guild: discord.Guild | None) -> Language:
    """The server's language (its preferred locale): what posts everyone reads use."""
    return language_for(str(guild.preferred_locale.value) if guild else None)


def text(interaction: discord.Interaction, key: str, /, **values: object) -> str:
    return t(key, lang(interaction), **values)


def cmd_str(key: str) -> app_commands.locale_str:
    """A command/option name or description: English by default for names, Korean for
    descriptions (Korean first), each localized by `SunbaeTranslator`."""
    default = COMMAND_TEXT[key]["en" if key.endswith(".name") else "ko"]
    return app_commands.locale_str(default, key=key)


_LOCALES: dict[discord.Locale, Language] = {
    discord.Locale.korean: "ko",
    discord.Locale.american_english: "en",
    discord.Locale.british_english: "en",
}


class SunbaeTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        language = _LOCALES.get(locale)
        if key is None or language is None or key not in COMMAND_TEXT:
            return None
        return COMMAND_TEXT[key][language]
