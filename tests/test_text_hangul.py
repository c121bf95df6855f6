"""Jamo decomposition and initial-consonant keys."""

from __future__ import annotations

import unicodedata

import pytest
from rapidfuzz.distance import Levenshtein

from bot.text import choseong, decompose, ends_with_jamo, has_hangul, is_choseong_query, nfc


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("대학원", "ㄷㅐㅎㅏㄱㅇㅜㅓㄴ"),  # ㅝ is two keystrokes
        ("석사", "ㅅㅓㄱㅅㅏ"),
        ("닭", "ㄷㅏㄹㄱ"),  # final cluster split
        ("의", "ㅇㅡㅣ"),
        ("ㅘ", "ㅗㅏ"),  # a lone compound vowel too
        ("AI 엔지니어", "AI ㅇㅔㄴㅈㅣㄴㅣㅇㅓ"),  # other characters kept
        ("", ""),
    ],
)
def test_decompose_to_keystrokes(text: str, keys: str) -> None:
    assert decompose(text) == keys


@pytest.mark.parametrize(
    ("typing", "word"),
    [
        ("대", "대학원"),
        ("대하", "대학원"),
        ("대학", "대학원"),
        ("대학ㅇ", "대학원"),
        ("대학우", "대학원"),
        ("섟", "석사"),  # ㄱ+ㅅ shows as the cluster ㄳ before the vowel comes
        ("강", "가요"),  # ㅇ shows as a final before it moves on
        ("포트폴리ㅇ", "포트폴리오"),
    ],
)
def test_every_ime_state_is_a_prefix(typing: str, word: str) -> None:
    assert decompose(word).startswith(decompose(typing))


def test_one_keystroke_typo_is_distance_one() -> None:
    # On syllables 대학언 is as close to 대학교 as to 대학원; on keystrokes it is not.
    typo = decompose("대학언")
    assert Levenshtein.distance(typo, decompose("대학원")) == 1
    assert Levenshtein.distance(typo, decompose("대학교")) >= 3


@pytest.mark.parametrize(
    ("text", "key"),
    [("대학원", "ㄷㅎㅇ"), ("이력서", "ㅇㄹㅅ"), ("대학원 진학", "ㄷㅎㅇ ㅈㅎ"), ("AI랩", "AIㄹ")],
)
def test_choseong(text: str, key: str) -> None:
    assert choseong(text) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ㄷㅎㅇ", True),
        ("ㅇㄹㅅ ㅈㅅㅅ", True),
        ("ㄳ", True),
        ("대학ㅇ", False),
        ("ㅏ", False),
        ("", False),
        ("  ", False),
    ],
)
def test_is_choseong_query(text: str, expected: bool) -> None:
    assert is_choseong_query(text) is expected


def test_partial_and_script_checks() -> None:
    assert ends_with_jamo("대학ㅇ") and not ends_with_jamo("대학원") and not ends_with_jamo("")
    assert has_hangul("kaggle 캐글") and has_hangul("ㅋ") and not has_hangul("kaggle")


def test_nfc_composes_nfd_but_keeps_bare_jamo() -> None:
    nfd = unicodedata.normalize("NFD", "대학원")
    assert nfd != "대학원" and nfc(nfd) == "대학원"
    # NFKC would turn the compatibility ㅇ a camper types into a conjoining jamo: NFC must not.
    assert nfc("대학ㅇ") == "대학ㅇ"
    assert unicodedata.normalize("NFKC", "ㅇ") != "ㅇ"
    assert decompose(nfc(nfd)) == decompose("대학원")
