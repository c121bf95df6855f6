"""Plain-text rendering of messages and modals for a terminal (the sandbox prints these).

(ephemeral)
오늘의 팁
┃ **Title**
┃ description
┃ • Field: value
┃ — footer
[다음] [이전 (disabled)] [Docs ↗ https://…]
<select: 주제 선택 | 대학원, 취업>
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

EPHEMERAL = 1 << 6
LOADING = 1 << 7
_SELECT_KIND = {
    3: "select",
    5: "user select",
    6: "role select",
    7: "mentionable select",
    8: "channel select",
}


def render_message(message: Mapping[str, Any]) -> str:
    lines: list[str] = []
    flags = int(message.get("flags") or 0)
    if flags & EPHEMERAL:
        lines.append("(ephemeral)")
    if flags & LOADING:
        lines.append("… is thinking")
    if message.get("content"):
        lines.append(str(message["content"]))
    for embed in message.get("embeds") or []:
        lines.extend(_embed(embed))
    lines.extend(_components(message.get("components") or []))
    for attachment in message.get("attachments") or []:
        lines.append(f"📎 {attachment.get('filename')} ({attachment.get('size', 0)} bytes)")
    if message.get("thread"):
        lines.append(f"🧵 thread: {message['thread'].get('name')}")
    return "\n".join(lines) if lines else "(empty message)"


def render_modal(modal: Mapping[str, Any]) -> str:
    lines = [f"╭ modal: {modal.get('title', '')}"]
    for item in modal.get("components") or []:
        inputs = (
            [item.get("component", {})] if item.get("type") == 18 else item.get("components") or []
        )
        for field in inputs:
            label = item.get("label") if item.get("type") == 18 else field.get("label")
            required = "" if field.get("required", True) else " (optional)"
            style = "paragraph" if field.get("style") == 2 else "short"
            if field.get("type") == 4:
                shown = field.get("value") or field.get("placeholder") or ""
                lines.append(f"│ {label}{required} [{style}] {field.get('custom_id')}: {shown}")
            else:
                lines.append(f"│ {label}{required} {field.get('custom_id')}: {_select(field)}")
        if item.get("type") == 10:
            lines.append(f"│ {item.get('content', '')}")
    lines.append("╰")
    return "\n".join(lines)


def render_choices(choices: Sequence[Mapping[str, Any]]) -> str:
    return (
        "\n".join(f"  {c.get('name')}  → {c.get('value')!r}" for c in choices) or "  (no choices)"
    )


def _embed(embed: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    author = (embed.get("author") or {}).get("name")
    if author:
        out.append(f"┃ {author}")
    if embed.get("title"):
        out.append(f"┃ **{embed['title']}**")
    for line in str(embed.get("description") or "").splitlines():
        out.append(f"┃ {line}")
    for field in embed.get("fields") or []:
        value = str(field.get("value", "")).replace("\n", "\n┃   ")
        out.append(f"┃ • {field.get('name')}: {value}")
    if embed.get("image"):
        out.append(f"┃ [image {embed['image'].get('url')}]")
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        out.append(f"┃ — {footer}")
    return out


def _components(components: Sequence[Mapping[str, Any]], depth: int = 0) -> list[str]:
    out: list[str] = []
    pad = "  " * depth
    for item in components:
        kind = item.get("type")
        if kind == 1:
            row = [
                _button(c) if c.get("type") == 2 else _select(c)
                for c in item.get("components") or []
            ]
            out.append(pad + " ".join(row))
        elif kind == 2:
            out.append(pad + _button(item))
        elif kind in _SELECT_KIND:
            out.append(pad + _select(item))
        elif kind == 10:
            out.append(pad + str(item.get("content", "")))
        elif kind == 9:
            out.extend(_components(item.get("components") or [], depth))
            if item.get("accessory"):
                out.extend(_components([item["accessory"]], depth + 1))
        elif kind == 14:
            out.append(pad + "────────")
        elif kind == 17:
            out.append(pad + "┌")
            out.extend(_components(item.get("components") or [], depth + 1))
            out.append(pad + "└")
        elif kind in (11, 12, 13):
            out.append(pad + f"[{_MEDIA.get(kind, 'media')}]")
    return out


_MEDIA = {11: "thumbnail", 12: "gallery", 13: "file"}


def button_text(button: Mapping[str, Any]) -> str:
    """A button as a reader sees it: its emoji, then its label."""
    emoji = (button.get("emoji") or {}).get("name")
    return " ".join(p for p in (emoji, button.get("label")) if p)


def _button(button: Mapping[str, Any]) -> str:
    label = button_text(button)
    if button.get("style") == 5:
        label += f" ↗ {button.get('url')}"
    if button.get("disabled"):
        label += " (disabled)"
    return f"[{label}]"


def _select(select: Mapping[str, Any]) -> str:
    kind = _SELECT_KIND.get(int(select.get("type") or 3), "select")
    options = ", ".join(
        f"{o.get('label')}{' ✓' if o.get('default') else ''}" for o in select.get("options") or []
    )
    parts = [p for p in (select.get("placeholder"), options) if p]
    disabled = " (disabled)" if select.get("disabled") else ""
    return f"<{kind}: {' | '.join(parts)}>{disabled}"
