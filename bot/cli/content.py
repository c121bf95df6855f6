"""`content`: what moderators do from Discord, for operators and scripts: history, revert,
retire, restore, export and import of a server's content (`--guild`), each with `--json`.

A change made here reaches the server's audit channel through the running bot: the change's
transaction keeps it in the audit outbox, which the bot posts within seconds (or when it next
starts), once (bot/content/outbox.py)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import CliError, Command, emit_json, open_services
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.models import Entry
    from bot.models.content import Actor


def _guild(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a server id (digits), got {text!r}")
    return int(text)


def _server(text: str) -> int:
    """A change is always some server's: the shared content changes through its files."""
    guild = _guild(text)
    if guild == 0:
        raise argparse.ArgumentTypeError("changes need a real server id (shared content: files)")
    return guild


def _actor(args: argparse.Namespace) -> Actor:
    from bot.models.content import Actor

    return Actor("cli", args.actor or getpass.getuser())


def _entry_json(entry: Entry) -> dict[str, object]:
    return {
        "id": entry.id,
        "guild_id": entry.guild_id,
        "title": entry.title,
        "retired": entry.retired,
        "updated_at": entry.updated_at,
    }


async def cmd_history(args: argparse.Namespace, settings: Settings) -> int:
    from bot.content.diff import short_diff
    from bot.models.content_errors import ContentError

    async with open_services(args, settings) as services:
        try:
            page = await services.content.history(
                args.guild, args.id, page=args.page - 1, per_page=args.per_page
            )
        except ContentError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        emit_json(
            {
                "entry_id": args.id,
                "guild_id": args.guild or None,
                "total": page.total,
                "page": args.page,
                "revisions": [
                    {**r.as_dict(), "diff": short_diff(r.previous, r.snapshot)}
                    for r in page.revisions
                ],
            }
        )
        return 0
    print(f"{args.id}: {page.total} revisions (newest first, page {args.page})")
    for r in page.revisions:
        who = "file" if r.actor == "ingest" else (r.actor_name or r.actor)
        where = "shared" if r.guild_id is None else f"guild {r.guild_id}"
        reason = f"  ({r.reason})" if r.reason else ""
        print(f"#{r.number}  {r.at}  {r.action}  {who}  [{where}]{reason}")
        for line in short_diff(r.previous, r.snapshot):
            print(f"    {line}")
    return 0


async def _change(args: argparse.Namespace, settings: Settings, what: str) -> int:
    from bot.models.content_errors import ContentError

    async with open_services(args, settings) as services:
        content = services.content
        try:
            if what == "retire":
                entry = await content.retire(
                    args.guild, args.id, _actor(args), reason=args.reason, announce=True
                )
            elif what == "restore":
                entry = await content.restore(args.guild, args.id, _actor(args), announce=True)
            else:
                entry = await content.revert(
                    args.guild, args.id, args.revision, _actor(args), announce=True
                )
        except ContentError as exc:
            raise CliError(str(exc)) from None
        log_channel = await content.log_channel(args.guild)
    if args.json:
        emit_json({"action": what, "entry": _entry_json(entry)})
    else:
        state = "retired" if entry.retired else "live"
        print(f"{what}: {entry.id} in guild {args.guild} is now {state}")
        _say_audit(log_channel)
    return 0


def _say_audit(log_channel: int | None) -> None:
    if log_channel is not None:
        print(f"  the running bot posts it to the audit channel {log_channel}")


async def cmd_retire(args: argparse.Namespace, settings: Settings) -> int:
    return await _change(args, settings, "retire")


async def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    return await _change(args, settings, "restore")


async def cmd_revert(args: argparse.Namespace, settings: Settings) -> int:
    return await _change(args, settings, "revert")


async def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    async with open_services(args, settings, writable=False) as services:
        data, count = await services.content.export(args.guild, args.scope)
    out = Path(args.out)
    try:
        await asyncio.to_thread(out.write_bytes, data)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    if args.json:
        emit_json({"out": str(out), "entries": count, "bytes": len(data), "scope": args.scope})
    else:
        print(f"exported {count} entries ({args.scope}) to {out} ({len(data)} bytes)")
    return 0


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    async with open_services(args, settings) as services:
        result = await services.content.import_file(
            args.guild, path.name, data, _actor(args), apply=not args.dry_run, announce=True
        )
        log_channel = await services.content.log_channel(args.guild)
    if args.json:
        emit_json(result.as_dict())
    else:
        head = "dry run (nothing written)" if args.dry_run else "imported"
        print(
            f"{head}: {len(result.added)} added, {len(result.updated)} updated,"
            f" {len(result.unchanged)} unchanged, {len(result.errors)} errors"
        )
        for old, new in result.renamed:
            print(f"  renamed {old} -> {new} (the id is taken elsewhere)")
        for problem in result.errors:
            print(f"  error {problem.file}: {problem.reason}")
        if result.applied:
            _say_audit(log_channel)
    return 1 if result.errors and not result.changes else 0


def _guild_flag(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument(
        "--guild",
        type=_server if required else _guild,
        required=required,
        default=0,
        metavar="G",
        help="the server id" + ("" if required else " (default: the shared content)"),
    )


def _actor_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actor", metavar="NAME", help="the name history shows (default: $USER)")


def _configure(p: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    sub = p.add_subparsers(dest="content_command", metavar="ACTION", required=True)

    history = sub.add_parser("history", help="an entry's revisions, newest first")
    history.add_argument("id")
    _guild_flag(history, required=False)
    history.add_argument("--page", type=int, default=1, help="which page (default 1)")
    history.add_argument("--per-page", type=int, default=20, help="revisions per page")
    history.set_defaults(content_handler=cmd_history)

    revert = sub.add_parser("revert", help="a new revision equal to an earlier one")
    revert.add_argument("id")
    revert.add_argument("revision", type=int)
    revert.set_defaults(content_handler=cmd_revert)

    retire = sub.add_parser("retire", help="retire an entry in a server")
    retire.add_argument("id")
    retire.add_argument("--reason", help="recorded in the history")
    retire.set_defaults(content_handler=cmd_retire)

    restore = sub.add_parser("restore", help="bring back a retired entry")
    restore.add_argument("id")
    restore.set_defaults(content_handler=cmd_restore)

    export = sub.add_parser("export", help="a .zip of Markdown files ingest and import read")
    export.add_argument("--out", required=True, metavar="FILE.zip")
    export.add_argument(
        "--scope",
        choices=("own", "all"),
        default="own",
        help="own: the server's entries (default); all: everything it sees",
    )
    export.set_defaults(content_handler=cmd_export)

    imported = sub.add_parser("import", help="a .md, .txt or .zip into a server, all or nothing")
    imported.add_argument("file")
    imported.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    imported.set_defaults(content_handler=cmd_import)

    for action in (revert, retire, restore, export, imported):
        _guild_flag(action, required=True)
    for action in (revert, retire, restore, imported):
        _actor_flag(action)
    return [history, revert, retire, restore, export, imported]


async def cmd_content(args: argparse.Namespace, settings: Settings) -> int:
    handler = args.content_handler
    return int(await handler(args, settings))


COMMANDS = (
    Command(
        "content",
        "a server's content: history, revert, retire, restore, export, import",
        cmd_content,
        options=("db", "json"),
        configure=_configure,
        description="What moderators do with /content in Discord, from the shell.",
    ),
)
