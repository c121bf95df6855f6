"""Growth of the work an untrusted input can make: each must stay linear in the input's size.

    python bench/linear.py                 # all three
    python bench/linear.py --only markup   # markup | pagination | ingest

Printed per case: the time at the small size, at the large one, their ratio, and the ratio a
linear and a quadratic cost would give; exit status 1 when a ratio passes its bound. These were
tests once; time is a measurement, so they live here (tests hold no timed assertions).
- markup: `read_document` on unclosed markup (80 KB of `** x` took 9 s with the old patterns),
  30 KB against 8x that, best of five, in CPU time;
- pagination: `limits.paginate` on one unbroken word (every page a hard cut), 2 M against 8 M
  characters, relative to one slicing pass over the same text;
- ingest: 2,500 against 10,000 tiny files, cold, into fresh databases, best of two runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.adapter import limits  # noqa: E402
from bot.corpus.documents import DocumentError, read_document  # noqa: E402
from bot.services.ingest import IngestService  # noqa: E402
from bot.store.database import Database  # noqa: E402
from bot.store.ingest_state import SqliteIngestStore  # noqa: E402
from tests.helpers_ingest import StepClock  # noqa: E402
from tests.helpers_markup import HOSTILE  # noqa: E402


def best(work: Callable[[], object], runs: int = 5) -> float:
    """The best of `runs`, in this thread's CPU seconds: other work on a busy machine does not
    inflate it (wall time once gave 24.3x for 8x the text under a full test run)."""
    fastest = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        work()
        fastest = min(fastest, time.thread_time() - start)
    return fastest


def parse(text: str) -> None:
    # "no advice text" is a fine answer; the time is what is measured.
    with contextlib.suppress(DocumentError):
        read_document(text.encode(), display_path="hostile.md")


def markup_cases() -> list[tuple[str, float, float, int, int]]:
    """(name, small s, large s, size ratio, bound): 8x the text, linear 8x, quadratic 64x."""
    rng = random.Random(7)
    alphabet = ["**", "*", "__", "`", "<b>", "</b>", "<h3>", "{{", "}}", "{%", "%}", "<!--"]
    alphabet += ["-->", "<a href='x'>", "</a>", "[", "](", ")", "![", "\n", " ", "가", "x", ": :"]
    pieces = {**HOSTILE, "random": "".join(rng.choice(alphabet) for _ in range(2_000))}
    rows = []
    for name, piece in pieces.items():
        small = piece * (30_000 // len(piece))
        large = piece * (30_000 * 8 // len(piece))
        times = [best(functools.partial(parse, text)) for text in (small, large)]
        rows.append((f"markup {name}", times[0], times[1], 8, 24))
    return rows


def pagination_case() -> tuple[str, float, float, int, float]:
    """Pagination over one slicing pass of the same text (cache effects grow alike): linear
    keeps the relative cost flat, quadratic makes it 4x at 4x the size."""

    def relative(text: str) -> float:
        baseline = best(lambda: [text[i : i + 4000] for i in range(0, len(text), 4000)])
        return best(lambda: limits.paginate(text)) / max(baseline, 1e-6)

    small, large = relative("가" * 2_000_000), relative("가" * 8_000_000)
    return ("pagination (relative cost)", small, large, 1, 2.5)


async def cold_ingest(folder: Path, db_path: Path, files: int) -> float:
    db = await Database.open(db_path)
    try:
        start = time.perf_counter()
        service = IngestService(SqliteIngestStore(db), clock=StepClock(), workers=0)
        report = await service.ingest([folder])
        seconds = time.perf_counter() - start
    finally:
        await db.close()
    assert report.errors == [] and report.files == files, report.errors[:3]
    return seconds


async def ingest_case(count: int = 10_000) -> tuple[str, float, float, int, int]:
    """4x the files, parsed in this process so both sizes run alike: linear 4x, quadratic 16x."""
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (count // 4, count):
            folder = Path(tmp) / f"tiny-{size}"
            folder.mkdir()
            for n in range(size):
                text = f"# 팁 {n}\n\n짧은 조언 {n}번입니다.\n"
                (folder / f"t{n:05d}.md").write_text(text, "utf-8")
            runs = [await cold_ingest(folder, Path(tmp) / f"{size}-{r}.db", size) for r in range(2)]
            seconds[size] = min(runs)
    return (f"ingest {count:,} tiny files", seconds[count // 4], seconds[count], 4, 8)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["markup", "pagination", "ingest"])
    args = parser.parse_args()
    rows: list[tuple[str, float, float, float, float]] = []
    if args.only in (None, "markup"):
        rows += markup_cases()
    if args.only in (None, "pagination"):
        rows.append(pagination_case())
    if args.only in (None, "ingest"):
        rows.append(asyncio.run(ingest_case()))
    failed = 0
    print(f"{'case':34} {'small':>10} {'large':>10} {'ratio':>7}  linear / bound")
    for name, small, large, linear, bound in rows:
        ratio = large / max(small, 0.001 if linear > 1 else 1e-6)
        over = ratio >= bound
        failed += over
        print(
            f"{name:34} {small:10.4f} {large:10.4f} {ratio:6.1f}x  {linear}x / <{bound}x"
            + ("  NOT met" if over else "")
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
