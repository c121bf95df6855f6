"""What a question asks: the word it asks an amount of (the focus a confident answer must be
about), English phrasings of a taxonomy word (a negated major, a named major, an age by decade),
and what an English word does in a question by its position."""

from __future__ import annotations

import pytest

from bot.text import amount_of, english_register, nominal
from bot.text.asks import LAST, Asked, asked
from bot.text.roles import english_role, question_end


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("연봉 얼마예요", "연봉"),
        ("신입 초봉 평균 얼마예요", "초봉"),
        ("포트폴리오에 프로젝트 몇 개 있어야 돼요", "프로젝트"),
        ("비전공이면 수학 얼마나 알아야 돼", "수학"),
        ("how much math do I need", "math"),
        ("how many projects should my portfolio have", "projects"),
        ("how much does the bootcamp cost", "cost"),
        ("how much does a GPU server draw", LAST),
        ("AI 엔지니어 신입 연봉 보통 어느 정도예요", "연봉"),
        ("데이터 사이언티스트 초봉 궁금해요", "초봉"),  # pay is an amount without 얼마
        ("대학원 가면 학비랑 생활비 부담", "학비랑"),
        ("what should I learn first", None),  # learn is no earn
        ("연봉 때문에 경력자 채용 꺼리나요", None),  # a reason, not what is asked
        ("do companies avoid older hires because of salary", None),
        ("이력서에 뭘 써야 돼요", None),
        ("should I learn pytorch or tensorflow", None),
        # With the copula, the amount is of the noun phrase after it, not the last word.
        ("how much is the monthly stipend during the bootcamp", "stipend"),
        ("how much is it", LAST),
        # A word saying when (앞으로, "from now on") is skipped for the word before it.
        ("생성형 AI 시장 앞으로 얼마나 커질까요", "시장"),
        # Which one to buy asks for a product: the thing bought is what an answer must be about.
        ("개인 공부용 GPU 뭐 사는게 가성비임?", "GPU"),
        ("what GPU should I buy for a home lab", "gpu"),
        ("should I buy a macbook for the bootcamp", "macbook"),
        ("사는 곳이 지방인데 부캠 들을 수 있나요", None),  # where one lives is no purchase
        # "When is/does ..." asks a date of the phrase's last word; timing advice asks with a
        # modal, a prediction with `will`: neither asks a date.
        ("when is the next upstage hiring season", "season"),
        ("when should I start applying for internships", None),
        ("when will AI replace developers", None),
    ],
)
def test_amount_of(text: str, word: str | None) -> None:
    assert amount_of(text) == word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The figure is asked: an amount word, its level, "what is the ...", or nothing after it.
        ("ML 엔지니어 연봉 높은 회사 어디예요", Asked("연봉")),
        ("what's a good salary to ask for as a junior data scientist", Asked("salary")),
        ("average salary of ML engineers in korea", Asked("salary")),
        ("데이터 사이언티스트 초봉 궁금해요", Asked("초봉")),
        ("인턴 월급에서 세금 얼마나 떼요", Asked("세금")),  # the amount asked is of tax
        ("입사하고 처음 몇 달은 보통 무슨 일 시켜요", None),  # asks what, over a few months
        ("what time does the bootcamp start", Asked("time")),  # a clock time is an amount
        ("is the AI lab bootcamp free", Asked("free")),  # a price asked as a predicate
        ("부트캠프 무료예요?", Asked("무료예요")),
        # Pay named beside what the question asks: an answer must speak of it, not be about it.
        ("나이 먹고 분야 옮기면 연봉 깎이는 거 감수해야 하나요", Asked("연봉", figure=False)),
        ("부트캠프 중간에 그만두면 환불 받을 수 있어요?", Asked("환불", figure=False)),
        ("will my salary expectations be a problem", Asked("salary", figure=False)),
        # Pay as context: a reason, a comparison, a verb whose subject is the camper.
        ("인턴 회사 고를때 월급보다 중요한게 뭐에요?", None),
        ("I worry employers will think I cost too much", None),
        ("my teammate is a free rider", None),  # free before a noun is no price
    ],
)
def test_asked_tells_a_figure_from_pay_named_in_passing(text: str, expected: Asked | None) -> None:
    assert asked(text) == expected


