"""The command line: `python -m bot …` (also installed as `sunbae`).

Each subcommand lives in the module of its group (`ingest`, `stats`, `search`, `run`, `sandbox`,
`tips`, `insights`); `parser` assembles them with the shared flags; `common` holds what they share. A command
parses its flags, gets its services from `bot.app.bootstrap`, calls them and prints. Flags
override the environment; a bad setting stops with one line.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

from bot.cli.common import EXIT_USAGE, CliError, Handler, db_path
from bot.cli.parser import build_parser
from bot.settings import ConfigError, load_settings, parse_log_level
from bot.store.database import StoreError
from bot.store.integrity import explain

__all__ = ["build_parser", "main"]


def _utf8(stream: TextIO) -> None:
    # Korean must print on any terminal (Windows consoles, C locales, pipes).
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="replace")


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
            settings = settings.with_overrides(
                log_level=parse_log_level(args.log_level, "--log-level")
            )
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    quiet = not args.log_level and not args.verbose_logs
    logging.basicConfig(
        level="WARNING" if quiet else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler: Handler = args.handler
    # `kill` (SIGTERM) unwinds like Ctrl-C: finally blocks run, an ingest's parser pool shuts
    # down. (`run` replaces this with its own handler for a graceful gateway close.)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main_thread else None
    try:
        return asyncio.run(handler(args, settings))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader left (`… | head`): nothing more to say, and no traceback about it. Point
        # stdout at devnull so the interpreter's last flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except Exception as exc:
        # A failing database (read-only, full disk, damaged, locked) is said in one line;
        # anything else is a bug, and its traceback is what a report needs.
        explained = explain(exc, db_path(args, settings))
        if explained is None:
            raise
        logging.getLogger("bot.cli").debug("database failure", exc_info=exc)
        print(f"error: {explained}", file=sys.stderr)
        return 1
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
