"""Discord Markdown safety: escaping echoed user text, and the rule for links in content.

Two different trusts. Text a user typed (a query, a topic they typed in, an id, a display name,
later a cohort name or a moderator's input echoed in a confirmation) is never Markdown: `escape`
makes it show literally, so it can format nothing, link nowhere and mention nobody. Content
bodies (curated files, later moderators' entries) are Markdown on purpose, links included, but a
link must go where it says: `safe_links` applies the rule below.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Characters that start inline Markdown anywhere in a line: emphasis, code, spoilers, masked
# links ([..](..)), and <...> (autolinks, mentions, channels, timestamps, custom emoji).
_INLINE = re.compile(r"([\\*_~`|\[\]<>])")
# A URL's "://" would be autolinked by Discord; an escaped colon breaks the link, renders the same.
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)")
# At the start of a line: headings, subtext (-#), list items (quotes: ">" is escaped anywhere).
_LINE_START = re.compile(r"^(\s*)([#+-])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")
_NEWLINES = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def escape(value: str) -> str:
    """User text that shows literally in Discord Markdown: one line, every construct escaped.

    Discord drops the backslashes when it renders, so the user sees exactly what they typed.
    """
    value = _NEWLINES.sub(" ", value)
    value = _INLINE.sub(r"\\\1", value)
    value = _SCHEME.sub(r"\\\1", value)
    value = _LINE_START.sub(r"\1\\\2", value, count=1)
    return _LIST_NUMBER.sub(r"\1\\\2", value, count=1)


_ESCAPED = re.compile(r"\\([\\*_~`|\[\]<>:#+.)-])")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def plain(markdown: str) -> str:
    """Markdown as a terminal shows it best: bold markers dropped, backslash escapes undone
    (`6\\~1년` -> `6~1년`); the CLI's plain-text output."""
    return _ESCAPED.sub(r"\1", _BOLD.sub(r"\1", markdown))


def code(value: str) -> str:
    """User text inside an inline code span (`…`): Discord renders nothing there, so only a
    backtick (which would close the span) and line breaks need replacing."""
    return _NEWLINES.sub(" ", value).replace("`", "ˋ")


# [label](target "title") with bounded parts; the target may hold one level of (parentheses),
# as Discord's parser allows. Each part's alternatives start differently: linear to scan.
_MASKED_LINK = re.compile(
    r"\[(?P<label>[^\[\]\n]{0,1000})\]\(\s*<?(?P<target>(?:\([^\s()]{0,200}\)|[^\s()<>]){1,2048})>?"
    r"(?:\s+\"[^\"\n]{0,300}\")?\s*\)"
)
# <scheme:...> (Markdown autolink syntax) with a scheme other than http(s).
_ANGLE_LINK = re.compile(r"<(?P<target>(?!https?:)[A-Za-z][A-Za-z0-9+.-]{0,31}:[^\s<>]{1,2048})>")
# A label that reads as an address: a scheme, "www.", or a dotted host name.
_URL_LIKE = re.compile(
    r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*://\S*|(?:www\.)?(?:[\w-]+\.)+[A-Za-z]{2,}(?:[:/?#]\S*)?)\s*$"
)
_WEB_SCHEMES = ("http", "https")


def _host(url: str) -> str:
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.").casefold()


def _link(match: re.Match[str]) -> str:
    label, target = match["label"], match["target"]
    try:
        scheme = urlsplit(target).scheme.casefold()
    except ValueError:
        scheme = ""
    if scheme not in _WEB_SCHEMES:
        return label  # javascript:, data:, file:, relative…: the words stay, the link goes
    if _URL_LIKE.match(label) and _host(label) != _host(target):
        return f"{escape(label.strip())} (<{target}>)"  # shown honestly: the real address
    return match[0]


def safe_links(text: str) -> str:
    """Links in a content body, as they may be shown to campers.

    The rule: a masked link `[words](target)` stays a link only when its target is an http(s)
    address. Any other target (`javascript:`, `data:`, `file:`, a relative path) loses the link
    and keeps the words. A label that itself looks like an address (`https://discord.com/…`,
    `www.x.com`, `discord.gift/…`) must name the target's own host; otherwise the label is shown
    as plain text followed by the real target in parentheses, so nobody clicks one address
    believing it is another. `<scheme:…>` autolinks with a non-web scheme are shown as text.
    Bare http(s) URLs are left alone: what they show is where they go.
    """
    text = _MASKED_LINK.sub(_link, text)
    return _ANGLE_LINK.sub(lambda m: escape(m["target"]), text)
