"""History and conflicts as embeds: who (a name, never a ping), when (the server's time zone),
what, and a short diff in a code block (where nothing renders, links and mentions included)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import discord

from bot.adapter import limits
from bot.adapter.render import COLOR, fit
from bot.content import EntryInput, Revision
from bot.content.diff import short_diff
from bot.i18n import Language, Verbatim, t
from bot.models.content import HistoryPage

DIFF_LINES = 8


def local_time(at: str, zone: ZoneInfo) -> str:
    moment = dt.datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def diff_block(
    lines: Sequence[str], limit: int = limits.EMBED_FIELD_VALUE, *, most: int | None = None
) -> str:
    """Lines (the first `most`) in a ```diff block; a backtick in user text would close it, so
    it is swapped."""
    body = "\n".join(line.replace("`", "ˋ") for line in lines[:most])
    return f"```diff\n{limits.clip(body, limit - 12)}\n```"


_REVERTED_TO = re.compile(r"revision (\d+)")


def reason_text(revision: Revision, language: Language) -> str:
    """A revision's note: a revert's (stored as `revision N`) in the reader's language."""
    reverted = _REVERTED_TO.fullmatch(revision.reason or "")
    if revision.action == "revert" and reverted:
        return t("content.history.reverted_to", language, revision=int(reverted.group(1)))
    return t("content.history.reason", language, reason=revision.reason)


def revision_field(revision: Revision, language: Language, zone: ZoneInfo) -> tuple[str, str]:
    """(name, value) of one revision: `#12 · edited · 운영진 A · 2026-12-01 18:00`."""
    if revision.actor == "ingest":
        who = t("content.history.file", language)
    else:
        who = revision.actor_name or revision.actor
    if revision.guild_id is None:
        who = f"{who} ({t('content.history.shared', language)})"
    name = t(
        "content.history.line",
        language,
        number=revision.number,
        action=Verbatim(t(f"content.action.{revision.action}", language)),
        who=who,
        when=Verbatim(local_time(revision.at, zone)),
    )
    parts: list[str] = []
    if revision.reason:
        parts.append(reason_text(revision, language))
    diff = short_diff(revision.previous, revision.snapshot)
    if diff:
        parts.append(diff_block(diff, limits.EMBED_FIELD_VALUE - 200, most=DIFF_LINES))
    elif not parts:
        parts.append(t("content.history.no_diff", language))
    value = limits.clip("\n".join(parts), limits.EMBED_FIELD_VALUE)
    return limits.clip(name, limits.EMBED_FIELD_NAME), value


def history_embed(
    title: str,
    entry_id: str,
    page: HistoryPage,
    *,
    per_page: int,
    language: Language,
    zone: ZoneInfo,
) -> discord.Embed:
    pages = max(1, -(-page.total // per_page))
    embed = discord.Embed(
        title=limits.clip(t("content.history.title", language, title=title), limits.EMBED_TITLE),
        colour=COLOR,
    )
    for revision in page.revisions:
        name, value = revision_field(revision, language, zone)
        embed.add_field(name=name, value=value, inline=False)
    footer = t(
        "content.history.footer",
        language,
        id=Verbatim(entry_id),
        n=page.offset // per_page + 1,
        pages=pages,
        total=page.total,
        zone=Verbatim(zone.key),
    )
    embed.set_footer(text=limits.clip(footer, limits.EMBED_FOOTER))
    return fit(embed)


def conflict_embeds(
    meanwhile: Sequence[Revision], yours: EntryInput, language: Language, zone: ZoneInfo
) -> list[discord.Embed]:
    """What changed since the form opened, and the moderator's own text to copy (clipped to
    what fits beside it; the whole text goes with the reply as a file)."""
    changed = discord.Embed(title=t("content.conflict.meanwhile", language), colour=COLOR)
    for revision in list(meanwhile)[:3]:
        name, value = revision_field(revision, language, zone)
        changed.add_field(name=name, value=limits.clip(value, 600), inline=False)
    theirs = discord.Embed(
        title=limits.clip(f"{t('content.conflict.yours', language)}: {yours.title}", 256),
        colour=COLOR,
    )
    room = min(limits.EMBED_DESCRIPTION, limits.EMBED_TOTAL - len(changed) - len(theirs)) - 10
    # A code block shows the text exactly as typed (copyable, no markup, no pings).
    body = yours.body.replace("```", "ˋˋˋ")
    theirs.description = f"```\n{limits.clip(body, room)}\n```"
    return [changed, theirs]
