"""Normalization, particles, stopwords, query terms and the glossary."""

from __future__ import annotations

import pytest

from bot.text import (
    Predicate,
    base_forms,
    clean,
    fold,
    modifier,
    predicate,
    query_terms,
    squash,
    stem,
    strip_particle,
    synonyms,
    words,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("대학원에", "대학원"),
        ("대학원에서", "대학원"),
        ("포트폴리오는", "포트폴리오"),
        ("포트폴리오로", "포트폴리오"),
        ("석사가", "석사"),
        ("경험이", "경험"),
        ("사람들이", "사람"),  # plural and particle
        ("비전공자인데", "비전공자"),
        ("불리할까요", "불리"),
        ("엔지니어로서", "엔지니어로서"),  # unknown ending: left alone
        ("나이", "나이"),  # 이 is not a particle here: the stem would be one syllable
        ("나이가", "나이"),
        ("역할", "역할"),
        ("정도", "정도"),
        ("코테", "코테"),
        ("kaggle", "kaggle"),
        ("박사까진", "박사"),  # spoken contractions: 까지는, 에서는
        ("회사에선", "회사"),
    ],
)
def test_strip_particle(word: str, expected: str) -> None:
    assert strip_particle(word) == expected


def test_latin_plural_and_case() -> None:
    assert stem("resumes") == "resume"
    assert stem("class") == "class"
    assert words("Kaggle과 ML부터 AI엔지니어") == ["kaggle", "과", "ml", "부터", "ai", "엔지니어"]


@pytest.mark.parametrize(
    ("query", "stems"),
    [
        ("석사 필요?", ["석사"]),
        ("포폴 몇 개가 좋아요", ["포폴"]),
        ("대학원 가야 하나요", ["대학원"]),
        ("어떻게 하면 좋을까요?", []),
        ("grad school is it worth", ["grad", "school"]),  # "worth it" is filler
        ("비전공자인데 불리할까요?", ["비전공자", "불리"]),
        ("나이가 많은데", ["나이", "많은데"]),  # a predicate: the planner reads it (많)
        ("이력서에 뭘 써야 돼요", ["이력서"]),  # light verbs are the question's grammar
        ("논문 꼭 읽어야 하나요", ["논문", "읽어야"]),
        ("나이 서른 넘었는데 늦었나요", ["나이", "서른", "넘었", "늦었"]),
        ("GPT 나오면 개발자 필요 없어지나요", ["gpt", "개발자", "없어지"]),
        ("연봉 얼마 받아요", ["연봉"]),
        ("ML 엔지니어도 데이터 정제 많이 하냐", ["ml", "엔지니어", "데이터", "정제"]),
        ("수학 공부", ["수학", "공부"]),
        ('"AND" NOT (x*) title:y', ["title"]),  # operators are stopwords, one letter is noise
        ("6개월 안에 3기", ["6개월", "안에", "3기"]),
        # Bound nouns under any particle, `-고 나서`, a common misspelling of 뭐예요: grammar.
        ("대학원 가는 것보다 취업", ["대학원", "취업"]),
        ("백엔드 쪽으로 가고 싶은데", ["백엔드"]),
        ("LLM 나오고 나서 뭐에요", ["llm"]),
        ("그 다음엔 뭘 공부해요", ["공부"]),
        ("인턴 회사 고를때", ["인턴", "회사"]),  # a clause of time on a light verb (고르)
        ("인턴 3번 한거 어케 써요", ["인턴", "3번"]),  # 어케 is 어떻게; 한거 a light verb
        # Chat shorthand in bare letters is the register (ㅈㄱㄴ "the title says it", ㄹㅇ, a
        # laugh, a sob); when and how long are no subject (앞으로, 이번에, 이 상태로).
        ("ㅈㄱㄴ 비전공 수학 ㄹㅇ 다 해야함? ㅋㅋ ㅠㅠ", ["비전공", "수학"]),
        ("이번에 인턴 떨어짐 이 상태로 앞으로", ["인턴", "떨어짐"]),
        ("ㄷㅎㅇ 가야 하나요", ["ㄷㅎㅇ"]),  # initials that are no chat stay a word to complete
        # The copula joining a reason comes off like a particle.
        ("비전공이라 불리", ["비전공", "불리"]),
        ("신입이라서 모르겠어요", ["신입"]),
        # A question word run into a light verb is grammar typed without a space; 안 and 못
        # negate the verb, they name nothing.
        ("팀플 잠수 어케해야됨", ["팀플", "잠수"]),
        ("석사 없으면 서류 안 된다고", ["석사", "서류"]),
        # Rating oneself is no subject: "decent at stuff but terrible at selling myself"
        ("decent at stuff but terrible at selling myself", ["selling"]),
    ],
)
def test_query_terms(query: str, stems: list[str]) -> None:
    assert [t.stem for t in query_terms(query)] == stems


def test_query_terms_are_bounded() -> None:
    assert len(query_terms("단어 " * 500)) == 16


