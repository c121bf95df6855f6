"""Ingest benchmark: N synthetic advice files, cold and incremental runs, time and memory.

    python bench/ingest.py                      # 1k and 10k files, a table
    python bench/ingest.py --sizes 1000 --json  # one JSON object

The files are like the real ones: half curated entries (YAML frontmatter with an id, topics,
source, Korean body with bullets), half Jekyll posts with several `##` sections, Q&A bullets,
`<br>`/`<b>`/`<img src="{{site.url}}…">` markup and Kramdown `: :` lines. The real taxonomy
(content/topics.yaml) is used when present, so topic inference runs as in production.

Phases, on one database per size:
  cold      empty database, every file read, parsed and written
  nochange  the same files again: one stat() per file, nothing written
  touch1%   1% of the files get a new mtime, same bytes: read and hashed, nothing written
  edit1%    1% of the files change one line: those files re-parsed, their changed entries written
  edit1     one file changes one line (the everyday run)
  serial    baseline, measured in the same run: a cold ingest of the same files into a second
            empty database, parsed in this one process (no parser processes); `cold` is shown
            as a ratio to it

Every phase also reports the longest single write transaction it held (`lock s`: how long the
bot's own writes could have waited on it) and the latency of short writes made meanwhile by
another process (a `/tip-config set` through the tip store, every 50 ms: `write p50/max ms`).

Each size runs in its own process (so max RSS is that size's), first for time, then again under
tracemalloc for the Python peak (tracemalloc slows allocation, so it is not timed).
Targets on a 2-core machine: 10k files cold < 10 s; 10k files nochange < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiosqlite

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.models.tips import TipSettings  # noqa: E402
from bot.search import TopicMatcher  # noqa: E402
from bot.services.ingest import IngestService  # noqa: E402
from bot.store.database import Database  # noqa: E402
from bot.store.ingest_state import SqliteIngestStore  # noqa: E402
from bot.store.tips import TipRepository  # noqa: E402

PHASES = ("cold", "nochange", "touch1%", "edit1%", "edit1", "serial")
TARGETS = {("cold", 10_000): 10.0, ("nochange", 10_000): 1.0}

FALLBACK_TAXONOMY = """\
topics:
  - {id: grad-school, ko: 대학원, en: Grad school, aliases: [석사, 박사, 학위]}
  - {id: portfolio, ko: 포트폴리오, en: Portfolio, aliases: [깃허브, 블로그, 프로젝트]}
  - {id: interview, ko: 면접, en: Interviews, aliases: [기술 면접, 코딩 테스트, 코테]}
  - {id: resume, ko: 이력서, en: Resume, aliases: [자소서, 자기소개서]}
  - {id: kaggle, ko: 경진대회, en: Competitions, aliases: [캐글, 대회]}
  - {id: career-switch, ko: 비전공, en: Career switch, aliases: [전직, 비전공자]}
