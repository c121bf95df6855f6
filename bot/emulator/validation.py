"""Discord's message limits, checked the way Discord checks them (400, code 50035).

Only the limits a bot realistically trips are here: a bot that passes in the emulator should not
meet "Invalid Form Body" in production because of length or count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.discord_limits import ACTION_ROWS as ACTION_ROWS_MAX
from bot.discord_limits import BUTTON_LABEL as BUTTON_LABEL_MAX
from bot.discord_limits import CONTENT as CONTENT_MAX
from bot.discord_limits import CUSTOM_ID as CUSTOM_ID_MAX
from bot.discord_limits import EMBED_AUTHOR as AUTHOR_MAX
from bot.discord_limits import EMBED_DESCRIPTION, EMBED_TITLE, ROW_WIDTH
from bot.discord_limits import EMBED_FIELD_NAME as FIELD_NAME_MAX
from bot.discord_limits import EMBED_FIELD_VALUE as FIELD_VALUE_MAX
from bot.discord_limits import EMBED_FIELDS as FIELDS_MAX
from bot.discord_limits import EMBED_FOOTER as FOOTER_MAX
from bot.discord_limits import EMBED_TOTAL as EMBED_TOTAL_MAX
from bot.discord_limits import EMBEDS as EMBEDS_MAX
from bot.discord_limits import SELECT_OPTIONS as SELECT_OPTIONS_MAX
from bot.emulator.errors import RestError

EMBED_LIMITS = {"title": EMBED_TITLE, "description": EMBED_DESCRIPTION}
COMPONENTS_V2_FLAG = 1 << 15


def check_message(body: Mapping[str, Any], *, require_body: bool = True) -> None:
    """Raise ``RestError`` 400 for a message Discord would refuse."""
    errors: dict[str, str] = {}
    content = body.get("content") or ""
    if len(content) > CONTENT_MAX:
        errors["content"] = f"Must be {CONTENT_MAX} or fewer in length."
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        errors["embeds"] = f"Must be {EMBEDS_MAX} or fewer in length."
    total = 0
    for i, embed in enumerate(embeds):
        total += _check_embed(embed, f"embeds.{i}", errors)
    if total > EMBED_TOTAL_MAX:
        errors["embeds"] = f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}"
    components = body.get("components") or []
    if int(body.get("flags") or 0) & COMPONENTS_V2_FLAG:
        if content or embeds:
            errors["content"] = "Cannot send content or embeds with the IS_COMPONENTS_V2 flag."
    else:
        _check_rows(components, errors)
    has_any = content or embeds or components or body.get("attachments") or body.get("sticker_ids")
    if require_body and not has_any and not body.get("poll"):
        raise RestError(400, 50006, "Cannot send an empty message")
    if errors:
        raise RestError(400, 50035, "Invalid Form Body", errors=errors)


def _check_embed(embed: Mapping[str, Any], where: str, errors: dict[str, str]) -> int:
    size = 0
    for key, limit in EMBED_LIMITS.items():
        text = embed.get(key) or ""
        size += len(text)
        if len(text) > limit:
            errors[f"{where}.{key}"] = f"Must be {limit} or fewer in length."
    fields = embed.get("fields") or []
    if len(fields) > FIELDS_MAX:
        errors[f"{where}.fields"] = f"Must be {FIELDS_MAX} or fewer in length."
    for j, fld in enumerate(fields):
        name, value = fld.get("name") or "", fld.get("value") or ""
        size += len(name) + len(value)
        if not name or len(name) > FIELD_NAME_MAX:
            errors[f"{where}.fields.{j}.name"] = (
                f"Must be between 1 and {FIELD_NAME_MAX} in length."
            )
        if not value or len(value) > FIELD_VALUE_MAX:
            errors[f"{where}.fields.{j}.value"] = (
                f"Must be between 1 and {FIELD_VALUE_MAX} in length."
            )
    footer = (embed.get("footer") or {}).get("text") or ""
    author = (embed.get("author") or {}).get("name") or ""
    size += len(footer) + len(author)
    if len(footer) > FOOTER_MAX:
        errors[f"{where}.footer.text"] = f"Must be {FOOTER_MAX} or fewer in length."
    if len(author) > AUTHOR_MAX:
        errors[f"{where}.author.name"] = f"Must be {AUTHOR_MAX} or fewer in length."
    return size


def _check_rows(rows: list[Mapping[str, Any]], errors: dict[str, str]) -> None:
    if len(rows) > ACTION_ROWS_MAX:
        errors["components"] = f"Must be {ACTION_ROWS_MAX} or fewer in length."
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"components.{i}"
        if row.get("type") != 1:
            errors[where] = "Top-level components must be action rows without IS_COMPONENTS_V2."
            continue
        children = row.get("components") or []
        if not children or len(children) > ROW_WIDTH:
            errors[f"{where}.components"] = f"Must be between 1 and {ROW_WIDTH} in length."
        for j, child in enumerate(children):
            _check_child(child, f"{where}.components.{j}", seen, errors)


def _check_child(
    child: Mapping[str, Any], where: str, seen: set[str], errors: dict[str, str]
) -> None:
    custom_id = child.get("custom_id")
    if custom_id is not None:
        if len(custom_id) > CUSTOM_ID_MAX:
            errors[f"{where}.custom_id"] = f"Must be {CUSTOM_ID_MAX} or fewer in length."
        if custom_id in seen:
            errors[f"{where}.custom_id"] = "Component custom id cannot be duplicated"
        seen.add(custom_id)
    if child.get("type") == 2:
        if len(child.get("label") or "") > BUTTON_LABEL_MAX:
            errors[f"{where}.label"] = f"Must be {BUTTON_LABEL_MAX} or fewer in length."
        if child.get("style") == 5 and not child.get("url"):
            errors[f"{where}.url"] = "Link buttons need a url."
        elif child.get("style") not in (5, 6) and not custom_id:
            errors[f"{where}.custom_id"] = "This field is required"
    if child.get("type") == 3:
        options = child.get("options") or []
        if not options or len(options) > SELECT_OPTIONS_MAX:
            errors[f"{where}.options"] = f"Must be between 1 and {SELECT_OPTIONS_MAX} in length."
