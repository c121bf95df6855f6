"""`search` and `suggest`: the search service from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import Command, emit_json, open_services
from bot.search.topic_choices import named_topic
from bot.settings import Settings
from bot.text.markdown import plain


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected 1 to 100, got {value}")
    return value


def _hit_json(hit: Any) -> dict[str, Any]:
    entry = hit.entry
    source = entry.source
    return {
        "id": entry.id,
        "title": entry.title,
        "body": entry.body,
        "summary": entry.summary,
        "tip": entry.tip,
        "kind": str(entry.kind),
        "topics": list(entry.topics),
        "matched_topics": list(hit.matched_topics),
        "source": {
            "file": source.file,
            "post": source.post,
            "event": source.event,
            "speaker": source.speaker,
            "cohort": source.cohort,
            "date": source.date,
            "url": source.url,
        },
        "score": hit.score,
        "snippet": hit.snippet,
    }


async def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    async with open_services(args, settings, writable=False) as services:
        topic = None
        if args.topic is not None:
            taxonomy = await services.search.topics()
            found = named_topic(taxonomy, args.topic)
            if found is None:
                known = ", ".join(t.id for t in taxonomy)
                print(f"unknown topic {args.topic!r}; topics: {known}", file=sys.stderr)
                return 2
            topic = found.id
        result = await services.search.search(
            args.query, topic=topic, limit=args.limit, offset=args.offset
        )
    if result.corrected_query:
        print(f"(showing results for: {result.corrected_query})", file=sys.stderr)
    if result.hits and result.low_confidence:
        print(
            f"no good match for {args.query!r} (confidence {result.confidence:.2f});"
            " these come closest",
            file=sys.stderr,
        )
    if not result.hits:
        if result.suggestions:
            names = ", ".join(s.name for s in result.suggestions)
            print(f"no match for {args.query!r}; did you mean: {names}", file=sys.stderr)
        else:
            print(f"no match for {args.query!r}", file=sys.stderr)
    if args.json:
        emit_json([_hit_json(h) for h in result.hits])
        return 0
    for rank, hit in enumerate(result.hits, start=result.offset + 1):
        topics = f"  [{', '.join(hit.entry.topics)}]" if hit.entry.topics else ""
        print(f"{rank:>2}. {plain(hit.title)}  ({hit.score:.3f}) {hit.id}{topics}")
        if hit.snippet:  # Markdown for Discord; the terminal gets the text without escapes
            print(f"    {plain(hit.snippet)}")
        credit = hit.entry.source.attribution()
        if credit:
            print(f"    — {credit}")
    if result.hits:
        shown = f"{result.offset + 1}-{result.offset + len(result.hits)}"
        # The total counts every entry a form of the query matches (a synonym or a topic's
        # related word too): `포폴` reaches most of the shipped advice, which "of 128" misread.
        print(f"({shown} of {result.total} entries with a word of it or a related one)")
    return 0


async def cmd_suggest(args: argparse.Namespace, settings: Settings) -> int:
    async with open_services(args, settings, writable=False) as services:
        suggestions = await services.search.suggest(args.prefix, limit=args.limit)
    if args.json:
        emit_json(
            [
                {"name": s.name, "value": s.value, "kind": str(s.kind), "ref": s.ref}
                for s in suggestions
            ]
        )
        return 0
    for s in suggestions:
        print(f"{s.name}  → {s.value}")
    if not suggestions:
        print(f"no suggestion for {args.prefix!r}", file=sys.stderr)
    return 0


def _search_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY", help="what to look for, e.g. '포폴 몇 개가 좋아요'")
    p.add_argument("--limit", type=_positive, default=10, metavar="N", help="results (1-100)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N results")
    p.add_argument("--topic", metavar="T", help="only this topic (id, name or alias)")


def _suggest_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("prefix", metavar="PREFIX", help="the text typed so far (may be empty)")
    p.add_argument("--limit", type=_positive, default=25, metavar="N", help="choices (1-25)")


COMMANDS = (
    Command(
        "search",
        "search the advice (Korean-aware: typos, particles, slang)",
        cmd_search,
        options=("db", "json"),
        configure=_search_flags,
        helps={"json": "print a JSON array, best first"},
    ),
    Command(
        "suggest",
        "autocomplete choices for what has been typed so far",
        cmd_suggest,
        options=("db", "json"),
        configure=_suggest_flags,
        helps={"json": "print a JSON array"},
    ),
)