"""

SUBJECTS = [
    "대학원 진학", "포트폴리오", "기술 면접", "코딩 테스트", "이력서", "캐글 대회", "비전공자 취업",
    "논문 구현", "MLOps", "LLM 파인튜닝", "데이터 엔지니어", "모델 경량화", "인턴십", "오픈소스",
]  # fmt: skip
SENTENCES = [
    "{s}은(는) 생각보다 일찍 준비하는 것이 좋습니다.",
    "현업에서는 {s} 경험을 문제 해결 과정 중심으로 봅니다.",
    "{s}에 대해 너무 걱정하지 말고 작은 것부터 시작하세요.",
    "선배들은 {s}을(를) 할 때 기록을 꼭 남기라고 조언했습니다.",
    "면접관은 {s} 이야기를 들으면 왜 그렇게 했는지를 다시 묻습니다.",
    "{s}은(는) 정답이 없으니 주변의 다양한 이야기를 들어보세요.",
    "결국 중요한 것은 {s}을(를) 통해 무엇을 배웠는지입니다.",
]
QUESTIONS = [
    "{s}, 꼭 해야 하나요?",
    "{s}을(를) 준비하려면 어떻게 해야 할까요?",
    "{s}에서 가장 중요한 역량은 무엇인가요?",
    "신입에게 {s}은(는) 얼마나 중요한가요?",
]


def _sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(s=rng.choice(SUBJECTS))


def _paragraph(rng: random.Random, n: int) -> str:
    return " ".join(_sentence(rng) for _ in range(n))


def curated_file(rng: random.Random, number: int, topic_ids: list[str]) -> str:
    subject = rng.choice(SUBJECTS)
    topics = rng.sample(topic_ids, k=min(len(topic_ids), rng.randint(1, 2)))
    bullets = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5)))
    return (
        "---\n"
        f"id: bench-entry-{number:06d}\n"
        f'title: "{subject}에 대한 선배의 조언 #{number}"\n'
        f"kind: {rng.choice(['qa', 'tip', 'insight'])}\n"
        f"topics: [{', '.join(topics)}]\n"
        f"tags: [{subject}, 취업]\n"
        f"tip: {subject}은(는) 오늘 바로 작은 것부터 시작하세요.\n"
        "source:\n"
        f"  speaker: 선배 {number % 97}\n"
        f"  event: 마스터클래스 {number % 13}\n"
        f"  date: 2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n"
        "---\n\n"
        f"{_paragraph(rng, 3)}\n\n{bullets}\n\n{_paragraph(rng, 2)}\n"
    )


def post_file(rng: random.Random, number: int) -> str:
    parts = [
        "---\nlayout: single\n",
        f'title: "[부스트캠프 / Day{number % 40}] 특강 정리 {number}"\n',
        f"date: 2023-{number % 12 + 1:02d}-{number % 28 + 1:02d} 20:00:00 +0900\n",
        "categories: [boostcamp, 특강]\ntags: [AI, 취업]\n---\n\n",
        f"{_paragraph(rng, 1)}\n\n",
    ]
    for section in range(rng.randint(3, 6)):
        subject = rng.choice(SUBJECTS)
        parts.append(f"## {section + 1}. {subject} 이야기\n\n")
        if section == 0:
            parts.append(
                f'<img src="{{{{site.url}}}}/images/{number}/{section}.png" width="1200">\n\n'
            )
        parts.append(f"{_paragraph(rng, rng.randint(2, 4))}<br><br>\n")
        parts.append(f": : <b>{_sentence(rng)}</b>\n: : {_sentence(rng)}\n\n")
    parts.append("## 질의응답\n\n")
    for _ in range(rng.randint(2, 5)):
        parts.append(f"- {rng.choice(QUESTIONS).format(s=rng.choice(SUBJECTS))}\n")
        for _ in range(rng.randint(1, 3)):
            parts.append(f"  - {_sentence(rng)}\n")
    return "".join(parts)


def make_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    taxonomy = REPO / "content" / "topics.yaml"
    text = taxonomy.read_text("utf-8") if taxonomy.is_file() else FALLBACK_TAXONOMY
    (folder / "topics.yaml").write_text(text, encoding="utf-8")
    import yaml

    topic_ids = [t["id"] for t in yaml.safe_load(text)["topics"]]
    files: list[Path] = []
    for number in range(count):
        sub = folder / f"batch-{number // 250:03d}"
        sub.mkdir(exist_ok=True)
        if number % 2 == 0:
            path = sub / f"entry-{number:06d}.md"
            path.write_text(curated_file(rng, number, topic_ids), encoding="utf-8")
        else:
            path = sub / f"post-{number:06d}.md"
            path.write_text(post_file(rng, number), encoding="utf-8")
        files.append(path)
    return files


def touch(files: list[Path], fraction: float, *, edit: bool, seed: int) -> int:
    rng = random.Random(seed)
    chosen = rng.sample(files, k=max(1, int(len(files) * fraction)))
    for path in chosen:
        stat = path.stat()
        if edit:
            path.write_text(
                path.read_text("utf-8") + f"\n추가된 한 줄 {seed}입니다.\n", encoding="utf-8"
            )
        later = stat.st_mtime_ns + 5_000_000_000
        os.utime(path, ns=(later, later))
    return len(chosen)


def time_transactions(db: Database) -> list[float]:
    """Record how long each write transaction on `db` holds the lock (from BEGIN IMMEDIATE to
    the end of its COMMIT): the longest is what another writer may have waited."""
    holds: list[float] = []
    real = db.transaction

    @contextlib.asynccontextmanager
    async def timed() -> AsyncIterator[aiosqlite.Connection]:
        async with real() as conn:
            started = time.perf_counter()
            yield conn
        holds.append(time.perf_counter() - started)

    db.transaction = timed  # type: ignore[method-assign]
    return holds


async def short_writes(db_path: str) -> None:
    """Another process (the bot): a /tip-config save every 50 ms until stdin closes; prints the
    latencies (ms) of the saves made and the number refused ("database is locked" after the
    bot's BUSY_TIMEOUT_MS) as one JSON object."""
    db = await Database.open(db_path, migrate=False)
    tips = TipRepository(db)
    now = dt.datetime.now(dt.UTC)
    latencies: list[float] = []
    refused = 0
    stop = asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    try:
        number = 0
        while not stop.done():
            number += 1
            settings = TipSettings(1, 2, f"{number % 24:02d}:00", "Asia/Seoul", True, False,
                                   None, None, None, now)  # fmt: skip
            started = time.perf_counter()
            try:
                await tips.save_settings(settings, now=now)
            except sqlite3.OperationalError:
                refused += 1  # what the bot's command would have answered with an error
            else:
                latencies.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.05)
    finally:
        await db.close()
    print(json.dumps({"ms": latencies, "refused": refused}))


