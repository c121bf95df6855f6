"""/content: a server's editors add, edit, retire, restore and revert advice and read its
history. Thin: parse the interaction, call ContentService, render. Every change names the
moderator by display name (history shows names, never pings)."""

from __future__ import annotations

import functools
import io
import logging
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

from bot.adapter import limits
from bot.adapter.channels import deleted
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.render import entry_pages
from bot.adapter.respond import deferring, send
from bot.adapter.types import Interaction
from bot.adapter.views import PagesView
from bot.app import Services
from bot.content import Actor, ContentError, EditConflict, EntryInput, FieldError
from bot.content.archive import input_markdown
from bot.corpus.references import with_named_references
from bot.i18n import MESSAGES, Verbatim
from bot.models import Entry
from bot.models.content_errors import EntryNotFound, IdTaken, NoChange, RevisionNotFound
from bot.search.models import SuggestionKind, parse_value
from bot.text import markdown
from cogs.content.access import editors_only, is_editor
from cogs.content.audit import AuditLog
from cogs.content.embeds import conflict_embeds, revision_field
from cogs.content.history import PER_PAGE, HistoryView
from cogs.content.modal import (
    EntryModal,
    ReopenView,
    form_id,
    form_input,
    misfit,
    parse_form_id,
    submission,
    submitted_values,
)
from cogs.content.review import ReviewDesk
from cogs.content.transfer import Transfers

log = logging.getLogger(__name__)

KINDS = [
    app_commands.Choice(name=cmd_str(f"content.kind.{kind}"), value=kind)
    for kind in ("qa", "tip", "insight")
]
SCOPES = [
    app_commands.Choice(name=cmd_str(f"content.scope.{scope}"), value=scope)
    for scope in ("own", "all")
]
_RULES = {"title", "body", "tip", "topics", "aliases", "kind"}


def actor(interaction: Interaction) -> Actor:
    return Actor(str(interaction.user.id), interaction.user.display_name)


def error_text(interaction: Interaction, error: ContentError) -> str:
    """A refusal from the domain in the moderator's language."""
    if isinstance(error, EntryNotFound):
        return text(interaction, "content.unknown_entry", id=error.entry_id)
    if isinstance(error, RevisionNotFound):
        return text(
            interaction, "content.unknown_revision", id=error.entry_id, revision=error.number
        )
    if isinstance(error, NoChange):
        state = error.state if error.state in ("retired", "live", "saved") else "revision"
        revision = error.state.rsplit(" ", 1)[-1]
        return text(interaction, f"content.no_change.{state}", id=error.entry_id, revision=revision)
    if isinstance(error, IdTaken):
        return text(interaction, "content.id_taken", id=error.entry_id)
    if isinstance(error, FieldError):
        field = error.field if error.field in _RULES else "body"
        return text(
            interaction,
            "content.invalid",
            field=text(interaction, f"content.field.{field}"),
            rule=Verbatim(text(interaction, f"content.rule.{field}")),  # the bot's own text
            reason=_reason(interaction, error),
        )
    return str(error)


def _reason(interaction: Interaction, error: FieldError) -> str:
    """What is wrong with the field, in the moderator's language (the English reason, escaped,
    only for a rule the messages do not know)."""
    key = f"content.reason.{error.code}"
    if error.code is None or key not in MESSAGES:
        return Verbatim(markdown.escape(limits.clip(error.reason, 300)))
    values = {k: limits.clip(v, 100) if isinstance(v, str) else v for k, v in error.values.items()}
    return Verbatim(text(interaction, key, **values))


