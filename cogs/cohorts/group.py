"""/cohort: moderators create, edit and archive cohorts (Manage Server, checked on each of those
subcommands); everyone lists them, looks one up, and joins or leaves its role."""

from __future__ import annotations

import datetime as dt
import logging

import discord
from discord import app_commands

from bot.adapter import limits
from bot.adapter.channels import deleted
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.respond import deferring, send
from bot.adapter.types import Interaction
from bot.app import Services
from bot.cohorts.discussions import ThreadPage
from bot.cohorts.port import ThreadPort
from bot.i18n import Verbatim
from bot.models.cohort_errors import CohortError
from bot.models.cohorts import ChannelKind, Cohort, CohortDraft, ProblemKind
from bot.text.markdown import escape
from cogs.cohorts.embeds import info_embed, list_embed, threads_embed
from cogs.cohorts.threads import missing_permissions

log = logging.getLogger(__name__)

DiscussionChannel = discord.TextChannel | discord.ForumChannel
ARCHIVE_CHOICES = [
    app_commands.Choice(name="1h", value=60),
    app_commands.Choice(name="24h", value=1440),
    app_commands.Choice(name="3d", value=4320),
    app_commands.Choice(name="7d", value=10080),
]
moderators_only = app_commands.checks.has_permissions(manage_guild=True)
JOINABLE_NAMED = 10  # cohorts a refused /cohort join names (names are ≤ 50 units: fits 2,000)


class BadDate(ValueError):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def _date(value: str | None) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadDate(value) from None


def error_text(interaction: discord.Interaction, error: CohortError) -> str:
    """A domain refusal in the user's language."""
    return text(interaction, f"cohort.error.{error.code}", **error.values)


def _kind(channel: DiscussionChannel) -> ChannelKind:
    return "forum" if isinstance(channel, discord.ForumChannel) else "text"


async def cohort_choices(
    services: Services,
    interaction: Interaction,
    current: str,
    *,
    active_only: bool = False,
    joinable: bool = False,
) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    found = await services.cohorts.suggest(
        interaction.guild_id, current, active_only=active_only, joinable=joinable
    )
    return limits.choices((c.name, str(c.id)) for c in found)


def role_problem(guild: discord.Guild, role: discord.Role) -> ProblemKind | None:
    """Why the bot could not give or take `role`, if it could not."""
    me = guild.me
    if me is None:
        return None
    if not me.guild_permissions.manage_roles:
        return "role_forbidden"
    if role >= me.top_role or role.managed:
        return "role_hierarchy"
    return None


