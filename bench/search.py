"""Search and autocomplete latency on synthetic corpora, against what a user would write instead.

    python bench/search.py                      # 1k, 10k and 100k entries
    python bench/search.py --sizes 1000,10000   # a quick run

Each size gets a file database under bench/out/ (built once through the real migrations, triggers
and `EntryRepository.upsert_many`, reused while the generator does not change), then a fresh
process measures, on a copy of it (so each run starts from the database as built: the edits it
times would otherwise pile up revisions and change-log rows run after run), over the same `QUERIES` (>= 200) distinct camper queries at every size (words,
particles, typos, half-typed syllables, initial consonants, English, topic lookups):
- sunbae: `SearchService.search` and `.suggest`, the first pass after the index loads (cold) and
  the passes after it (steady), p50/p95 each; topic lookups (`topic:<id>`, and a word filtered by
  a topic) on their own line; the same searches with every FTS ranking answered from memory
  after its first run, the text of the entries still read ("its rankings replayed"): what a
  free retrieval of the candidates would leave, the bound of any retrieval; and with the text
  held too ("its matches replayed"): the floor of planning, rerank and page;
- the baseline a user would pick: plain FTS5 on the same table (the words as prefix terms OR-ed,
  `bm25` order, `LIMIT 10`, then the text of those ten, in one statement and one thread hop; a
  title prefix for autocomplete), as many passes as sunbae's steady ones; as a second line the
  naive scan (LIKE plus rapidfuzz over every body or title: slow, so a few queries at 100k);
- the ratios (baseline p95 / sunbae p95: above 1, sunbae is faster), the peak RSS of the service
  (taken before the baselines load anything);
- with `--quality`, what the search's budgets cost: how often its first hit, and how much of its
  top 10, is what a rerank of every match would give (slow at 100k: a minute or two);
- disk: the database's bytes per entry (its pages in use, free pages left out), and the tables
  and indexes that hold most of them (`--json`);
- start: the index built from the database (a first start: it is then saved beside it), read
  back from that file (every later start), and `python -m bot search` from start to exit.
Targets: disk <= 2.5 KB per entry at 100k; search p95 <= 15 ms and autocomplete p95 <= 5 ms at 100k and 300k; search p95 >= 10x
better than plain FTS5 at 100k and not worse than 2x at 1k; at 100k a start <= 1.5 s and
`python -m bot search` <= 0.5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from bisect import bisect_left
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from bot.app import bootstrap  # noqa: E402
from bot.models import EntryDraft, Kind, Origin, Source, Topic  # noqa: E402
from bot.models.search import Candidate  # noqa: E402
from bot.search import SearchService  # noqa: E402
from bot.search.saved import file_for  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store.database import Database  # noqa: E402
from bot.store.entries import EntryRepository  # noqa: E402
from bot.store.search_index import SqliteSearchStore  # noqa: E402
from bot.store.topics import TopicRepository  # noqa: E402
from bot.text import choseong, words  # noqa: E402

GENERATOR_VERSION = 6  # bump when the synthetic corpus changes, so cached files are rebuilt
OUT = REPO / "bench" / "out"
NOW = "2025-03-01T09:00:00+00:00"

SEARCH_QUERIES = [
    "대학원", "석사 필요?", "포폴 몇 개가 좋아요", "코테", "kaggle", "grad school", "대학언",
    "포트폴리요", "대학ㅇ", "ㄷㅎㅇ", "대학원에", "취업준비", "취업 준비", "비전공자 불리한가요",
    "나이 많은데 ai 엔지니어 가능?", "인턴 여러번 하면 안좋나요", "기술 면접 준비 어떻게",
    "이력서에 뭘 써야 돼요", "캐글 상 못 받으면 의미 없나요", "데이터 엔지니어 하는 일",
    "파인튜닝 프롬프트 차이", "ML 엔지니어 실제로 무슨 일 해요", "스타트업 취업", "깃허브 블로그",
    "논문 구현 경험", "오픈소스 기여", "트렌드 따라가는 법", "신입이 할 수 있는 분야",
    "연구자 엔지니어 차이", "LLM 시대 모델링", "qwzxv 없는단어", "코딩테스트", "자소서 첨삭",
    # Whole questions, as campers type them (query understanding: fillers, predicates, abstaining)
    "논문 꼭 읽어야 하나요", "나이 서른 넘었는데 늦었나요", "GPT 나오면 개발자 필요 없어지나요",
    "문과생인데 AI 엔지니어 될 수 있을까요?", "kaggle worth it", "연봉 얼마 받아요", "오늘 점심 뭐 먹지",
    "should I go to grad school if I want to be an ML engineer?",
    "제가 지금 인턴 지원을 여러 군데 했는데 다 떨어져서 너무 막막한데 인턴 말고 할 수 있는 게 있을까요",
    "ML engineer 되려면 대학원 가야 함?",
]  # fmt: skip
SUGGEST_PREFIXES = [
    "", "대", "대학", "대학ㅇ", "ㄷㅎㅇ", "ㅇㄹㅅ", "포트폴리요", "포폴", "취업준비", "취업 준",
    "kag", "코딩테스", "비전공ㅈ", "인턴", "면접 준", "대학언", "ㅍㅌㅍㄹㅇ", "grad", "논문 구",
    "깃허",
]  # fmt: skip


QUERIES = 240  # distinct search queries per size (the handwritten ones, then generated)


def _words(text: str) -> list[str]:
    return text.split()


GENERAL_WORDS = _words(
    """
