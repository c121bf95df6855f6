"""Korean predicates in a question: which words are only its grammar, which carry a verb's meaning.

A camper's question ends in a predicate (`써야 돼요`, `읽어야 하나요`, `늦었나요`, `하냐`). Light
verbs and auxiliaries (하다, 되다, 있다, 쓰다, 받다, 나오다 ...) say nothing about the subject: they
are filler, and matching them finds titles that merely share the grammar (`뭘 써야` found the
PyTorch entry for a resume question). Other predicates (`읽어야` -> 읽, `늦었나요` -> 늦) keep their
stem as weak evidence. No analyser: a list of endings and of light stems as typed, contractions
included; the stem is searched as a prefix, so `읽` still finds 읽기 and 읽고.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.text.hangul import SYLLABLE_FIRST, is_syllable
from bot.text.particles import PARTICLES
from bot.text.stopwords import word_set

# Endings after a predicate stem, longest first by construction below.
VERB_ENDINGS: tuple[str, ...] = (
    "는다던데", "는다는데", "는다더라", "는다며", "는대요", "는다고", "다고",
    "다던데", "라던데", "다는데", "다더라", "다면서", "다며", "대요", "래요", "던데",  # hearsay
    "어야되나요", "어야하나요", "어야할까요", "어야돼요", "어야해요", "어야겠다", "어야지",
    "었었는데", "었는데요", "았는데요", "는데요", "은데요", "었는데", "았는데", "였는데", "는데", "은데",
    "었나요", "았나요", "였나요", "겠나요", "나요", "냐고", "냐", "니", "니요",
    "었어요", "았어요", "였어요", "겠어요", "어요", "아요", "여요",
    "을까요", "을까", "을지", "을수", "는지", "은지", "는게", "는건", "는거",
    "으려면", "려면", "으면", "면", "어야", "아야", "여야", "어도", "아도", "여도",
    "어서", "아서", "여서", "다가", "고", "지요", "지", "죠", "네요", "네", "나",
    "겠음", "겠다", "었음", "았음", "음", "는", "다", "요", "야", "도",
)  # fmt: skip

# Light verbs, auxiliaries and adjectives of judgement, as typed before an ending (contracted
# forms included: 써 = 쓰+어, 돼 = 되+어, 했 = 하+였). Alone or with any ending they are filler.
LIGHT_STEMS: frozenset[str] = word_set(
    """
    하 해 했 할 한 함 합 하겠 하려 하는 하면 하고 하지 하게 해야 해서 해도 했었
    되 돼 됐 될 된 됨 됩 되는 되려 되겠 되어 되야
    있 있었 있을 있는 있겠 있어 없 없었 없을 없는 없어 없겠
    쓰 써 썼 쓸 쓴 씀 쓰는 쓰면 받 받아 받았 받을 받는 받은 나오 나와 나왔 나올 나온
    가 가야 갈 간 갔 감 가는 가면 가도 보 봐 봤 볼 본 봄 보는 보면 보여 오 와 왔 올 온
    알 알아 알려 알려줘 알려주 모르 몰라 몰랐 모르겠 같 같아 같은 좋 좋아 좋은 좋을 좋겠
    나아 나을 나은 낫 나았 싶 싶어 싶은 싶었 괜찮 괜찮아 괜찮은 괜찮을 어떻 어때 어떤 어떨 어떡 그렇 그래 이렇 이래
    만들 만들어 만든 만드는 생기 생겨 생겼 시키 시켜 주 줘 줬 줄 준 드리 드려 하시 되시 계시
    아니 아냐 아님 이 임 인 이야 이에 예 뭐 뭘 무엇 어디 언제 누구 얼마 왜 찾 찾아 고르 골라 골랐
    말 말고 말까 말아 말지
    """
)

# Endings that also end nouns (게임, 측면, 가지): a predicate reading only for a word the index
# does not know as it is (`옮기면`, `먹지`, `떨어져서`, `뭐임`).
LOOSE_ENDINGS: tuple[str, ...] = ("면", "서", "게", "기", "지", "데", "임", "인", "음", "함")

_FINAL_M = 16  # jongseong indices: ㅁ, ㄻ (힘듦), ㄹ
_FINAL_LM = 10
_FINAL_L = 8


@dataclass(frozen=True, slots=True)
class Predicate:
    stem: str  # the stem as typed before the ending, contractions undone where simple
    light: bool  # a light verb or auxiliary: grammar, not evidence


def _syllables(text: str) -> int:
    return sum(1 for c in text if is_syllable(c))


def _without_final_m(word: str) -> str | None:
    """`바뀜` -> `바뀌`, `힘듦` -> `힘들`: the casual nominal ending taken off, else None."""
    last = word[-1]
    if not is_syllable(last):
        return None
    final = (ord(last) - SYLLABLE_FIRST) % 28
    if final == _FINAL_M:
        return word[:-1] + chr(ord(last) - _FINAL_M)
    if final == _FINAL_LM:
        return word[:-1] + chr(ord(last) - _FINAL_LM + _FINAL_L)
    return None


def _undo_contraction(stem: str) -> str:
    """`읽어` -> `읽`, `넘었` -> `넘`, `떨어졌` -> `떨어지`: the search prefix of a stem."""
    for tail, base in (("었", ""), ("았", ""), ("였", ""), ("졌", "지"), ("져", "지"), ("어", ""),
                       ("아", "")):  # fmt: skip
        if stem.endswith(tail) and _syllables(stem) > 1:
            return stem[: -len(tail)] + base
    return stem


def _reading(stem: str) -> Predicate | None:
    if not stem:
        return None
    if stem in LIGHT_STEMS:
        return Predicate(stem, True)
    if stem.endswith(("하", "되", "해", "돼", "했", "됐", "한", "할")) and _syllables(stem) >= 3:
        root = stem[:-1]  # 막막한데 -> 막막, 적당함 -> 적당; 어떡하죠 -> 어떡: still light
        return Predicate(root, root in LIGHT_STEMS)
    return Predicate(_undo_contraction(stem), False)


@lru_cache(maxsize=65536)
def predicate(word: str, *, loose: bool = False) -> Predicate | None:
    """The predicate reading of one folded Hangul word, or None when it has no verbal ending.

    Light readings are found for any ending. A content reading needs an ending no noun ends in,
    unless `loose` (for a word the index does not know as typed): then endings nouns share
    count too, so nouns the index knows (`면접`, `게임`) are never read as verbs.
    """
    if not word or not is_syllable(word[-1]):
        return None
    if word in LIGHT_STEMS:
        return Predicate(word, True)
    if (clause := _when_clause(word)) is not None:
        return _reading(clause)
    if (bound := _before_bound_noun(word)) is not None:
        return bound
    for ending in VERB_ENDINGS:
        if len(word) <= len(ending) or not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if stem in LIGHT_STEMS:
            return Predicate(stem, True)
        if loose or len(ending) >= 2 or ending in _SAFE_ONE:
            return _reading(stem)
    if not loose:
        return None
    if (bare := _without_final_m(word)) is not None and len(word) >= 2:
        return _reading(bare[:-1] if bare.endswith("이") and len(bare) >= 2 else bare)
    for ending in LOOSE_ENDINGS:
        if len(word) > len(ending) and word.endswith(ending):
            return _reading(word[: -len(ending)])
    return None


# 거 (것) run into the verb that modifies it, with its copula or ending: 한거, 할거면, 만드는거임.
_GEO = ("거", "거면", "거임", "거야", "거예요", "거에요", "거죠", "거지", "거는", "거를", "거도",
        "걸로", "거로", "걸", "건")  # fmt: skip


def _before_bound_noun(word: str) -> Predicate | None:
    """`한거` -> 하, `할거면` -> 하, `없어지는거` -> 없어지: a verb's modifying form written
    together with the bound noun 거, read as that verb (light ones are grammar)."""
    for tail in _GEO:
        head = word[: -len(tail)]
        if word.endswith(tail) and len(head) >= 1:
            return modifier(head, "거")
    return None


_WHEN = ("때", "때는", "때도", "땐", "때에", "때면")


def _when_clause(word: str) -> str | None:
    """`고를때` -> `고르`, `쓸때는` -> `쓰`: a verb's ㄹ-form before 때 ("when ...") is a clause of
    time; its stem is the predicate. None for other words (`이때`, a noun before 때)."""
    for tail in _WHEN:
        head = word[: -len(tail)]
        if word.endswith(tail) and head and is_syllable(head[-1]):
            final = (ord(head[-1]) - SYLLABLE_FIRST) % 28
            if final == _FINAL_L:
                stem = head[:-1] + chr(ord(head[-1]) - _FINAL_L)
                return stem[:-1] if stem.endswith("으") and len(stem) > 1 else stem  # 읽을
    return None


def nominal(word: str) -> bool:
    """Read as a predicate only through an ending that makes nouns of verbs (`감기`, `지원금`,
    `바뀜`): a noun in the question either way, when the index does not know the stem."""
    if predicate(word) is not None:
        return False
    return _without_final_m(word) is not None or word.endswith(("기", "음", "임", "함"))


# One-syllable endings that end few nouns: 하냐, 늦나, 갈리니.
_SAFE_ONE = frozenset(("냐", "니", "죠"))


_FINAL_N = 4
# Bound nouns a clause modifies (`바뀐 거`, `들을 수`, `해 본 적`): the word before one is a verb's
# modifying form, whatever the index holds (a noun before them takes a particle: 인턴의 것).
_BOUND_HEADS = frozenset("거것게건걸수적줄데듯지")
_COPULA = word_set("임 야 예요 에요 이에요 인가요 가요 인지 지 죠 냐 니 라 래 같 같아 같은 같아요")


def modifier(word: str, following: str) -> Predicate | None:
    """`바뀐` before `거임` -> 바뀌, `들을` before `수` -> 들: a verb's ㄴ/ㄹ form (past, present or
    future: 바뀐, 바뀌는, 바뀔, 들은, 들을) right before a bound noun, read as that verb. None when
    `following` is no bound noun or `word` has no such ending."""
    if not word or not following or following[0] not in _BOUND_HEADS:
        return None
    rest = following[1:]  # the bound noun's particle or copula: 거임, 것보다, 수도 (not 수당)
    if rest and rest not in PARTICLES and rest not in _COPULA:
        return None
    last = word[-1]
    if not is_syllable(last):
        return None
    if last in "는은을던" and len(word) > 1:
        return _reading(word[:-1])
    final = (ord(last) - SYLLABLE_FIRST) % 28
    if final in (_FINAL_N, _FINAL_L):
        return _reading(word[:-1] + chr(ord(last) - final))
    return None
