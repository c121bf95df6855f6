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

Threads and forums (Discord's rules: one thread per message, 160004; a per-guild cap of active
threads, 160006; posting reopens an archived thread unless it is locked, 160005/50083; durations
60/1440/4320/10080; forum tags <= 20, applied <= 5, 40067 when a tag is required)::

    forum = emu.add_forum_channel(guild, "ai-lab", tags=["포트폴리오"], require_tag=False)
    emu.threads(parent)                  # live threads; emu.thread(id) / emu.deleted_thread(id)
    emu.thread_named("[3기] 포트폴리오")   # the one live thread with that name
    emu.starter_message(thread)          # the message it hangs on (forum post: its first message)
    await emu.archive_thread(t, locked=None) / unarchive_thread(t) / lock_thread(t, archived=False)
    await emu.unlock_thread(t) / edit_thread(t, name=..., auto_archive_duration=...)
    await emu.delete_channel(t)          # THREAD_DELETE; GET then answers 404 10003
    await emu.delete_message(msg)        # a moderator deletes a message: MESSAGE_DELETE
    await emu.set_forum_tags(forum, ["a", "b"], require=False)
    emu.set_thread_limit(guild, 3)       # creating/unarchiving beyond 3 active: 160006
    emu.race_thread_creation()           # next thread-from-message: made by "another process", 160004
    emu.fail_thread_creation(50013)      # or 160006, 50001: the next thread creation is refused
    await emu.set_bot_permissions(guild, BOT_DEFAULT & ~Perm.MANAGE_THREADS)  # needs owner="..."

Roles (positions 1..n above @everyone; the bot assigns a role only with Manage Roles and when
the role is below its highest role, else 403 50013; GUILD_MEMBER_UPDATE needs the members
intent; interactions always carry the member's current ``member.roles``)::

    role = emu.add_role(guild, "AI Lab 3기", permissions=0, position=1)  # 1: below the bot's role
    emu.bot_role(guild)                  # the bot's managed role
    await emu.move_role(role, emu.bot_role(guild).position + 1)  # above the bot: not assignable
    await emu.set_bot_permissions(guild, BOT_DEFAULT | Perm.MANAGE_ROLES)
    await emu.give_role(member, role) / take_role(member, role)  # a moderator, from the client

Modals (callback type 9, checked as Discord checks them: Label around a text input or a select,
Text Display, legacy rows) are submitted by custom_id or label; attachments fill ATTACHMENT
options (refused above ``emu.state.user_upload_limit``, as the client does; interactions carry
``emu.state.attachment_size_limit``, which a bot checks itself since Nitro users upload more)::

    res = await emu.slash("content add", user=moderator)          # res.modal is a ModalPrompt
    print(res.modal.text)                                          # inputs with their custom_ids
    done = await emu.submit_modal(res.modal, {"title": "...", "topics": ["portfolio"]})
    await emu.slash("content import", {"file": ("batch.zip", data)}, user=moderator)

Permissions bind only on a guild a human owns: ``emu.add_guild(name, owner="owner")`` (the bot
owns a plain ``add_guild`` guild, and an owner may do anything).
"""

from bot.emulator.errors import CommandHidden, EmulatorError, InteractionTimeout
from bot.emulator.models import Channel, ChannelType, Guild, Member, Role, User
from bot.emulator.permissions import ALL_PERMISSIONS, BOT_DEFAULT, EVERYONE_DEFAULT, Perm
from bot.emulator.recording import Call, Fault, GatewayEvent
from bot.emulator.render import render_choices, render_message, render_modal
from bot.emulator.results import InteractionResult, ModalPrompt
from bot.emulator.server import DiscordEmulator
from bot.emulator.state import UploadedFile

__all__ = [
    "ALL_PERMISSIONS",
    "BOT_DEFAULT",
    "EVERYONE_DEFAULT",
    "Call",
    "Channel",
    "ChannelType",
    "CommandHidden",
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
    "UploadedFile",
    "User",
    "render_choices",
    "render_message",
    "render_modal",
]
