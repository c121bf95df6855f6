"""The command line: `python -m bot …` (also installed as `sunbae`).

Each subcommand parses its flags, builds the resources it needs (settings, database, services),
calls a service and prints. Flags override the environment; a bad setting stops with one line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import __version__
from bot.settings import ConfigError, Settings, load_settings
from bot.store.database import StoreError

if TYPE_CHECKING:
    from bot.app import Services

Handler = Callable[[argparse.Namespace, Settings], Awaitable[int]]
EXIT_USAGE = 2


class CliError(Exception):
    """A problem to report in one line on stderr, with an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _utf8(stream: TextIO) -> None:
    # Korean must print on any terminal (Windows consoles, C locales, pipes).
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="replace")


def emit_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


@asynccontextmanager
async def open_services(
    args: argparse.Namespace, settings: Settings, *, db_path: Path | None = None
) -> AsyncIterator[Services]:
    """Everything a command calls, built by `bot.app.bootstrap` on the `--db` file (or
    `db_path`), closed on exit."""
    from bot.app import bootstrap

    path = db_path or (Path(args.db) if getattr(args, "db", None) else settings.db_path)
    try:
        services = await bootstrap(settings.with_overrides(db_path=path))
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    try:
        yield services
    finally:
        await services.close()


def content_paths(args: argparse.Namespace, settings: Settings) -> list[Path]:
    return [Path(p) for p in args.paths] if args.paths else list(settings.content_paths)


# -- ingest / check / stats -----------------------------------------------------------------------


def _print_report(report: dict[str, Any], *, verb: str) -> None:
    print(
        f"{verb}: {report['files']} files · {report['added']} added · {report['updated']} updated"
        f" · {report['unchanged']} unchanged · {report['retired']} retired"
    )
    for error in report["errors"]:
        print(f"  ✗ {error['file']}: {error['reason']}")


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.ingest import IngestError

    async with open_services(args, settings) as services:
        try:
            report = await services.ingest.ingest(content_paths(args, settings), strict=args.strict)
        except IngestError as exc:
            data = exc.report.as_dict()
            if args.json:
                emit_json({**data, "written": False})
            else:
                _print_report(data, verb="ingest aborted (--strict), nothing written")
            return 1
    if args.json:
        emit_json(report.as_dict())
    else:
        _print_report(report.as_dict(), verb="ingested")
    return 0


async def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Validate content in a throw-away database: nothing is written anywhere."""
    with tempfile.TemporaryDirectory(prefix="sunbae-check-") as folder:
        async with open_services(args, settings, db_path=Path(folder) / "check.db") as services:
            report = await services.ingest.check(content_paths(args, settings))
    data = report.as_dict()
    if args.json:
        emit_json({k: data[k] for k in ("files", "added", "errors")} | {"entries": data["added"]})
    else:
        status = "ok" if not report.errors else f"{len(report.errors)} problem(s)"
        print(f"check: {report.files} files, {report.added} entries, {status}")
        for error in report.errors:
            print(f"  ✗ {error.file}: {error.reason}")
    return 1 if report.errors else 0


STATS_SOURCES_SHOWN = 20  # the text summary of a 10k-file corpus stays one screen


async def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    async with open_services(args, settings) as services:
        stats = await services.entries.stats()
        last = await services.ingest_state.last_run()
        sources = await services.entries.sources()
        schema_version = await services.db.user_version()
    data = {
        **stats,
        "schema_version": schema_version,
        "last_ingest": last["finished_at"] if last else None,
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


# -- parser ---------------------------------------------------------------------------------------


def _db_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="FILE", help="SQLite file (default: $SUNBAE_DB or data/sunbae.db)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sunbae",
        description="sunbae (선배): career advice from AI-bootcamp seniors, on Discord.",
    )
    parser.add_argument("--version", action="version", version=f"sunbae {__version__}")
    parser.add_argument("--log-level", help="DEBUG, INFO, WARNING… (default: $SUNBAE_LOG_LEVEL)")
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help="with no command: `run` when DISCORD_TOKEN is set, else `sandbox`",
    )

    p = sub.add_parser("ingest", help="load advice files into the database")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: $SUNBAE_CONTENT)"
    )
    _db_flag(p)
    p.add_argument("--strict", action="store_true", help="any file problem aborts the run")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser("check", help="validate advice files without writing anything")
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: $SUNBAE_CONTENT)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("stats", help="what the database holds")
    _db_flag(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_stats)

    for register in _extra_commands():
        register(sub)
    return parser


def _extra_commands() -> list[Callable[[Any], None]]:
    """Subcommands that live in their own modules (search, the bot, tips)."""
    from bot import cli_bot, cli_sandbox, cli_search, cli_tip

    return [cli_search.register, cli_bot.register, cli_sandbox.register, cli_tip.register]


def main(argv: Sequence[str] | None = None) -> int:
    _utf8(sys.stdout)
    _utf8(sys.stderr)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if args.command is None:
            # The product, whatever the machine: on Discord with a token, else the sandbox.
            args = parser.parse_args([*(argv or []), "run" if settings.token else "sandbox"])
        if args.log_level:
            from bot.settings import parse_log_level

            settings = settings.with_overrides(
                log_level=parse_log_level(args.log_level, "--log-level")
            )
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # Only the long-running bot logs at INFO by default; one-shot commands print their result.
    quiet = not args.log_level and not getattr(args, "verbose_logs", False)
    logging.basicConfig(
        level="WARNING" if quiet else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler: Handler = args.handler
    try:
        return asyncio.run(handler(args, settings))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
