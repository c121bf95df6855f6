"""`/content import` (a dry run, then Confirm or Cancel by the same moderator; a timeout changes
nothing) and `/content export` (a .zip that ingest and import read back)."""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import discord

from bot.adapter import limits
from bot.adapter.locale import lang, text
from bot.adapter.render import COLOR
from bot.adapter.types import Interaction
from bot.adapter.views import ActionButton, OwnedView
from bot.content import ContentError, ContentService
from bot.content.archive import SUFFIXES
from bot.content.service import ImportResult
from bot.i18n import MESSAGES, Language, t
from bot.models import FileProblem
from bot.models.content import Actor, ExportScope
from bot.models.content_errors import StaleRevision
from cogs.content.access import is_editor
from cogs.content.audit import AuditLog

log = logging.getLogger(__name__)

CONFIRM_TIMEOUT = 600.0
IMPORT_SUFFIXES = (*SUFFIXES, ".zip")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _ids(values: Sequence[str]) -> str:
    listed = ", ".join(f"`{v.replace('`', 'ˋ')}`" for v in values)
    return limits.clip(listed, limits.EMBED_FIELD_VALUE)


def problem_text(problem: FileProblem, language: Language) -> str:
    """Why a file was left out, in the moderator's language. English keeps the parser's own
    words (they say more); so does a rule the messages do not know."""
    key = f"content.reason.{problem.code}"
    if language == "en" or problem.code is None or key not in MESSAGES:
        return problem.reason
    values = {k: limits.clip(v, 100) if isinstance(v, str) else v for k, v in problem.values}
    reason = t(key, language, **values)
    return f"{problem.field}: {reason}" if problem.field else reason


