"""`run`, `sync` and `invite-url`: the bot itself (the sandbox lives in bot/sandbox)."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli import EXIT_USAGE, CliError
from bot.settings import Settings

NO_TOKEN = (
    "DISCORD_TOKEN is not set: put your bot token in .env (see .env.example), "
    "or try sunbae without Discord: python -m bot sandbox"
)


def _with_token(args: argparse.Namespace, settings: Settings) -> Settings:
    """Settings for talking to Discord: `--db` applied, and a token required."""
    if args.db:
        settings = settings.with_overrides(db_path=args.db)
    if not settings.token:
        raise CliError(NO_TOKEN, EXIT_USAGE)
    return settings


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapter.runner import StartupError, run_bot

    settings = _with_token(args, settings)
    try:
        await run_bot(settings, ingest=not args.no_ingest)
    except StartupError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    return 0


async def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapter.runner import StartupError, sync_now

    settings = _with_token(args, settings)
    try:
        outcome = await sync_now(settings)
    except StartupError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    where = f"server {settings.dev_guild}" if outcome == "guild" else "all servers (global)"
    print(f"commands synced to {where}")
    return 0


async def cmd_invite(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapter.runner import application_id_from_token, invite_url

    app_id = args.client_id or (
        application_id_from_token(settings.token) if settings.token else None
    )
    if app_id is None:
        raise CliError(
            "give --client-id (the Application ID on the Developer Portal) or set DISCORD_TOKEN",
            EXIT_USAGE,
        )
    print(invite_url(app_id))
    return 0


def register(sub: Any) -> None:
    from pathlib import Path

    p = sub.add_parser("run", help="run the bot on Discord (needs DISCORD_TOKEN)")
    p.add_argument("--db", type=Path, metavar="FILE", help="SQLite file (default: $SUNBAE_DB)")
    p.add_argument("--no-ingest", action="store_true", help="skip loading content at start")
    p.set_defaults(handler=cmd_run, verbose_logs=True)

    p = sub.add_parser("sync", help="register the slash commands with Discord now")
    p.add_argument("--db", type=Path, metavar="FILE", help="SQLite file (default: $SUNBAE_DB)")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("invite-url", help="print the link that adds the bot to a server")
    p.add_argument("--client-id", type=int, help="Application ID (default: read from the token)")
    p.set_defaults(handler=cmd_invite)
