"""Turn what a camper typed into a query plan: word groups, topic expansions, corrections.

A group is one thing the camper asked about (`석사`, `grad school`), searched as any of its forms:
the stem as typed, the taxonomy names and aliases when it names a topic (`포폴` -> 포트폴리오,
portfolio), a spacing variant (`취업준비` -> "취업 준비"), or a correction when the word appears
nowhere in the index (`대학언` -> 대학원, `대학ㅇ` -> 대학원, `ㄷㅎㅇ` -> 대학원).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from bot.search.lexicon import Lexicon
from bot.text import (
    Predicate,
    Term,
    base_forms,
    choseong_keys,
    clean,
    ends_with_jamo,
    english_register,
    has_hangul,
    is_choseong_query,
    is_stopword,
    keystrokes,
    modifier,
    nominal,
    predicate,
    query_terms,
    squash,
    strip_particle,
    synonyms,
    words,
)
from bot.text.roles import english_role

MAX_QUERY_CHARS = 200
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S*", re.IGNORECASE)
_LATIN_RUN = re.compile(r"[a-z0-9]+")
# A number with its counter (3번, 3주차), or a native numeral with one (한명, 두달, 세개)
_QUANTITY = re.compile(
    r"\d+(?:[가-힣]{1,2})?|(?:한|두|세|네|다섯|여섯|열)(?:명|개|번|달|살|군데|가지|시간|주|곳)"
)
MAX_FORMS = 48
PRIMARY = 1.0
ALTERNATIVE = 0.8  # a second-best correction or a spacing variant
SYNONYM = 0.85  # the same word in the other script or spelling (데이터 -> data, 트랜드)
EXPANSION = 1.0  # the full form of a Hangul abbreviation (코테 -> 코딩테스트): the word itself
WRITTEN_SCALE = 0.8  # topic words' weight when the word typed is in the corpus itself
PART = 0.5  # one word of a multi-word name, found without the others
NAME = 0.75  # a named topic's own name (포폴 -> 포트폴리오)
ALIAS = 0.6  # the topic's other aliases: related words more than synonyms (포폴 -> 블로그)
VARIANT = 0.95  # times the form's weight: an indexed spelling one keystroke away (포트폴리고)
VARIANT_MIN_SYLLABLES = 4  # shorter words one keystroke apart are usually different words
SHORT_WORD = 2  # syllables: a Hangul word this short is corrected only to a topic key
PREDICATE = 0.5
SHORT_STEM_ENDINGS = ("기", "고", "는", "어", "아", "은", "을", "게", "지")  # 읽 -> 읽기, 읽고...
COMMON_STEM = 0.25  # share of entries: a one-syllable verb stem matching more is no evidence  # times a group's IDF: a verb's stem (읽어야 -> 읽) is weaker evidence than a noun
# Derivational suffixes a camper adds to a word the index knows: 문과생 -> 문과, 개발쪽 -> 개발.
DERIVED_SUFFIXES = ("생", "자", "러", "님", "쪽", "분야", "직", "과", "계", "용", "들", "적")


@dataclass(frozen=True, slots=True)
class Form:
    text: str  # folded words separated by single spaces; several words make a phrase
    weight: float


@dataclass(frozen=True, slots=True)
class Group:
    typed: str
    display: str  # what the corrected query shows for this group
    forms: tuple[Form, ...]
    topic_ids: tuple[str, ...] = ()
    idf: float = 1.0
    corrected: bool = False
    unknown: bool = False  # in no indexed entry and nothing close: it cannot match
    filler: bool = False  # grammar only (a light verb the index does not know): no evidence
    verb: bool = False  # a predicate's stem (읽어야 -> 읽)


@dataclass(frozen=True, slots=True)
class QueryPlan:
    text: str
    groups: tuple[Group, ...] = ()
    exact_topic: str | None = None  # the whole query is a topic's name or alias
    topic_ids: tuple[str, ...] = field(default=())
    dropped: tuple[
        Group, ...
    ] = ()  # words found nowhere, left out of the search (not of confidence)

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def corrected(self) -> bool:
        return any(g.corrected for g in self.groups)

    @property
    def corrected_query(self) -> str | None:
        return " ".join(g.display for g in self.groups) if self.corrected else None

    @property
    def squashed(self) -> str:
        """The searched words run together: a title containing it is a phrase match."""
        return "".join(squash(g.forms[0].text) for g in self.groups)

    def forms(self) -> list[str]:
        seen: dict[str, None] = {}
        for group in self.groups:
            for form in group.forms:
                seen.setdefault(form.text, None)
        return list(seen)[:MAX_FORMS]


def _form(text: str) -> str:
    """Tokenized like the index (letters and digits only), words joined by one space."""
    return " ".join(words(text))


def _forms(*pairs: tuple[str, float]) -> tuple[Form, ...]:
    seen: dict[str, Form] = {}
    for text, weight in pairs:
        form = _form(text)
        if form and form not in seen:
            seen[form] = Form(form, weight)
    return tuple(seen.values())


def _synonym_pairs(word: str) -> list[tuple[str, float]]:
    """Glossary forms of `word`, weighted: a longer Hangul form that starts like a short Hangul
    word is its expansion (코테 -> 코딩테스트, 부캠 -> 부스트캠프); other forms are synonyms."""
    pairs: list[tuple[str, float]] = []
    for other in synonyms(word):
        expands = (
            has_hangul(word) and has_hangul(other) and len(squash(other)) > len(word) >= 2
            and other[0] == word[0]
        )  # fmt: skip
        pairs.append((other, EXPANSION if expands else SYNONYM))
    return pairs


def _variants(lex: Lexicon, pairs: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Indexed spellings one keystroke from a long Korean form: the corpus has typos too."""
    extra: list[tuple[str, float]] = []
    for text, weight in pairs:
        if " " in text or not has_hangul(text) or len(text) < VARIANT_MIN_SYLLABLES:
            continue
        for c in lex.correct(text, limit=2, max_distance=1):
            if not c.word.startswith(text):
                extra.append((c.word, weight * VARIANT))
    return extra


