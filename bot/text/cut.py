"""Text cut to a limit where a reader would cut it: at a word boundary when one keeps at least
half, else between two characters (a whole Hangul syllable, a whole emoji), marked with `…`.

Lengths are counted in UTF-16 code units, the stricter of Discord's two ways of counting: an
emoji outside the BMP counts twice, so a text that fits here fits there.
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


def units(text: str) -> int:
    """Length as Discord's clients count it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def clean(text: str) -> str:
    """Trimmed, inner runs of whitespace made one space, NFC."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _extends(char: str) -> bool:
    """A character that belongs to the one before it: combining marks, joiners, variation
    selectors, skin tones, emoji tags, and Hangul vowel and final jamo."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or code in (0x200C, 0x200D)
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1160 <= code <= 0x11FF
        or 0xD7B0 <= code <= 0xD7FF
    )


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _can_cut(text: str, at: int) -> bool:
    """Whether text[:at] ends between two user-perceived characters."""
    if at <= 0 or at >= len(text):
        return True
    before, after = text[at - 1], text[at]
    if _extends(after) or before == "\u200d":
        return False
    if _regional(before) and _regional(after):
        run = 0
        while at - 1 - run >= 0 and _regional(text[at - 1 - run]):
            run += 1
        return run % 2 == 0  # between two flags, not inside one
    return True


def fit(text: str, limit: int) -> str:
    """`text` within `limit` UTF-16 units: cut at a word boundary when one keeps at least half,
    else between two characters (a Hangul syllable, a whole emoji), and marked with `…`."""
    text = clean(text)
    if units(text) <= limit:
        return text
    budget = limit - units(ELLIPSIS)
    end, used = 0, 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > budget:
            break
        used += size
        end += 1
    while end > 0 and not _can_cut(text, end):
        end -= 1
    space = text.rfind(" ", 0, end + 1)
    if space >= end // 2 and space > 0:
        end = space
    return text[:end].rstrip() + ELLIPSIS


def shortened(text: str) -> str:
    """`text` (known to be the start of something longer) cut back to its last word boundary,
    or a character, and marked with `…`."""
    text = clean(text)
    return fit(text, max(units(text) - 1, units(ELLIPSIS) + 1))
