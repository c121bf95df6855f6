"""Insights benchmark: what recording costs /advice, and what reading a big log costs moderators.

    python bench/insights.py                     # 400 lookups on/off, 1,000,000 recorded lookups
    python bench/insights.py --lookups 200 --log 100000 --json

1. /advice with recording on versus off, in the same run: the real bot on the emulator, lookups
   alternating on/off (so both see the same warm caches and the same machine load), latency from
   INTERACTION_CREATE to the bot's callback as the emulator measures it. Target: p95 differs by
   at most 1 ms. Also the bare cost of `recorder.lookup()` (what the reply path pays).
2. /insights overview and gaps on `--log` recorded lookups (one busy server over 90 days, a
   Zipf mix of 5,000 wordings, a fifth finding nothing; another server beside it): the time of
   the service calls the command makes (the chart is timed apart).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from interactions import QUERIES, percentiles  # noqa: E402

from bot.app import bootstrap  # noqa: E402
from bot.insights.chart import chart_text, render_overview  # noqa: E402
from bot.models.insights import Lookup  # noqa: E402
from bot.sandbox.harness import Harness  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store.database import Database  # noqa: E402
from bot.store.insights import SqliteInsightsRepository  # noqa: E402

BUSY, QUIET = 900_000_000_000_000_001, 900_000_000_000_000_002
SEOUL = ZoneInfo("Asia/Seoul")  # the bot's default zone: the days these servers file under
TOPICS = ["grad-school", "portfolio", "interview", "resume", "kaggle-competitions", "career"]


async def recording_cost(lookups: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=Path(tmp) / "bench.db", lookup_cooldown=0.0)
        h = await Harness.start(settings, settle=True)  # as the bot runs
        try:
            recorder = h.services.insights.recorder
            for query in QUERIES[:10]:  # warm up: index, caches, the first write
                await h.emu.slash("advice", {"query": query}, user=h.camper)
            times: dict[bool, list[float]] = {True: [], False: []}
            for n in range(lookups):
                recorder.enabled = n % 2 == 0
                res = await h.emu.slash(
                    "advice", {"query": QUERIES[n % len(QUERIES)]}, user=h.camper
                )
                times[recorder.enabled].append((res.latency or 0.0) * 1000)
            recorder.enabled = True
            await recorder.flush()
            started = time.perf_counter()
            calls = 5_000  # within the queue's bound
            for n in range(calls):
                recorder.lookup(1, "advice", QUERIES[n % len(QUERIES)], outcome="shown",
                                results=["a", "b", "c"], user_id=n)  # fmt: skip
            per_call_us = (time.perf_counter() - started) / calls * 1e6
            await recorder.flush()
        finally:
            await h.close()
    on, off = percentiles(times[True]), percentiles(times[False])
    return {
        "on_ms": on,
        "off_ms": off,
        "p95_difference_ms": on["p95"] - off["p95"],
        "p50_difference_ms": on["p50"] - off["p50"],
        "lookup_call_us": per_call_us,
    }


def _wordings(n: int) -> list[str]:
    stems = ["대학원", "포폴", "코테", "면접", "이력서", "캐글", "인턴", "취업", "LLM", "MLOps"]
    tails = ["준비", "어떻게", "추천", "후기", "질문", "기간", "비전공", "팁", "순서", "필요"]
    out = []
    for i in range(n):
        a, b = stems[i % len(stems)], tails[(i // len(stems)) % len(tails)]
        out.append(f"{a} {b} {i}")
    return out


async def big_log(size: int) -> dict[str, Any]:
    rng = random.Random(17)
    now = dt.datetime.now(dt.UTC)
    wordings = _wordings(5_000)
    weights = [1 / (rank + 1) for rank in range(len(wordings))]  # Zipf
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "log.db")
        store = SqliteInsightsRepository(db)
        started = time.perf_counter()
        batch: list[Lookup] = []
        picks = rng.choices(range(len(wordings)), weights=weights, k=size)
        for n, pick in enumerate(picks):
            at = now - dt.timedelta(seconds=rng.uniform(0, 89 * 86400))
            found = rng.random() > 0.2
            query = wordings[pick]
            batch.append(Lookup(
                id=secrets.randbits(62) + 1, guild_id=BUSY if n % 20 else QUIET, at=at,
                day=at.astimezone(SEOUL).date(), command="advice", query=query, query_key=query,
                outcome="shown" if found else "none",
                results=tuple(f"entry-{(pick + r) % 300}" for r in range(3)) if found else (),
                topic=TOPICS[pick % len(TOPICS)] if found else None, asker=rng.randrange(3000),
            ))  # fmt: skip
            if len(batch) == 10_000:
                await store.write(batch, [])
                batch = []
        await store.write(batch, [])
        write_s = time.perf_counter() - started
        services = await bootstrap(Settings(db_path=db.path, content_paths=()), db=db)
        insights = services.insights
        timings: dict[str, float] = {}
        try:
            for days in (7, 30, 90):
                period = await insights.period(BUSY, days)  # the server's own days
                began = time.perf_counter()
                overview = await insights.overview(BUSY, period)
                timings[f"overview_{days}d_s"] = time.perf_counter() - began
                timings[f"lookups_{days}d"] = overview.lookups
            began = time.perf_counter()
            await insights.gaps(BUSY, await insights.period(BUSY, 7))
            timings["gaps_7d_s"] = time.perf_counter() - began
            began = time.perf_counter()
            render_overview(overview, chart_text("ko", 90))
            timings["chart_s"] = time.perf_counter() - began
            size_mb = db.path.stat().st_size / 1e6
        finally:
            await services.close()
    return {"lookups": size, "write_s": write_s, "db_mb": size_mb, **timings}


async def run(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "recording": await recording_cost(args.lookups),
        "big_log": await big_log(args.log),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lookups", type=int, default=400)
    parser.add_argument("--log", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = asyncio.run(run(args))
    if args.json:
        print(json.dumps(report, indent=2))
        return
    rec, log = report["recording"], report["big_log"]
    print(f"/advice callback, {args.lookups} lookups alternating recording on/off (ms):")
    for name in ("on_ms", "off_ms"):
        p = rec[name]
        print(f"  {name[:-3]:>3}: p50 {p['p50']:.2f}  p95 {p['p95']:.2f}  max {p['max']:.2f}")
    print(f"  p95 difference {rec['p95_difference_ms']:+.2f} ms (target ≤ 1 ms), "
          f"p50 {rec['p50_difference_ms']:+.2f} ms; recorder.lookup() {rec['lookup_call_us']:.1f} µs")  # fmt: skip
    print(
        f"{log['lookups']:,} recorded lookups ({log['db_mb']:.0f} MB, written in {log['write_s']:.0f} s):"
    )
    for days in (7, 30, 90):
        print(f"  overview {days:2d} days ({log[f'lookups_{days}d']:,} lookups): {log[f'overview_{days}d_s']:.2f} s")  # fmt: skip
    print(f"  gaps 7 days: {log['gaps_7d_s']:.2f} s · chart: {log['chart_s']:.2f} s")


if __name__ == "__main__":
    main()
