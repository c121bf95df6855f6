"""Hangul -> Latin letters (Revised Romanization, syllable by syllable), for readable ids.

Sound changes across syllables (신라 -> silla) are not applied: an id only has to be readable
and stable, and `slug` is what makes one.
"""

from __future__ import annotations

import re
import unicodedata

from bot.text.hangul import SYLLABLE_FIRST, SYLLABLE_LAST

_LEADS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
          "t", "p", "h")  # fmt: skip
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
           "wo", "we", "wi", "yu", "eu", "ui", "i")  # fmt: skip
_TAILS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m",
          "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def romanize(text: str) -> str:
    out: list[str] = []
    for char in text:
        code = ord(char)
        if SYLLABLE_FIRST <= code <= SYLLABLE_LAST:
            lead, rest = divmod(code - SYLLABLE_FIRST, 588)
            vowel, tail = divmod(rest, 28)
            out.append(f"{_LEADS[lead]}{_VOWELS[vowel]}{_TAILS[tail]}")
        else:
            out.append(char)
    return "".join(out)


def slug(text: str, *, max_chars: int = 60) -> str:
    """Lowercase letters, digits and single hyphens: '데이터 분석가 로드맵' -> 'deiteo-bunseokga-rodeumaep'."""
    latin = unicodedata.normalize("NFKD", romanize(unicodedata.normalize("NFC", text)))
    ascii_text = latin.encode("ascii", "ignore").decode().lower()
    words = [w for w in _NOT_SLUG.split(ascii_text) if w]
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > max_chars:
            break
        out = joined
    return out or (words[0][:max_chars] if words else "")
