"""/tip-config: each server's daily posting schedule, for members with Manage Server."""

from __future__ import annotations

from zoneinfo import available_timezones

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter import limits
from bot.adapter.channels import deleted
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.render import COLOR
from bot.adapter.respond import deferring, send
from bot.adapter.types import Interaction
from bot.i18n import t
from bot.models.tips import TipSettings
from bot.tips.errors import NoTipsError, TipConfigError
from bot.tips.schedule import local_date, parse_time, parse_zone
from bot.tips.service import TipService
from cogs.tips.embeds import settings_embed
from cogs.tips.poster import missing_permissions

_ZONES = sorted(available_timezones())
_POPULAR_ZONES = ["Asia/Seoul", "Asia/Tokyo", "UTC", "America/New_York", "America/Los_Angeles",
                  "Europe/London", "Europe/Berlin", "Asia/Singapore"]  # fmt: skip


def _cannot_post(
    interaction: Interaction,
    channel: discord.TextChannel | None,
    current: TipSettings,
    *,
    thread: bool | None,
) -> str | None:
    """Refuse a channel the bot cannot post in now, rather than fail at the first tip."""
    target = channel
    if target is None and interaction.guild is not None and current.channel_id is not None:
        found = interaction.guild.get_channel(current.channel_id)
        target = found if isinstance(found, discord.TextChannel) else None
    if target is None:
        return None
    wants_thread = current.open_thread if thread is None else thread
    missing = missing_permissions(target, thread=wants_thread)
    if not missing:
        return None
    names = ", ".join(text(interaction, f"perm.{name}") for name in missing)
    return text(interaction, "tipcfg.bot_cannot_post", channel=target.id, missing=names)


def config_error(interaction: Interaction, error: TipConfigError) -> str:
    """The service's refusal in the user's language (its own message is English, for the CLI)."""
    value = limits.clip(error.value, 60)
    return text(interaction, f"tipcfg.{error.problem}", value=value)


