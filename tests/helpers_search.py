"""A small Korean advice corpus in a real SQLite file, for the search tests (imported explicitly)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.models import EntryDraft, Kind, Source
from bot.store.database import Database
from tests.helpers_store import retire_ids, store_drafts

NOW = "2025-03-01T09:00:00+00:00"

TOPICS: list[tuple[str, str, str, list[str]]] = [
    ("grad-school", "대학원", "Grad school", ["석사", "박사", "학위", "grad school", "phd"]),
    ("portfolio", "포트폴리오", "Portfolio", ["포폴", "깃허브", "github", "portfolio"]),
    ("interview", "면접·코딩테스트", "Interviews", ["면접", "코테", "코딩테스트", "interview"]),
    ("kaggle", "캐글·경진대회", "Kaggle", ["캐글", "kaggle", "경진대회", "대회"]),
    ("resume", "이력서·자소서", "Resume", ["이력서", "자소서", "resume"]),
    ("career", "커리어", "Career", ["커리어", "진로", "취업 준비", "취준"]),
]

# (id, title, body, topics)
ENTRIES: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "grad-needed",
        "AI 엔지니어가 되려면 석사 학위가 꼭 필요한가요?",
        "아뇨. 학위보다 실력을 봅니다. 다양한 곳에 지원하고 가장 많이 성장할 수 있는 곳을 고르세요.",
        ("grad-school",),
    ),
    (
        "grad-worry",
        "대학원 진학이 고민이라면?",
        "연구에 정말 관심과 흥미가 있는지 냉정하게 고민해 보세요. 금전적인 문제도 무시할 수 없습니다.",
        ("grad-school",),
    ),
    (
        "portfolio-depth",
        "포트폴리오는 많고 얕게? 적고 깊게?",
        "적고 깊은 것이 좋습니다. 한 분야를 깊이 판 사람을 팀은 더 원합니다.",
        ("portfolio",),
    ),
    (
        "github-blog",
        "깃허브와 기술 블로그 운영",
        "기술 블로그와 깃허브에 꾸준히 정리하면 어필이 됩니다. 블로그는 최신 기술을 꾸준히 썼는지 봅니다.",
        ("portfolio",),
    ),
    (
        "coding-test",
        "코딩테스트는 어떻게 준비하나요?",
        "코딩테스트는 기본기를 봅니다. 알고리즘 문제를 꾸준히 풀고 시간 안에 푸는 연습을 하세요.",
        ("interview",),
    ),
    (
        "tech-interview",
        "기술 면접에서 모르는 질문이 나오면",
        "면접관에게 추가 정보를 물어보면서 조금씩 답하는 핑퐁이 핵심입니다.",
        ("interview",),
    ),
    (
        "kaggle-no-prize",
        "캐글 대회에서 상을 못 받아도 의미가 있나요?",
        "Kaggle 같은 대회는 참가만으로도 의미가 있습니다. 실력을 쌓는 것이 수상보다 중요합니다.",
        ("kaggle",),
    ),
    (
        "resume-impact",
        "이력서에 무엇을 보여줘야 할까?",
        "짧은 이력서 안에서 강력한 한 방을 보여주세요. 해봤어요 보다 이런 성과를 얻었어요가 핵심입니다.",
        ("resume",),
    ),
    (
        "job-prep-mindset",
        "취업 준비 마인드셋",
        "취업 준비는 긴 싸움입니다. 문제를 해결한 경험을 쌓고 꾸준히 기록하세요.",
        ("career",),
    ),
    (
        "university-life",
        "대학교 생활과 동아리",
        "대학교에서 동아리 활동을 하며 팀 프로젝트를 경험해 보세요.",
        (),
    ),
    (
        "math-basics",
        "비전공자가 알아야 할 수학",
        "확률통계와 선형대수학을 먼저 공부하세요. 수학은 논문을 읽을 때 도움이 됩니다.",
        (),
    ),
    (
        "startup-choice",
        "스타트업에 취업하려면 무엇을 봐야 하나요?",
        "회사의 성장 가능성과 구성원들의 성장 과정을 보세요. 대학원 출신이 아니어도 괜찮습니다.",
        ("career",),
    ),
]


async def add_topics(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO topics (id, name_ko, name_en, aliases, updated_at) VALUES (?,?,?,?,?)",
            [(i, ko, en, json.dumps(a, ensure_ascii=False), NOW) for i, ko, en, a in TOPICS],
        )


def draft(entry_id: str, title: str, body: str, topics: tuple[str, ...] = ()) -> EntryDraft:
    return EntryDraft(
        id=entry_id,
        title=title,
        body=body,
        kind=Kind.QA,
        topics=topics,
        source=Source(file=f"sample/{entry_id}.md", speaker="선배"),
    )


async def add_entries(db: Database, drafts: list[EntryDraft]) -> None:
    await store_drafts(db, drafts, now=NOW)


async def retire(db: Database, entry_id: str) -> None:
    await retire_ids(db, [entry_id], now=NOW)


async def sample_db(path: Path) -> Database:
    """A migrated database at `path` holding TOPICS and ENTRIES."""
    db = await Database.open(path)
    await add_topics(db)
    await add_entries(db, [draft(*e) for e in ENTRIES])
    return db
