"""/insights overview | gaps | entry | forget: a server's moderators (Manage Server or the content
editor role; forget: Manage Server. default_permissions hides it from others, and it is checked on
every use) read what their campers look up."""

from __future__ import annotations

import asyncio
import io
import logging
import re
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter import limits
from bot.adapter.background import BackgroundLoop
from bot.adapter.channels import deleted
from bot.adapter.client import SunbaeBot
from bot.adapter.entry_choices import entry_pairs, typed_entry
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.respond import deferring, send
from bot.adapter.types import Interaction
from bot.i18n import Language, Verbatim, t
from bot.insights.chart import chart_text, render_overview
from bot.models.insights import DigestSettings
from bot.search.models import parse_value
from cogs.content.access import NotEditor
from cogs.insights.buttons import ConfirmView, WriteAnswerButton, can_moderate, can_read
from cogs.insights.embeds import (
    CHART_FILE,
    entry_embed,
    gaps_embed,
    overview_embed,
    recording_off,
)
from cogs.insights.poster import DiscordDigestPoster

log = logging.getLogger(__name__)

MANAGE_ONLY = ("forget", "digest")  # they change or erase the server's data: Manage Server
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DIGEST_PERMISSIONS = ("view_channel", "send_messages", "embed_links", "attach_files")
WEEKDAYS = [
    app_commands.Choice(name=cmd_str(f"insights.weekday.{day}"), value=day) for day in range(7)
]
RETIRED_CHOICES = 10  # of the 25 an autocomplete holds: live entries come first
PERIODS = [
    app_commands.Choice(name=cmd_str(f"insights.period.{days}"), value=days)
    for days in (1, 7, 30, 90)
]


