"""Strip Korean particles (josa) and common predicate endings from a word.

No morphological analyser: a list of endings, longest first, and a rule that the stem keeps at
least two syllables (so `나이` stays `나이`, not `나`). Search uses the stem as an FTS *prefix*,
so an ending wrongly taken off only widens the match a little (`전문가` -> `전문*` still finds
전문가), while an ending left on would miss every other form of the word.
"""

from __future__ import annotations

from functools import lru_cache

from bot.text.hangul import is_syllable

MIN_STEM_SYLLABLES = 2

PARTICLES: tuple[str, ...] = (
    "에서부터", "으로부터", "이라면", "에서는", "에서도", "에게서", "에게는", "으로는", "으로도",
    "이라도", "이라는", "이라고", "까지는", "부터는", "에서", "에게", "한테", "께서", "으로",
    "까지", "부터", "처럼", "보다", "이랑", "이나", "이며", "이란", "라면", "에는", "에도",
    "로는", "로도", "와는", "과는", "과의", "와의", "이고", "라도", "라는", "라고", "만큼",
    "밖에", "마다", "은요", "는요", "이요", "이든", "든지",
    "에선", "까진", "부턴", "으론", "에겐", "한텐",  # spoken contractions: 에서는, 까지는 ...
    "이라서", "이라",  # the copula joining a reason: 비전공이라 (더 그런지), 신입이라서
    "은", "는", "이", "가", "을", "를", "에", "로", "와", "과", "도", "만", "의", "랑", "나", "요",
)  # fmt: skip

# Predicate endings campers put on question words: 필요할까요, 준비하려면, 비전공자인데...
ENDINGS: tuple[str, ...] = (
    "해야하나요", "해야할까요", "해야되나요", "해야돼요", "해야해요", "하셨나요", "하시나요",
    "했나요", "했어요", "하려면", "하는법", "하는게", "하는지", "하나요", "할까요", "한가요",
    "인가요", "일까요", "있나요", "없나요", "되나요", "됐나요", "됩니다", "합니다", "입니다",
    "이에요", "예요", "해도", "해요", "하면", "하기", "해서", "하고", "하는", "해야", "인데",
    "인지", "일지", "할지", "은데", "는데", "한지", "은지", "는지", "인가", "일까", "할까", "을까", "나요",
    "까요", "가요", "어요", "아요", "세요", "니다", "돼요", "되요", "할", "한", "죠",
)  # fmt: skip

# Suffixes by length, longest first: a handful of set lookups per word, not a scan of the list.
_BY_LENGTH: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (n, frozenset(x for x in (*PARTICLES, *ENDINGS) if len(x) == n))
    for n in sorted({len(x) for x in (*PARTICLES, *ENDINGS)}, reverse=True)
)


def _syllables(text: str) -> int:
    return sum(1 for c in text if is_syllable(c))


# Particles in the form that follows a final consonant only (돈이랑, 책으로; after a vowel: 나이랑
# is 나이+랑): on a one-syllable word ending in a consonant they say where the noun ends.
_AFTER_CONSONANT = frozenset(
    ("이랑", "이나", "이라도", "이라면", "이라는", "이라고", "이란", "이든", "이며", "이고", "으로",
     "으로는", "으로도", "으로부터", "과는", "과의")
)  # fmt: skip


def _has_final(syllable: str) -> bool:
    return is_syllable(syllable) and (ord(syllable) - 0xAC00) % 28 != 0


def _strip_once(word: str) -> str:
    for n, suffixes in _BY_LENGTH:
        if len(word) > n and word[-n:] in suffixes:
            stem = word[:-n]
            if _syllables(stem) >= MIN_STEM_SYLLABLES:
                return stem
            if len(stem) == 1 and word[-n:] in _AFTER_CONSONANT and _has_final(stem):
                return stem  # 돈이랑 -> 돈: the particle's form says the noun is one syllable
    return word


@lru_cache(maxsize=65536)
def strip_particle(word: str) -> str:
    """`대학원에` -> `대학원`, `사람들이` -> `사람`, `비전공자인데` -> `비전공자`; Latin words unchanged."""
    if not word or not is_syllable(word[-1]):
        return word
    stem = _strip_once(word)
    # A plural or a stacked ending: 사람들이 -> 사람들 -> 사람, 준비하려면은 -> ...
    if stem.endswith("들") and _syllables(stem) > MIN_STEM_SYLLABLES:
        stem = stem[:-1]
    elif stem != word:
        stem = _strip_once(stem)
    return stem
