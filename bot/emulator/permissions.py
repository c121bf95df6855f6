"""Permission bits, so tests and the sandbox can grant them without importing discord."""

from __future__ import annotations

from enum import IntFlag


class Perm(IntFlag):
    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    MANAGE_NICKNAMES = 1 << 27
    MANAGE_ROLES = 1 << 28
    MANAGE_WEBHOOKS = 1 << 29
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40


# Every bit Discord defines today; ADMINISTRATOR expands to this.
ALL_PERMISSIONS = (1 << 51) - 1

# What @everyone can do in a freshly created server.
EVERYONE_DEFAULT = int(
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.ADD_REACTIONS
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.CREATE_PUBLIC_THREADS
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.CHANGE_NICKNAME
    | Perm.CREATE_INSTANT_INVITE
)

# The bot's own managed role: what its invite link usually asks for.
BOT_DEFAULT = EVERYONE_DEFAULT | int(Perm.MANAGE_MESSAGES | Perm.MANAGE_THREADS)


def effective(bits: int) -> int:
    """Administrator implies every permission, as Discord computes it."""
    return ALL_PERMISSIONS if bits & Perm.ADMINISTRATOR else bits


ADMIN = int(Perm.ADMINISTRATOR)