class InsightsGroup(app_commands.Group):
    def __init__(self, bot: SunbaeBot) -> None:
        super().__init__(
            name=cmd_str("insights.name"),
            description=cmd_str("insights.description"),
            guild_only=True,
            default_permissions=discord.Permissions(manage_guild=True),
        )
        self.bot = bot
        self.services = bot.services
        self.insights = bot.services.insights

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """default_permissions is only a hint (a server can re-grant the command): check.
        Manage Server or the content editor role reads; erasing needs Manage Server."""
        forgetting = interaction.command is not None and interaction.command.name in MANAGE_ONLY
        if can_moderate(interaction) or (not forgetting and await can_read(interaction)):
            return True
        if forgetting:
            raise app_commands.MissingPermissions(["manage_guild"])
        raise NotEditor()

    async def _topic_names(self, language: Language) -> dict[str, str]:
        return {topic.id: topic.name(language) for topic in await self.services.search.topics()}

    # -- overview ---------------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("insights.overview.name"), description=cmd_str("insights.overview.description")
    )
    @app_commands.rename(period=cmd_str("insights.period.name"))
    @app_commands.describe(period=cmd_str("insights.period.description"))
    @app_commands.choices(period=PERIODS)
    async def overview(self, interaction: Interaction, period: int = 7) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        language = lang(interaction)
        days = await self.insights.period(interaction.guild_id, period)
        data = await self.insights.in_language(
            await self.insights.overview(interaction.guild_id, days), language
        )
        names = await self._topic_names(language)
        png = await asyncio.to_thread(render_overview, data, chart_text(language, period), names)
        embed = self._noted(
            overview_embed(
                data, names, language, retention=self.services.settings.insights_retention_days
            ),
            language,
        )
        await interaction.followup.send(
            embed=embed, file=discord.File(io.BytesIO(png), filename=CHART_FILE), ephemeral=True
        )

    # -- gaps -------------------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("insights.gaps.name"), description=cmd_str("insights.gaps.description")
    )
    @app_commands.rename(period=cmd_str("insights.period.name"))
    @app_commands.describe(period=cmd_str("insights.period.description"))
    @app_commands.choices(period=PERIODS)
    async def gaps(self, interaction: Interaction, period: int = 7) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        language = lang(interaction)
        days = await self.insights.period(interaction.guild_id, period)
        found = await self.insights.gaps(interaction.guild_id, days, language=language)
        view = discord.ui.View(timeout=None)
        for n, gap in enumerate(found, start=1):
            if gap.answered_by is None and len(view.children) < limits.ROW_WIDTH * 2:
                view.add_item(WriteAnswerButton(gap.label, n, language))
        kwargs: dict[str, Any] = {"view": view} if view.children else {}
        await interaction.followup.send(
            embed=self._noted(gaps_embed(found, language, days=period), language),
            ephemeral=True,
            **kwargs,
        )

    def _noted(self, embed: discord.Embed, language: Language) -> discord.Embed:
        """With recording off, say so above the numbers the log still holds."""
        return embed if self.services.settings.insights else recording_off(embed, language)

    # -- entry ------------------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("insights.entry.name"), description=cmd_str("insights.entry.description")
    )
    @app_commands.rename(
        entry=cmd_str("insights.entry_opt.name"), period=cmd_str("insights.period.name")
    )
    @app_commands.describe(
        entry=cmd_str("insights.entry_opt.description"),
        period=cmd_str("insights.period.description"),
    )
    @app_commands.choices(period=PERIODS)
    async def entry(
        self, interaction: Interaction, entry: app_commands.Range[str, 1, 100], period: int = 30
    ) -> None:
        assert interaction.guild_id is not None
        _, ref = parse_value(entry)
        # A retired entry's numbers stay readable: what it did before it was taken down. Typed
        # rather than picked: an id in capitals, or the entry its whole title names.
        found = await typed_entry(
            self.services.entries, self.services.search, ref, interaction.guild_id,
            include_retired=True,
        )  # fmt: skip
        if found is None:
            await interaction.response.send_message(
                text(interaction, "entry.unknown", id=limits.clip(ref, 80)), ephemeral=True
            )
            return
        async with deferring(interaction):  # writes the queued lookups first
            window = await self.insights.period(interaction.guild_id, period)
            stats = await self.insights.entry(interaction.guild_id, found.id, window)
        language = lang(interaction)
        title = found.title_en if language == "en" and found.title_en else found.title
        embed = entry_embed(stats, title, language, retired=found.retired)
        await send(interaction, embed=self._noted(embed, language))

    @entry.autocomplete("entry")
    async def entry_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Live entries as search names them, then the server's retired ones, marked. Only for
        who may read insights: a group's interaction_check does not cover autocomplete."""
        guild_id, language = interaction.guild_id, lang(interaction)
        if guild_id is None or not (can_moderate(interaction) or await can_read(interaction)):
            return []
        retired = await self.services.content.suggest(
            guild_id, current, retired=True, limit=RETIRED_CHOICES
        )
        pairs = await entry_pairs(
            self.services.search, interaction, current, limit=limits.CHOICES - len(retired)
        )
        mark = t("insights.entry.retired_choice", language)
        pairs += [
            (f"{mark} {e.title_en if language == 'en' and e.title_en else e.title}", e.id)
            for e in retired
        ]
        return limits.choices(pairs)

    # -- forget -----------------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("insights.forget.name"), description=cmd_str("insights.forget.description")
    )
    async def forget(self, interaction: Interaction) -> None:
        guild_id = interaction.guild_id
        assert guild_id is not None

        async def erase(click: discord.Interaction[Any]) -> str:
            count = await self.insights.forget(guild_id)
            log.info("insights: guild %s erased its query log (%d lookups)", guild_id, count)
            return text(click, "insights.forget.done", count=count)

        view = ConfirmView(interaction.user.id, lang(interaction), erase)
        await interaction.response.send_message(
            text(interaction, "insights.forget.confirm"), view=view, ephemeral=True
        )
        view.attach(interaction)

    # -- digest -----------------------------------------------------------------------------------

    @app_commands.command(
        name=cmd_str("insights.digest.name"), description=cmd_str("insights.digest.description")
    )
    @app_commands.rename(
        channel=cmd_str("insights.channel.name"), day=cmd_str("insights.day.name"),
        time=cmd_str("insights.time.name"), off=cmd_str("insights.off.name"),
    )  # fmt: skip
    @app_commands.describe(
        channel=cmd_str("insights.channel.description"), day=cmd_str("insights.day.description"),
        time=cmd_str("insights.time.description"), off=cmd_str("insights.off.description"),
    )  # fmt: skip
    @app_commands.choices(day=WEEKDAYS)
    async def digest(
        self,
        interaction: Interaction,
        channel: discord.TextChannel | None = None,
        day: int | None = None,
        time: app_commands.Range[str, 1, 10] = "09:00",
        off: bool = False,
    ) -> None:
        """No option: the current setting; `off`; or a channel and a day (and a time)."""
        guild_id = interaction.guild_id
        assert guild_id is not None
        digests = self.services.digests
        if off:
            async with deferring(interaction):  # the writer may be busy (an ingest)
                await digests.turn_off(guild_id)
            await _reply(interaction, text(interaction, "insights.digest.off"))
            return
        if channel is None and day is None:
            current = await digests.settings(guild_id)
            if current is None or not current.enabled:
                await _reply(interaction, text(interaction, "insights.digest.none"))
                return
            await _reply(interaction, self._saved(interaction, current))
            return
        if channel is None or day is None:
            await _reply(interaction, text(interaction, "insights.digest.needs_day"))
            return
        if not TIME.match(time.strip()):
            await _reply(interaction, text(interaction, "insights.digest.bad_time", value=time))
            return
        me = channel.guild.me
        missing = [
            p for p in DIGEST_PERMISSIONS if me and not getattr(channel.permissions_for(me), p)
        ]
        if missing:
            names = ", ".join(text(interaction, f"perm.{p}") for p in missing)
            await _reply(
                interaction,
                text(
                    interaction,
                    "insights.digest.cannot_post",
                    channel=channel.id,
                    missing=Verbatim(names),
                ),
            )
            return
        zone = (await self.services.tips.settings(guild_id, acknowledge=False)).timezone
        async with deferring(interaction):
            saved = await digests.configure(guild_id, channel.id, day, time.strip(), zone)
        await _reply(interaction, self._saved(interaction, saved))

    def _saved(self, interaction: Interaction, s: DigestSettings) -> str:
        """The setting as the digest will follow it: its next post, or why there is none (its
        channel deleted); and that it counts nothing new while recording is off."""
        when = {
            "day": text(interaction, f"insights.weekday.{s.weekday}"),
            "time": s.time,
            "zone": s.timezone,
            "channel": s.channel_id,
        }
        if deleted(interaction.guild, s.channel_id):
            lines = [
                text(interaction, "insights.digest.saved_gone", **when),
                text(interaction, "channel.deleted", channel=s.channel_id),
            ]
        else:
            upcoming = self.services.digests.next_slot(s).astimezone(ZoneInfo(s.timezone))
            next_post = upcoming.strftime("%Y-%m-%d %H:%M")
            lines = [text(interaction, "insights.digest.saved", **when, next=next_post)]
        if not self.services.settings.insights:
            lines.append(text(interaction, "insights.digest.recording_off"))
        return "\n".join(lines)


async def _reply(interaction: Interaction, message: str) -> None:
    await send(interaction, message)  # the response, or what fills in a defer


class InsightsCog(commands.Cog):
    """/insights, the Write-an-answer button, and the weekly digest's loop."""

    def __init__(self, bot: SunbaeBot) -> None:
        self.bot = bot
        self.group = InsightsGroup(bot)
        self.poster = DiscordDigestPoster(bot)
        self._digests = BackgroundLoop(
            bot, "sunbae-insights-digest",
            lambda stop: bot.services.digests.run(stop, self.poster),
        )  # fmt: skip

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)
        self.bot.add_dynamic_items(WriteAnswerButton)
        self._digests.start()

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)
        self.bot.remove_dynamic_items(WriteAnswerButton)
        await self._digests.stop()
