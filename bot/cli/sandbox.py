"""`sandbox`: the real bot against a local Discord emulator, no token or server needed."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bot.cli.common import Command, require_content
from bot.settings import Settings


async def cmd_sandbox(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import bootstrap
    from bot.sandbox.clock import SandboxClock
    from bot.sandbox.harness import Harness
    from bot.sandbox.repl import run_session

    require_content(settings)
    with tempfile.TemporaryDirectory(prefix="sunbae-sandbox-") as folder:
        db = Path(args.db) if args.db else Path(folder) / "sandbox.db"
        # No cooldown by default: a script fires lookups back to back.
        cooldown = settings.lookup_cooldown if args.cooldown else 0.0
        settings = settings.with_overrides(db_path=db, lookup_cooldown=cooldown)
        clock = SandboxClock()  # `:advance 1d` moves it
        harness = await Harness.start(
            settings,
            locale=args.locale,
            services=await bootstrap(settings, clock=clock),
            # The same server, channels and members for the same --db, run after run.
            stable_world=True,
            # A channel for a cohort's discussions: `/cohort create ... channel:#ai-lab-3`.
            channels=("ai-lab-3",),
            settle=True,  # the process's one bot
        )
        try:
            if harness.ingest_report and harness.ingest_report.errors and not args.json:
                for problem in harness.ingest_report.errors:
                    print(f"  ✗ {problem.file}: {problem.reason}", file=sys.stderr)
            await run_session(
                harness, locale=args.locale, as_json=args.json, stdin=sys.stdin, clock=clock
            )
        finally:
            await harness.close()
    return 0


def _sandbox_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locale", default="ko", choices=["ko", "en-US"], help="the user's locale")
    p.add_argument("--cooldown", action="store_true", help="apply the per-user lookup cooldown")


COMMANDS = (
    Command(
        "sandbox",
        "try the bot with no Discord server or token (local emulator)",
        cmd_sandbox,
        options=("db", "json"),
        configure=_sandbox_flags,
        description="Starts a local Discord emulator and the real bot against it. Type "
        "/advice query:대학원 and see the reply; type a button's label to click it. "
        "With stdin not a terminal, runs one command per line and exits.",
        helps={
            "db": "keep the database here (default: temporary)",
            "json": "print each reply as a JSON message payload",
        },
    ),
)
