"""/discuss, the Discuss button's work, /cohort (added with the cog) and the thread events."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter import limits
from bot.adapter.client import SunbaeBot
from bot.adapter.entry_choices import entry_choices, typed_entry
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.types import Interaction
from bot.adapter.views import SelectView, select_options
from bot.cohorts.discussions import DiscussOutcome
from bot.models.cohort_errors import CohortError, ThreadError
from bot.models.cohorts import Cohort, Subject
from bot.search.models import parse_value
from cogs.cohorts.button import DiscussButton
from cogs.cohorts.group import CohortGroup, cohort_choices, error_text
from cogs.cohorts.threads import DiscordThreads

log = logging.getLogger(__name__)


def outcome_text(interaction: discord.Interaction, outcome: DiscussOutcome) -> str:
    cohort, thread = outcome.cohort, outcome.thread_id
    if outcome.kind == "busy" or thread is None:
        return text(interaction, "discuss.busy")
    closed_by = outcome.discussion.closed_by if outcome.discussion else None
    if outcome.kind == "locked" and closed_by:
        return text(
            interaction, "discuss.locked_by", name=cohort.name, thread=thread, user=closed_by
        )
    return text(interaction, f"discuss.{outcome.kind}", name=cohort.name, thread=thread)


class CohortsCog(commands.Cog):
    def __init__(self, bot: SunbaeBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.threads = DiscordThreads(bot)
        self.group = CohortGroup(bot.services, self.threads)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)
        self.bot.add_dynamic_items(DiscussButton)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)
        self.bot.remove_dynamic_items(DiscussButton)

    # -- /discuss -------------------------------------------------------------------------------

    @app_commands.command(name=cmd_str("discuss.name"), description=cmd_str("discuss.description"))
    @app_commands.guild_only()
    @app_commands.rename(entry=cmd_str("discuss.entry.name"), cohort=cmd_str("discuss.cohort.name"))
    @app_commands.describe(
        entry=cmd_str("discuss.entry.description"), cohort=cmd_str("discuss.cohort.description")
    )
    async def discuss_command(
        self,
        interaction: Interaction,
        entry: app_commands.Range[str, 1, 100],
        cohort: str | None = None,
    ) -> None:
        _, ref = parse_value(entry)
        ref, guild_id = ref.strip(), interaction.guild_id
        # Typed rather than picked: an id in capitals, or the entry its whole title names.
        found = await typed_entry(self.services.entries, self.services.search, ref, guild_id)
        await self.discuss(interaction, Subject.entry(found.id if found else ref), cohort)

    @discuss_command.autocomplete("entry")
    async def entry_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await entry_choices(self.services.search, interaction, current)

    @discuss_command.autocomplete("cohort")
    async def cohort_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await cohort_choices(self.services, interaction, current, active_only=True)

    # -- the work of /discuss and of the button ----------------------------------------------------

    async def discuss(
        self, interaction: Interaction, subject: Subject, cohort: str | int | None
    ) -> None:
        """Open (or find) the cohort's thread about `subject` and answer with its link."""
        guild_id = interaction.guild_id
        if guild_id is None:
            await interaction.response.send_message(
                text(interaction, "error.guild_only"), ephemeral=True
            )
            return
        try:
            if cohort is not None:
                chosen = await self.services.cohorts.find(guild_id, str(cohort))
                await self._open(interaction, chosen, subject)
                return
            pick = await self.services.cohorts.pick(
                guild_id, channel_ids=_channel_ids(interaction), role_ids=_role_ids(interaction)
            )
        except CohortError as exc:
            await interaction.response.send_message(error_text(interaction, exc), ephemeral=True)
            return
        if pick.cohort is not None:
            await self._open(interaction, pick.cohort, subject)
        elif pick.ask:
            await self._ask(interaction, list(pick.ask), subject)
        else:
            await interaction.response.send_message(
                text(interaction, "discuss.no_cohorts"), ephemeral=True
            )

    async def _ask(self, interaction: Interaction, cohorts: list[Cohort], subject: Subject) -> None:
        """Several cohorts could be meant: an ephemeral menu of them."""

        async def picked(click: discord.Interaction, value: str) -> None:
            chosen = next(c for c in cohorts if str(c.id) == value)
            await self._open(click, chosen, subject)  # type: ignore[arg-type]

        view = SelectView(
            interaction.user.id,
            lang(interaction),
            placeholder=text(interaction, "discuss.placeholder"),
            options=select_options((c.name, str(c.id), None) for c in cohorts),
            on_pick=picked,
        )
        message = text(interaction, "discuss.pick")
        if len(cohorts) > limits.SELECT_OPTIONS:  # a menu holds 25: say how to reach the rest
            message += "\n" + text(
                interaction, "discuss.pick_more", shown=limits.SELECT_OPTIONS, total=len(cohorts)
            )
        await interaction.response.send_message(message, view=view, ephemeral=True)
        view.attach(interaction)

    async def _open(self, interaction: Interaction, cohort: Cohort, subject: Subject) -> None:
        # Discord calls follow (a starter, a thread): answer "thinking" first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            outcome = await self.services.discussions.discuss(
                self.threads, cohort.guild_id, cohort.id, subject, user_id=interaction.user.id
            )
        except CohortError as exc:
            message = error_text(interaction, exc)
        except ThreadError as exc:
            log.warning("discussion for cohort %s refused: %s %s", cohort.id, exc.kind, exc)
            kind = exc.kind if exc.kind != "exists" else "transient"
            message = text(interaction, f"discuss.refused.{kind}", channel=cohort.channel_id)
        else:
            message = outcome_text(interaction, outcome)
            if outcome.kind != "busy" and subject.kind == "entry":  # insights
                self.services.insights.recorder.follow_up(
                    cohort.guild_id, None, "discuss", subject.key
                )
        await interaction.followup.send(message, ephemeral=True)

    # -- what Discord tells us about threads -----------------------------------------------------

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        await self.services.discussions.thread_deleted(payload.guild_id, payload.thread_id)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self.services.cohorts.channel_deleted(channel.guild.id, channel.id)

    @commands.Cog.listener()
    async def on_raw_thread_update(self, payload: discord.RawThreadUpdateEvent) -> None:
        meta = payload.data.get("thread_metadata") or {}
        await self.services.discussions.thread_changed(
            payload.guild_id,
            payload.thread_id,
            archived=bool(meta.get("archived")),
            locked=bool(meta.get("locked")),
        )


def _channel_ids(interaction: Interaction) -> list[int]:
    """The channel the command is used in, and its parent when it is a thread."""
    channel = interaction.channel
    ids = [interaction.channel_id] if interaction.channel_id else []
    if isinstance(channel, discord.Thread) and channel.parent_id:
        ids.append(channel.parent_id)
    return ids


def _role_ids(interaction: Interaction) -> list[int]:
    user = interaction.user
    return [role.id for role in user.roles] if isinstance(user, discord.Member) else []
