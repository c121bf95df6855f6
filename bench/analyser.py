"""Rules against a Korean morphological analyser (kiwipiepy) for reading whole questions.

    pip install kiwipiepy          # not a dependency: this script measures whether it should be
    python bench/analyser.py       # metrics on tests/relevance/question_queries.yaml, cost

Three readings of each question go through the same planner, ranker and confidence threshold:
- rules: `bot.text.query_terms` as shipped (particle and ending lists, light verbs, predicates);
- kiwi: the analyser keeps nouns, foreign words, numbers, roots and verb/adjective stems (light
  verbs and auxiliaries dropped as the rules drop them); the planner then sees those words;
- kiwi+rules: the analyser's words, then the rules on them.
Printed per reading: hit@1, hit@3, MRR, false "no match" in scope and abstained out of scope,
as the relevance test counts them; then the analyser's cost: import + model load time, the
process's peak RSS with and without it (each in a fresh process), and per-query analysis time.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import bot.search.query as planner  # noqa: E402
from bot.store.database import Database  # noqa: E402
from bot.text import Term, query_terms  # noqa: E402
from bot.text.predicates import LIGHT_STEMS  # noqa: E402
from tests.helpers_store import app_services  # noqa: E402
from tests.relevance.test_questions import DEPTH, Figures, load  # noqa: E402

CONTENT = REPO / "content"
KEEP = {"NNG", "NNP", "NR", "SL", "SN", "SH", "XR", "VV", "VA", "VV-R", "VA-R", "VV-I", "VA-I"}
VERBS = {"VV", "VA", "VV-R", "VA-R", "VV-I", "VA-I"}


def kiwi_reader(kiwi: object) -> Callable[[str], str]:
    def read(text: str) -> str:
        kept = []
        for token in kiwi.tokenize(text):  # type: ignore[attr-defined]
            if token.tag not in KEEP:
                continue
            if token.tag in VERBS and token.form in LIGHT_STEMS:
                continue
            kept.append(token.form)
        return " ".join(kept)

    return read


async def evaluate(name: str, terms: Callable[[str], list[Term]]) -> str:
    planner.query_terms = terms  # type: ignore[attr-defined,assignment]  # its one entry point for words
    questions, outside = load()
    db = await Database.open(Path(tempfile.mkdtemp()) / "analyser.db")
    try:
        services = await app_services(db)
        await services.ingest.ingest([CONTENT])
        total = Figures()
        for q in questions:
            result = await services.search.search(q.text, limit=DEPTH)
            rank = next((i for i, h in enumerate(result.hits, 1) if h.id in q.expect), None)
            total.add(rank, result.no_match)
        abstained = 0
        for text in outside:
            abstained += (await services.search.search(text, limit=DEPTH)).no_match
    finally:
        await db.close()
    return f"{name:<11} {total.line()}  out-of-scope abstained {abstained / len(outside):.3f}"


def peak_rss_mb(with_kiwi: bool) -> tuple[float, float]:
    """(peak RSS in MB, seconds to import and load) of a fresh process that builds the search
    over content/ and, optionally, loads the analyser. VmHWM, not ru_maxrss: Linux carries a
    parent's ru_maxrss into the child it forks."""
    code = f"""
import asyncio, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {str(REPO)!r})
from bot.store.database import Database
from tests.helpers_store import app_services
async def main():
    db = await Database.open(Path(tempfile.mkdtemp()) / "x.db")
    services = await app_services(db)
    await services.ingest.ingest([Path({str(CONTENT)!r})])
    await services.search.search("대학원")
    await db.close()
asyncio.run(main())
start = time.perf_counter()
if {with_kiwi}:
    from kiwipiepy import Kiwi
    Kiwi().tokenize("대학원 가야 하나요")
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(hwm / 1024, time.perf_counter() - start)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rss, seconds = out.stdout.split()
    return float(rss), float(seconds)


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    read = kiwi_reader(kiwi)
    rules = query_terms
    print(asyncio.run(evaluate("rules", rules)))
    print(asyncio.run(evaluate("kiwi", lambda text: [Term(w, w) for w in read(text).split()])))
    print(asyncio.run(evaluate("kiwi+rules", lambda text: rules(read(text)))))
    questions, outside = load()
    texts = [q.text for q in questions] + outside
    start = time.perf_counter()
    for _ in range(10):
        for text in texts:
            read(text)
    per_query = (time.perf_counter() - start) / (10 * len(texts)) * 1000
    start = time.perf_counter()
    for _ in range(10):
        for text in texts:
            rules(text)
    rules_ms = (time.perf_counter() - start) / (10 * len(texts)) * 1000
    base_rss, _ = peak_rss_mb(False)
    kiwi_rss, load_s = peak_rss_mb(True)
    print(
        f"cost: kiwi import+load {load_s:.2f} s, peak RSS {base_rss:.0f} MB without ->"
        f" {kiwi_rss:.0f} MB with (+{kiwi_rss - base_rss:.0f} MB);"
        f" analysis {per_query:.3f} ms/query vs rules {rules_ms:.3f} ms/query"
    )


if __name__ == "__main__":
    main()