def _topic_group(
    lex: Lexicon, typed: str, primary: str, topic_id: str, *, corrected: bool
) -> Group:
    info = lex.topics[topic_id]
    # Slang the corpus never writes (포폴, 코테) leans on the taxonomy; a word it does write
    # (대학원, ML 엔지니어) is the best evidence itself, so its topic's other words count less.
    written = all(lex.is_known(w) for w in primary.split())
    scale = WRITTEN_SCALE if written else 1.0
    pairs = [(primary, PRIMARY), *_synonym_pairs(primary)]
    pairs += [(n, NAME * scale) for n in info.names]
    pairs += _variants(lex, pairs)
    forms = _forms(*pairs, *((a, ALIAS * scale) for a in info.aliases))
    display = info.topic.name_ko if corrected else typed
    return Group(typed, display, forms, (topic_id,), _idf(lex, forms[0].text), corrected)


def _idf(lex: Lexicon, form: str) -> float:
    """A form's IDF; a phrase's is its rarest word's, the entries `form_df` says it can match
    (`ai lab`, `취업 준비` weighed as a word no entry has, so a question naming AI Lab beside
    what it asks, `attendance`, was answered by any AI Lab entry)."""
    return max(lex.idf(w) for w in form.split()) if form.strip() else lex.idf(form)


def _split(lex: Lexicon, word: str) -> str | None:
    """`취업준비` -> `취업 준비` when both halves are indexed words (spacing variants)."""
    if not has_hangul(word) or len(word) < 4:
        return None
    middle = len(word) // 2
    for cut in sorted(range(2, len(word) - 1), key=lambda c: abs(c - middle)):
        left, right = word[:cut], word[cut:]
        if left in lex.stem_df and lex.is_known(right):
            return f"{left} {right}"
    return None


def _segment(lex: Lexicon, word: str) -> list[str] | None:
    """`대학원진학고민` -> [대학원, 진학, 고민]: indexed words of two syllables or more, longest
    first; the last may be the start of one. None when the word does not split that way."""
    if not has_hangul(word) or len(word) < 4:
        return None
    for cut in range(len(word) - 2, 1, -1):
        head, rest = word[:cut], word[cut:]
        if head not in lex.stem_df:
            continue
        if len(rest) >= 2 and (rest in lex.stem_df or lex.is_known(rest)):
            return [head, rest]
        tail = _segment(lex, rest)
        if tail:
            return [head, *tail]
    return None


def _term_groups(lex: Lexicon, term: Term, *, final: bool = False) -> list[Group]:
    """Usually one group; an unknown run of words typed without spaces becomes one per word.
    `final`: the question's last word (where a casual ending such as `뽑아줌` ends it)."""
    if not lex.is_known(term.stem) and (pieces := _segment(lex, term.stem)):
        # 재미없고 -> 재미, 없고: a piece that is grammar (a light verb, a stopword) is no word
        return [_term_group(lex, Term(p, p)) for p in pieces if query_terms(p)]
    return [_term_group(lex, term, final=final)]


