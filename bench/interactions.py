"""Interaction latency benchmark: the real bot answering /advice through the local emulator.

    python bench/interactions.py                 # 200 lookups, sequential and 20 at once; a table
    python bench/interactions.py --json          # one JSON object
    python bench/interactions.py --lookups 1000 --concurrency 50

Measured per interaction by the emulator: from sending INTERACTION_CREATE on the gateway to
receiving the bot's interaction callback (POST /interactions/{id}/{token}/callback). Discord
drops a response that arrives after 3 s, so that is the limit the figures are shown against.

What runs is what production runs: discord.py's gateway and HTTP client, SunbaeBot with its
cogs, the search service on SQLite (WAL, reader connection) over the shipped corpus, with the
per-user cooldown off. The emulator shares the process and the event loop with the bot, so its
own work (JSON, websocket frames, HTTP parsing) is included: real figures on Discord add the
network round trips but not this overhead.

Scenarios:
  sequential   one /advice at a time, varied queries (Korean, English, typos, jamo, no match)
  concurrent   the same queries, `--concurrency` interactions in flight at once (gather)
  autocomplete the query option's suggestions while typing, one at a time (also 3 s on Discord)
  discuss open /discuss for an entry with no thread yet: a starter message and a thread are made
  discuss link /discuss for an entry whose thread exists: the thread is checked, its link given
  discuss x20  `--concurrency` members /discuss the same new entry at once (one thread, N links)

/discuss defers (it calls Discord before it can answer), so for it two figures count: the
callback (the 3 s rule) and "answer", until the deferred reply is filled in with the link.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.emulator import EmulatorError, InteractionResult, Member  # noqa: E402
from bot.sandbox.harness import Harness  # noqa: E402
from bot.settings import Settings  # noqa: E402

DISCORD_LIMIT_S = 3.0

QUERIES = [
    "대학원", "대학원 가야 하나요", "석사 필요", "포트폴리오", "포폴 어떻게", "캐글", "kaggle",
    "코딩테스트 준비", "기술 면접", "이력서 쓰는 법", "자소서", "인턴 어디서", "비전공자 취업",
    "LLM 공부", "MLOps", "논문 구현", "연구자 vs 엔지니어", "첫 직장", "스타트업", "부트캠프",
    "팀 프로젝트 무임승차", "데이터 엔지니어", "grad school", "portfolio", "interview",
    "resume tips", "internship", "career change", "대학언", "포트폴리우", "ㅇㄹㅅ", "대학ㅇ",
    "면접에서 모르는 질문", "AI 트렌드", "도메인 고르기", "수학 얼마나", "깃허브 잔디",
    "블로그", "zzqqxx", "나이 많은데 AI",
]  # fmt: skip
TYPING = ["대", "대학", "대학ㅇ", "대학원", "ㅍ", "포폴", "kag", "kaggle", "ㅇㄹㅅ", "이력", ""]


def percentiles(data: Sequence[float]) -> dict[str, float]:
    ordered = sorted(data)
    if len(ordered) == 1:
        only = ordered[0]
        return {"count": 1, "p50": only, "p95": only, "max": only, "mean": only}
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "count": len(ordered),
        "p50": q[49],
        "p95": q[94],
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


async def _lookup(h: Harness, query: str, user: Member) -> InteractionResult:
    res = await h.emu.slash("advice", {"query": query}, user=user, channel=h.channel, within=10)
    if res.latency is None:
        raise RuntimeError(f"no callback for {query!r}")
    return res


async def sequential(h: Harness, n: int) -> tuple[list[float], int]:
    latencies, late = [], 0
    for query in itertools.islice(itertools.cycle(QUERIES), n):
        try:
            latencies.append((await _lookup(h, query, h.camper)).latency or 0.0)
        except EmulatorError:  # the emulator refuses a callback after 3 s, as Discord does
            late += 1
    return latencies, late


async def concurrent(
    h: Harness, n: int, width: int, users: Sequence[Member]
) -> tuple[list[float], int]:
    latencies, late = [], 0
    queries = list(itertools.islice(itertools.cycle(reversed(QUERIES)), n))
    for start in range(0, n, width):
        batch = queries[start : start + width]
        results = await asyncio.gather(
            *(_lookup(h, q, users[i % len(users)]) for i, q in enumerate(batch)),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, EmulatorError):
                late += 1
            elif isinstance(result, BaseException):
                raise result
            else:
                latencies.append(result.latency or 0.0)
    return latencies, late


async def autocomplete(h: Harness, n: int) -> tuple[list[float], int]:
    latencies = []
    for typed in itertools.islice(itertools.cycle(TYPING), n):
        before = len(h.emu.latencies)
        await h.emu.autocomplete(
            "advice", {"query": typed}, focused="query", user=h.camper, channel=h.channel
        )
        latencies.extend(h.emu.latencies[before:])
    return latencies, 0


async def _discuss(h: Harness, entry: str, user: Member) -> tuple[float, float]:
    """(callback latency, time until the link is in the reply) of one /discuss."""
    began = time.perf_counter()
    res = await h.emu.slash("discuss", {"entry": entry}, user=user, channel=h.channel, within=10)
    final = await res.wait_final(within=10)
    if res.latency is None or final is None or "<#" not in final.get("content", ""):
        raise RuntimeError(f"/discuss {entry!r} gave no link: {final}")
    return res.latency, time.perf_counter() - began


async def discuss_each(
    h: Harness, entries: Sequence[str], user: Member
) -> tuple[list[float], list[float]]:
    pairs = [await _discuss(h, entry, user) for entry in entries]
    return [p[0] for p in pairs], [p[1] for p in pairs]


async def discuss_crowd(
    h: Harness, entries: Sequence[str], users: Sequence[Member]
) -> tuple[list[float], list[float]]:
    callbacks, answers = [], []
    for entry in entries:
        pairs = await asyncio.gather(*(_discuss(h, entry, u) for u in users))
        callbacks += [p[0] for p in pairs]
        answers += [p[1] for p in pairs]
    return callbacks, answers


async def discussions(
    h: Harness, n: int, users: Sequence[Member], cohort_channel: Any
) -> list[dict[str, Any]]:
    """/discuss in a cohort whose channel is #ai-lab: opening, linking, and a crowd."""
    await h.emu.slash(
        "cohort create", {"name": "AI Lab 3기", "channel": cohort_channel}, user=h.moderator
    )
    ids = await h.services.entries.live_ids()
    crowd = max(1, min(10, len(ids) // 4))
    opening = ids[: min(n, len(ids) - crowd)]
    rows = []
    linking = list(itertools.islice(itertools.cycle(opening), n))
    scenarios: list[tuple[str, Callable[[], Awaitable[tuple[list[float], list[float]]]]]] = [
        ("discuss open", lambda: discuss_each(h, opening, h.camper)),
        ("discuss link", lambda: discuss_each(h, linking, h.camper)),
        (f"discuss x{len(users)}", lambda: discuss_crowd(h, ids[-crowd:], users)),
    ]
    for name, scenario in scenarios:
        began = time.perf_counter()
        callbacks, answers = await scenario()
        wall = time.perf_counter() - began
        rows.append(
            {
                "scenario": name,
                **percentiles(callbacks),
                "late": 0,
                "throughput_per_s": len(callbacks) / wall if wall else 0.0,
                "answer": percentiles(answers),
            }
        )
    threads = len(h.emu.threads(cohort_channel))
    expected = len(opening) + crowd
    if threads != expected:
        raise RuntimeError(f"{threads} threads for {expected} entries: a duplicate or a miss")
    return rows


async def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sunbae-bench-") as folder:
        settings = Settings(
            token=None,
            db_path=Path(folder) / "bench.db",
            content_paths=(Path(args.content),),
            lookup_cooldown=0.0,
        )
        started = time.perf_counter()
        h = await Harness.start(settings, settle=True)  # as the bot runs
        startup = time.perf_counter() - started
        try:
            stats = await h.services.entries.stats()
            users = [h.camper] + [
                h.emu.add_member(h.guild, f"camper{i}", locale="ko")
                for i in range(1, args.concurrency)
            ]
            cold = (await _lookup(h, "대학원", h.camper)).latency or 0.0
            for query in QUERIES[:10]:  # warm the search snapshot and discord.py's caches
                await _lookup(h, query, h.camper)
            scenarios: list[tuple[str, Callable[[], Awaitable[tuple[list[float], int]]]]] = [
                ("sequential", lambda: sequential(h, args.lookups)),
                (
                    f"concurrent x{args.concurrency}",
                    lambda: concurrent(h, args.lookups, args.concurrency, users),
                ),
                ("autocomplete", lambda: autocomplete(h, args.lookups)),
            ]
            lab = h.emu.add_text_channel(h.guild, "ai-lab")
            results = []
            for name, scenario in scenarios:
                began = time.perf_counter()
                latencies, late = await scenario()
                wall = time.perf_counter() - began
                results.append(
                    {
                        "scenario": name,
                        **percentiles(latencies),
                        "late": late,
                        "throughput_per_s": len(latencies) / wall if wall else 0.0,
                    }
                )
            results += await discussions(h, args.lookups, users, lab)
        finally:
            await h.close()
    return {
        "limit_s": DISCORD_LIMIT_S,
        "corpus": {"entries": stats["entries"], "topics": stats["topics"]},
        "startup_s": startup,
        "first_lookup_s": cold,
        "lookups": args.lookups,
        "concurrency": args.concurrency,
        "results": results,
        "python": sys.version.split()[0],
    }


def print_table(report: dict[str, Any]) -> None:
    limit = report["limit_s"]
    corpus = report["corpus"]
    print(
        f"sunbae interactions: {corpus['entries']} entries, {corpus['topics']} topics · "
        f"bot start-up {report['startup_s']:.2f} s · first lookup {report['first_lookup_s'] * 1000:.1f} ms"
    )
    print(f"INTERACTION_CREATE -> callback, Discord's limit {limit:.0f} s\n")
    header = (
        f"{'scenario':<16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'p95/limit':>10} {'late':>5} {'per s':>7} {'answer p50/p95 ms':>18}"
    )
    print(header)
    print("-" * len(header))
    for r in report["results"]:
        share = r["p95"] / limit
        print(
            f"{r['scenario']:<16} {r['count']:>5} {r['p50'] * 1000:>8.1f} {r['p95'] * 1000:>8.1f}"
            f" {r['max'] * 1000:>8.1f} {share:>9.1%} {r['late']:>5} {r['throughput_per_s']:>7.0f}"
            + (
                f" {r['answer']['p50'] * 1000:>8.1f}/{r['answer']['p95'] * 1000:<8.1f}"
                if "answer" in r
                else ""
            )
        )
    worst = max(r["max"] for r in report["results"])
    verdict = "within" if worst < limit else "OVER"
    print(f"\nslowest response {worst * 1000:.1f} ms: {verdict} Discord's {limit:.0f} s limit")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lookups", type=int, default=200, help="lookups per scenario")
    parser.add_argument("--concurrency", type=int, default=20, help="interactions in flight")
    parser.add_argument("--content", default=str(REPO / "content"), help="content folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    report = asyncio.run(run(args))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    late = sum(r["late"] for r in report["results"])
    return 1 if late else 0


if __name__ == "__main__":
    raise SystemExit(main())
