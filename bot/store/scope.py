"""Which entry rows a server sees: the one predicate every read that serves a server uses.

A server sees the shared entries (guild_id NULL) except those it has its own version of, its own
entries, and its versions of shared ones. Guild None (the CLI, guild 0) sees the shared entries
only. Retirement is a separate filter (`retired = 0`): a server's retired version of a shared
entry still hides the shared one there.
"""

from __future__ import annotations


def guild_key(guild_id: int | None) -> int | None:
    """None for the shared view (no guild, or the CLI's guild 0)."""
    return int(guild_id) if guild_id else None


def visible(alias: str, guild_id: int | None) -> str:
    """SQL that is true for the rows of `entries AS alias` that `guild_id` sees.

    The guild id is an int inlined by this function (never text from a user), so the predicate
    composes with any statement's own parameters.
    """
    guild = guild_key(guild_id)
    if guild is None:
        return f"({alias}.guild_id IS NULL)"
    return (
        f"(({alias}.guild_id IS NULL AND NOT EXISTS (SELECT 1 FROM entries AS version"
        f" WHERE version.base_id = {alias}.id AND version.guild_id = {guild}))"
        f" OR {alias}.guild_id = {guild})"
    )


def hidden_keys(guild_id: int | None) -> str:
    """A SELECT of the row keys `guild_id` does not see: the complement of `visible` (a short
    list: other servers' rows and the shared rows this one has its own version of), which an
    FTS match can exclude without reading every row it may see."""
    guild = guild_key(guild_id)
    if guild is None:
        return "SELECT id FROM entries WHERE guild_id IS NOT NULL"
    return (
        f"SELECT id FROM entries WHERE guild_id IS NOT NULL AND guild_id <> {guild}"
        f" UNION ALL SELECT base_id FROM entries WHERE base_id IS NOT NULL AND guild_id = {guild}"
    )


def row_keys(entry_id: str, guild_id: int | None) -> tuple[str, ...]:
    """The row keys an id may have in a server: the entry itself or the server's version."""
    guild = guild_key(guild_id)
    return (entry_id,) if guild is None else (entry_id, version_key(entry_id, guild))


def version_key(entry_id: str, guild_id: int) -> str:
    """The row key of a server's version of the shared entry `entry_id`."""
    return f"{entry_id}@{int(guild_id)}"