def _derived(lex: Lexicon, word: str) -> str | None:
    """`문과생` -> `문과`: a known word or topic key under a derivational suffix."""
    if not has_hangul(word):
        return None
    for suffix in DERIVED_SUFFIXES:
        root = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(root) >= 2
            and (root in lex.alias_map or root in lex.stem_df)
        ):
            return root
    return None


def _predicate_group(lex: Lexicon, term: Term, stem: str, *, final: bool = False) -> Group:
    """A verb or adjective: its stem searched, weakly; never corrected (an inflection of a
    known word is no typo), so an unknown one only drops out."""
    if len(stem) == 1 and lex.prefix_df(stem) > COMMON_STEM * lex.doc_count:
        # A one-syllable stem in most entries (사야 -> 사*: 사람, 사용...) is no evidence, but
        # the word is no grammar either (감기 is a noun the index lacks): it counts as missing.
        return Group(term.word, term.word, (), unknown=True, verb=True)
    if len(stem) == 1:  # 읽* would match any word that starts so: the stem's own forms only
        forms = _forms(*((stem + e, PRIMARY) for e in SHORT_STEM_ENDINGS))
    else:
        forms = _forms((stem, PRIMARY), *_synonym_pairs(stem))  # 없어지 -> 사라지
    known = any(lex.is_known(f.text) for f in forms)
    if not known and ((not final and nominal(term.word)) or term.word == stem + "인"):
        # 지원금 is no verb 지원그+ㅁ but a noun the index lacks; ending the question, such an
        # ending is the casual register's (`뽑아줌?`), a verb. A stem the index lacks before
        # 인 is a noun either way: 블록체인, or 블록체 and the copula (`이다`) modifying.
        return Group(term.word, term.word, (), unknown=True)
    idf = lex.idf(stem) * PREDICATE
    return Group(term.word, term.word, forms, idf=idf, unknown=not known, verb=True)


def _known(lex: Lexicon, word: str) -> bool:
    """The index has the word, or one of its glossary forms (불리 in an English-only corpus as
    `disadvantage`)."""
    return lex.is_known(word) or any(lex.form_df(_form(s)) > 0 for s in synonyms(word))


def _lemmas(lex: Lexicon, word: str) -> list[str]:
    """Base forms of an English word that the index or the glossary has (`prompting` -> prompt,
    `interviewers` -> interviewer, interview): the prefix search then finds every inflection."""
    return [b for b in base_forms(word) if lex.is_known(b) or synonyms(b)]


def _term_group(lex: Lexicon, term: Term, *, final: bool = False) -> Group:
    base = term.stem
    if _QUANTITY.fullmatch(strip_particle(base)) and not lex.is_known(base):  # at 35, 3번, 3주차
        return Group(term.word, term.word, (), unknown=True, filler=True)
    if base.isascii() and not base.isalnum():
        # c++, .net, node.js (`words` keeps them whole): the index has only their letters, as
        # separate words (unicode61 drops the punctuation). Searched as that phrase when it has
        # them all and they are more than one letter (node js); else a word the index lacks.
        pieces = _LATIN_RUN.findall(base)
        if len(pieces) > 1 and all(len(p) > 1 and lex.is_known(p) for p in pieces):
            return Group(
                term.word, term.word, _forms((" ".join(pieces), PRIMARY)), idf=lex.idf(pieces[0])
            )
        return Group(term.word, term.word, (), unknown=True)
    lemmas = _lemmas(lex, base) if base.isascii() else []
    if lemmas and not _known(lex, base):  # never `corrected`: an inflection is no typo
        if (topic_id := lex.alias_map.get(lemmas[0])) is not None:
            return _topic_group(lex, term.word, lemmas[0], topic_id, corrected=False)
        return _term_group(lex, Term(term.word, lemmas[0]))
    if not lex.is_known(base) and (root := _derived(lex, base)) is not None:
        if (topic_id := lex.alias_map.get(root)) is not None:
            return _topic_group(lex, term.word, root, topic_id, corrected=False)
        return _term_group(lex, Term(term.word, root))
    if not _known(lex, base) and (verb := predicate(term.word, loose=True)) is not None:
        # An inflected verb: never a typo to correct, whether or not the index has its stem.
        if is_stopword(verb.stem):
            return Group(term.word, term.word, (), unknown=True, filler=True)
        if verb.light:
            # Read as a light verb only through an ending nouns share (감기 -> 감+기): likelier
            # a noun the index lacks (strict light readings left with the grammar), so missing.
            return Group(term.word, term.word, (), unknown=True)
        return _predicate_group(lex, term, verb.stem, final=final)
    if _known(lex, base):
        pairs = [(base, PRIMARY), *_synonym_pairs(base)]
        for lemma in lemmas:
            pairs += [(lemma, PRIMARY), *_synonym_pairs(lemma)]
        if len(base) >= 4 and (split := _split(lex, base)):
            pairs.append((split, ALTERNATIVE))
        pairs += _variants(lex, pairs)
        return Group(term.word, term.word, _forms(*pairs), idf=lex.idf(base))
    if ends_with_jamo(base):  # still being typed: 대학ㅇ
        completions = lex.complete(keystrokes(base), limit=2)
        if completions:
            return _corrected_group(lex, term.word, completions)
    corrections = lex.correct(base)
    if has_hangul(base) and len(base) <= SHORT_WORD:
        # Two syllables one keystroke from another word are usually just another word (오늘 is
        # no typo of 오는): corrected only to a topic's name or alias.
        corrections = [c for c in corrections if c.word in lex.alias_map]
    if corrections:
        best = corrections[0]
        if (topic_id := lex.alias_map.get(best.word)) is not None:
            return _topic_group(lex, term.word, best.word, topic_id, corrected=True)
        close = [c.word for c in corrections if c.distance == best.distance]
        return _corrected_group(lex, term.word, close)
    return Group(term.word, term.word, _forms((base, PRIMARY)), idf=lex.idf(base), unknown=True)


