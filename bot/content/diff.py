"""A short line diff between two versions of an entry, for history."""

from __future__ import annotations

import difflib

from bot.models.content import Snapshot

LINE_CHARS = 80
BODY_LINES = 4


def _clip(text: str, limit: int = LINE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_diff(before: Snapshot | None, after: Snapshot | None) -> list[str]:
    """Lines like `title: old → new`, `- removed line`, `+ added line`, `topics: +a −b`."""
    if after is None:
        return []
    if before is None:
        return [f"title: {_clip(after.title)}"]
    lines: list[str] = []
    if before.title != after.title:
        lines.append(f"title: {_clip(before.title, 38)} → {_clip(after.title, 38)}")
    if before.body != after.body:
        changed = [
            line
            for line in difflib.unified_diff(
                before.body.splitlines(), after.body.splitlines(), lineterm="", n=0
            )
            if line[:1] in "+-" and not line.startswith(("+++", "---")) and line[1:].strip()
        ]
        lines.extend(_clip(line) for line in changed[:BODY_LINES])
        if len(changed) > BODY_LINES:
            lines.append(f"… (+{len(changed) - BODY_LINES})")
    if (before.tip or "") != (after.tip or ""):
        lines.append(f"tip: {_clip(before.tip or '∅', 38)} → {_clip(after.tip or '∅', 38)}")
    if before.topics != after.topics:
        added = [t for t in after.topics if t not in before.topics]
        removed = [t for t in before.topics if t not in after.topics]
        parts = [f"+{t}" for t in added] + [f"−{t}" for t in removed]
        lines.append("topics: " + " ".join(parts))
    return lines
