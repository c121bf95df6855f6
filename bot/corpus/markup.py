"""Turn the markup people really write in blog posts into clean Markdown that Discord renders.

Handles HTML tags (`<br>`, `<b>`, `<u>`, `<h2>`, `<img>`), Jekyll `{{site.url}}` paths and Liquid
tags, Kramdown definition-list prefixes (`: :`), scraped-page noise ("본문 바로가기") and the `•`
bullets of copied web pages.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Every pattern must scan in time linear in the text, whatever the text (posts are untrusted):
# a tag's inside stops at the next "<" ([^<>]), and an element's content stops at the next
# opener of the same element (a tempered `(?:(?!opener).)*?`). An unclosed opener then fails
# at the next one instead of scanning to the end of the text from every opener (quadratic).
_IMG_TAG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_LIQUID = re.compile(r"\{\{(?:(?!\{\{).)*?\}\}|\{%(?:(?!\{%).)*?%\}", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HEADING_TAG = re.compile(
    r"<h([1-6])\b[^<>]*>((?:(?!<h[1-6]\b).)*?)</h\1\s*>", re.IGNORECASE | re.DOTALL
)
_BOLD_TAG = re.compile(
    r"<(b|strong)\b[^<>]*>((?:(?!<(?:b|strong)\b).)*?)</\1\s*>", re.IGNORECASE | re.DOTALL
)
_ITALIC_TAG = re.compile(
    r"<(i|em)\b[^<>]*>((?:(?!<(?:i|em)\b).)*?)</\1\s*>", re.IGNORECASE | re.DOTALL
)
_UNDERLINE_TAG = re.compile(r"<u\b[^<>]*>((?:(?!<u\b).)*?)</u\s*>", re.IGNORECASE | re.DOTALL)
_LINK_TAG = re.compile(r"<a\b([^<>]*)>((?:(?!<a\b).)*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(p|div|section|article|li|ul|ol|table|tr|td|th)\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
_HTML_COMMENT = re.compile(r"<!--(?:(?!<!--).)*?-->", re.DOTALL)
# Kramdown definition-list leftovers: ": : text" is an item, ": - text" a sub-item, ": text" a line.
_DEF_ITEM = re.compile(r"^:\s*:\s?")
_DEF_SUBLIST = re.compile(r"^:\s*-\s+")
_DEF_LINE = re.compile(r"^:\s+")
_WEB_BULLET = re.compile(r"^(\s*)[•·▪◦●○■□‣∙]\s+")
_EMPTY_BOLD = re.compile(r"\*\*\s*\*\*")
# Unicode category Cc (C0, DEL and C1 controls) except tab and newline; a regex, not a per-
# character loop: this runs over every byte of every file.
_BLANK_RUN = re.compile(r"\n{3,}")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Lines that scraped pages carry around the post itself (skip links, share buttons, footers).
NOISE_LINES = frozenset(
    {
        "본문 바로가기",
        "메뉴 바로가기",
        "검색 바로가기",
        "skip to content",
        "skip to main content",
        "공유하기",
        "게시글 관리",
        "구독하기",
        "댓글",
        "top",
        "맨 위로",
        "목차",
        "table of contents",
        "반응형",
        "728x90",
        "관련글",
        "이전글",
        "다음글",
    }
)
_NOISE_PATTERNS = (
    re.compile(r"^(powered by|designed by|copyright|©).*", re.I),
    re.compile(r"^(좋아요|공감)\s*\d*$"),
    re.compile(r"^(저작자표시|비영리|변경금지)(\s+(저작자표시|비영리|변경금지))*$"),
)


_NOISE_MAX = 40  # noise lines are short; longer lines skip the checks


def is_noise(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > _NOISE_MAX:
        return False
    if text.lower() in NOISE_LINES:
        return True
    return any(p.match(text) for p in _NOISE_PATTERNS)


def normalize_text(text: str) -> str:
    """NFC, unified newlines, no BOM or zero-width or control characters (tabs kept for indents)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ")
    return _CONTROL.sub("", text)