@contextlib.contextmanager
def writer_beside(db_path: Path) -> Iterator[dict[str, Any]]:
    """Run `short_writes` in another process for the block; yields the dict it fills at the end
    (`ms`: latencies, `refused`: saves that gave up)."""
    result: dict[str, Any] = {}
    proc = subprocess.Popen(
        [sys.executable, __file__, "--writer", str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.0)  # it has opened the database and written once
    try:
        yield result
    finally:
        out, _ = proc.communicate("", timeout=60)
        result.update(json.loads(out or "{}"))


async def run_phases(
    count: int, *, memory: bool, infer: bool, phases: tuple[str, ...] = PHASES
) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="sunbae-bench-") as tmp:
        folder = Path(tmp) / "advice"
        files = make_corpus(folder, count)
        db = await Database.open(Path(tmp) / "bench.db")
        baseline = await Database.open(Path(tmp) / "serial.db")
        try:
            for phase in phases:
                if phase == "touch1%":
                    touch(files, 0.01, edit=False, seed=1)
                elif phase == "edit1%":
                    touch(files, 0.01, edit=True, seed=2)
                elif phase == "edit1":
                    touch(files, 0.0, edit=True, seed=3)  # max(1, 0): one file
                workers = 0 if phase == "serial" else None
                target = baseline if phase == "serial" else db
                inferer = TopicMatcher if infer else None
                service = IngestService(
                    SqliteIngestStore(target), topic_inferer=inferer, workers=workers
                )
                holds = time_transactions(target)
                beside: contextlib.AbstractContextManager[dict[str, Any]] = (
                    writer_beside(target.path)
                    if not memory and phase != "serial"
                    else contextlib.nullcontext({})
                )
                if memory:
                    tracemalloc.start()
                with beside as writes:
                    started = time.perf_counter()
                    report = await service.ingest([folder])
                    elapsed = time.perf_counter() - started
                del target.transaction  # the class's again
                row: dict[str, float] = {
                    "seconds": elapsed,
                    "files_per_s": count / elapsed if elapsed else 0.0,
                    "added": report.added,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "errors": len(report.errors),
                    "longest_lock_s": max(holds, default=0.0),
                    "transactions": len(holds),
                }
                if writes:
                    row["write_p50_ms"] = statistics.median(writes["ms"] or [0.0])
                    row["write_max_ms"] = max(writes["ms"] or [0.0])
                    row["writes"] = len(writes["ms"])
                    row["writes_refused"] = writes["refused"]
                if memory:
                    row["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
                    tracemalloc.stop()
                results[phase] = row
        finally:
            await db.close()
            await baseline.close()
    return results


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def one_size(count: int, infer: bool) -> dict[str, object]:
    timed = asyncio.run(run_phases(count, memory=False, infer=infer))
    rss = max_rss_mb()
    # The baseline's memory is not of interest (and tracemalloc would double its time).
    traced = asyncio.run(run_phases(count, memory=True, infer=infer, phases=PHASES[:-1]))
    for phase in PHASES:
        timed[phase]["tracemalloc_peak_mb"] = traced.get(phase, {}).get("tracemalloc_peak_mb", 0.0)
    cold_vs_serial = timed["serial"]["seconds"] / timed["cold"]["seconds"]
    return {"files": count, "max_rss_mb": rss, "cold_vs_serial": cold_vs_serial, "phases": timed}


def print_table(results: list[dict[str, object]]) -> None:
    header = (
        f"{'files':>7} {'phase':<9} {'seconds':>8} {'files/s':>9} {'added':>7} {'updated':>7}"
        f" {'lock s':>7} {'write p50/max ms':>16} {'py peak MB':>10} {'max RSS MB':>10}  target"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        count = int(result["files"])  # type: ignore[call-overload]
        phases: dict[str, dict[str, float]] = result["phases"]  # type: ignore[assignment]
        for phase in PHASES:
            row = phases[phase]
            target = TARGETS.get((phase, count))
            verdict = ""
            if target is not None:
                ok = row["seconds"] < target
                verdict = f"< {target:g} s {'ok' if ok else 'MISSED'}"
            if phase == "cold":
                verdict += f"  ({result['cold_vs_serial']:.1f}x faster than serial)"
            writes = (
                f"{row['write_p50_ms']:.0f} / {row['write_max_ms']:.0f}"
                + (f" ({row['writes_refused']:.0f} refused)" if row["writes_refused"] else "")
                if "writes" in row
                else "-"
            )
            print(
                f"{count:>7} {phase:<9} {row['seconds']:>8.3f} {row['files_per_s']:>9.0f}"
                f" {int(row['added']):>7} {int(row['updated']):>7}"
                f" {row['longest_lock_s']:>7.2f} {writes:>16}"
                f" {row['tracemalloc_peak_mb']:>10.1f} {result['max_rss_mb']:>10.1f}  {verdict}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated file counts")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--no-infer", action="store_true", help="skip topic inference (IngestService alone)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    parser.add_argument("--writer", help=argparse.SUPPRESS)  # a child process: short writes
    args = parser.parse_args(argv)
    if args.writer:
        asyncio.run(short_writes(args.writer))
        return 0
    infer = not args.no_infer
    if args.one:
        print(json.dumps(one_size(args.one, infer)))
        return 0
    results = []
    for count in (int(s) for s in args.sizes.split(",") if s.strip()):
        command = [sys.executable, __file__, "--one", str(count)]
        if not infer:
            command.append("--no-infer")
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout))
    missed = [
        f"{phase} {count}"
        for result in results
        for phase, row in result["phases"].items()
        if (target := TARGETS.get((phase, count := result["files"]))) and row["seconds"] >= target
    ]
    if args.json:
        print(
            json.dumps({"topic_inference": infer, "results": results, "missed": missed}, indent=2)
        )
    else:
        print_table(results)
        print(f"topic inference: {'on' if infer else 'off'}; targets missed: {missed or 'none'}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
