"""Unicode clean-up shared by stored text and queries.

NFC, never NFKC: NFKC turns the compatibility jamo a camper types mid-word (`대학ㅇ`, `ㄷㅎㅇ`)
into conjoining jamo, which breaks jamo prefixes and choseong keys.
"""

from __future__ import annotations

import re
import unicodedata

# Control and format characters (NUL, zero-width spaces, bidi marks) carry nothing searchable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


# What shows as nothing in Discord: spacing, zero-width and bidi marks, the BOM, Hangul fillers.
_INVISIBLE = re.compile(
    r"[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u115f\u1160\u3164\uffa0]+"
)


def blank(text: str) -> bool:
    """True when the text would show as nothing (a query of zero-width spaces echoed back
    read as an empty bold string)."""
    return not _INVISIBLE.sub("", text)


def nfc(text: str) -> str:
    """NFC form; cheap when the text is already NFC (the common case)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def clean(text: str, *, max_chars: int | None = None) -> str:
    """NFC, control characters dropped, whitespace collapsed, trimmed, optionally cut."""
    text = _CONTROL.sub(" ", nfc(text))
    if max_chars is not None:
        text = text[: max_chars * 2]  # bound the regex work on huge inputs before collapsing
    text = " ".join(text.split())  # what \s+ -> " " and strip() give, without a regex
    return text[:max_chars].rstrip() if max_chars is not None else text


def fold(text: str) -> str:
    """The matching form: clean and lower-cased (Hangul has no case; Latin does)."""
    return clean(text).lower()


def squash(text: str) -> str:
    """Folded with every space removed: `취업 준비` and `취업준비` share one key."""
    return fold(text).replace(" ", "")
