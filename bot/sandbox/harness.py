"""Start the emulator and the real SunbaeBot against it (the sandbox, the tests and the benchmark).

The bot runs exactly as in production (setup_hook, extensions, translator, tree.sync); only the
API base and gateway URL point at 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.adapter.client import SunbaeBot
from bot.adapter.endpoints import use_endpoints
from bot.app import Services, bootstrap, start_up
from bot.clock import iso, utcnow
from bot.emulator import Channel, DiscordEmulator, Guild, Member, Perm
from bot.emulator.snowflake import SnowflakeFactory
from bot.models import IngestReport
from bot.settings import Settings

SANDBOX_TOKEN = "sandbox.token.not-a-real-discord-token"
WORLD_SEED_KEY = "sandbox:world_seed"


async def world_seed(services: Services) -> int:
    """The first id of this database's sandbox world, made (from the time) on its first start."""
    stored = await services.state.get(WORLD_SEED_KEY)
    if stored is not None and stored.isdigit():
        return int(stored)
    seed = SnowflakeFactory().next()
    await services.state.set(WORLD_SEED_KEY, str(seed), now=iso(utcnow()))
    return seed


@dataclass(slots=True)
class Harness:
    emu: DiscordEmulator
    services: Services
    bot: SunbaeBot
    guild: Guild
    channel: Channel
    camper: Member
    moderator: Member
    ingest_report: IngestReport | None
    _task: asyncio.Task[None]
    _restore: Callable[[], None] = field(repr=False)

    @classmethod
    async def start(
        cls,
        settings: Settings,
        *,
        locale: str = "ko",
        ingest: bool = True,
        services: Services | None = None,
        emulator: DiscordEmulator | None = None,
        stable_world: bool = False,
        channels: Sequence[str] = (),
        settle: bool = False,
    ) -> Harness:
        """The bot on `emulator` (else a new one) in a new server with #general, `channels`, a
        camper and a moderator. `stable_world`: the server, its channels and members get the
        same ids every time for this database (the sandbox's `--db`), so what the database
        holds for them (tip schedule, cohorts) is theirs again on the next start. `settle`: this
        bot is the process's (the sandbox, a benchmark), as `start_up` says."""
        services = services or await bootstrap(settings)
        owns_emulator = emulator is None
        try:
            if emulator is None:
                seed = await world_seed(services) if stable_world else None
                emulator = await DiscordEmulator(id_seed=seed).start()
            emu = emulator
            guild = emu.add_guild("AI 부트캠프", locale=locale)
            channel = emu.state.channels[guild.system_channel_id or 0]
            camper = emu.add_member(guild, "camper", locale=locale)
            moderator = emu.add_member(
                guild, "moderator", permissions=Perm.MANAGE_GUILD, locale=locale
            )
            for name in channels:
                emu.add_text_channel(guild, name)
            if owns_emulator:
                emu.world_built()
        except BaseException:
            await services.close()
            if owns_emulator and emulator is not None:
                await emulator.stop()
            raise
        restore = use_endpoints(emu.api_base, emu.gateway_url)
        try:
            report = await start_up(services, ingest=ingest, settle=settle)
            # A new emulator knows no commands, whatever the database's sync hash says.
            bot = SunbaeBot(
                services, guild_ready_timeout=0.05, sync="force" if owns_emulator else "auto"
            )
            await bot.login(settings.token or SANDBOX_TOKEN)
            task = asyncio.create_task(bot.connect(reconnect=True), name="sandbox-gateway")
            await emu.wait_until_identified()
            await asyncio.wait_for(bot.wait_until_ready(), 10)
            # The tip scheduler's start-up round reads the database: let it finish first.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(services.tip_scheduler.idle(), 5)
        except BaseException:
            restore()
            await services.close()
            if owns_emulator:
                await emu.stop()
            raise
        return cls(emu, services, bot, guild, channel, camper, moderator, report, task, restore)

    async def close(self, *, stop_emulator: bool = True) -> None:
        try:
            await self.bot.close()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._task, 5)
        finally:
            await self.services.close()
            self._restore()
            if stop_emulator:
                await self.emu.stop()
