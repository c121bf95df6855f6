"""`tip`: print the tip of a day (the same one all day, for a server or globally)."""

from __future__ import annotations

import argparse
import datetime as dt

from bot.cli.common import CliError, Command, emit_json, open_services
from bot.models.tips import GLOBAL_GUILD
from bot.settings import Settings


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2025-03-01, got {text!r}") from None


def _guild(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            f"expected a server id (digits; {GLOBAL_GUILD} = outside any server), got {text!r}"
        )
    return int(text)


async def cmd_tip(args: argparse.Namespace, settings: Settings) -> int:
    from bot.tips.errors import NoTipsError

    async with open_services(args, settings) as services:
        day = args.date or await services.tips.local_today(args.guild)
        try:
            tip = await services.tips.tip_for(args.guild, day)
        except NoTipsError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        emit_json(tip.as_dict())
        return 0
    print(f"💡 {tip.date.isoformat()}  {tip.tip}")
    credit = f" · {tip.source}" if tip.source else ""
    print(f"   — {tip.title}{credit} [{tip.entry_id}]")
    return 0


def _tip_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="which day (default: today in the server's zone or $SUNBAE_TIMEZONE)",
    )
    p.add_argument(
        "--guild",
        type=_guild,
        default=GLOBAL_GUILD,
        metavar="ID",
        help=f"server id (default: {GLOBAL_GUILD}, the rotation outside any server)",
    )


COMMANDS = (
    Command(
        "tip",
        "the daily tip (one per server per local date)",
        cmd_tip,
        options=("db", "json"),
        configure=_tip_flags,
    ),
)
