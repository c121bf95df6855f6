"""Korean text utilities for search: pure functions, no I/O."""

from bot.text.asks import amount_of
from bot.text.english import base_forms
from bot.text.glossary import synonyms
from bot.text.hangul import (
    choseong,
    choseong_keys,
    decompose,
    ends_with_jamo,
    has_hangul,
    is_choseong_query,
    keystrokes,
)
from bot.text.normalize import clean, fold, nfc, squash
from bot.text.particles import strip_particle
from bot.text.predicates import Predicate, modifier, nominal, predicate
from bot.text.register import english_register
from bot.text.stopwords import STOPWORDS, is_stopword
from bot.text.tokens import Term, query_terms, stem, words

__all__ = [
    "STOPWORDS",
    "Predicate",
    "Term",
    "amount_of",
    "base_forms",
    "choseong",
    "choseong_keys",
    "clean",
    "decompose",
    "ends_with_jamo",
    "english_register",
    "fold",
    "has_hangul",
    "is_choseong_query",
    "is_stopword",
    "keystrokes",
    "modifier",
    "nfc",
    "nominal",
    "predicate",
    "query_terms",
    "squash",
    "stem",
    "strip_particle",
    "synonyms",
    "words",
]