취업 준비 회사 신입 경력 경험 프로젝트 공부 실력 역량 기술 모델 데이터 분석 서비스 개발 연구 학습
문제 해결 능력 팀 협업 커뮤니케이션 성장 기회 조언 고민 방법 과정 결과 성과 평가 채용 지원 합격
불합격 준비생 현업 실무 기본기 수학 통계 알고리즘 코딩 구현 논문 리뷰 발표 강의 수업 과제 대회
수상 참가 블로그 정리 기록 꾸준히 중요 필요 도움 추천 선택 결정 방향 목표 계획 일정 시간 기간
단기간 장기 미래 트렌드 변화 시장 수요 공급 연봉 직무 포지션 역할 업무 책임 리더 매니저 동료
선배 후배 멘토 질문 답변 피드백 면접관 지원자 서류 포트폴리오 깃허브 오픈소스 인턴 학부생 졸업
전공 비전공 학위 석사 박사 대학원 대학교 학교 교육 부트캠프 수료 커리큘럼 모델링 엔지니어링
엔지니어 리서처 사이언티스트 분석가 백엔드 프론트엔드 서빙 배포 인프라 클라우드 파이프라인
경량화 추론 학습률 정규화 전처리 데이터셋 평가지표 메트릭 실험 가설 검증 개선 성능 정확도
"""
)
FUNCTION_WORDS = _words(
    """
