"""Run the emulator on its own, for a bot started in another process:

    python -m bot.emulator --port 8765
    DISCORD_API_BASE=... DISCORD_GATEWAY_URL=... python -m bot   # in another shell

It creates one guild (#general, a forum #advice, a camper and a moderator) and prints what the
bot sends, rendered, until Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.emulator.errors import InteractionTimeout
from bot.emulator.permissions import Perm
from bot.emulator.render import render_message
from bot.emulator.server import DiscordEmulator


async def serve(host: str, port: int, guild_name: str, locale: str) -> None:
    emu = await DiscordEmulator(host=host, port=port).start()
    guild = emu.add_guild(guild_name, locale=locale)
    emu.add_forum_channel(guild, "advice")
    emu.add_member(guild, "camper", locale=locale)
    emu.add_member(guild, "moderator", permissions=Perm.MANAGE_GUILD, locale=locale)
    print(f"DISCORD_API_BASE={emu.api_base}")
    print(f"DISCORD_GATEWAY_URL={emu.gateway_url}", flush=True)
    try:
        while True:
            try:
                message = await emu.wait_for_message(within=3600)
            except InteractionTimeout:
                continue
            print(
                f"--- #{emu.state.channel(message['channel_id']).name}\n{render_message(message)}",
                flush=True,
            )
    finally:
        await emu.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bot.emulator", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--guild", default="Bootcamp")
    parser.add_argument("--locale", default="ko")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.host, args.port, args.guild, args.locale))


if __name__ == "__main__":
    main()