def _inline_html(text: str) -> str:
    text = _HTML_COMMENT.sub("", text)
    text = _IMG_TAG.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _LIQUID.sub("", text)
    text = _HEADING_TAG.sub(lambda m: f"\n{'#' * int(m.group(1))} {m.group(2).strip()}\n", text)
    text = _BR.sub("\n", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _BOLD_TAG.sub(lambda m: f"**{m.group(2).strip()}**" if m.group(2).strip() else "", text)
    text = _ITALIC_TAG.sub(lambda m: f"*{m.group(2).strip()}*" if m.group(2).strip() else "", text)
    # Discord renders __x__ as underline, which is what <u> meant.
    text = _UNDERLINE_TAG.sub(
        lambda m: f"__{m.group(1).strip()}__" if m.group(1).strip() else "", text
    )
    text = _LINK_TAG.sub(_link, text)
    text = _ANY_TAG.sub("", text)
    return html.unescape(text).replace("\xa0", " ")  # &nbsp; too, as normalize_text does


def _link(match: re.Match[str]) -> str:
    href = _HREF.search(match.group(1))
    words = match.group(2).strip()
    return f"[{words}]({href.group(1)})" if href else words


def _unpad_bold(line: str) -> str:
    """`** text **` -> `**text**` (Discord renders no bold with the inner spaces): markers
    paired left to right, as Markdown reads them; an unpaired last marker stays as it is."""
    parts = line.split("**")
    for n in range(1, len(parts) - 1, 2):
        inner = parts[n].strip()
        if inner and parts[n][0].isspace() and parts[n][-1].isspace():
            parts[n] = inner
    return "**".join(parts)


def _definition_prefix(line: str) -> str:
    if not line.startswith(":"):
        return line
    if _DEF_ITEM.match(line):
        return "- " + _DEF_ITEM.sub("", line).strip()
    if _DEF_SUBLIST.match(line):
        return "  - " + _DEF_SUBLIST.sub("", line).strip()
    if _DEF_LINE.match(line) or line.strip() == ":":
        return _DEF_LINE.sub("", line).strip().lstrip(":").strip()
    return line


_WEB_BULLET_CHARS = frozenset("•·▪◦●○■□‣∙")


def _has_web_bullet(line: str) -> bool:
    stripped = line.lstrip(" ")
    return bool(stripped) and stripped[0] in _WEB_BULLET_CHARS


def clean_markup(text: str) -> str:
    """Clean Markdown from raw post text; keeps headings, lists and emphasis."""
    text = _inline_html(normalize_text(text))
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.expandtabs(4).rstrip()
        if is_noise(line):
            continue
        line = _definition_prefix(line)
        bullet = _WEB_BULLET.match(line) if _has_web_bullet(line) else None
        if bullet:
            # Web pages indent bullets by two spaces per level, starting at two.
            depth = max(0, (len(bullet.group(1)) - 2) // 2)
            line = "  " * depth + "- " + line[bullet.end() :]
        if "**" in line:
            line = _EMPTY_BOLD.sub("", line)
            line = _unpad_bold(line)
        if line.strip() in {"---", "***", "___"} and out and not out[-1].strip():
            continue  # horizontal rules under a title add nothing in Discord
        out.append(line.rstrip())
    return squeeze_blank_lines("\n".join(out))


def squeeze_blank_lines(text: str) -> str:
    return _BLANK_RUN.sub("\n\n", text).strip("\n")


def strip_inline_markdown(text: str) -> str:
    """Plain text of a heading or title: no emphasis markers, no trailing colons."""
    if "*" in text or "_" in text or "`" in text:  # most lines have none: skip the regex
        text = _EMPHASIS.sub("", text)
    return " ".join(text.split()).rstrip(":").strip()
