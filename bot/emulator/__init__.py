r"""A local Discord API (gateway + REST on 127.0.0.1) that the real discord.py client logs into.

Standalone (it never imports discord)::

    emu = await DiscordEmulator().start()
    guild = emu.add_guild("Bootcamp", locale="ko")          # with #general and @everyone
    camper = emu.add_member(guild, "camper", locale="ko")
    # the bot: Route.BASE = emu.api_base; DiscordWebSocket.DEFAULT_GATEWAY = URL(emu.gateway_url)
    await emu.wait_until_identified()                        # READY + GUILD_CREATE sent
    res = await emu.slash("advice", {"query": "대학원"}, user=camper)
    print(res.text)                                          # rendered reply
    res = await emu.click(res, label="다음")                  # type 7 edits the same message
    emu.fail("POST", r"^/channels/\d+/messages$", status=403)
    await emu.drop_gateway()                                 # the bot RESUMEs
    await emu.stop()
"""

from bot.emulator.errors import EmulatorError, InteractionTimeout
from bot.emulator.models import Channel, ChannelType, Guild, Member, Role, User
from bot.emulator.permissions import ALL_PERMISSIONS, BOT_DEFAULT, EVERYONE_DEFAULT, Perm
from bot.emulator.recording import Call, Fault, GatewayEvent
from bot.emulator.render import render_choices, render_message, render_modal
from bot.emulator.results import InteractionResult, ModalPrompt
from bot.emulator.server import DiscordEmulator

__all__ = [
    "ALL_PERMISSIONS",
    "BOT_DEFAULT",
    "EVERYONE_DEFAULT",
    "Call",
    "Channel",
    "ChannelType",
    "DiscordEmulator",
    "EmulatorError",
    "Fault",
    "GatewayEvent",
    "Guild",
    "InteractionResult",
    "InteractionTimeout",
    "Member",
    "ModalPrompt",
    "Perm",
    "Role",
    "User",
    "render_choices",
    "render_message",
    "render_modal",
]
