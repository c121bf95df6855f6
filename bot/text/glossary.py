"""Cross-script synonyms for AI-career words: Korean loanwords, their English, variant spellings.

Korean tech writing mixes scripts (`Data Engineer 데이터 수집`) and spells loanwords several ways
(트렌드/트랜드, 리서처/리서쳐, 프롬프트/프롬포트). A camper types one form; the answer may use
another. Each line is one group of interchangeable forms; topic-level synonyms (포폴, 코테, grad
school) live in the taxonomy file instead, where moderators can edit them.
"""

from __future__ import annotations

from functools import cache

from bot.text.normalize import squash

_GROUPS = """
데이터 | data
엔지니어 | engineer
엔지니어링 | engineering
사이언티스트 | scientist
애널리스트 | 분석가 | analyst
리서처 | 리서쳐 | researcher
리서치 | research
모델 | model
모델링 | modeling | modelling
머신러닝 | 머신 러닝 | machine learning | 기계학습
딥러닝 | 딥 러닝 | deep learning
인공지능 | ai
업스테이지 | upstage
네이버 | naver
파파고 | papago
부스트캠프 | 부캠 | boostcamp
패스트캠퍼스 | fastcampus
캐글 | kaggle
데이콘 | dacon
깃허브 | 깃헙 | github
파이썬 | python
파이토치 | pytorch
텐서플로우 | 텐서플로 | tensorflow
백엔드 | 백앤드 | backend
프론트엔드 | 프론트 엔드 | 프런트엔드 | frontend
스타트업 | startup
인턴 | intern
인턴십 | 인턴쉽 | internship
포트폴리오 | portfolio
블로그 | blog
오픈소스 | 오픈 소스 | open source | opensource
컴페티션 | competition
트렌드 | 트랜드 | trend
프롬프트 | 프롬포트 | prompt
파인튜닝 | 파인 튜닝 | 미세조정 | fine tuning | finetuning
커리어 | career
포지션 | position
인터뷰 | 면접 | interview
이력서 | resume
자소서 | 자기소개서 | cover letter
코딩테스트 | 코딩 테스트 | 코테 | coding test
논문 | paper
연봉 | 급여 | 초봉 | salary
연봉 눈높이 | 희망 연봉 | salary expectations | expected salary
비용 | 학비 | 등록금 | cost
석사 | master
박사 | phd
대학원 | grad school | graduate school
비전공자 | non major
알고리즘 | algorithm
수학 | math
통계 | statistics
서빙 | serving
배포 | deployment
파이프라인 | pipeline
프로젝트 | project
라이센스 | 라이선스 | license
팀워크 | teamwork
커뮤니케이션 | communication
피드백 | feedback
매니저 | 메니저 | manager
러닝커브 | 러닝 커브 | learning curve
도메인 | domain
인프라 | infrastructure | infra
데이터셋 | 데이터 셋 | dataset
챗봇 | chatbot
멀티모달 | multimodal
자연어처리 | 자연어 처리 | nlp
경진대회 | 대회 | competition
불리 | disadvantage | hurt
유망 | promising
필수 | required | mandatory
전공 | major
나이 | age | old | older
사라지 | 없어지 | disappear
학위 | degree
탈락 | 떨어지 | 불합격 | rejected
신입 | junior | entry level | new grad
역량 | skills | competencies
채용 | hire | hiring | hired
직무 | role
직업 | job | occupation
대기업 | big company | big tech
개발자 | developer | developers
개발 | development
면접관 | interviewer
강의 | lecture | lectures
강사 | instructor
커리큘럼 | curriculum
부트캠프 | bootcamp
팀원 | teammate | teammates
팀 프로젝트 | 팀플 | team project | group project
중도 포기 | 중도포기 | drop out | dropout
학부생 | undergrad | undergraduate
학부 | undergraduate
학사 | bachelor | bachelors
연구실 | lab | research lab
연구원 | researcher
학회 | conference
탑티어 | top tier
기여 | contribute | contribution
라벨링 | 레이블링 | labeling | labelling | annotation
학습 데이터 | training data
평가 | evaluation
샘플링 | sampling
기획 | planning
제품 | product
서비스 | service
공부 | study | studying
로드맵 | roadmap
강점 | strength | edge
약점 | weakness
기본기 | fundamentals | basics
경력 | career history
전직 | 경력 전환 | career change | career switch
보고서 | report
과제 | assignment | take home
경량화 | compression | lightweight
양자화 | quantization
추론 | inference
서버 | server
금융 | finance
언어학 | linguistics
메달 | 수상 | medal | award | prize
마케팅 | marketing
꼬리 질문 | follow up | follow up questions
30대 | 서른 | thirties
40대 | 마흔 | forties
스펙 | credentials
상업 | 상업적 | commercial
선형대수 | 선대 | linear algebra
확률통계 | 확통 | probability and statistics
부족 | 딸리
보완 | 커버
브랜드 | 네임밸류 | 네임벨류 | brand
불참 | 잠수 | 잠수타
교수 | professor
어필 | sell | promote
""".strip()


@cache
def _table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for line in _GROUPS.splitlines():
        forms = [f.strip().lower() for f in line.split("|") if f.strip()]
        for form in forms:
            others = table.setdefault(squash(form), [])
            others.extend(f for f in forms if f != form and f not in others)
    return {k: tuple(v) for k, v in table.items()}


def synonyms(text: str, *, compose: bool = True) -> tuple[str, ...]:
    """Other forms of `text` (spacing and case ignored), or () when the glossary has none.

    With `compose`, a two-word phrase with no entry of its own is translated word by word:
    `데이터 엔지니어` -> `data engineer`.
    """
    table = _table()
    found = table.get(squash(text))
    if found:
        return found
    parts = text.split()
    if compose and len(parts) == 2 and all(squash(p) in table for p in parts):
        left = (parts[0], *table[squash(parts[0])])
        right = (parts[1], *table[squash(parts[1])])
        # Same script on both sides: `data engineer`, not `데이터 engineer`.
        combos = [f"{a} {b}" for a in left for b in right if a.isascii() == b.isascii()]
        return tuple(c for c in combos if c != text)[:6]
    return ()
