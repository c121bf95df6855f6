"""Modals as Discord has them since 2025: a title, 1..5 top-level components (Label wrapping a
text input or a select, Text Display, or the legacy action row with one text input), checked the
way Discord checks a type 9 callback; and the MODAL_SUBMIT data a user's client sends back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.discord_limits import CUSTOM_ID
from bot.emulator.components import (
    LABEL,
    SELECTS,
    STRING_SELECT,
    TEXT_INPUT,
    check_counts,
    string_select_values,
)
from bot.emulator.errors import EmulatorError, RestError

TITLE_MAX, COMPONENTS_MAX = 45, 5
LABEL_MAX, DESCRIPTION_MAX, PLACEHOLDER_MAX = 45, 100, 100
TEXT_MAX = 4000
OPTIONS_MAX = 25
TEXT_DISPLAY = 10


def check_modal(data: Mapping[str, Any], components: Sequence[Mapping[str, Any]]) -> None:
    """Raise ``RestError`` 400 (50035) for a modal Discord would refuse."""
    errors: dict[str, str] = {}
    custom_id = str(data.get("custom_id") or "")
    if not 1 <= len(custom_id) <= CUSTOM_ID:
        errors["data.custom_id"] = f"Must be between 1 and {CUSTOM_ID} in length."
    if not 1 <= len(str(data.get("title") or "")) <= TITLE_MAX:
        errors["data.title"] = f"Must be between 1 and {TITLE_MAX} in length."
    if not 1 <= len(components) <= COMPONENTS_MAX:
        errors["data.components"] = f"Must be between 1 and {COMPONENTS_MAX} in length."
    seen: set[str] = set()
    for i, item in enumerate(components):
        where = f"data.components.{i}"
        kind = item.get("type")
        if kind == LABEL:
            label = str(item.get("label") or "")
            if not 1 <= len(label) <= LABEL_MAX:
                errors[f"{where}.label"] = f"Must be between 1 and {LABEL_MAX} in length."
            if len(str(item.get("description") or "")) > DESCRIPTION_MAX:
                errors[f"{where}.description"] = f"Must be {DESCRIPTION_MAX} or fewer in length."
            child = item.get("component")
            if not isinstance(child, Mapping) or child.get("type") not in (TEXT_INPUT, *SELECTS):
                errors[f"{where}.component"] = "A label holds one text input or select."
            else:
                _check_input(child, f"{where}.component", seen, errors)
        elif kind == 1:
            row = item.get("components") or []
            if len(row) != 1 or row[0].get("type") != TEXT_INPUT:
                errors[f"{where}.components"] = "An action row in a modal holds one text input."
            else:
                _check_input(row[0], f"{where}.components.0", seen, errors)
        elif kind != TEXT_DISPLAY:
            errors[f"{where}.type"] = f"Component type {kind} is not valid in a modal."
    if errors:
        raise RestError(400, 50035, "Invalid Form Body", errors=errors)


def _check_input(
    item: Mapping[str, Any], where: str, seen: set[str], errors: dict[str, str]
) -> None:
    custom_id = str(item.get("custom_id") or "")
    if not 1 <= len(custom_id) <= CUSTOM_ID:
        errors[f"{where}.custom_id"] = f"Must be between 1 and {CUSTOM_ID} in length."
    elif custom_id in seen:
        errors[f"{where}.custom_id"] = "Component custom id cannot be duplicated"
    seen.add(custom_id)
    if len(str(item.get("placeholder") or "")) > PLACEHOLDER_MAX:
        errors[f"{where}.placeholder"] = f"Must be {PLACEHOLDER_MAX} or fewer in length."
    if item.get("type") == TEXT_INPUT:
        low, high = int(item.get("min_length") or 0), int(item.get("max_length") or TEXT_MAX)
        if not 0 <= low <= TEXT_MAX or not 1 <= high <= TEXT_MAX or low > high:
            errors[f"{where}.max_length"] = f"Lengths must be within 0..{TEXT_MAX}."
        if item.get("style") not in (1, 2):
            errors[f"{where}.style"] = "Text input style must be 1 (short) or 2 (paragraph)."
        value = item.get("value")
        if value is not None and len(str(value)) > high:
            errors[f"{where}.value"] = f"Must be {high} or fewer in length."
        return
    if item.get("type") == STRING_SELECT:
        options = item.get("options") or []
        if not 1 <= len(options) <= OPTIONS_MAX:
            errors[f"{where}.options"] = f"Must be between 1 and {OPTIONS_MAX} in length."
        values = [o.get("value") for o in options]
        if len(set(values)) != len(values):
            errors[f"{where}.options"] = "Option values must be unique."
    low, high = int(item.get("min_values", 1)), int(item.get("max_values", 1))
    if not 0 <= low <= high <= OPTIONS_MAX:
        errors[f"{where}.max_values"] = f"Values must be within 0..{OPTIONS_MAX}."


def modal_inputs(components: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Text inputs and selects of a modal, each with the label it is shown under."""
    found: list[Mapping[str, Any]] = []
    for item in components:
        if item.get("type") == LABEL and isinstance(item.get("component"), Mapping):
            found.append({**item["component"], "label": item.get("label")})
        elif item.get("type") == 1:
            found.extend(c for c in item.get("components") or [] if c.get("custom_id"))
    return found