def plan_embed(name: str, result: ImportResult, language: Language) -> discord.Embed:
    """Added / updated / unchanged / renamed / errors, each with its ids (or file and reason)."""
    embed = discord.Embed(
        title=limits.clip(t("content.import.title", language, name=name), limits.EMBED_TITLE),
        colour=COLOR,
    )
    groups = (
        ("added", result.added),
        ("updated", result.updated),
        ("unchanged", result.unchanged),
    )
    for key, ids in groups:
        if ids:
            embed.add_field(
                name=t(f"content.import.{key}", language, n=len(ids)), value=_ids(ids), inline=False
            )
    if result.renamed:
        pairs = "\n".join(
            f"`{a.replace('`', 'ˋ')}` → `{b.replace('`', 'ˋ')}`" for a, b in result.renamed
        )
        embed.add_field(
            name=t("content.import.renamed", language, n=len(result.renamed)),
            value=limits.clip(pairs, limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    if result.errors:
        # In a code block: file names and parser messages are shown, never rendered.
        lines = "\n".join(
            f"{p.file}: {problem_text(p, language)}".replace("`", "ˋ") for p in result.errors
        )
        embed.add_field(
            name=t("content.import.errors", language, n=len(result.errors)),
            value=f"```\n{limits.clip(lines, limits.EMBED_FIELD_VALUE - 10)}\n```",
            inline=False,
        )
    return embed


class ConfirmImport(OwnedView):
    """Confirm applies the upload (all or nothing), Cancel or the timeout leaves everything."""

    def __init__(
        self,
        owner_id: int,
        language: Language,
        *,
        content: ContentService,
        guild_id: int,
        actor: Actor,
        name: str,
        data: bytes,
        based_on: Mapping[str, int],
        timeout: float,
        audit: AuditLog,
    ) -> None:
        super().__init__(owner_id, language, timeout=timeout)
        self._based_on = based_on
        self._audit = audit
        self._content = content
        self._guild_id = guild_id
        self._actor = actor
        self._name = name
        self._data = data
        self.add_item(
            ActionButton(
                self._confirm,
                label=t("content.button.confirm", language),
                style=discord.ButtonStyle.success,
            )
        )
        self.add_item(
            ActionButton(
                self._cancel,
                label=t("content.button.cancel", language),
                style=discord.ButtonStyle.secondary,
            )
        )

    async def _refusal(self, interaction: discord.Interaction[Any]) -> str | None:
        """Why who clicked may no longer import (as a form's save, asked again: the role may
        have gone, or review mode come on, since the dry run), or None."""
        if not await is_editor(interaction):
            return text(interaction, "content.not_editor")
        if not interaction.permissions.manage_guild and await self._content.review(self._guild_id):
            return text(interaction, "content.review.editors_propose")
        return None

    async def _confirm(self, interaction: discord.Interaction) -> None:
        self.stop()  # one answer: a second click or the timeout finds nothing to do
        refused = await self._refusal(interaction)
        if refused is not None:
            await interaction.response.edit_message(content=refused, embed=None, view=None)
            return
        await interaction.response.defer()
        try:
            # Planned again and written in one transaction: what changed since the dry run
            # (another moderator's edit, an id taken meanwhile) is accounted for, or nothing is.
            done = await self._content.import_file(
                self._guild_id, self._name, self._data, self._actor, apply=True,
                expected=self._based_on,
            )  # fmt: skip
        except StaleRevision:
            message = text(interaction, "content.import.stale")
            await interaction.edit_original_response(content=message, embed=None, view=None)
            return
        except ContentError as exc:
            message = text(interaction, "content.import.failed", reason=str(exc))
            await interaction.edit_original_response(content=message, view=None)
            return
        message = text(
            interaction, "content.import.applied", name=self._name,
            added=len(done.added), updated=len(done.updated),
        )  # fmt: skip
        embed = plan_embed(self._name, done, lang(interaction))
        await interaction.edit_original_response(content=message, embed=embed, view=None)
        await self._audit.imported(interaction, self._name, len(done.added), len(done.updated))

    async def _cancel(self, interaction: discord.Interaction) -> None:
        self.stop()
        message = text(interaction, "content.import.cancelled")
        await interaction.response.edit_message(content=message, view=None)

    async def on_timeout(self) -> None:
        if self.origin is None:
            return
        try:
            message = t("content.import.expired", self.language)
            await self.origin.edit_original_response(content=message, view=None)
        except discord.HTTPException:
            log.debug("could not mark an expired import", exc_info=True)


class Transfers:
    """The work of /content import and /content export."""

    def __init__(
        self, content: ContentService, *, audit: AuditLog, confirm_timeout: float = CONFIRM_TIMEOUT
    ) -> None:
        self.content = content
        self.audit = audit
        self.confirm_timeout = confirm_timeout

    async def import_file(
        self, interaction: Interaction, file: discord.Attachment, actor: Actor
    ) -> None:
        assert interaction.guild_id is not None
        name = file.filename
        if not name.lower().endswith(IMPORT_SUFFIXES):
            await interaction.response.send_message(
                text(interaction, "content.import.bad_type", name=name), ephemeral=True
            )
            return
        # Before downloading: what the interaction allows (a Nitro user may attach more).
        limit = interaction.filesize_limit
        if file.size > limit:
            message = text(
                interaction, "content.import.too_big", name=name, size=_size(file.size),
                limit=_size(limit),
            )  # fmt: skip
            await interaction.response.send_message(message, ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        plan = await self.content.import_file(interaction.guild_id, name, data, actor, apply=False)
        embed = plan_embed(name, plan, lang(interaction))
        if not plan.changes:
            message = text(interaction, "content.import.nothing", name=name)
            await interaction.followup.send(message, embed=embed, ephemeral=True)
            return
        view = ConfirmImport(
            interaction.user.id, lang(interaction), content=self.content,
            guild_id=interaction.guild_id, actor=actor, name=name, data=data,
            based_on=plan.based_on, timeout=self.confirm_timeout, audit=self.audit,
        )  # fmt: skip
        minutes = max(1, round(self.confirm_timeout / 60))
        message = text(interaction, "content.import.plan", name=name, minutes=minutes)
        await interaction.followup.send(message, embed=embed, view=view, ephemeral=True)
        view.attach(interaction)

    async def export(self, interaction: Interaction, scope: ExportScope) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        data, count = await self.content.export(interaction.guild_id, scope)
        if count == 0:
            await interaction.followup.send(
                text(interaction, "content.export.empty"), ephemeral=True
            )
            return
        limit = interaction.filesize_limit
        if len(data) > limit:
            message = text(
                interaction, "content.export.too_big", size=_size(len(data)), limit=_size(limit)
            )
            await interaction.followup.send(message, ephemeral=True)
            return
        file = discord.File(io.BytesIO(data), filename=f"sunbae-{interaction.guild_id}-{scope}.zip")
        message = text(interaction, "content.export.done", count=count)
        await interaction.followup.send(message, file=file, ephemeral=True)
