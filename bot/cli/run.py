"""`run`, `sync` and `invite-url`: the bot itself (the sandbox lives in bot/sandbox)."""

from __future__ import annotations

import argparse

from bot.cli.common import EXIT_USAGE, CliError, Command, db_path, require_content
from bot.settings import Settings

NO_TOKEN = (
    "DISCORD_TOKEN is not set: put your bot token in .env (see .env.example), "
    "or try sunbae without Discord: python -m bot sandbox"
)


def _with_token(args: argparse.Namespace, settings: Settings) -> Settings:
    """Settings for talking to Discord: `--db` applied, and a token required."""
    settings = settings.with_overrides(db_path=db_path(args, settings))
    if not settings.token:
        raise CliError(NO_TOKEN, EXIT_USAGE)
    return settings


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapter.runner import StartupError, run_bot

    settings = _with_token(args, settings)
    if not args.no_ingest:
        require_content(settings)
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

    app_id = args.client_id
    if app_id is None and settings.token:
        app_id = application_id_from_token(settings.token)
        if app_id is None:
            raise CliError(
                "DISCORD_TOKEN does not start with an application id, as a bot token does:"
                " give --client-id (the Application ID on the Developer Portal)",
                EXIT_USAGE,
            )
    if app_id is None:
        raise CliError(
            "give --client-id (the Application ID on the Developer Portal) or set DISCORD_TOKEN",
            EXIT_USAGE,
        )
    print(invite_url(app_id))
    return 0


def _run_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-ingest", action="store_true", help="skip loading content at start")


def _invite_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--client-id", type=int, help="Application ID (default: read from the token)")


COMMANDS = (
    Command(
        "run",
        "run the bot on Discord (needs DISCORD_TOKEN)",
        cmd_run,
        options=("db",),
        configure=_run_flags,
        verbose_logs=True,
    ),
    Command("sync", "register the slash commands with Discord now", cmd_sync, options=("db",)),
    Command(
        "invite-url",
        "print the link that adds the bot to a server",
        cmd_invite,
        configure=_invite_flags,
    ),
)
