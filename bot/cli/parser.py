"""The argument parser: the shared flags (`--db`, `--json`, the content paths) defined once, and
one module per command group contributing its `COMMANDS`."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator

from bot import __version__
from bot.cli.common import Command
from bot.cli.content import COMMANDS as CONTENT
from bot.cli.ingest import COMMANDS as INGEST
from bot.cli.insights import COMMANDS as INSIGHTS
from bot.cli.run import COMMANDS as RUN
from bot.cli.sandbox import COMMANDS as SANDBOX
from bot.cli.search import COMMANDS as SEARCH
from bot.cli.stats import COMMANDS as STATS
from bot.cli.tips import COMMANDS as TIPS

# In the order `--help` lists them.
GROUPS: tuple[tuple[Command, ...], ...] = (
    INGEST, STATS, SEARCH, RUN, SANDBOX, TIPS, CONTENT, INSIGHTS,
)  # fmt: skip

SHARED: dict[str, Callable[[argparse.ArgumentParser, str | None], object]] = {
    "db": lambda p, h: p.add_argument(
        "--db", metavar="FILE", help=h or "SQLite file (default: $SUNBAE_DB or data/sunbae.db)"
    ),
    "json": lambda p, h: p.add_argument(
        "--json", action="store_true", help=h or "print one JSON object"
    ),
    "paths": lambda p, h: p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=h or "files or folders (default: $SUNBAE_CONTENT)",
    ),
}


def commands() -> Iterator[Command]:
    for group in GROUPS:
        yield from group


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
    for command in commands():
        p = sub.add_parser(command.name, help=command.help, description=command.description)
        # A command with actions of its own (`content history …`) takes the shared flags after
        # its action: `configure` returns the actions' parsers.
        children = (command.configure(p) if command.configure else None) or [p]
        for target in children:
            for option in command.options:
                SHARED[option](target, command.helps.get(option))
        p.set_defaults(handler=command.handler, verbose_logs=command.verbose_logs)
    return parser