def _corrected_group(lex: Lexicon, typed: str, candidates: list[str]) -> Group:
    forms = _forms(
        (candidates[0], PRIMARY),
        *((s, SYNONYM) for s in synonyms(candidates[0])),
        *((c, ALTERNATIVE) for c in candidates[1:]),
    )
    return Group(typed, candidates[0], forms, idf=lex.idf(candidates[0]), corrected=True)


def _choseong_groups(lex: Lexicon, text: str) -> list[Group]:
    """`ㄷㅎㅇ` -> 대학원: a topic whose name or alias has those initials, else the commonest word."""
    groups: list[Group] = []
    for key in text.split():
        topic_id = next(
            (
                t.topic.id
                for t in lex.ordered_topics()
                if any(choseong_keys(k) == choseong_keys(key) for k in t.keys)
            ),
            None,
        )
        if topic_id is not None:
            groups.append(
                _topic_group(lex, key, lex.topics[topic_id].keys[0], topic_id, corrected=True)
            )
            continue
        stems = lex.by_choseong(key, limit=2)
        if stems:
            groups.append(_corrected_group(lex, key, stems))
    return groups


def _phrase_group(lex: Lexicon, chunk: list[Term]) -> Group | None:
    """A run of words that is a topic's name or alias, or (two words or more) a glossary entry."""
    for key in ("".join(t.word for t in chunk), "".join(t.stem for t in chunk)):
        if (topic_id := lex.alias_map.get(key)) is not None:
            typed = " ".join(t.word for t in chunk)
            primary = " ".join(t.stem for t in chunk)
            group = _topic_group(lex, typed, primary, topic_id, corrected=False)
            return _with_parts(lex, group, chunk)
    if len(chunk) > 1:
        typed = " ".join(t.word for t in chunk)
        if found := synonyms(typed, compose=False):
            forms = _forms((typed, PRIMARY), *((f, SYNONYM) for f in found))
            group = Group(typed, typed, forms, idf=lex.idf(chunk[0].stem))
            return _with_parts(lex, group, chunk)
    return None


def _with_parts(lex: Lexicon, group: Group, chunk: list[Term]) -> Group:
    """A multi-word name also matches, weakly, by its words apart (`ML/DL 엔지니어` for `ML 엔지니어`)."""
    if len(chunk) < 2:
        return group
    parts = _forms(*((t.stem, PART) for t in chunk if lex.is_known(t.stem)))
    have = {f.text for f in group.forms}
    return replace(group, forms=group.forms + tuple(p for p in parts if p.text not in have))


def _modifier_group(lex: Lexicon, term: Term, verb: Predicate) -> Group:
    """A verb's modifying form before a bound noun (`바뀐 거`): a predicate even when the index
    has the word as typed, so it weighs as a verb, never as a second subject."""
    if verb.light or is_stopword(verb.stem):
        return Group(term.word, term.word, (), unknown=True, filler=True)
    return _predicate_group(lex, term, verb.stem)