class CohortGroup(app_commands.Group):
    def __init__(self, services: Services, threads: ThreadPort) -> None:
        super().__init__(
            name=cmd_str("cohort.name"), description=cmd_str("cohort.description"), guild_only=True
        )
        self.services = services
        self.cohorts = services.cohorts
        self.thread_port = threads  # to check listed threads still exist

    async def _reply(
        self, interaction: Interaction, message: str, *, embed: discord.Embed | None = None
    ) -> None:
        # The response, or what fills in the defer of a write that waited (`deferring`).
        if embed is None:
            await send(interaction, message)
        else:
            await send(interaction, message, embed=embed)

    async def _find(self, interaction: Interaction, value: str) -> Cohort | None:
        """The cohort option, re-validated; None (and the user told) when it names none."""
        assert interaction.guild_id is not None
        try:
            return await self.cohorts.find(interaction.guild_id, value)
        except CohortError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return None

    async def _refuse_channel(self, interaction: Interaction, channel: DiscussionChannel) -> bool:
        missing = missing_permissions(channel)
        if not missing:
            return False
        names = ", ".join(text(interaction, f"perm.{name}") for name in missing)
        message = text(
            interaction, "cohort.cannot_use_channel", channel=channel.id, missing=Verbatim(names)
        )
        await self._reply(interaction, f"⚠️ {message}")
        return True

    def _role_warning(self, interaction: Interaction, role: discord.Role | None) -> str:
        if role is None or interaction.guild is None:
            return ""
        problem = role_problem(interaction.guild, role)
        if problem is None:
            return ""
        reason = text(interaction, f"cohort.problem.{problem}", at=Verbatim("—"), channel=0)
        warning = text(
            interaction,
            "cohort.role_warning",
            role=role.id,
            reason=Verbatim(reason.split(": ", 1)[-1]),
        )
        return f"\n{warning}"

    # -- moderators ----------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("cohort.create.name"), description=cmd_str("cohort.create.description")
    )
    @app_commands.rename(
        name=cmd_str("cohort.name_opt.name"), channel=cmd_str("cohort.channel.name"),
        role=cmd_str("cohort.role.name"), starts=cmd_str("cohort.starts.name"),
        ends=cmd_str("cohort.ends.name"), auto_archive=cmd_str("cohort.archive_after.name"),
    )  # fmt: skip
    @app_commands.describe(
        name=cmd_str("cohort.name_opt.description"), channel=cmd_str("cohort.channel.description"),
        role=cmd_str("cohort.role.description"), starts=cmd_str("cohort.starts.description"),
        ends=cmd_str("cohort.ends.description"),
        auto_archive=cmd_str("cohort.archive_after.description"),
    )  # fmt: skip
    @app_commands.choices(auto_archive=ARCHIVE_CHOICES)
    @moderators_only
    async def create(  # noqa: PLR0917 (one parameter per command option)
        self,
        interaction: Interaction,
        name: app_commands.Range[str, 1, 100],
        channel: DiscussionChannel,
        role: discord.Role | None = None,
        starts: str | None = None,
        ends: str | None = None,
        auto_archive: app_commands.Choice[int] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        if await self._refuse_channel(interaction, channel):
            return
        try:
            draft = CohortDraft(
                name=name,
                channel_id=channel.id,
                channel_kind=_kind(channel),
                role_id=role.id if role else None,
                starts_on=_date(starts),
                ends_on=_date(ends),
                auto_archive_minutes=auto_archive.value if auto_archive else 10080,
            )
            async with deferring(interaction):
                cohort = await self.cohorts.create(
                    interaction.guild_id, draft, actor=interaction.user.id
                )
        except BadDate as exc:
            await self._reply(interaction, text(interaction, "cohort.bad_date", value=exc.value))
            return
        except CohortError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        message = text(interaction, "cohort.created", name=cohort.name, channel=cohort.channel_id)
        await self._reply(interaction, message + self._role_warning(interaction, role))

    @app_commands.command(
        name=cmd_str("cohort.edit.name"), description=cmd_str("cohort.edit.description")
    )
    @app_commands.rename(
        cohort=cmd_str("cohort.cohort.name"), name=cmd_str("cohort.name_opt.name"),
        channel=cmd_str("cohort.channel.name"), role=cmd_str("cohort.role.name"),
        clear_role=cmd_str("cohort.clear_role.name"), starts=cmd_str("cohort.starts.name"),
        ends=cmd_str("cohort.ends.name"), auto_archive=cmd_str("cohort.archive_after.name"),
    )  # fmt: skip
    @app_commands.describe(
        cohort=cmd_str("cohort.cohort.description"), name=cmd_str("cohort.name_opt.description"),
        channel=cmd_str("cohort.channel.description"), role=cmd_str("cohort.role.description"),
        clear_role=cmd_str("cohort.clear_role.description"),
        starts=cmd_str("cohort.starts.description"), ends=cmd_str("cohort.ends.description"),
        auto_archive=cmd_str("cohort.archive_after.description"),
    )  # fmt: skip
    @app_commands.choices(auto_archive=ARCHIVE_CHOICES)
    @moderators_only
    async def edit(  # noqa: PLR0917 (one parameter per command option)
        self,
        interaction: Interaction,
        cohort: str,
        name: app_commands.Range[str, 1, 100] | None = None,
        channel: DiscussionChannel | None = None,
        role: discord.Role | None = None,
        clear_role: bool = False,
        starts: str | None = None,
        ends: str | None = None,
        auto_archive: app_commands.Choice[int] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        given = (name, channel, role, starts, ends, auto_archive)
        if all(v is None for v in given) and not clear_role:
            await self._reply(interaction, text(interaction, "cohort.nothing_to_change"))
            return
        found = await self._find(interaction, cohort)
        if found is None:
            return
        if channel is not None and await self._refuse_channel(interaction, channel):
            return
        try:
            async with deferring(interaction):
                edited = await self.cohorts.edit(
                    interaction.guild_id,
                    found.id,
                    name=name,
                    channel=(channel.id, _kind(channel)) if channel else None,
                    role_id=role.id if role else None,
                    clear_role=clear_role,
                    starts_on=_date(starts),
                    ends_on=_date(ends),
                    auto_archive_minutes=auto_archive.value if auto_archive else None,
                )
        except BadDate as exc:
            await self._reply(interaction, text(interaction, "cohort.bad_date", value=exc.value))
            return
        except CohortError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        message = text(interaction, "cohort.edited", name=edited.name)
        await self._reply(interaction, message + self._role_warning(interaction, role))

    @app_commands.command(
        name=cmd_str("cohort.archive.name"), description=cmd_str("cohort.archive.description")
    )
    @app_commands.rename(cohort=cmd_str("cohort.cohort.name"))
    @app_commands.describe(cohort=cmd_str("cohort.cohort.description"))
    @moderators_only
    async def archive(self, interaction: Interaction, cohort: str) -> None:
        await self._set_state(interaction, cohort, archive=True)

    @app_commands.command(
        name=cmd_str("cohort.unarchive.name"), description=cmd_str("cohort.unarchive.description")
    )
    @app_commands.rename(cohort=cmd_str("cohort.cohort.name"))
    @app_commands.describe(cohort=cmd_str("cohort.cohort.description"))
    @moderators_only
    async def unarchive(self, interaction: Interaction, cohort: str) -> None:
        await self._set_state(interaction, cohort, archive=False)

    async def _set_state(self, interaction: Interaction, value: str, *, archive: bool) -> None:
        assert interaction.guild_id is not None
        found = await self._find(interaction, value)
        if found is None:
            return
        change = self.cohorts.archive if archive else self.cohorts.unarchive
        try:
            async with deferring(interaction):
                changed = await change(interaction.guild_id, found.id)
        except CohortError as exc:
            await self._reply(interaction, error_text(interaction, exc))
            return
        key = "cohort.archived" if archive else "cohort.unarchived"
        await self._reply(interaction, text(interaction, key, name=changed.name))

    # -- everyone ------------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("cohort.list.name"), description=cmd_str("cohort.list.description")
    )
    async def list_(self, interaction: Interaction) -> None:
        assert interaction.guild is not None
        summaries = await self.cohorts.summaries(interaction.guild.id)
        members: dict[int, int] = {}
        if any(s.cohort.role_id for s in summaries):
            try:
                counts = await interaction.guild.role_member_counts()
                members = {role.id: count for role, count in counts.items()}
            except discord.HTTPException:
                log.warning("role member counts unavailable in guild %s", interaction.guild.id)
        gone = {
            s.cohort.channel_id
            for s in summaries
            if deleted(interaction.guild, s.cohort.channel_id)
        }
        embed = list_embed(summaries, members, lang(interaction), gone=gone)
        await self._reply(interaction, "", embed=embed)

    @app_commands.command(
        name=cmd_str("cohort.info.name"), description=cmd_str("cohort.info.description")
    )
    @app_commands.rename(cohort=cmd_str("cohort.cohort.name"))
    @app_commands.describe(cohort=cmd_str("cohort.cohort.description"))
    async def info(self, interaction: Interaction, cohort: str) -> None:
        found = await self._find(interaction, cohort)
        if found is None:
            return
        async with deferring(interaction):
            page = await self.services.discussions.threads(
                found.guild_id, found.id, port=self.thread_port
            )
        embed = info_embed(
            found,
            page,
            lang(interaction),
            titles=await self._titles(page, lang(interaction)),
            show_problem=interaction.permissions.manage_guild,
        )
        await self._reply(interaction, "", embed=embed)

    @app_commands.command(
        name=cmd_str("cohort.threads.name"), description=cmd_str("cohort.threads.description")
    )
    @app_commands.rename(cohort=cmd_str("cohort.cohort.name"), page=cmd_str("cohort.page.name"))
    @app_commands.describe(
        cohort=cmd_str("cohort.cohort.description"), page=cmd_str("cohort.page.description")
    )
    async def threads(
        self, interaction: Interaction, cohort: str, page: app_commands.Range[int, 1, 1000] = 1
    ) -> None:
        found = await self._find(interaction, cohort)
        if found is None:
            return
        async with deferring(interaction):
            shown = await self.services.discussions.threads(
                found.guild_id, found.id, page=page - 1, port=self.thread_port
            )
        language = lang(interaction)
        embed = threads_embed(shown, language, titles=await self._titles(shown, language))
        await self._reply(interaction, "", embed=embed)

    async def _titles(self, page: ThreadPage, language: str) -> dict[str, str]:
        """The threads' entries by title, in the member's language (English where given)."""
        ids = [d.subject.key for d in page.discussions if d.subject.kind == "entry"]
        if not ids:
            return {}
        guild_id = page.cohort.guild_id
        found = await self.services.entries.get_many(ids, guild_id=guild_id)
        titles = {e.id: e.title for e in found}
        if language == "en":
            titles |= await self.services.entries.english_titles(ids, guild_id=guild_id)
        for entry_id in dict.fromkeys(i for i in ids if i not in titles):
            # Retired since its thread opened: the thread stays, named as it was.
            entry = await self.services.entries.get(
                entry_id, include_retired=True, guild_id=guild_id
            )
            if entry is not None:
                titles[entry_id] = (language == "en" and entry.title_en) or entry.title
        return titles

    @app_commands.command(
        name=cmd_str("cohort.join.name"), description=cmd_str("cohort.join.description")
    )
    @app_commands.rename(cohort=cmd_str("cohort.cohort.name"))
    @app_commands.describe(cohort=cmd_str("cohort.cohort.description"))
    async def join(self, interaction: Interaction, cohort: str) -> None:
        await self._membership(interaction, cohort, join=True)

    @app_commands.command(
        name=cmd_str("cohort.leave.name"), description=cmd_str("cohort.leave.description")
    )
    @app_commands.rename(cohort=cmd_str("cohort.cohort.name"))
    @app_commands.describe(cohort=cmd_str("cohort.cohort.description"))
    async def leave(self, interaction: Interaction, cohort: str) -> None:
        await self._membership(interaction, cohort, join=False)

    async def _membership(self, interaction: Interaction, value: str, *, join: bool) -> None:
        found = await self._find(interaction, value)
        guild, member = interaction.guild, interaction.user
        if found is None or guild is None or not isinstance(member, discord.Member):
            return
        if join and not found.active:  # graduated: its role is the alumni's (leaving is fine)
            await self._reply(interaction, await self._not_joinable(interaction, found))
            return
        if found.role_id is None:
            await self._reply(
                interaction, text(interaction, "cohort.join.no_role", name=found.name)
            )
            return
        role = guild.get_role(found.role_id)
        if role is None:
            await self._reply(interaction, text(interaction, "cohort.role.missing"))
            return
        has = any(r.id == role.id for r in member.roles)
        if has == join:
            key = "cohort.join.already" if join else "cohort.leave.not_member"
            await self._reply(interaction, text(interaction, key, name=found.name))
            return
        problem = role_problem(guild, role)
        if problem is None:
            try:
                if join:
                    await member.add_roles(role, reason=f"/cohort join {found.name}")
                else:
                    await member.remove_roles(role, reason=f"/cohort leave {found.name}")
            except discord.Forbidden as exc:
                problem = (
                    "role_hierarchy"
                    if exc.code == 50013 and role_problem(guild, role)
                    else "role_forbidden"
                )
        if problem is not None:
            async with deferring(interaction):
                await self.cohorts.report_problem(guild.id, found.id, problem)
            key = (
                "cohort.role.forbidden" if problem == "role_forbidden" else "cohort.role.hierarchy"
            )
            await self._reply(interaction, text(interaction, key))
            return
        async with deferring(interaction):
            await self.cohorts.clear_problem(found, "role_forbidden", "role_hierarchy")
        if join:
            message = text(interaction, "cohort.join.done", name=found.name, role=role.id)
        else:
            message = text(interaction, "cohort.leave.done", name=found.name)
        await self._reply(interaction, message)

    async def _not_joinable(self, interaction: Interaction, cohort: Cohort) -> str:
        """Why an archived cohort cannot be joined, and the ones that can."""
        assert interaction.guild_id is not None
        open_ = await self.cohorts.joinable(interaction.guild_id)
        if not open_:
            return text(interaction, "cohort.join.archived_none", name=cohort.name)
        names = ", ".join(f"**{escape(c.name)}**" for c in open_[:JOINABLE_NAMED])
        if len(open_) > JOINABLE_NAMED:
            names += " " + text(interaction, "cohort.join.more", n=len(open_) - JOINABLE_NAMED)
        return text(interaction, "cohort.join.archived", name=cohort.name, open=Verbatim(names))

    @join.autocomplete("cohort")
    async def join_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await cohort_choices(self.services, interaction, current, joinable=True)

    @edit.autocomplete("cohort")
    @archive.autocomplete("cohort")
    @unarchive.autocomplete("cohort")
    @info.autocomplete("cohort")
    @threads.autocomplete("cohort")
    @leave.autocomplete("cohort")
    async def cohort_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await cohort_choices(self.services, interaction, current)