def test_clean_fold_squash() -> None:
    assert clean("  대학원\x00에\u200b  가요\n\n ") == "대학원 에 가요"
    assert clean("가" * 50, max_chars=10) == "가" * 10
    assert fold("Kaggle  대회") == "kaggle 대회"
    assert squash("취업 준비") == squash("취업준비") == "취업준비"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("트렌드", "트랜드"),
        ("리서처", "researcher"),
        ("데이터 엔지니어", "data engineer"),
        ("코테", "coding test"),
        # Campers' shorthand and slang for words the entries write out
        ("선대", "선형대수"),
        ("확통", "확률통계"),
        ("딸리", "부족"),
        ("커버", "보완"),
        ("네임밸류", "브랜드"),
        ("잠수", "불참"),
        ("professor", "교수"),
        ("sell", "어필"),
    ],
)
def test_glossary(word: str, expected: str) -> None:
    assert expected in synonyms(word)


def test_glossary_misses_and_mixed_scripts() -> None:
    assert synonyms("없는말") == ()
    assert "데이터 engineer" not in synonyms("데이터 엔지니어")
    assert synonyms("데이터 엔지니어", compose=False) == ()


@pytest.mark.parametrize(
    ("word", "stem", "light"),
    [
        ("써야", "써", True),
        ("될", "될", True),
        ("있을까요", "있", True),
        ("없어지나요", "없어지", False),  # disappear: a content verb
        ("읽어야", "읽", False),
        ("떨어졌는데", "떨어지", False),
        ("갈리나요", "갈리", False),
        ("공부할때", "공부", False),  # a verb's ㄹ-form before 때 is a clause of time
        ("읽을때는", "읽", False),
        # A verb's modifying form written together with the bound noun 거 (것).
        ("한거", "하", True),
        ("할거면", "하", True),
        ("필요없어지는거", "필요없어지", False),
        # What the camper heard (`-다던데`, `-는다던데`, `-대요`): the verb heard of.
        ("부족하다던데", "부족", False),
        ("뽑는다던데", "뽑", False),
        ("있던데", "있", True),
        ("된다고", "된", True),  # what was said (-다고)
        ("다른걸로", "다르", False),  # a modifier run into 거 under a particle (것으로)
    ],
)
def test_predicates(word: str, stem: str, light: bool) -> None:
    assert predicate(word) == Predicate(stem, light)


def test_nouns_are_not_predicates() -> None:
    for noun in ("면접", "데이터", "엔지니어", "고민", "게임", "점심", "인턴", "이때", "그때"):
        assert predicate(noun) is None, noun
    # Endings nouns share count only for a word the index does not know as typed.
    assert predicate("옮기면") is None and predicate("옮기면", loose=True) == Predicate(
        "옮기", False
    )
    assert predicate("힘듦", loose=True) == Predicate("힘들", False)


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("prompting", "prompt"),  # was corrected to `promising`: the index has only `prompt`
        ("interviewers", "interviewer"),
        ("studies", "study"),
        ("hiring", "hire"),
        ("hired", "hire"),
        ("watches", "watch"),
        ("skills", "skill"),
    ],
)
def test_english_base_forms(word: str, first: str) -> None:
    assert base_forms(word)[0] == first


def test_english_base_forms_leave_short_and_agent_words() -> None:
    assert "interview" in base_forms("interviewers")  # -er undone after the plural
    assert base_forms("engineers") == ("engineer",)  # -eer is no suffix
    assert base_forms("ai") == () and base_forms("quit") == () and base_forms("커리어") == ()
    assert all(len(b) >= 4 for w in ("digging", "coding", "uses") for b in base_forms(w))


def test_languages_named_with_punctuation_stay_whole() -> None:
    # Split, `c++` left `c`, which the query drops as one-letter noise: the question lost its
    # subject (`코딩테스트 파이썬 말고 C++로 봐야 돼요?` read as a coding-test question).
    assert words("C++로 봐야 돼요") == ["c++", "로", "봐야", "돼요"]
    assert words("c#이랑 .NET, Node.js") == ["c#", "이랑", ".net", "node.js"]
    assert [t.stem for t in query_terms("파이썬 말고 C++로")] == ["파이썬", "c++"]
    # Only a name's own punctuation: sums, hashes inside words and domains split as before.
    assert words("a+b x#y asp.net react.jsx") == ["a", "b", "x", "y", "asp", "net", "react", "jsx"]


@pytest.mark.parametrize(
    ("word", "following", "stem"),
    [
        ("바뀐", "거임", "바뀌"),  # a verb's ㄴ form before a bound noun, known to the index or not
        ("바뀌는", "건가요", "바뀌"),
        ("달라진", "게", "달라지"),
        ("들을", "수", "들"),
        ("야근", "수당", None),  # 수당 is a noun, not the bound noun 수 under a particle
        ("좋은", "회사", None),  # before a noun: left to the other rules
        ("시간", "들여서", None),
    ],
)
def test_a_verb_modifying_a_bound_noun(word: str, following: str, stem: str | None) -> None:
    found = modifier(word, following)
    assert (found.stem if found else None) == stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("돈이랑", "돈"),  # 이랑 follows a final consonant only: 돈 ends where it starts
        ("책으로", "책"),
        ("일이나", "일"),
        ("나이랑", "나이"),  # after a vowel the particle is 랑: 나이+랑, never 나+이랑
        ("돈이", "돈이"),  # a bare 이 is too often a word's own end (깊이, 같이)
        ("돈을", "돈을"),
    ],
)
def test_a_one_syllable_noun_loses_a_particle_only_its_final_consonant_takes(
    word: str, expected: str
) -> None:
    assert strip_particle(word) == expected
