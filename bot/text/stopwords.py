"""Words that carry no topic in a camper's question: question words, fillers, light verbs, and
words that rate one's prospects (`will that hurt my chances`, `is it realistic`): they ask
whether, not about what, like `worth it`."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


KOREAN: frozenset[str] = word_set(
    """
    뭐 뭔가요 뭘 뭐가 뭐예요 뭔지 무엇 무엇인가요 무엇인지 무슨 어떤 어떻게 어떡해 어때 어때요
    어떤가요 어떨까요 어느 왜 언제 어디 어디서 누구 얼마 얼마나 몇 몇개 개 좀 꼭 더 잘 다 또 그 이
    저 그냥 진짜 정말 너무 많이 제일 가장 혹시 요즘 지금 그럼 그리고 그래서 하지만 근데 및 등 것 거
    게 건 걸 수 때 중 분 저는 제가 나는 내가 저희 우리 너 나 좋은 좋아요 좋을까요 좋나요 좋은가요
    좋다 좋음 좋을지 좋을까 좋겠 필요 필요해 필요해요 필요한가요 필요할까요 필요한 필요합니다
    필요하나요 필요있나요 있나요 있어요 있을까요 있는 있다 있음 없나요 없어요 없는 되나요 돼요 되요
    됨 되는 된 하나요 해요 하는 하면 해야 해야해 할까요 했는데 하고 하기 하다 한 할 함 가야
    가야해 되려면 하려면 알려줘 알려주세요 알려주실 궁금 궁금해요 궁금합니다 궁금한 질문
    질문입니다 답변 대한 위한 관한 대해 대해서 위해 위해서 통해 관련 관련된 경우 생각 생각해요 요 네
    음 아 오 흠 안녕하세요 선배님 님 이런 그런 저런 이거 그거 저거 이것 그것 저것 해주세요 있을지
    뭔데 인가요 일까요 나요 까요 가요 할지 하는지 어떤지 같은 같아요 건가요 건지 거예요 거죠
    은 는 을 를 에 의 와 과 도 만 로 으로 에서 에게 랑 이랑 부터 까지 처럼 보다 요
    이제 도대체 대체 계속 정확히 그래도 보통 실제로 실제 정도 어느정도 아직 벌써 차라리 일단 자꾸
    점 번 군데 가지 열심히
    약간 조금 완전 엄청 되게 막상 사실 솔직히 아무래도 이런거 그런거 뭔가 어떤거 어떤게 무슨일
    법 방법 요령 팁 꿀팁
    때문 때문에 때문인가요 때문인지 때문일까요
    뭐에요 뭐에여 뭐예여 나서 그다음 다음엔 그담
    어케 어캐 어떡함 어떡하죠 어떡해요 아무것 아무것도 아무거나 아무
    앞으로 이번 이번엔 요새 얘기 잘은 자세히는 자세히 상태 안 못 해야됨 해야함 해야돼 해야되
    """
)

ENGLISH: frozenset[str] = word_set(
    """
    a an the is are am be been was were do does did i me my you your we our to of for in on at by
    with about how what which who whom why when where should can could would will shall need needs
    needed it its this that these those and or not near if any some get got go good best better
    really much many vs so as from into there here please tell know want than then just also
    worth actually still even anything something stuff thing things way ways going become make
    take help up like lot lots enough kind sort someone ok okay im it's i'm s m t re ve ll d
    all day every everyone anyone one
    has have had having being let us they them their he she his her him its itself myself
    didn doesn don isn aren wasn weren won wouldn shouldn couldn can cant dont doesnt didnt
    isnt arent wont whats hows whos wheres theres thats very too over each only now ever never
    always yet already more most less other others another whether because since while though
    although however maybe perhaps probably literally basically honestly guys hi hello hey thanks
    thank tips tip advice idea ideas someone somebody anybody everybody people person
    chance chances option options possible possibility realistic realistically hopeless odds
    but doing done before after during feel feels felt next
    decent terrible awful bad great
    """
)

# Chat shorthand typed in initial consonants (ㅈㄱㄴ "the title says it", ㄹㅇ "for real", ㄱㄱ
# "go"): the register, not a word to search. A whole query of consonants (`ㄷㅎㅇ`) is still
# read as a word's initials; these are dropped from a sentence only.
CHAT: frozenset[str] = word_set(
    """
    ㅈㄱㄴ ㄹㅇ ㄱㄱ ㅇㅇ ㅇㅈ ㄴㄴ ㅇㅋ ㄷㄷ ㅎㄷㄷ ㄱㅅ ㄳ ㅈㅅ ㅊㅋ ㅂㅂ ㅎㅇ ㅁㅊ ㄹㅈㄷ ㅅㄱ ㄱㅊ ㅈㅂ
    ㅃㄹ ㅇㄱㄹㅇ ㅂㄷㅂㄷ ㅗㅜㅑ
    """
)
_JAMO_RUN = re.compile(r"([ㄱ-ㅎ])\1+|[ㅏ-ㅣ]+")  # ㅋㅋ, ㅎㅎㅎ, ㅠㅠ, ㅜㅜ, ㅡㅡ


def is_chat(word: str) -> bool:
    """Chat shorthand or a laugh or a sob in bare letters (`ㅈㄱㄴ`, `ㅋㅋ`, `ㅠㅠ`): no word."""
    return word in CHAT or _JAMO_RUN.fullmatch(word) is not None


STOPWORDS: frozenset[str] = KOREAN | ENGLISH


def is_stopword(word: str) -> bool:
    return word in STOPWORDS
