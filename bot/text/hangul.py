"""Hangul arithmetic: jamo decomposition and initial-consonant (choseong) keys.

Decomposition is to *keystrokes* on a 2-beolsik keyboard: compound vowels and final clusters are
split (`ㅝ` -> `ㅜㅓ`, `ㄳ` -> `ㄱㅅ`). Then every state an IME shows while typing a word is a
prefix of the word's decomposition (`대학ㅇ`, `대학우`, `섟` for 석사), and a one-key typo is an
edit distance of one.
"""

from __future__ import annotations

import re

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3
_V_COUNT = 21
_T_COUNT = 28
_LV = _V_COUNT * _T_COUNT  # 588

CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNGSEONG = (
    "ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ",
    "ㅗㅣ", "ㅛ", "ㅜ", "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ",
)  # fmt: skip
_JONGSEONG = (
    "", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ", "ㄹㅌ",
    "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ",
)  # fmt: skip
# Compound compatibility jamo typed on their own (a half-typed word can end in one).
_COMPOUND_JAMO = {
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ", "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ",
    "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
}  # fmt: skip
_CONSONANTS = frozenset(chr(c) for c in range(0x3131, 0x314F))  # ㄱ..ㅎ (incl. clusters)
_JAMO_FIRST = 0x3131
_JAMO_LAST = 0x318E


def _build_tables() -> tuple[dict[int, str], dict[int, str]]:
    jamo: dict[int, str] = {}
    initials: dict[int, str] = {}
    for code in range(SYLLABLE_FIRST, SYLLABLE_LAST + 1):
        index = code - SYLLABLE_FIRST
        lead, rest = divmod(index, _LV)
        vowel, tail = divmod(rest, _T_COUNT)
        jamo[code] = CHOSEONG[lead] + _JUNGSEONG[vowel] + _JONGSEONG[tail]
        initials[code] = CHOSEONG[lead]
    for char, keys in _COMPOUND_JAMO.items():
        jamo[ord(char)] = keys
    return jamo, initials


# str.translate with these tables runs in C: decomposing 100k titles takes well under a second.
_JAMO_TABLE, _CHOSEONG_TABLE = _build_tables()

# Keystroke *codes*: the same keystrokes, each jamo as one ASCII character that folded text never
# holds (upper-case letters, punctuation). ASCII strings take half the memory of jamo strings,
# which matters for the in-memory indexes of a large corpus; distances and prefixes are the same.
_CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+,-./:;<=>?@[]^`{|}~"
_JAMO_CODES = {chr(c): _CODE_CHARS[c - 0x3131] for c in range(0x3131, 0x3164)}
_CODE_TABLE = {
    code: "".join(_JAMO_CODES.get(ch, ch) for ch in keys) for code, keys in _JAMO_TABLE.items()
}
_CODE_TABLE.update({ord(j): code for j, code in _JAMO_CODES.items() if ord(j) not in _CODE_TABLE})
_CHOSEONG_CODE_TABLE = {code: _JAMO_CODES[ch] for code, ch in _CHOSEONG_TABLE.items()}
_CHOSEONG_CODE_TABLE.update(
    {ord(j): code for j, code in _JAMO_CODES.items() if ord(j) not in _CHOSEONG_CODE_TABLE}
)


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def is_jamo(char: str) -> bool:
    """A compatibility jamo (`ㄱ`, `ㅏ`): what an IME shows before a syllable is complete."""
    return _JAMO_FIRST <= ord(char) <= _JAMO_LAST


_ANY_HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e]")  # a syllable or a compatibility jamo


def has_hangul(text: str) -> bool:
    return _ANY_HANGUL.search(text) is not None  # in C: the index checks every title word


def decompose(text: str) -> str:
    """Keystroke jamo: `대학원` -> `ㄷㅐㅎㅏㄱㅇㅜㅓㄴ`; other characters are kept as they are."""
    return text.translate(_JAMO_TABLE)


def keystrokes(text: str) -> str:
    """`decompose` with each jamo as a one-byte code: the form the in-memory indexes store."""
    return text.translate(_CODE_TABLE)


def choseong_keys(text: str) -> str:
    """`choseong` in the same one-byte codes (a typed bare consonant maps to its code too)."""
    return text.translate(_CHOSEONG_CODE_TABLE)


def choseong(text: str) -> str:
    """Initial consonants: `대학원` -> `ㄷㅎㅇ`; other characters are kept as they are."""
    return text.translate(_CHOSEONG_TABLE)


def is_choseong_query(text: str) -> bool:
    """Only bare consonants (and spaces), like `ㄷㅎㅇ` or `ㅇㄹㅅ`: a choseong search."""
    letters = [c for c in text if not c.isspace()]
    return bool(letters) and all(c in _CONSONANTS for c in letters)


def ends_with_jamo(text: str) -> bool:
    """`대학ㅇ`: the last syllable is still being typed."""
    return bool(text) and is_jamo(text[-1])
