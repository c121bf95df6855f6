"""What every command module shares: the command record, one-line errors, JSON output, and the
services built by `bot.app.bootstrap` on the database a command names.

Command modules import from here and never from `bot.cli` itself (the package imports them).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.settings import DEFAULT_CONTENT, ConfigError, Settings
from bot.store.database import StoreError

if TYPE_CHECKING:
    from bot.app import Services

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]
# Adds a command's own flags; a command with actions returns their parsers (the shared flags
# then go on each action).
Configure = Callable[[argparse.ArgumentParser], Sequence[argparse.ArgumentParser] | None]
EXIT_USAGE = 2


@dataclass(frozen=True, slots=True)
class Command:
    """One subcommand: `options` names shared flags defined once in `bot.cli.parser` ("db",
    "json", "paths"), `configure` adds the command's own, `helps` rewords a shared flag's help."""

    name: str
    help: str
    handler: Handler
    options: tuple[str, ...] = ()
    configure: Configure | None = None
    description: str | None = None
    helps: Mapping[str, str] = field(default_factory=dict)
    # The long-running bot logs at INFO by default; one-shot commands print their result.
    verbose_logs: bool = False


class CliError(Exception):
    """A problem to report in one line on stderr, with an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def emit_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def db_path(args: argparse.Namespace, settings: Settings) -> Path:
    """The database a command works on: `--db` when given, else the configured one."""
    given = getattr(args, "db", None)
    return Path(given) if given else settings.db_path


@asynccontextmanager
async def open_services(
    args: argparse.Namespace,
    settings: Settings,
    *,
    db: Path | None = None,
    writable: bool = True,
    create: bool = False,
) -> AsyncIterator[Services]:
    """Everything a command calls, built by `bot.app.bootstrap` on the `--db` file (or `db`),
    closed on exit. `writable=False`: the command only reads (a read-only file serves it).
    `create`: the command may make the database (ingest); others refuse a path with none, which
    is most often a typo that would otherwise answer from a new empty file."""
    from bot.app import bootstrap

    path = db or db_path(args, settings)
    if not create and not path.exists() and not path.is_symlink():  # a link: SQLite says why
        raise CliError(f"no database at {path}: run `python -m bot ingest` first")
    try:
        services = await bootstrap(settings.with_overrides(db_path=path), writable=writable)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    try:
        yield services
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    finally:
        await services.close()


def content_paths(args: argparse.Namespace, settings: Settings) -> list[Path]:
    return [Path(p) for p in args.paths] if args.paths else list(settings.content_paths)


def require_content(settings: Settings) -> None:
    """Before the bot starts: a content folder that is not there is a configuration slip (a
    typo, a volume not mounted), said in one line rather than a bot online with no advice."""
    for path in settings.content_paths:
        if path.exists() or path.is_symlink():  # a dangling link: ingest says why
            continue
        if settings.content_paths == DEFAULT_CONTENT:
            raise ConfigError(
                f"the advice shipped with sunbae is missing ({path}): reinstall sunbae, or set "
                "SUNBAE_CONTENT to your content folders"
            )
        raise ConfigError(
            f"SUNBAE_CONTENT: no file or folder {path} (name existing folders, separated by "
            "commas, or unset it to read the advice shipped with sunbae)"
        )