def input_key(fields: Sequence[Mapping[str, Any]], name: str) -> str:
    """The custom_id meant by ``name``: a custom_id, or the label an input is shown under."""
    ids = [str(f.get("custom_id")) for f in fields]
    if name in ids:
        return name
    by_label = [str(f.get("custom_id")) for f in fields if f.get("label") == name]
    if len(by_label) == 1:
        return by_label[0]
    raise EmulatorError(f"the modal has no input {name!r}; it has {ids}")


Resolve = Mapping[int, Callable[[Any], str]]


def submission(
    custom_id: str,
    components: Sequence[Mapping[str, Any]],
    values: Mapping[str, Any],
    *,
    resolve: Resolve,
) -> dict[str, Any]:
    """The ``data`` of a modal submit: every input with what the user typed or picked (by
    custom_id or label); omitted inputs keep their prefilled value or default options. A value
    the client would not let through (required and empty, too long, not an option) raises
    ``EmulatorError``. ``resolve`` turns picked users, roles and channels into ids."""
    fields = modal_inputs(components)
    given = {input_key(fields, name): value for name, value in values.items()}

    def submitted(item: Mapping[str, Any]) -> dict[str, Any]:
        cid = str(item["custom_id"])
        kind = item.get("type")
        base = {"type": kind, "id": item.get("id"), "custom_id": cid}
        if kind == TEXT_INPUT:
            value = str(given.get(cid, item.get("value") or ""))
            if item.get("required", True) and not value:
                raise EmulatorError(f"modal input {cid!r} is required")
            low, high = int(item.get("min_length") or 0), int(item.get("max_length") or TEXT_MAX)
            if value and not low <= len(value) <= high:
                raise EmulatorError(f"modal input {cid!r} must be {low}..{high} characters long")
            return {**base, "value": value}
        if cid in given:
            picked = given[cid]
            picked = [picked] if isinstance(picked, str | int) else list(picked)
        else:
            picked = [o.get("value") for o in item.get("options") or [] if o.get("default")]
        if item.get("required", True) and not picked:
            raise EmulatorError(f"modal select {cid!r} is required")
        if kind == STRING_SELECT:
            chosen = string_select_values(item, [str(v) for v in picked]) if picked else []
        else:
            if picked:
                check_counts(item, picked)
            chosen = [resolve[int(kind or 0)](v) for v in picked]
        return {**base, "values": chosen}

    out: list[dict[str, Any]] = []
    for item in components:
        if item.get("type") == LABEL and isinstance(item.get("component"), Mapping):
            out.append(
                {"type": LABEL, "id": item.get("id"), "component": submitted(item["component"])}
            )
        elif item.get("type") == 1:
            row = [submitted(c) for c in item.get("components") or [] if c.get("custom_id")]
            out.append({"type": 1, "id": item.get("id"), "components": row})
        else:
            out.append({"type": item.get("type"), "id": item.get("id")})
    return {"custom_id": custom_id, "components": out}
