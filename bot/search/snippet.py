"""A short excerpt of an entry around the words that matched, with those words in **bold**."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

SNIPPET_CHARS = 180
_HTML = re.compile(r"<[^>]{0,200}>")
_MD_NOISE = re.compile(
    r"(\*\*|__|~~|`+|^#+\s*|^\s*[-*+]\s+|^\s*>\s*|!?\[([^\]]*)\]\([^)]*\))", re.M
)
_MARKUP = re.compile(r"[*_~`#>+\[-]")  # a character that _MD_NOISE's every match starts with
_ESCAPE = re.compile(r"([\\*_~`|])")


def plain(text: str) -> str:
    """Markdown and HTML markup removed, one line: what the snippet is cut from."""
    # Each pattern only where its characters are (most entries have no markup at all).
    if "<" in text:
        text = _HTML.sub(" ", text)
    if _MARKUP.search(text):
        text = _MD_NOISE.sub(lambda m: m.group(2) or " ", text)
    return " ".join(text.split())


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


@lru_cache(maxsize=4096)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    parts: list[str] = []
    for form in sorted({f for f in forms if f}, key=len, reverse=True):
        words = [re.escape(w) for w in form.split()]
        body = r"\s*".join(words)  # a phrase or a spacing variant: 취업 준비 / 취업준비
        prefix = r"(?<![a-z0-9])" if form.isascii() else ""
        parts.append(prefix + body)
    if not parts:
        return None
    # The matched word runs to the end of its token (대학원 -> **대학원에**, like the FTS prefix).
    return re.compile(r"(?:" + "|".join(parts) + r")[^\W_]*", re.IGNORECASE)


def make_snippet(text: str, forms: Sequence[str], *, width: int = SNIPPET_CHARS) -> str:
    """≤ `width` characters of `text` (plus bold markers) around the most matched forms."""
    source = plain(text)
    if not source:
        return ""
    # Only the forms whose first word the text has can match: a pattern of those alone (a
    # query's synonyms make 20 alternatives or more, each tried at every character).
    folded = source.casefold()  # at least every pair of letters IGNORECASE takes as equal
    pattern = _pattern(tuple(f for f in forms if f and f.split(maxsplit=1)[0].casefold() in folded))
    matches = list(pattern.finditer(source)) if pattern else []
    if not matches:
        return _cut(source, 0, width, [])
    # Window start: the match whose window holds the most distinct matched words.
    best_start, best_count = matches[0].start(), -1
    for m in matches:
        start = max(0, m.start() - width // 4)
        inside = {
            x.group(0).lower() for x in matches if start <= x.start() and x.end() <= start + width
        }
        if len(inside) > best_count:
            best_start, best_count = start, len(inside)
    return _cut(source, best_start, width, matches)


def _cut(source: str, start: int, width: int, matches: list[re.Match[str]]) -> str:
    end = min(len(source), start + width)
    # Move the cuts to spaces so no word is split (unless a word is huge).
    if start > 0:
        space = source.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    if end < len(source):
        space = source.rfind(" ", end - 20, end)
        end = space if space > start else end
    out: list[str] = ["…"] if start > 0 else []
    pos = start
    for m in matches:
        if m.start() < pos or m.end() > end:
            continue
        out.append(_escape(source[pos : m.start()]))
        out.append(f"**{_escape(m.group(0))}**")
        pos = m.end()
    out.append(_escape(source[pos:end]))
    if end < len(source):
        out.append("…")
    snippet = "".join(out).strip()
    # A leading `>`, `#` or `-` would turn the line into a quote, heading or list item.
    return "\\" + snippet if snippet[:1] in (">", "#", "-") else snippet
