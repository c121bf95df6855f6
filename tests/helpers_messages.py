"""Reading what a user sees in a message payload the emulator recorded: buttons, menus, embeds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import discord_limits as limits


def buttons(message: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for row in (message or {}).get("components") or []:
        found.extend(c for c in row.get("components") or [] if c.get("type") == 2)
    return found


def labels(message: Mapping[str, Any] | None) -> list[str]:
    return [b.get("label") or "" for b in buttons(message)]


def enabled(message: Mapping[str, Any] | None) -> dict[str, bool]:
    return {b.get("label") or "": not b.get("disabled") for b in buttons(message)}


def selects(message: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for row in (message or {}).get("components") or []:
        found.extend(c for c in row.get("components") or [] if c.get("type") == 3)
    return found


def fields(embed: Mapping[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields") or []}


def footer(embed: Mapping[str, Any]) -> str:
    return (embed.get("footer") or {}).get("text") or ""


def embed_size(embed: Mapping[str, Any]) -> int:
    """What Discord counts against the 6000-character limit of a message's embeds."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len(footer(embed)) + len((embed.get("author") or {}).get("name") or "")
    for field in embed.get("fields") or []:
        total += len(field.get("name") or "") + len(field.get("value") or "")
    return total


def check_embed_limits(embed: Mapping[str, Any]) -> None:
    assert len(embed.get("title") or "") <= limits.EMBED_TITLE
    assert len(embed.get("description") or "") <= limits.EMBED_DESCRIPTION
    assert len(embed.get("fields") or []) <= limits.EMBED_FIELDS
    for field in embed.get("fields") or []:
        assert 1 <= len(field["name"]) <= limits.EMBED_FIELD_NAME, field
        assert 1 <= len(field["value"]) <= limits.EMBED_FIELD_VALUE, field
    assert len(footer(embed)) <= limits.EMBED_FOOTER
    assert embed_size(embed) <= limits.EMBED_TOTAL
