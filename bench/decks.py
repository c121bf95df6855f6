"""Daily tip draws as the number of tips grows: the cost of one deal and of a server's deck row.

    python bench/decks.py                     # 1k and 100k tips
    python bench/decks.py --sizes 1000,10000

Each size gets a file database under bench/out/ (tips written through the real bulk upsert);
five servers then deal 40 days each, every deal in its own unit of work as `TipService.tip_for`
runs it (draw and save). Printed: draw p50 / p95 / max in ms (the max is a cycle's first draw),
the ratio of the largest size's p50 to the smallest's (1.0: the cost does not grow with the
tips), and the bytes of a deck row.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.models import EntryDraft, Origin  # noqa: E402
from bot.models.tips import Deck  # noqa: E402
from bot.store.database import Database  # noqa: E402
from bot.store.entries import EntryRepository  # noqa: E402
from bot.store.tips import TipRepository  # noqa: E402
from bot.tips.deck import draw  # noqa: E402

OUT = REPO / "bench" / "out"
NOW = "2026-01-01T00:00:00+00:00"
SERVERS, DAYS = 5, 40


async def tips_db(size: int) -> Database:
    path = OUT / f"decks-{size}.db"
    fresh = not path.exists()
    db = await Database.open(path)
    if fresh:
        for start in range(0, size, 10_000):
            drafts = [
                EntryDraft(id=f"tip-{n:06d}", title=f"tip {n}", body="body", tip=f"tip {n}")
                for n in range(start, min(size, start + 10_000))
            ]
            async with db.transaction() as conn:
                await EntryRepository.upsert_many(
                    conn,
                    [(d, f"h{d.id}", "add") for d in drafts],
                    origin=Origin.FILE,
                    root="/bench",
                    now=NOW,
                    actor="bench",
                )
    return db


async def measure(size: int) -> dict[str, float]:
    db = await tips_db(size)
    store = TipRepository(db)
    times: list[float] = []
    try:
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM tip_decks")
            await conn.execute("DELETE FROM tip_dealt")
        for guild in range(1, SERVERS + 1):
            deck = Deck(seed=f"bench-{guild}")
            for _ in range(DAYS):
                started = time.perf_counter()
                async with store.dealing() as unit:
                    _, deck = await draw(unit, guild, deck)
                    await unit.save_deck(guild, deck, now=dt.datetime.now(dt.UTC))
                times.append((time.perf_counter() - started) * 1000)
        row = await (
            await db.reader.execute(
                "SELECT avg(length(seed) + length(recent) + length(updated_at) + 24) FROM tip_decks"
            )
        ).fetchone()
    finally:
        await db.close()
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[round(0.95 * (len(times) - 1))],
        "max": times[-1],
        "row_bytes": float(row[0]) if row else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000", help="comma-separated tip counts")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = {size: asyncio.run(measure(size)) for size in sizes}
    print(f"{'tips':>8} {'draw p50':>9} {'p95':>7} {'max':>7} {'deck row':>9}")
    for size, r in results.items():
        print(
            f"{size:>8} {r['p50']:>7.2f}ms {r['p95']:>5.2f}ms {r['max']:>5.1f}ms"
            f" {r['row_bytes']:>7.0f} B"
        )
    small, big = results[min(results)], results[max(results)]
    print(f"draw p50 at {max(results)} tips / at {min(results)}: {big['p50'] / small['p50']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
