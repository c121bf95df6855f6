"""Running the bot for real: endpoints, start-up ingest, command sync, clean shutdown on signals."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import logging
import signal
from typing import Literal

import aiohttp
import discord

from bot.adapter.client import SunbaeBot
from bot.adapter.endpoints import use_endpoints
from bot.app import bootstrap, start_up
from bot.settings import Settings

log = logging.getLogger(__name__)

# Exactly what the bot does: read and answer in channels, post embeds, open and write in
# threads, and read recent history (to find a daily tip posted before a crash).
PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
    read_message_history=True,
    # /cohort join and leave give and take a cohort's role (roles below the bot's own).
    manage_roles=True,
)


class StartupError(RuntimeError):
    """The bot cannot start; the message says what to fix."""


def unreachable(exc: BaseException) -> str:
    return (
        f"cannot reach Discord at {discord.http.Route.BASE} ({exc}): check the network, or"
        " DISCORD_API_BASE if it is set"
    )


def application_id_from_token(token: str) -> int | None:
    """A bot token's first part is the bot's user id (= the application id), base64-encoded."""
    head = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(head + "=" * (-len(head) % 4), validate=False).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    # isdigit() alone takes '²' (what 'wrI' decodes to), which int() refuses.
    return int(decoded) if decoded.isascii() and decoded.isdigit() else None


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(
        application_id, permissions=PERMISSIONS, scopes=("bot", "applications.commands")
    )


async def run_bot(
    settings: Settings,
    *,
    sync: Literal["auto", "force", "off"] = "auto",
    stop: asyncio.Event | None = None,
    ingest: bool = True,
) -> None:
    """Run until SIGINT/SIGTERM (or `stop` is set); then close the gateway and the database."""
    if not settings.token:
        raise StartupError("DISCORD_TOKEN is not set")
    restore = use_endpoints(settings.api_base, settings.gateway_url)
    services = await bootstrap(settings)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows, non-main thread
            loop.add_signal_handler(sig, stop.set)
    try:
        await start_up(services, ingest=ingest, settle=True)
        bot = SunbaeBot(services, sync=sync)
        async with bot:
            runner = asyncio.create_task(bot.start(settings.token), name="sunbae-gateway")
            waiter = asyncio.create_task(stop.wait(), name="sunbae-stop")
            done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            if runner in done:
                runner.result()
            else:
                log.info("stopping: closing the gateway")
                await bot.close()
                with contextlib.suppress(asyncio.CancelledError):
                    await runner
    except discord.LoginFailure as exc:
        raise StartupError(
            "Discord rejected DISCORD_TOKEN: reset the token on the Developer Portal's Bot page"
        ) from exc
    except aiohttp.ClientError as exc:
        raise StartupError(unreachable(exc)) from exc
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        await services.close()
        restore()


async def sync_now(settings: Settings) -> str:
    """Log in over REST only, sync the command tree, log out."""
    if not settings.token:
        raise StartupError("DISCORD_TOKEN is not set")
    restore = use_endpoints(settings.api_base, settings.gateway_url)
    services = await bootstrap(settings)
    try:
        bot = SunbaeBot(services, sync="force")
        async with bot:
            await bot.login(settings.token)  # runs setup_hook, which syncs
            return bot.sync_outcome or "off"
    except discord.LoginFailure as exc:
        raise StartupError("Discord rejected DISCORD_TOKEN") from exc
    except aiohttp.ClientError as exc:
        raise StartupError(unreachable(exc)) from exc
    finally:
        await services.close()
        restore()