def _word_groups(
    lex: Lexicon, terms: list[Term], last: str = "", modifiers: dict[str, Predicate] | None = None
) -> list[Group]:
    """`last`: the question's last word as typed (its grammar included); `modifiers`: words
    that modify a bound noun (`modifier`), by word."""
    modifiers = modifiers or {}
    groups: list[Group] = []
    i = 0
    while i < len(terms):
        for n in (3, 2, 1):  # the longest run of words that names something
            chunk = terms[i : i + n]
            if len(chunk) == n and (group := _phrase_group(lex, chunk)) is not None:
                groups.append(group)
                i += n
                break
        else:
            if (verb := modifiers.get(terms[i].word)) is not None:
                groups.append(_modifier_group(lex, terms[i], verb))
            else:
                groups.extend(_term_groups(lex, terms[i], final=terms[i].word == last))
            i += 1
    return groups


def _english_verb(group: Group, text: str) -> Group:
    """An English word its position marks a verb (`I worry`, `will think`, `to learn`) is a
    predicate, as a Korean verb's stem is: weaker evidence than the subject it is said of. One
    the index lacks keeps its full weight against the answer (`cook` in "how do I cook pasta"):
    such a verb is often what the question is about."""
    if group.verb or group.filler or group.unknown or " " in group.typed:
        return group
    if not group.typed.isascii():
        return group
    if english_role(text, group.typed) != "verb":
        return group
    return replace(group, idf=group.idf * PREDICATE, verb=True)


_COUNT = re.compile(r"몇\s*개|how\s+many\b", re.IGNORECASE)
# A count is answered by an entry that weighs many against few (포트폴리오는 많고 얕게? 적고 깊게?).
_QUANTITY_WORDS = ("많이", "많은", "많고", "적은", "적고", "적게", "개수", "many", "few")


def _count_group(lex: Lexicon, text: str) -> Group | None:
    """`포트폴리오 몇 개`, `how many projects`: the question asks a count of its subject, which an
    entry answers by speaking of many and few; a weak group (a predicate's weight) of those words
    the index has, so an entry about the subject that also weighs the number ranks first."""
    if not _COUNT.search(text):
        return None
    forms = tuple(
        f for f in _forms(*((w, PRIMARY) for w in _QUANTITY_WORDS)) if lex.is_known(f.text)
    )
    if not forms:
        return None
    return Group("몇 개", "몇 개", forms, idf=lex.idf(forms[0].text) * PREDICATE, verb=True)


# `디테일은 잘 모르겠는데`, `자세한 건 모르지만`, `잘모르지만` typed as one word
_HEDGE = re.compile(r"(?:잘)?(?:모르|몰라|몰랐)")


def _hedged(typed: list[str]) -> set[str]:
    """Words the camper says they do not know about (`디테일은 잘 모르겠는데 ...`): a hedge
    before the question, not what it asks; only a word the index lacks is dropped for it (`수학은
    잘 모르는데` still says what the question is about)."""
    hedged: set[str] = set()
    for i, word in enumerate(typed[:-1]):
        after = typed[i + 2] if typed[i + 1] == "잘" and i + 2 < len(typed) else typed[i + 1]
        if word[-1:] in ("은", "는") and _HEDGE.match(after):
            hedged.add(word)
    return hedged


def plan_query(text: str, lex: Lexicon) -> QueryPlan:
    """The plan for one query; an empty plan when nothing searchable is left."""
    text = clean(text, max_chars=MAX_QUERY_CHARS)
    if not text:
        return QueryPlan(text)
    words_of = _ADDRESS.sub(" ", text)  # a link's address is no part of the question
    words_of = english_register(words_of)
    if is_choseong_query(text):
        groups = _choseong_groups(lex, text)
    else:
        typed = words(words_of)
        modifiers = {
            w: verb
            for w, following in pairwise(typed)
            if has_hangul(w) and (verb := modifier(w, following)) is not None
        }
        groups = _word_groups(lex, query_terms(words_of), typed[-1] if typed else "", modifiers)
        hedged = _hedged(typed)
        groups = [replace(g, filler=True) if g.unknown and g.typed in hedged else g for g in groups]
    groups = [_english_verb(g, words_of) for g in groups]
    # A word found nowhere only dilutes the others (`나이 많은데` -> 나이); alone, it stays, and
    # the empty result brings suggestions.
    groups = [g for g in groups if not g.filler]
    known = [g for g in groups if not g.unknown]
    unknown = tuple(g for g in groups if g.unknown)
    groups = known or [g for g in groups if g.forms]
    topic_ids = tuple(dict.fromkeys(t for g in groups for t in g.topic_ids))
    exact = topic_ids[0] if len(groups) == 1 and groups[0].topic_ids else None
    if known and (count := _count_group(lex, words_of)) is not None:
        groups = [*groups, count]
    return QueryPlan(text, tuple(groups), exact, topic_ids, unknown if known else ())