것 수 있다 있는 하는 그리고 정말 많이 좀 더 잘 때 거 이 그 저 또 같은 위해 대한 통해 하고 해서 하면
되는 된다 한다 했다 있고 없는 어떤 모든 가장 다른 이런 그런 너무 아주 먼저 결국 사실
"""
)
PARTICLES = [
    "",
    "",
    "",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "에서",
    "으로",
    "로",
    "도",
    "의",
    "과",
    "와",
    "만",
]
ENDINGS = ["", "?", "할까요?", "하나요?", "인가요?", "은 어떻게?", " 고민", " 질문", " 팁"]
SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히개내대래매배새애재채캐태패해"
VOCABULARY = 8000  # ranks of a Zipf law: function words first, content words spread below
CONTENT_RANKS = (40, 1500)


def load_taxonomy() -> list[Topic]:
    data = yaml.safe_load((REPO / "content" / "topics.yaml").read_text(encoding="utf-8"))
    return [
        Topic(t["id"], t["ko"], t["en"], aliases=tuple(str(a) for a in t.get("aliases", [])))
        for t in data["topics"]
    ]


class Generator:
    """Korean-ish advice text with a realistic shape: a Zipf law over 8,000 words where function
    words lead, the career and taxonomy words sit at random ranks from 40 to 1,500, made-up words
    fill the rest, particles stick to nouns, and 2% of tokens are one-off rare words."""

    def __init__(self, topics: Sequence[Topic], seed: int = 7) -> None:
        self.rng = random.Random(seed)
        taxonomy = [w for t in topics for w in (t.name_ko, *t.aliases)]
        content = list(dict.fromkeys(GENERAL_WORDS + taxonomy))
        slots: list[str | None] = [None] * VOCABULARY
        slots[: len(FUNCTION_WORDS)] = FUNCTION_WORDS
        for word, rank in zip(
            content, self.rng.sample(range(*CONTENT_RANKS), len(content)), strict=False
        ):
            slots[rank] = word
        taken = set(content) | set(FUNCTION_WORDS)
        for rank, placed in enumerate(slots):
            if placed is None:
                word = self.pseudo_word()
                while word in taken:
                    word = self.pseudo_word()
                taken.add(word)
                slots[rank] = word
        self.words = [w for w in slots if w is not None]
        self.cum = list(accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        self.title_from = len(FUNCTION_WORDS)  # titles skip the function words
        self.topics = [t.id for t in topics]

    def pseudo_word(self) -> str:
        return "".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 4)))

    def word(self, *, title: bool = False) -> str:
        if self.rng.random() < 0.02:
            return self.pseudo_word()
        low = self.cum[self.title_from - 1] if title else 0.0
        point = low + self.rng.random() * (self.cum[-1] - low)
        word = self.words[bisect_left(self.cum, point)]
        if word.isascii() or word in FUNCTION_WORDS:
            return word
        return word + self.rng.choice(PARTICLES)

    def entry(self, number: int) -> EntryDraft:
        title = " ".join(self.word(title=True) for _ in range(self.rng.randint(3, 8)))
        title += self.rng.choice(ENDINGS)
        body = " ".join(self.word() for _ in range(self.rng.randint(30, 90))) + "."
        topics = tuple(self.rng.sample(self.topics, self.rng.randint(0, 2)))
        return EntryDraft(
            id=f"syn-{number:06d}",
            title=title,
            body=body,
            kind=Kind.QA,
            topics=topics,
            source=Source(file=f"synthetic/{number // 100:04d}.md"),
            position=number % 100,
        )


async def build(path: Path, size: int) -> float:
    """The synthetic database, through the real migrations, triggers and bulk upsert."""
    started = time.perf_counter()
    topics = load_taxonomy()
    gen = Generator(topics)
    db = await Database.open(path)
    try:
        async with db.transaction() as conn:
            await TopicRepository.upsert_many(conn, topics, now=NOW)
        for start in range(0, size, 5000):
            drafts = [gen.entry(n) for n in range(start, min(size, start + 5000))]
            async with db.transaction() as conn:
                await EntryRepository.upsert_many(
                    conn,
                    [(d, f"h{d.id}", "add") for d in drafts],
                    origin=Origin.FILE,
                    root="/synthetic",
                    now=NOW,
                    actor="bench",
                )
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    finally:
        await db.close()
    marker = path.with_suffix(".json")
    marker.write_text(json.dumps({"size": size, "generator": GENERATOR_VERSION}))
    return time.perf_counter() - started


def camper_queries(topics: Sequence[Topic], count: int, seed: int = 11) -> list[str]:
    """`SEARCH_QUERIES`, then generated ones in the same proportions of kinds, all distinct.

    Words come from the generator's vocabulary (so every size searches the same strings), typed
    as campers do: with a particle, two at once, one syllable off, half-typed, as initials.
    """
    rng = random.Random(seed)
    gen = Generator(topics)
    content = [w for w in gen.words[len(FUNCTION_WORDS) : 1500] if len(w) > 1]
    english = sorted({a for t in topics for a in (t.name_en, *t.aliases) if a.isascii()})

    def typo(word: str) -> str:
        at = rng.randrange(len(word))
        return word[:at] + rng.choice(SYLLABLES) + word[at + 1 :]

    kinds: list[Callable[[str], str]] = [
        lambda w: w,
        lambda w: w + rng.choice(PARTICLES[3:]),
        lambda w: f"{w} {rng.choice(content)}",
        lambda w: f"{w}{rng.choice(PARTICLES[3:])} {rng.choice(content)} {rng.choice(ENDINGS)}",
        typo,
        lambda w: w[:-1] + choseong(w[-1]),
        choseong,
        lambda w: rng.choice(english),
    ]
    found = dict.fromkeys(SEARCH_QUERIES)
    while len(found) < count:
        query = rng.choice(kinds)(rng.choice(content)).strip()
        if query:
            found.setdefault(query, None)
    return list(found)


def topic_queries(topics: Sequence[Topic]) -> list[tuple[str, str | None]]:
    """Every topic as autocomplete offers it (`topic:<id>`), and a common word within each."""
    return [(f"topic:{t.id}", None) for t in topics] + [("준비", t.id) for t in topics]


def is_current(path: Path, size: int) -> bool:
    marker = path.with_suffix(".json")
    if not path.is_file() or not marker.is_file():
        return False
    return bool(json.loads(marker.read_text()) == {"size": size, "generator": GENERATOR_VERSION})


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


async def timed(calls: Sequence[Callable[[], Awaitable[object]]], rounds: int) -> list[float]:
    samples: list[float] = []
    for _ in range(rounds):
        for call in calls:
            started = time.perf_counter()
            await call()
            samples.append((time.perf_counter() - started) * 1000)
    return samples


async def disk_per_entry(db: Database) -> tuple[float, dict[str, float]]:
    """Bytes in use per entry (page count less free pages), and per entry for each table or
    index above 10 bytes an entry (the dbstat table, when this SQLite has it)."""
    conn = db.reader

    async def one(sql: str) -> int:
        row = await (await conn.execute(sql)).fetchone()
        return int(row[0]) if row else 0

    entries = max(1, await one("SELECT count(*) FROM entries"))
    pages = await one("PRAGMA page_count") - await one("PRAGMA freelist_count")
    used = pages * await one("PRAGMA page_size") / entries
    parts: dict[str, float] = {}
    try:
        rows = await (
            await conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        ).fetchall()
        parts = {str(r[0]): int(r[1]) / entries for r in rows if int(r[1]) / entries > 10}
    except sqlite3.OperationalError:  # built without SQLITE_ENABLE_DBSTAT_VTAB
        pass
    return used, parts


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


MARK = "갱신표시"  # a word no generated entry has


async def follow_write(
    db: Database, service: SearchService, queries: list[str], count: int
) -> tuple[float, list[float], list[float]]:
    """Edit `count` entries' titles (one transaction, through the triggers), then: the seconds
    until autocomplete offers the edited titles, search latencies from the commit until a
    second after, and the event loop's lags meanwhile (a 5 ms ticker). The edit is undone after.
    """
    row = await (await db.reader.execute("SELECT count(*) FROM entries")).fetchone()
    size = int(row[0]) if row else 0
    ids = [f"syn-{n:06d}" for n in range(0, size, max(1, size // count))][:count]
    marks = ",".join("?" * len(ids))
    async with db.transaction() as conn:
        await conn.execute(
            f"UPDATE entries SET title = title || ' {MARK}' WHERE id IN ({marks})", ids
        )
    lags: list[float] = []
    during: list[float] = []
    stop = asyncio.Event()

    async def ticker() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            await asyncio.sleep(0.005)
            lags.append((time.perf_counter() - started - 0.005) * 1000)

    async def load() -> None:
        for query in itertools.cycle(queries):
            if stop.is_set():
                return
            started = time.perf_counter()
            await service.search(query, limit=10)
            during.append((time.perf_counter() - started) * 1000)
            # One query after another, as interactions arrive: a search that reads on the event
            # loop (Database.fetch) need not suspend, and this loop would never let others run.
            await asyncio.sleep(0)

    committed = time.perf_counter()
    tasks = [asyncio.create_task(ticker()), asyncio.create_task(load())]
    while not any(s.ref in ids for s in await service.suggest(MARK)):  # noqa: ASYNC110
        await asyncio.sleep(0.001)  # polling is the measure: when does a query see it?
    seen = time.perf_counter() - committed
    await asyncio.sleep(max(0.0, 1.0 - seen))
    stop.set()
    await asyncio.gather(*tasks)
    async with db.transaction() as conn:
        await conn.execute(
            f"UPDATE entries SET title = substr(title, 1, length(title) - {len(MARK) + 1})"
            f" WHERE id IN ({marks})",
            ids,
        )
    await service.suggest("")  # follow the undo
    return seen, during, lags


def cli_seconds(path: Path, runs: int = 5) -> tuple[float, float]:
    """The best of a few `python -m bot search` runs, start to exit (the index read from its
    saved file: the first run after a build would otherwise pay for it), and the best CPU time
    one took (user and system): on a busy machine the wall time swings (0.37-0.59 s within a
    few seconds here) while the CPU time holds. With bytecode written, as an installed bot has
    it (pip compiles on install): a PYTHONDONTWRITEBYTECODE=1 shell would otherwise compile
    every module from source on each run (~0.12 s here)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    best = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "search", "대학원 준비", "--db", str(path)],
            capture_output=True, check=True, cwd=REPO, env=env,
        )  # fmt: skip
        best = min(best, time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_cpu = min(best_cpu, cpu)
    return best, best_cpu


def plain_fts(query: str) -> str:
    """What a user would hand FTS5: the words as prefix terms, OR-ed."""
    return " OR ".join(f'"{w.replace(chr(34), "")}"*' for w in words(query))


async def agreement(service: SearchService, queries: Sequence[str]) -> tuple[float, float]:
    """How often search answers as a rerank of every match would: the share of queries whose
    first hit is the same, and the mean share of that rerank's top 10 found. What the budgets
    of `bot/search/retrieval.py` and the candidates reranked (`CANDIDATES`) cost in relevance."""
    import bot.search.service as search_module
    from bot.search import retrieval

    async def tops() -> dict[str, list[str]]:
        return {q: [h.id for h in (await service.search(q, limit=10)).hits] for q in queries}

    served = await tops()
    budgets = retrieval.BODY_BUDGET, search_module.CANDIDATES
    retrieval.BODY_BUDGET, search_module.CANDIDATES = 10**9, 10**7  # every match, reranked
    try:
        every = await tops()
    finally:
        retrieval.BODY_BUDGET, search_module.CANDIDATES = budgets
    first = sum(served[q][:1] == every[q][:1] for q in queries) / len(queries)
    found = [len(set(served[q]) & set(every[q])) / len(every[q]) for q in queries if every[q]]
    return first, statistics.mean(found) if found else 1.0


class ReplayedMatches(SqliteSearchStore):
    """The store with each FTS match answered from memory after its first run: what the rest
    of a search costs (planning, rerank, the page's entries, snippets), the floor any cheaper
    retrieval of the candidates would reach."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._memo: dict[str, list[Candidate]] = {}

    async def match(self, forms: Sequence[str], **options: Any) -> list[Candidate]:
        key = repr((tuple(forms), sorted(options.items())))
        if key not in self._memo:
            self._memo[key] = await super().match(forms, **options)
        return self._memo[key]


class ReplayedRankings(SqliteSearchStore):
    """The store with each FTS ranking (which entries, in which order) answered from memory
    after its first run, their text still read: what a search would cost were finding its
    candidates free, the bound of any retrieval however cheap (`ReplayedMatches` holds the
    text too)."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._memo: dict[str, list[tuple[int, float]]] = {}

    async def _ranked(self, expression: str, **options: Any) -> list[tuple[int, float]]:
        key = repr((expression, sorted(options.items())))
        if key not in self._memo:
            self._memo[key] = await super()._ranked(expression, **options)
        return self._memo[key]


async def measure(
    path: Path, rounds: int, baseline_queries: int, *, quality: bool = False
) -> dict[str, float]:
    db = await Database.open(path)  # a cached file gets the newer migrations once
    try:
        disk, disk_parts = await disk_per_entry(db)
        saved_file = file_for(path)
        if saved_file is not None:  # the build first, as on a first start
            saved_file.unlink(missing_ok=True)
        service = (await bootstrap(Settings(db_path=path), db=db)).search
        started = time.perf_counter()
        await service.refresh()
        load_s = time.perf_counter() - started
        await service.close()
        # Every later start reads the index the build saved.
        service = (await bootstrap(Settings(db_path=path), db=db)).search
        started = time.perf_counter()
        await service.refresh()
        saved_s = time.perf_counter() - started
        topics = load_taxonomy()
        queries = camper_queries(topics, QUERIES)
        searches = [lambda q=q: service.search(q, limit=10) for q in queries]
        suggests = [lambda p=p: service.suggest(p) for p in SUGGEST_PREFIXES]
        by_topic = [
            lambda q=q, t=t: service.search(q, topic=t, limit=10) for q, t in topic_queries(topics)
        ]
        cold_ms = await timed(searches, 1)  # the first pass: page cache and caches cold
        search_ms = await timed(searches, rounds)
        suggest_ms = await timed(suggests, rounds * 2)
        topic_ms = await timed(by_topic, rounds)
        updates = {n: await follow_write(db, service, queries, n) for n in (10, 1000)}
        rss = rss_mb()
        agree = await agreement(service, queries) if quality else (float("nan"),) * 2
        await service.close()  # as the bot at shutdown: saves the writes it followed
        # After the RSS (this holds a second index), from the saved file the build wrote.
        floors = {}
        for name, store in (("floor", ReplayedMatches), ("free_retrieval", ReplayedRankings)):
            replayed = SearchService(
                store(db), entries=EntryRepository(db), index_file=file_for(path)
            )
            await replayed.refresh()
            replays = [lambda q=q, r=replayed: r.search(q, limit=10) for q in queries]
            await timed(replays, 1)  # every match run once, then remembered
            floors[name] = await timed(replays, rounds)
            await replayed.close()

        async def fts_search(query: str) -> object:
            expression = plain_fts(query)
            if not expression:
                return []
            # Ranked on rowids, then the text of the ten read: with external content (migration
            # 0020) the text of every match would be read from search_rows before the sort.
            sql = (
                "WITH hits AS (SELECT rowid AS doc, bm25(search_fts) AS rank FROM search_fts"
                " WHERE search_fts MATCH ? ORDER BY rank LIMIT 10)"
                " SELECT f.entry_id, f.title, f.body FROM hits JOIN search_rows f"
                " ON f.doc = hits.doc ORDER BY hits.rank"
            )
            return await db.reader.execute_fetchall(sql, (expression,))

        async def fts_suggest(prefix: str) -> object:
            expression = plain_fts(prefix)
            if not expression:
                return []
            sql = (
                "WITH hits AS (SELECT rowid AS doc, bm25(search_fts) AS rank FROM search_fts"
                " WHERE search_fts MATCH ? ORDER BY rank LIMIT 25)"
                " SELECT f.entry_id, f.title FROM hits JOIN search_rows f"
                " ON f.doc = hits.doc ORDER BY hits.rank"
            )
            return await db.reader.execute_fetchall(sql, (f"title : ({expression})",))

        # As many passes as sunbae's steady figures (the page cache as warm for both).
        fts_search_ms = await timed([partial(fts_search, q) for q in queries], rounds)
        fts_suggest_ms = await timed(
            [partial(fts_suggest, p) for p in SUGGEST_PREFIXES], rounds * 2
        )

        # The naive baseline: LIKE over every row, then rapidfuzz over every body / title.
        rows = await (await db.reader.execute("SELECT id, title, body FROM entries")).fetchall()
        titles = [r[1] for r in rows]
        bodies = [r[2] for r in rows]

        async def naive_search(query: str) -> object:
            words = [w for w in query.split() if len(w) > 1] or [query]
            where = " OR ".join("title LIKE ? OR body LIKE ?" for _ in words)
            params = [p for w in words for p in (f"%{w}%", f"%{w}%")]
            sql = f"SELECT id FROM entries WHERE retired = 0 AND ({where}) LIMIT 100"
            await (await db.reader.execute(sql, params)).fetchall()
            return process.extract(query, bodies, scorer=fuzz.partial_ratio, limit=10)

        async def naive_suggest(prefix: str) -> object:
            await (
                await db.reader.execute(
                    "SELECT id, title FROM entries WHERE title LIKE ? LIMIT 25", (f"{prefix}%",)
                )
            ).fetchall()
            return process.extract(prefix, titles, scorer=fuzz.partial_ratio, limit=25)

        base_search_ms = await timed(
            [partial(naive_search, q) for q in queries[:baseline_queries]], 1
        )
        base_suggest_ms = await timed(
            [partial(naive_suggest, p) for p in SUGGEST_PREFIXES[:baseline_queries]], 1
        )
    finally:
        await db.close()
    cli = cli_seconds(path)
    figures: dict[str, float] = {
        "load_s": load_s,
        "saved_s": saved_s,
        "cli_s": cli[0],
        "cli_cpu_s": cli[1],
        "rss_mb": rss,
        "queries": len(queries),
        "agree_top1": agree[0],
        "agree_top10": agree[1],
        "disk_bpe": disk,
        **{f"disk:{name}": size for name, size in disk_parts.items()},
    }
    for n, (seen_s, during, lags) in updates.items():
        figures[f"write{n}_seen_ms"] = seen_s * 1000
        figures[f"write{n}_during_p50"], figures[f"write{n}_during_p95"] = percentiles(during)
        figures[f"write{n}_lag_ms"] = max(lags)
    for name, samples in (
        ("cold", cold_ms),
        ("search", search_ms),
        ("floor", floors["floor"]),
        ("free_retrieval", floors["free_retrieval"]),
        ("suggest", suggest_ms),
        ("topic", topic_ms),
        ("fts_search", fts_search_ms),
        ("fts_suggest", fts_suggest_ms),
        ("base_search", base_search_ms),
        ("base_suggest", base_suggest_ms),
    ):
        figures[f"{name}_p50"], figures[f"{name}_p95"] = percentiles(samples)
    return figures


def report(results: dict[int, dict[str, float]]) -> None:
    """One table per measure: p50 / p95 in ms, and each baseline's p95 over sunbae's."""
    lines = [
        ("search, steady", "search", ("fts_search", "base_search")),
        ("  its rankings replayed", "free_retrieval", ("fts_search",)),
        ("  its matches replayed", "floor", ("fts_search",)),
        ("search, first pass (cold)", "cold", ("fts_search",)),
        ("topic lookups, steady", "topic", ("fts_search",)),
        ("autocomplete, steady", "suggest", ("fts_suggest", "base_suggest")),
    ]
    names = {"fts_search": "plain FTS5", "fts_suggest": "plain FTS5", "base_search": "naive"}
    names["base_suggest"] = "naive"
    sizes = list(results)
    print(f"{'':28}" + "".join(f"{s:>24}" for s in sizes))
    for title, key, baselines in lines:
        row = [f"{results[s][key + '_p50']:.2f} / {results[s][key + '_p95']:.2f}" for s in sizes]
        print(f"{title:28}" + "".join(f"{c:>24}" for c in row))
        for base in baselines:
            row = [
                f"{results[s][base + '_p95']:.1f} ms p95 = {results[s][base + '_p95'] / results[s][key + '_p95']:.1f}x"
                for s in sizes
            ]
            print(f"{'  vs ' + names[base]:28}" + "".join(f"{c:>24}" for c in row))
    for n in (10, 1000):
        row = [
            f"{results[s][f'write{n}_seen_ms']:.0f} ms, lag {results[s][f'write{n}_lag_ms']:.0f} ms"
            for s in sizes
        ]
        print(f"{f'{n} titles edited: seen in':28}" + "".join(f"{c:>24}" for c in row))
        row = [
            f"{results[s][f'write{n}_during_p95']:.1f} ms = "
            f"{results[s][f'write{n}_during_p95'] / results[s]['search_p95']:.1f}x steady"
            for s in sizes
        ]
        print(f"{'  search p95 meanwhile':28}" + "".join(f"{c:>24}" for c in row))
    for title, key, fmt in (
        ("distinct queries", "queries", "{:.0f}"),
        ("first hit as reranking all", "agree_top1", "{:.3f}"),  # --quality
        ("its top 10 found", "agree_top10", "{:.3f}"),
        ("index build s (first start)", "load_s", "{:.2f}"),
        ("index read s (saved file)", "saved_s", "{:.2f}"),
        ("`python -m bot search` s", "cli_s", "{:.2f}"),
        ("  its CPU time s", "cli_cpu_s", "{:.2f}"),
        ("peak RSS MB", "rss_mb", "{:.0f}"),
        ("disk bytes per entry", "disk_bpe", "{:.0f}"),
        ("database build s", "build_s", "{:.1f}"),
    ):
        print(f"{title:28}" + "".join(f"{fmt.format(results[s].get(key, 0.0)):>24}" for s in sizes))
    big, small = max(results), min(results)
    r = results[big]
    checks = {
        "search p95 <= 15 ms": r["search_p95"] <= 15,
        "topic p95 <= 15 ms": r["topic_p95"] <= 15,
        "autocomplete p95 <= 5 ms": r["suggest_p95"] <= 5,
        "start (saved index) <= 1.5 s": r["saved_s"] <= 1.5,
        "python -m bot search <= 0.5 s": r["cli_s"] <= 0.5,
        ">= 10x plain FTS5": r["fts_search_p95"] / r["search_p95"] >= 10,
        "disk <= 2.5 KB/entry": r["disk_bpe"] <= 2500,
    }
    print(
        f"\nat {big} entries: "
        + ", ".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in checks.items())
    )
    s = results[small]
    ratio = s["fts_search_p95"] / s["search_p95"]
    print(
        f"at {small} entries: not worse than 2x plain FTS5 ({ratio:.2f}x): {'met' if ratio >= 0.5 else 'NOT met'}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated entry counts")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query mix")
    parser.add_argument("--baseline-queries", type=int, default=0, help="0: all (slow at 100k)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the databases")
    parser.add_argument("--measure", metavar="FILE", help=argparse.SUPPRESS)  # child process
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--quality", action="store_true", help="also compare with a rerank of every match (slow)"
    )
    args = parser.parse_args(argv)

    if args.measure:
        figures = asyncio.run(
            measure(Path(args.measure), args.rounds, args.baseline_queries, quality=args.quality)
        )
        print(json.dumps(figures))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        path = OUT / f"search-{size}.db"
        build_s = 0.0
        if args.rebuild or not is_current(path, size):
            print(f"building {size} entries…", file=sys.stderr, flush=True)
            for suffix in ("", "-wal", "-shm", ".json"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            build_s = asyncio.run(build(path, size))
        baseline = args.baseline_queries or (8 if size >= 100_000 else len(SEARCH_QUERIES))
        # On a copy: the measure writes (its edits leave revisions and change-log rows), and
        # every run should start from the database as built.
        run = OUT / f"search-{size}.run.db"
        for suffix in ("", "-wal"):  # (closed cleanly there is no -wal)
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", f"{run}{suffix}")
        try:
            # A fresh process per size: its peak RSS is the service's, not the generator's.
            done = subprocess.run(
                [sys.executable, __file__, "--measure", str(run), "--rounds", str(args.rounds),
                 "--baseline-queries", str(baseline), *(["--quality"] if args.quality else [])],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
        finally:
            for suffix in ("", "-wal", "-shm", ".search-index"):
                Path(f"{run}{suffix}").unlink(missing_ok=True)
        results[size] = {**json.loads(done.stdout), "build_s": build_s}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
