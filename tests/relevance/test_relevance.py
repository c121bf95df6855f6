"""Relevance of search over the real corpora: hit@3 and MRR per query set.

Each corpus is ingested into a fresh SQLite file through the production ingestion (with topic
inference), then every query in its YAML file is run through `SearchService.search`. A query
names its right answers by entry id (`expect`) or by a distinctive title substring
(`expect_title`); any of them counts. The figures are printed whether or not pytest captures
output, and the test fails below hit@3 0.9 or MRR 0.8, listing the misses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.search import SearchHit
from bot.store.database import Database
from tests.helpers_ingest import corpus_dir
from tests.helpers_store import app_services

HERE = Path(__file__).parent
REPO = HERE.parents[1]
CONTENT = REPO / "content"
MIN_HIT_AT_3 = 0.9
MIN_MRR = 0.8
DEPTH = 10  # ranks beyond this count as a miss for MRR


@dataclass(frozen=True, slots=True)
class Case:
    query: str
    ids: tuple[str, ...]
    titles: tuple[str, ...]

    def matches(self, hit: SearchHit) -> bool:
        return hit.id in self.ids or any(t in hit.title for t in self.titles)


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)  # type: ignore[union-attr]


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cases = [
        Case(str(item["q"]), _strings(item.get("expect")), _strings(item.get("expect_title")))
        for item in data.get("queries", [])
    ]
    assert all(c.ids or c.titles for c in cases), f"{path.name}: a query names no right answer"
    return cases


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    hit_at_3: float
    mrr: float
    misses: list[str]


async def evaluate(name: str, sources: Sequence[Path], cases: list[Case], db_path: Path) -> Report:
    db = await Database.open(db_path)
    try:
        services = await app_services(db)
        ingest = await services.ingest.ingest(list(sources))
        assert not ingest.errors, ingest.errors
        assert ingest.added, f"{name}: nothing ingested from {sources}"
        search = services.search
        hits3 = 0
        reciprocal = 0.0
        misses: list[str] = []
        for case in cases:
            result = await search.search(case.query, limit=DEPTH)
            rank = next((i for i, h in enumerate(result.hits, 1) if case.matches(h)), None)
            if rank is not None and rank <= 3:
                hits3 += 1
            reciprocal += 1.0 / rank if rank else 0.0
            if rank != 1:
                top = " | ".join(h.title[:40] for h in result.hits[:3]) or "(nothing)"
                misses.append(f"  rank {rank or '-':>2}  {case.query!r}  top: {top}")
    finally:
        await db.close()
    return Report(name, hits3 / len(cases), reciprocal / len(cases), misses)


def _print(capsys: pytest.CaptureFixture[str], report: Report, count: int) -> None:
    with capsys.disabled():
        print(
            f"\n[relevance] {report.name}: {count} queries  hit@3 {report.hit_at_3:.3f}"
            f"  MRR {report.mrr:.3f}"
        )
        for line in report.misses:
            print(line)


def _check(report: Report) -> None:
    assert report.hit_at_3 >= MIN_HIT_AT_3 and report.mrr >= MIN_MRR, (
        f"{report.name}: hit@3 {report.hit_at_3:.3f} (min {MIN_HIT_AT_3}),"
        f" MRR {report.mrr:.3f} (min {MIN_MRR})\n" + "\n".join(report.misses)
    )


async def test_raw_corpus_relevance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = load_cases(HERE / "corpus_queries.yaml")
    assert len(cases) >= 40
    # The taxonomy comes along so aliases (포폴, 코테, grad school) expand and topics are inferred.
    sources = [CONTENT / "topics.yaml", corpus_dir()]
    report = await evaluate("raw corpus", sources, cases, tmp_path / "corpus.db")
    _print(capsys, report, len(cases))
    _check(report)


async def test_content_relevance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = load_cases(HERE / "content_queries.yaml")
    assert len(cases) >= 40
    report = await evaluate("content/", [CONTENT], cases, tmp_path / "content.db")
    _print(capsys, report, len(cases))
    _check(report)
