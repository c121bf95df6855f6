"""Figures per held-out batch: `python -m tests.relevance.batches [-v]`.

The README's relevance table gives each batch of `heldout_queries.yaml` its own row. This splits
the file at its `# -- batch N` / `# batch N` comments (what comes before the first is batch 1),
runs every part through `test_questions._evaluate` (the same search, ranks and "no match" the
test counts) over one ingest of content/, and prints the tuned set, the whole held-out file and
each batch; `-v` lists the misses and the out-of-scope questions answered.
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
from pathlib import Path

from bot.store.database import Database
from tests.helpers_store import app_services
from tests.relevance.test_questions import CONTENT, HELD_OUT, HERE, Report, _evaluate

BATCH = re.compile(r"\s*# (?:-- )?batch (\d+)")


def split(path: Path) -> dict[int, tuple[list[str], list[str]]]:
    """The item lines of each batch: (in scope, out of scope)."""
    parts: dict[int, tuple[list[str], list[str]]] = {}
    batch, scope = 1, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("queries:", "out_of_scope:")):
            batch, scope = 1, int(line.startswith("out_of_scope:"))
        elif mark := BATCH.match(line):
            batch = int(mark.group(1))
        elif line.lstrip().startswith("- "):
            parts.setdefault(batch, ([], []))[scope].append(line)
    return parts


def line(report: Report) -> str:
    t = report.total
    kinds = "  ".join(
        f"{k} {v.rate(v.hit1):.3f}/{v.count}" for k, v in sorted(report.by_kind.items())
    )
    return (
        f"{report.name:<22} {t.count:3d} and {report.outside:2d}  hit@1 {t.rate(t.hit1):.3f}"
        f"  hit@3 {t.rate(t.hit3):.3f}  MRR {t.rate(t.reciprocal):.3f}"
        f"  no-match {t.rate(t.no_match):.3f}  abstained {report.abstain:.3f}  ({kinds})"
    )


async def main(verbose: bool) -> None:
    tmp = Path(tempfile.mkdtemp())
    db = await Database.open(tmp / "batches.db")
    try:
        services = await app_services(db)
        await services.ingest.ingest([CONTENT])
        reports = [await _evaluate(services.search, n) for n in ("question_queries.yaml", HELD_OUT)]
        for batch, (inside, outside) in sorted(split(HERE / HELD_OUT).items()):
            part = tmp / f"batch{batch}.yaml"
            text = "queries:\n" + "\n".join(inside) + "\nout_of_scope:\n" + "\n".join(outside)
            part.write_text(text + "\n", encoding="utf-8")
            report = await _evaluate(services.search, str(part))  # HERE / absolute = absolute
            report.name = f"batch {batch}"
            reports.append(report)
    finally:
        await db.close()
    print("\n".join(map(line, reports)))
    if verbose:
        for report in reports:
            print(f"\n== {report.name}\n" + "\n".join(report.misses + report.answered))


if __name__ == "__main__":
    asyncio.run(main("-v" in sys.argv))