@pytest.mark.parametrize(
    ("text", "word", "role"),
    [
        ("best age to learn piano", "piano", "noun"),  # the object of `to learn`
        ("what do interviewers ask", "ask", "verb"),  # do-support: the last word is the verb
        ("what time does the bootcamp start in the morning", "morning", "noun"),
        ("how do I write a resignation letter", "resignation", "noun"),
        ("how do I negotiate my salary", "negotiate", "verb"),
        ("best age to learn piano", "learn", "verb"),
        ("what kind of work actually gets noticed", "noticed", None),  # a participle
        ("is it worth it", "piano", None),
        # A modal or `do` opening a question comes before its subject, not its verb.
        ("will AI replace software developers", "ai", "noun"),
        ("do companies use pytorch or tensorflow", "companies", "noun"),
        ("how can juniors earn a good reputation", "juniors", "noun"),
        ("I worry employers will think I cost too much", "think", "verb"),
        ("I worry employers will think I cost too much", "worry", "verb"),
        ("I want to build products, not do research", "research", None),  # `do` the verb
    ],
)
def test_english_role_by_position(text: str, word: str, role: str | None) -> None:
    assert english_role(text, word) == role


@pytest.mark.parametrize(
    ("text", "word", "end"),
    [
        ("how do I apply for a bootcamp scholarship", "scholarship", True),
        ("best age to start learning to swim", "swim", True),  # an infinitive is the object
        ("what do interviewers ask", "ask", False),  # the verb of its subject
        ("is that a mistake if I don't like research", "research", True),  # like's object
        ("what do interviewers ask?", "interviewers", False),  # not the last word
    ],
)
def test_what_an_english_question_comes_to(text: str, word: str, end: bool) -> None:
    assert question_end(text, word) is end


def test_nominal_endings_make_nouns() -> None:
    assert nominal("지원금") and nominal("감기")  # read as verbs only through 그+ㅁ, 감+기
    assert not nominal("옮기면") and not nominal("읽어야")  # endings no noun has


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        (
            "I'm not a CS major, will that hurt my chances?",
            "I'm 비전공자, will that hurt my chances?",
        ),
        ("I didn't major in computer science", "I 비전공자"),
        ("my degree is in economics, not CS.", "my 비전공자 비전공자."),
        # A named major, when its field is not computing's (a field the glossary knows stays).
        ("I studied biology", "비전공자"),
        ("I'm a biology major, can I switch", "I'm a 비전공자, can I switch"),
        ("I'm a chemistry grad with zero coding background", "I'm a 비전공자 with 비전공자"),
        ("I'm a math major", "I'm a math 비전공자"),
        ("I have a degree in physics", "I have a 비전공자"),
        ("my major is not related to AI at all", "my 비전공자"),
        ("my degree has nothing to do with computers, do", "my 비전공자, do"),
        # ... not a degree's kind or time, not what one learnt, not computing itself.
        ("how much do new grad ML engineers earn", "how much do new grad ML engineers earn"),
        ("should I go to grad school", "should I go to grad school"),
        ("I studied python, what next", "I studied python, what next"),
        ("I'm a CS major", "I'm a CS major"),
        ("a data science degree", "a data science degree"),
        ("a non-technical background", "a 비전공자"),
        ("no CS degree", "비전공자"),
        ("is it too late in my late thirties", "is it too late 나이"),
        ("I'm 40, is it too late", "나이, is it too late"),
        ("should I learn pytorch or tensorflow", "should I learn pytorch or tensorflow"),
        ("비전공 IT 취업", "비전공 IT 취업"),
    ],
)
def test_english_register(text: str, rewritten: str) -> None:
    assert english_register(text) == rewritten


def test_when_asks_a_date_of_the_word_before_it() -> None:
    # `모집 언제 해요` asks when recruiting is: an entry that merely shares AI Lab's other words
    # answers no such question (it was answered by the bootcamp review).
    assert asked("AI Lab 다음 기수 모집 언제 해요") == Asked("모집")
    assert asked("인턴 언제 해야 돼요") == Asked("인턴")