def _invalid_value(
    interaction: Interaction, *, time: str | None, timezone: str | None
) -> str | None:
    """A bad time or zone, said before anything else is checked."""
    try:
        if time is not None:
            parse_time(time)
        if timezone is not None:
            parse_zone(timezone)
    except TipConfigError as exc:
        return config_error(interaction, exc)
    return None


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class TipConfig(
    commands.GroupCog,
    # The cog's name is the group's: Bot.remove_cog takes a group out of the tree by cog name.
    name=cmd_str("tipcfg.name").message,
    group_name=cmd_str("tipcfg.name"),
    group_description=cmd_str("tipcfg.description"),
):
    """/tip-config, a cog of its own so the group is added and removed with the extension.
    default_permissions hides it from members (a hint server admins can change);
    interaction_check enforces Manage Server on every subcommand."""

    def __init__(self, tips: TipService) -> None:
        self.tips = tips

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage
        if not interaction.permissions.manage_guild:
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    @app_commands.command(
        name=cmd_str("tipcfg.set.name"), description=cmd_str("tipcfg.set.description")
    )
    @app_commands.rename(
        channel=cmd_str("tipcfg.channel.name"), time=cmd_str("tipcfg.time.name"),
        timezone=cmd_str("tipcfg.timezone.name"), thread=cmd_str("tipcfg.thread.name"),
    )  # fmt: skip
    @app_commands.describe(
        channel=cmd_str("tipcfg.channel.description"), time=cmd_str("tipcfg.time.description"),
        timezone=cmd_str("tipcfg.timezone.description"), thread=cmd_str("tipcfg.thread.description"),
    )  # fmt: skip
    async def set_(
        self,
        interaction: Interaction,
        channel: discord.TextChannel | None = None,
        time: str | None = None,
        timezone: str | None = None,
        thread: bool | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        current = await self.tips.settings(interaction.guild_id, acknowledge=False)
        if channel is None and not current.configured:
            await interaction.response.send_message(
                text(interaction, "tipcfg.channel_required"), ephemeral=True
            )
            return
        problem = _invalid_value(interaction, time=time, timezone=timezone)
        if problem is not None:
            await interaction.response.send_message(f"⚠️ {problem}", ephemeral=True)
            return
        if refused := _cannot_post(interaction, channel, current, thread=thread):
            await interaction.response.send_message(f"⚠️ {refused}", ephemeral=True)
            return
        try:
            async with deferring(interaction):
                await self.tips.configure(
                    interaction.guild_id,
                    channel_id=channel.id if channel else None,
                    time=time,
                    timezone=timezone,
                    thread=thread,
                )
                saved = await self.tips.settings(interaction.guild_id)
        except TipConfigError as exc:
            await send(interaction, f"⚠️ {config_error(interaction, exc)}")
            return
        await send(
            interaction, text(interaction, "tipcfg.saved"),
            embed=settings_embed(saved, lang(interaction)),
        )  # fmt: skip

    @set_.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = "_".join(current.lower().split())  # "new york": America/New_York
        zones = _POPULAR_ZONES if not wanted else [z for z in _ZONES if wanted in z.lower()]
        return limits.choices((z, z) for z in zones)

    @app_commands.command(
        name=cmd_str("tipcfg.show.name"), description=cmd_str("tipcfg.show.description")
    )
    async def show(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        async with deferring(interaction):  # showing a problem clears it: a write
            current = await self.tips.settings(interaction.guild_id)
        gone = deleted(interaction.guild, current.channel_id)
        embed = settings_embed(current, lang(interaction), channel_deleted=gone)
        await send(interaction, embed=embed)

    @app_commands.command(
        name=cmd_str("tipcfg.off.name"), description=cmd_str("tipcfg.off.description")
    )
    async def off(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        async with deferring(interaction):
            current = await self.tips.disable(interaction.guild_id)
        await send(
            interaction, text(interaction, "tipcfg.disabled"),
            embed=settings_embed(current, lang(interaction)),
        )  # fmt: skip

    @app_commands.command(
        name=cmd_str("tipcfg.preview.name"), description=cmd_str("tipcfg.preview.description")
    )
    @app_commands.rename(count=cmd_str("tipcfg.count.name"))
    @app_commands.describe(count=cmd_str("tipcfg.count.description"))
    async def preview(
        self, interaction: Interaction, count: app_commands.Range[int, 1, 10] = 5
    ) -> None:
        assert interaction.guild_id is not None
        language = lang(interaction)
        try:
            upcoming = await self.tips.preview(interaction.guild_id, count)
        except NoTipsError:
            await interaction.response.send_message(text(interaction, "tip.none"), ephemeral=True)
            return
        embed = discord.Embed(title=t("tipcfg.preview", language), colour=COLOR)
        for tip in upcoming:
            title = tip.title_en if language == "en" and tip.title_en else tip.title
            embed.add_field(
                name=limits.clip(f"{tip.date.isoformat()} · {title}", limits.EMBED_FIELD_NAME),
                value=limits.clip(tip.tip, limits.EMBED_FIELD_VALUE),
                inline=False,
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(
        name=cmd_str("tipcfg.skip.name"), description=cmd_str("tipcfg.skip.description")
    )
    @app_commands.rename(date=cmd_str("tipcfg.date.name"))
    @app_commands.describe(date=cmd_str("tipcfg.date.description"))
    async def skip(
        self, interaction: Interaction, date: app_commands.Range[str, 1, 40] | None = None
    ) -> None:
        assert interaction.guild_id is not None
        try:
            async with deferring(interaction):
                current = await self.tips.settings(interaction.guild_id, acknowledge=False)
                before = current.skip_date
                today = local_date(self.tips.clock(), current.timezone)
                day = await self.tips.skip(interaction.guild_id, date)
        except TipConfigError as exc:
            await send(interaction, f"⚠️ {config_error(interaction, exc)}")
            return
        message = text(interaction, "tipcfg.skipped", date=day.isoformat())
        if before is not None and before != day and before >= today:
            message += "\n" + text(interaction, "tipcfg.skip_replaced", date=before.isoformat())
        await send(interaction, message)

    @app_commands.command(
        name=cmd_str("tipcfg.unskip.name"), description=cmd_str("tipcfg.unskip.description")
    )
    async def unskip(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        async with deferring(interaction):
            day = await self.tips.unskip(interaction.guild_id)
        message = (
            text(interaction, "tipcfg.unskipped", date=day.isoformat())
            if day is not None
            else text(interaction, "tipcfg.nothing_skipped")
        )
        await send(interaction, message)
