"""`insights [overview|gaps]`: what campers looked up, per server, for operators who script
reports (the same numbers `/insights` shows moderators)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from bot.cli.common import CliError, Command, emit_json, open_services
from bot.models.insights import Counted, Gap, Overview, Period
from bot.settings import Settings

DEFAULT_DAYS = 7


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-03-01, got {text!r}") from None


def _guild(text: str) -> int:
    if not text.isdigit() or text == "0":
        raise argparse.ArgumentTypeError(f"expected a server id (digits), got {text!r}")
    return int(text)


def _period(args: argparse.Namespace, today: dt.date) -> Period:
    if args.since is None:
        return Period.ending(today, DEFAULT_DAYS)
    if args.since > today:
        raise CliError(f"--since {args.since} is in the future")
    return Period(args.since, today)


def _plain(value: Any) -> Any:
    """Dataclasses, dates and tuples as JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _top(title: str, rows: tuple[Counted, ...]) -> None:
    if rows:
        print(f"  {title}:")
        for row in rows:
            print(f"    {row.count:5d}  {row.label}")


def _print_overview(o: Overview) -> None:
    span = f"{o.period.first} → {o.period.last}"
    print(f"server {o.guild_id} · {span}")
    print(
        f"  {o.lookups} lookups · {o.askers} askers (distinct per day) · {o.unanswered} found"
        f" nothing · {o.shares} shares · {o.discussions} discussions"
    )
    _top("top queries", o.top_queries)
    _top("top entries", o.top_entries)
    _top("top topics", o.top_topics)
    _top("unanswered", o.top_unanswered)


def _print_gaps(guild_id: int, gaps: list[Gap]) -> None:
    print(f"server {guild_id} · {len(gaps)} unanswered wordings")
    for gap in gaps:
        answered = f"  ✅ answered now by {gap.answered_by}" if gap.answered_by else ""
        print(f"  {gap.count:5d}  {gap.label}{answered}")
        for other in gap.queries:
            if other != gap.label:
                print(f"           ~ {other}")


async def cmd_insights(args: argparse.Namespace, settings: Settings) -> int:
    async with open_services(args, settings) as services:
        insights = services.insights
        # Which servers: by the bot's default days; each server's numbers: by its own days.
        period = _period(args, await insights.today())
        guilds = [args.guild] if args.guild else await insights.guilds(period)
        periods = {g: _period(args, await insights.today(g)) for g in guilds}
        if args.view == "gaps":
            found = {g: await insights.gaps(g, periods[g], limit=args.limit) for g in guilds}
            if args.json:
                emit_json({str(g): _plain(gaps) for g, gaps in found.items()})
            for g, gaps in [] if args.json else found.items():
                _print_gaps(g, gaps)
            return 0
        overviews = [await insights.overview(g, periods[g]) for g in guilds]
        if args.chart is not None:
            await _chart(args.chart, overviews, services)
        if args.json:
            emit_json([_plain(o) for o in overviews])
        elif not overviews:
            print("no lookups recorded in that period")
        for o in [] if args.json else overviews:
            _print_overview(o)
    return 0


async def _chart(path: Path, overviews: list[Overview], services: Any) -> None:
    import asyncio

    from bot.insights.chart import chart_text, render_overview

    if len(overviews) != 1:
        raise CliError("--chart draws one server: give --guild")
    [overview] = overviews
    names = {topic.id: topic.name_ko for topic in await services.search.topics()}
    text = chart_text("ko", overview.period.days)
    png = await asyncio.to_thread(render_overview, overview, text, names)
    await asyncio.to_thread(path.write_bytes, png)


def _flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "view",
        nargs="?",
        choices=("overview", "gaps"),
        default="overview",
        help="overview (default): counts and tops; gaps: what found nothing, grouped",
    )
    p.add_argument("--guild", type=_guild, metavar="ID", help="one server (default: every server)")
    p.add_argument(
        "--since",
        type=_date,
        metavar="YYYY-MM-DD",
        help=(
            "from that day to today, in each server's days (its /tip-config time zone, else"
            f" $SUNBAE_TIMEZONE; default: the last {DEFAULT_DAYS})"
        ),
    )
    p.add_argument("--limit", type=int, default=10, help="gaps: how many groups (default 10)")
    p.add_argument("--chart", type=Path, metavar="FILE", help="overview: also write its PNG chart")


COMMANDS = (
    Command(
        "insights",
        "what campers looked up, per server (overview or gaps)",
        cmd_insights,
        options=("db", "json"),
        configure=_flags,
    ),
)
