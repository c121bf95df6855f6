"""Finding the button, select or text input a test wants to use inside a message or modal."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from bot.emulator.errors import EmulatorError

BUTTON, STRING_SELECT, TEXT_INPUT = 2, 3, 4
USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT = 5, 6, 7, 8
SELECTS = frozenset({STRING_SELECT, USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT})
LABEL = 18
LINK_STYLE, PREMIUM_STYLE = 5, 6


def walk(components: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    """Every component, depth first: action rows, containers, sections' accessories, labels."""
    for item in components:
        yield item
        yield from walk(item.get("components") or [])
        for key in ("accessory", "component"):
            child = item.get(key)
            if isinstance(child, Mapping):
                yield from walk([child])


def find_button(
    message: Mapping[str, Any], *, label: str | None, custom_id: str | None
) -> Mapping[str, Any]:
    if label is None and custom_id is None:
        raise EmulatorError("click() needs label= or custom_id=")
    buttons = [c for c in walk(message.get("components") or []) if c.get("type") == BUTTON]
    found = [
        b
        for b in buttons
        if (custom_id is None or b.get("custom_id") == custom_id)
        and (label is None or _button_label(b) == label)
    ]
    wanted = f"label={label!r}" if custom_id is None else f"custom_id={custom_id!r}"
    if not found:
        raise EmulatorError(f"no button with {wanted}; the message has {describe_buttons(buttons)}")
    if len(found) > 1:
        raise EmulatorError(f"{len(found)} buttons match {wanted}; pass custom_id= to pick one")
    button = found[0]
    if button.get("disabled"):
        raise EmulatorError(f"button {wanted} is disabled: Discord would not let the user click it")
    if button.get("style") in (LINK_STYLE, PREMIUM_STYLE):
        raise EmulatorError(
            f"button {wanted} is a link/premium button; clicking it sends no interaction"
        )
    return button


def find_select(
    message: Mapping[str, Any], *, custom_id: str | None, placeholder: str | None
) -> Mapping[str, Any]:
    selects = [c for c in walk(message.get("components") or []) if c.get("type") in SELECTS]
    found = [
        s
        for s in selects
        if (custom_id is None or s.get("custom_id") == custom_id)
        and (placeholder is None or s.get("placeholder") == placeholder)
    ]
    ids = [s.get("custom_id") for s in selects]
    if not found:
        raise EmulatorError(f"no select matches (custom_id={custom_id!r}); the message has {ids}")
    if len(found) > 1:
        raise EmulatorError(f"{len(found)} selects match; pass custom_id= (one of {ids})")
    select = found[0]
    if select.get("disabled"):
        raise EmulatorError(f"select {select.get('custom_id')!r} is disabled")
    return select


def string_select_values(select: Mapping[str, Any], values: Sequence[str]) -> list[str]:
    """Validate picked values against the options; an option's label may stand for its value."""
    options = select.get("options") or []
    by_label = {o.get("label"): o.get("value") for o in options}
    allowed = {o.get("value") for o in options}
    picked = []
    for value in values:
        if value in allowed:
            picked.append(value)
        elif value in by_label:
            picked.append(by_label[value])
        else:
            raise EmulatorError(
                f"{value!r} is not an option of select {select.get('custom_id')!r}: {sorted(allowed)}"
            )
    check_counts(select, picked)
    return picked


def check_counts(select: Mapping[str, Any], picked: Sequence[Any]) -> None:
    low, high = int(select.get("min_values", 1)), int(select.get("max_values", 1))
    if not low <= len(picked) <= high:
        raise EmulatorError(
            f"select {select.get('custom_id')!r} takes {low}..{high} values, got {len(picked)}"
        )


def describe_buttons(buttons: Sequence[Mapping[str, Any]]) -> str:
    if not buttons:
        return "no buttons"
    return ", ".join(f"[{_button_label(b)}] (custom_id={b.get('custom_id')!r})" for b in buttons)


def _button_label(button: Mapping[str, Any]) -> str:
    return button.get("label") or (button.get("emoji") or {}).get("name") or ""
