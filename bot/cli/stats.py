"""`stats`: what the database holds."""

from __future__ import annotations

import argparse
import asyncio

from bot import heartbeat
from bot.cli.common import CliError, Command, db_path, emit_json, open_services
from bot.clock import utcnow
from bot.settings import Settings
from bot.store.database import StoreError
from bot.store.integrity import check_file

STATS_SOURCES_SHOWN = 20  # the text summary of a 10k-file corpus stays one screen


async def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    async with open_services(args, settings, writable=False) as services:
        stats = await services.entries.stats()
        last = await services.ingest_state.last_finished_at()
        sources = await services.entries.sources()
        schema_version = await services.db.user_version()
    data = {
        **stats,
        "schema_version": schema_version,
        "last_ingest": last,
        "by_source": [{"source": s, "entries": n} for s, n in sources],
    }
    if args.json:
        emit_json(data)
        return 0
    print(
        f"{stats['entries']} entries ({stats['tips']} tips, {stats['retired']} retired)"
        f" · {stats['topics']} topics · {stats['sources']} sources"
    )
    for source, count in sources[:STATS_SOURCES_SHOWN]:
        print(f"  {count:4d}  {source}")
    if len(sources) > STATS_SOURCES_SHOWN:
        rest = sources[STATS_SOURCES_SHOWN:]
        more = sum(n for _, n in rest)
        print(f"  … {len(rest)} more sources ({more} entries; --json lists them all)")
    print(f"last ingest: {data['last_ingest'] or 'never'}")
    return 0


async def cmd_check_db(args: argparse.Namespace, settings: Settings) -> int:
    """`PRAGMA quick_check` on the file, opened read-only (never created or migrated)."""
    path = db_path(args, settings)
    try:
        result = await asyncio.to_thread(check_file, path)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        emit_json(
            {"ok": result.ok, "problems": list(result.problems), "entries": result.live_entries}
        )
    elif result.ok:
        print(f"ok: {path} passes quick_check ({result.live_entries} live entries)")
    else:
        print(f"damaged: {path} fails quick_check:")
        for problem in result.problems[:20]:
            print(f"  ✗ {problem}")
        print("restore it from a backup, or delete it and run `python -m bot ingest`")
    return 0 if result.ok else 1


async def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    """Healthy: the database opens read-only and passes quick_check, content is loaded, and the
    bot wrote its gateway heartbeat within `heartbeat.MAX_AGE` seconds."""
    path = db_path(args, settings)
    problems: list[str] = []
    try:
        result = await asyncio.to_thread(check_file, path)
    except StoreError as exc:
        problems.append(str(exc))
    else:
        problems += [f"the database is damaged: {p}" for p in result.problems[:3]]
        if result.live_entries == 0:
            problems.append("no content loaded: the database holds no live entries")
    if not args.no_gateway:
        age = await asyncio.to_thread(heartbeat.age, heartbeat.path_for(path), utcnow())
        if age is None:
            problems.append("the bot has not connected to Discord (no heartbeat written)")
        elif age > heartbeat.MAX_AGE:
            problems.append(f"the bot's last gateway heartbeat is {age:.0f} s old")
    for problem in problems:
        print(f"unhealthy: {problem}")
    if not problems:
        print(f"healthy: {path}")
    return 1 if problems else 0


def _health_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-gateway", action="store_true", help="skip the heartbeat (no bot running here)"
    )


COMMANDS = (
    Command("stats", "what the database holds", cmd_stats, options=("db", "json")),
    Command(
        "check-db",
        "check the database file for damage (PRAGMA quick_check, read-only)",
        cmd_check_db,
        options=("db", "json"),
    ),
    Command(
        "health",
        "exit 0 when the bot is healthy: database intact, content loaded, gateway heartbeat recent",
        cmd_health,
        options=("db",),
        configure=_health_flags,
    ),
)