class ContentGroup(app_commands.Group):
    def __init__(self, services: Services) -> None:
        super().__init__(
            name=cmd_str("content.name"),
            description=cmd_str("content.description"),
            guild_only=True,
            # A hint (Discord hides /content from others); `editors_only` is the real check.
            default_permissions=discord.Permissions(manage_guild=True),
        )
        self.services = services
        self.content = services.content
        self.audit = AuditLog(services.content)
        self.review = ReviewDesk(services.content, audit=self.audit)
        self.transfers = Transfers(services.content, audit=self.audit)

    async def _zone(self, guild_id: int) -> ZoneInfo:
        """The server's time zone: the one its daily tip is posted in."""
        settings = await self.services.tips.settings(guild_id, acknowledge=False)
        return ZoneInfo(settings.timezone)

    async def _reply(self, interaction: Interaction, message: str, **kwargs: Any) -> None:
        await send(interaction, message, **kwargs)

    async def _show(self, interaction: Interaction, message: str, entry: Entry) -> None:
        """The entry as this server's campers will see it (the ids its body mentions by title)."""
        fetch = functools.partial(self.services.entries.get_many, guild_id=interaction.guild_id)
        (entry,) = await with_named_references([entry], fetch)
        topics = {topic.id: topic for topic in await self.services.search.topics()}
        pages = entry_pages(entry, lang(interaction), topics=topics)
        view = PagesView(interaction.user.id, lang(interaction), pages, shareable=False)
        await self._reply(interaction, message, embed=pages[0], view=view)
        view.attach(interaction)

    # -- the form --------------------------------------------------------------------------------

    async def _form(
        self, interaction: Interaction, given: EntryInput, *, entry_id: str | None, based_on: int
    ) -> EntryModal:
        return EntryModal(
            language=lang(interaction),
            heading="content.modal.add" if entry_id is None else "content.modal.edit",
            custom_id=form_id(given.kind, based_on, entry_id),
            given=given,
            topics=await self.services.search.topics(),
        )

    async def submitted(self, interaction: Interaction) -> None:
        """A content form came back (see `modal.py`): save it as the add or edit it was."""
        custom_id, components = submission(interaction)
        form = parse_form_id(custom_id)
        if form is None or interaction.guild_id is None:
            return
        # A save waits for the database writer, which a big ingestion can hold for seconds:
        # answer "thinking" first (Discord drops an answer after 3 s; a retry would add twice).
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not await is_editor(interaction):  # the role may have gone since the form opened
            await self._reply(interaction, text(interaction, "content.not_editor"))
            return
        kind, based_on, entry_id = form
        values = submitted_values(components)
        taxonomy = await self.services.search.topics()
        if entry_id is None:
            typed = form_input(values, kind=kind, title_en="", topics=(), taxonomy=taxonomy)
            await self._save_new(interaction, typed)
            return
        try:
            current, _ = await self.content.get(interaction.guild_id, entry_id)
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        typed = form_input(
            values, kind=kind, title_en=current.title_en, topics=current.topics, taxonomy=taxonomy
        )
        await self._save_edit(interaction, entry_id, typed, based_on)

    async def add_form(self, interaction: Interaction, *, title: str) -> EntryModal:
        """The /content add form with its title filled in (insights' "Write an answer")."""
        given = EntryInput(title=title, body="")
        return await self._form(interaction, given, entry_id=None, based_on=0)

    def _reopen(
        self,
        interaction: Interaction,
        given: EntryInput,
        entry_id: str | None,
        based_on: int,
        *,
        latest: bool = False,
    ) -> ReopenView:
        """The form again with `given` in it; `latest`: on the newest revision (a conflict)."""

        async def modal() -> discord.ui.Modal:
            return await self._form(interaction, given, entry_id=entry_id, based_on=based_on)

        label = "content.button.reopen_latest" if latest else "content.button.reopen"
        return ReopenView(interaction.user.id, lang(interaction), label=label, modal=modal)

    async def _refuse_input(
        self,
        interaction: Interaction,
        error: FieldError,
        entry_id: str | None,
        based_on: int,
        typed: EntryInput,
    ) -> None:
        view = self._reopen(interaction, error.given or typed, entry_id, based_on)
        await self._reply(interaction, error_text(interaction, error), view=view)

    async def _proposes(self, interaction: Interaction) -> bool:
        """Review mode and an editor-role member: their change waits for a moderator."""
        assert interaction.guild_id is not None
        if interaction.permissions.manage_guild:
            return False
        return await self.content.review(interaction.guild_id)

    async def _refuse_in_review(self, interaction: Interaction) -> bool:
        """What editor-role members may not do in review mode (they propose adds and edits)."""
        if not await self._proposes(interaction):
            return False
        await self._reply(interaction, text(interaction, "content.review.editors_propose"))
        return True

    async def _propose(
        self, interaction: Interaction, entry_id: str | None, typed: EntryInput, based_on: int
    ) -> None:
        assert interaction.guild_id is not None
        guild_id = interaction.guild_id
        try:
            pending = await self.content.propose(
                guild_id, entry_id, typed, actor(interaction), based_on=based_on,
                language=lang(interaction),
            )  # fmt: skip
        except FieldError as exc:
            await self._refuse_input(interaction, exc, entry_id, based_on, typed)
            return
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        await self.review.submitted(interaction, pending, await self.content.log_channel(guild_id))

    async def _save_new(self, interaction: Interaction, typed: EntryInput) -> None:
        assert interaction.guild_id is not None
        if await self._proposes(interaction):
            await self._propose(interaction, None, typed, 0)
            return
        try:
            entry = await self.content.add(interaction.guild_id, typed, actor(interaction))
        except FieldError as exc:
            await self._refuse_input(interaction, exc, None, 0, typed)
            return
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        await self._show(interaction, text(interaction, "content.added", id=entry.id), entry)
        await self.audit.change(interaction, entry.id)

    async def _save_edit(
        self, interaction: Interaction, entry_id: str, typed: EntryInput, based_on: int
    ) -> None:
        assert interaction.guild_id is not None
        guild_id = interaction.guild_id
        if await self._proposes(interaction):
            await self._propose(interaction, entry_id, typed, based_on)
            return
        try:
            entry = await self.content.edit(
                guild_id, entry_id, typed, actor(interaction), based_on=based_on
            )
        except EditConflict as conflict:
            await self._conflict(interaction, conflict)
            return
        except FieldError as exc:
            await self._refuse_input(interaction, exc, entry_id, based_on, typed)
            return
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        message = text(interaction, "content.edited", id=entry.id)
        if entry.source.file:
            message += "\n" + text(interaction, "content.edited_shared")
        await self._show(interaction, message, entry)
        await self.audit.change(interaction, entry.id)

    async def _conflict(self, interaction: Interaction, conflict: EditConflict) -> None:
        """Nothing was written: what changed meanwhile, their text (shown and as a file), and
        a button that opens the form on the latest revision with their text in it."""
        assert interaction.guild_id is not None
        language = lang(interaction)
        zone = await self._zone(interaction.guild_id)
        embeds = conflict_embeds(conflict.meanwhile, conflict.yours, language, zone)
        _, latest = await self.content.get(interaction.guild_id, conflict.current.id)
        view = self._reopen(interaction, conflict.yours, conflict.current.id, latest, latest=True)
        file = discord.File(
            io.BytesIO(input_markdown(conflict.yours, conflict.current.id).encode("utf-8")),
            filename=f"{conflict.current.id}-yours.md",
        )
        message = text(interaction, "content.conflict", id=conflict.current.id)
        await self._reply(interaction, message, embeds=embeds, view=view, file=file)

    # -- entry options: autocomplete and re-validation -------------------------------------------

    async def _entry_choices(
        self, interaction: Interaction, current: str, *, live: bool, retired: bool
    ) -> list[app_commands.Choice[str]]:
        guild_id = interaction.guild_id
        if guild_id is None or not await is_editor(interaction):
            return []
        pairs: list[tuple[str, str]] = []
        if retired:
            found = await self.content.suggest(guild_id, current, retired=True, limit=10)
            pairs += [(f"🗄️ {e.title}", e.id) for e in found]
        if live:
            suggestions = await self.services.search.suggest(
                current, limit=limits.CHOICES, guild_id=guild_id
            )
            pairs += [(s.name, s.ref) for s in suggestions if s.kind is SuggestionKind.ENTRY]
        return limits.choices(pairs)

    async def _entry(self, interaction: Interaction, value: str) -> tuple[Entry, int] | None:
        """The entry option, re-validated against what this server sees."""
        assert interaction.guild_id is not None
        _, ref = parse_value(value)
        try:
            return await self.content.get(interaction.guild_id, ref.strip())
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return None

    # -- subcommands -----------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("content.add.name"), description=cmd_str("content.add.description")
    )
    @app_commands.rename(kind=cmd_str("content.kind.name"))
    @app_commands.describe(kind=cmd_str("content.kind.description"))
    @app_commands.choices(kind=KINDS)
    @editors_only()
    async def add(
        self, interaction: Interaction, kind: app_commands.Choice[str] | None = None
    ) -> None:
        given = EntryInput(title="", body="", kind=kind.value if kind else "insight")
        await interaction.response.send_modal(
            await self._form(interaction, given, entry_id=None, based_on=0)
        )

    @app_commands.command(
        name=cmd_str("content.edit.name"), description=cmd_str("content.edit.description")
    )
    @app_commands.rename(entry=cmd_str("content.entry.name"), kind=cmd_str("content.kind.name"))
    @app_commands.describe(
        entry=cmd_str("content.entry.description"), kind=cmd_str("content.kind.description")
    )
    @app_commands.choices(kind=KINDS)
    @editors_only()
    async def edit(
        self,
        interaction: Interaction,
        entry: app_commands.Range[str, 1, 100],
        kind: app_commands.Choice[str] | None = None,
    ) -> None:
        found = await self._entry(interaction, entry)
        if found is None:
            return
        current, revision = found
        given = EntryInput(
            title=current.title, body=current.body, tip=current.tip or "", topics=current.topics,
            aliases=current.aliases, kind=kind.value if kind else str(current.kind),
            title_en=current.title_en,
        )  # fmt: skip
        unfit = misfit(given, await self.services.search.topics(), lang(interaction))
        if unfit is not None:  # saving the form would lose what it could not show
            label = text(interaction, f"content.field.{unfit.field}")
            message = text(interaction, unfit.key, id=current.id, field=label, **unfit.values)
            await self._reply(interaction, message)
            return
        await interaction.response.send_modal(
            await self._form(interaction, given, entry_id=current.id, based_on=revision)
        )

    @app_commands.command(
        name=cmd_str("content.retire.name"), description=cmd_str("content.retire.description")
    )
    @app_commands.rename(entry=cmd_str("content.entry.name"), reason=cmd_str("content.reason.name"))
    @app_commands.describe(
        entry=cmd_str("content.entry.description"), reason=cmd_str("content.reason.description")
    )
    @editors_only()
    async def retire(
        self,
        interaction: Interaction,
        entry: app_commands.Range[str, 1, 100],
        reason: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        if await self._refuse_in_review(interaction):
            return
        found = await self._entry(interaction, entry)
        if found is None:
            return
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)  # the writer may be busy
        try:
            done = await self.content.retire(
                interaction.guild_id, found[0].id, actor(interaction), reason=reason
            )
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        await self._reply(interaction, text(interaction, "content.retired", id=done.id))
        await self.audit.change(interaction, done.id)

    @app_commands.command(
        name=cmd_str("content.restore.name"), description=cmd_str("content.restore.description")
    )
    @app_commands.rename(entry=cmd_str("content.entry.name"))
    @app_commands.describe(entry=cmd_str("content.entry.description"))
    @editors_only()
    async def restore(
        self, interaction: Interaction, entry: app_commands.Range[str, 1, 100]
    ) -> None:
        if await self._refuse_in_review(interaction):
            return
        found = await self._entry(interaction, entry)
        if found is None:
            return
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)  # the writer may be busy
        try:
            done = await self.content.restore(interaction.guild_id, found[0].id, actor(interaction))
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        await self._show(interaction, text(interaction, "content.restored", id=done.id), done)
        await self.audit.change(interaction, done.id)

    @app_commands.command(
        name=cmd_str("content.history.name"), description=cmd_str("content.history.description")
    )
    @app_commands.rename(entry=cmd_str("content.entry.name"))
    @app_commands.describe(entry=cmd_str("content.entry.description"))
    @editors_only()
    async def history(
        self, interaction: Interaction, entry: app_commands.Range[str, 1, 100]
    ) -> None:
        found = await self._entry(interaction, entry)
        if found is None:
            return
        assert interaction.guild_id is not None
        current = found[0]
        first = await self.content.history(interaction.guild_id, current.id, per_page=PER_PAGE)
        language = lang(interaction)
        title = current.title_en if language == "en" and current.title_en else current.title
        view = HistoryView(
            interaction.user.id, language, content=self.content,
            guild_id=interaction.guild_id, entry_id=current.id, title=title,
            zone=await self._zone(interaction.guild_id), first=first,
        )  # fmt: skip
        await self._reply(interaction, "", embed=view.embed(), view=view)
        view.attach(interaction)

    @app_commands.command(
        name=cmd_str("content.revert.name"), description=cmd_str("content.revert.description")
    )
    @app_commands.rename(
        entry=cmd_str("content.entry.name"), revision=cmd_str("content.revision.name")
    )
    @app_commands.describe(
        entry=cmd_str("content.entry.description"),
        revision=cmd_str("content.revision.description"),
    )
    @editors_only()
    async def revert(
        self,
        interaction: Interaction,
        entry: app_commands.Range[str, 1, 100],
        revision: app_commands.Range[int, 1],
    ) -> None:
        if await self._refuse_in_review(interaction):
            return
        found = await self._entry(interaction, entry)
        if found is None:
            return
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)  # the writer may be busy
        try:
            done = await self.content.revert(
                interaction.guild_id, found[0].id, revision, actor(interaction)
            )
        except ContentError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        message = text(interaction, "content.reverted", id=done.id, revision=revision)
        if done.retired:  # the card below is what campers would see, were it live: say it is not
            message += "\n" + text(interaction, "content.reverted.retired")
        await self._show(interaction, message, done)
        await self.audit.change(interaction, done.id)

    @app_commands.command(
        name=cmd_str("content.editors.name"), description=cmd_str("content.editors.description")
    )
    @app_commands.rename(role=cmd_str("content.role.name"), clear=cmd_str("content.clear.name"))
    @app_commands.describe(
        role=cmd_str("content.role.description"), clear=cmd_str("content.clear.description")
    )
    async def editors(
        self, interaction: Interaction, role: discord.Role | None = None, clear: bool = False
    ) -> None:
        assert interaction.guild_id is not None
        guild_id = interaction.guild_id
        if role is None and not clear:
            if not await is_editor(interaction):
                await self._reply(interaction, text(interaction, "content.not_editor"))
                return
            current = await self.content.editor_role(guild_id)
            key = "content.editors.none" if current is None else "content.editors.show"
            await self._reply(interaction, text(interaction, key, role=current or 0))
            return
        # Naming who may edit is for Manage Server only: an editor cannot widen the circle.
        if not interaction.permissions.manage_guild:
            await self._reply(interaction, text(interaction, "content.editors.manage_only"))
            return
        named = None if clear or role is None else role.id
        async with deferring(interaction):  # the writer may be busy (an ingest)
            await self.content.set_editor_role(guild_id, named)
        if clear:
            await self._reply(interaction, text(interaction, "content.editors.cleared"))
            return
        assert role is not None
        await self._reply(interaction, text(interaction, "content.editors.set", role=role.id))

    @app_commands.command(
        name=cmd_str("content.import.name"), description=cmd_str("content.import.description")
    )
    @app_commands.rename(file=cmd_str("content.file.name"))
    @app_commands.describe(file=cmd_str("content.file.description"))
    @editors_only()
    async def import_file(self, interaction: Interaction, file: discord.Attachment) -> None:
        if await self._refuse_in_review(interaction):
            return
        await self.transfers.import_file(interaction, file, actor(interaction))

    @app_commands.command(
        name=cmd_str("content.pending.name"), description=cmd_str("content.pending.description")
    )
    @editors_only()
    async def pending(self, interaction: Interaction) -> None:
        await self.review.queue(interaction)

    @app_commands.command(
        name=cmd_str("content.export.name"), description=cmd_str("content.export.description")
    )
    @app_commands.rename(scope=cmd_str("content.scope.name"))
    @app_commands.describe(scope=cmd_str("content.scope.description"))
    @app_commands.choices(scope=SCOPES)
    @editors_only()
    async def export(
        self, interaction: Interaction, scope: app_commands.Choice[str] | None = None
    ) -> None:
        await self.transfers.export(interaction, "all" if scope and scope.value == "all" else "own")

    @app_commands.command(
        name=cmd_str("content.settings.name"), description=cmd_str("content.settings.description")
    )
    @app_commands.rename(
        log_channel=cmd_str("content.log_channel.name"),
        clear_log=cmd_str("content.clear_log.name"),
        review=cmd_str("content.review_opt.name"),
    )
    @app_commands.describe(
        log_channel=cmd_str("content.log_channel.description"),
        clear_log=cmd_str("content.clear_log.description"),
        review=cmd_str("content.review_opt.description"),
    )
    @editors_only()
    async def settings(
        self,
        interaction: Interaction,
        log_channel: discord.TextChannel | None = None,
        clear_log: bool = False,
        review: bool | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        guild_id = interaction.guild_id
        if log_channel is None and not clear_log and review is None:
            role = await self.content.editor_role(guild_id)
            channel = await self.content.log_channel(guild_id)
            none = text(interaction, "content.settings.none")
            message = text(
                interaction,
                "content.settings.summary",
                role=Verbatim(f"<@&{role}>" if role else none),
                channel=Verbatim(f"<#{channel}>" if channel else none),
            )
            if deleted(interaction.guild, channel):
                message += "\n" + text(interaction, "channel.deleted", channel=channel)
            state = "on" if await self.content.review(guild_id) else "off"
            message += "\n" + text(
                interaction,
                "content.settings.review",
                state=Verbatim(text(interaction, f"content.settings.{state}")),
            )
            await self._reply(interaction, message)
            return
        if not interaction.permissions.manage_guild:
            await self._reply(interaction, text(interaction, "error.permissions"))
            return
        if review is not None:
            async with deferring(interaction):  # the writer may be busy (an ingest)
                await self.content.set_review(guild_id, review)
            done = text(interaction, "content.review.on" if review else "content.review.off")
            await self._reply(interaction, done)
            if log_channel is None and not clear_log:
                return
        if clear_log:
            async with deferring(interaction):
                await self.content.set_log_channel(guild_id, None)
            await self._reply(interaction, text(interaction, "content.settings.log_cleared"))
            return
        assert log_channel is not None
        me = interaction.guild.me if interaction.guild else None
        allowed = log_channel.permissions_for(me) if me else None
        if allowed is None or not (allowed.send_messages and allowed.embed_links):
            message = text(interaction, "content.settings.log_forbidden", channel=log_channel.id)
            await self._reply(interaction, message)
            return
        async with deferring(interaction):
            await self.content.set_log_channel(guild_id, log_channel.id)
        message = text(interaction, "content.settings.log_set", channel=log_channel.id)
        await self._reply(interaction, message)

    # -- autocomplete ----------------------------------------------------------------------------

    @edit.autocomplete("entry")
    @retire.autocomplete("entry")
    async def live_entries(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._entry_choices(interaction, current, live=True, retired=False)

    @restore.autocomplete("entry")
    async def retired_entries(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._entry_choices(interaction, current, live=False, retired=True)

    @history.autocomplete("entry")
    @revert.autocomplete("entry")
    async def any_entries(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._entry_choices(interaction, current, live=True, retired=True)

    @revert.autocomplete("revision")
    async def revisions(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        guild_id = interaction.guild_id
        entry = getattr(interaction.namespace, "entry", None)
        if guild_id is None or not entry or not await is_editor(interaction):
            return []
        _, ref = parse_value(str(entry))
        try:
            page = await self.content.history(guild_id, ref.strip(), per_page=limits.CHOICES)
        except ContentError:
            return []
        zone = await self._zone(guild_id)
        choices = []
        for revision in page.revisions:
            name, _ = revision_field(revision, lang(interaction), zone)
            if current.strip() and current.strip().lstrip("#") not in str(revision.number):
                continue
            name = name.replace("\\", "")  # a choice shows plain text: no escapes
            choices.append(
                app_commands.Choice(
                    name=limits.clip(name, limits.CHOICE_NAME), value=revision.number
                )
            )
        return choices[: limits.CHOICES]
