"""/topics: the taxonomy with counts; a menu opens a topic's entries, page by page."""

from __future__ import annotations

import functools
import math

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter import limits
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.render import entry_pages
from bot.adapter.types import Interaction
from bot.adapter.views import PagesView, SelectView, select_options
from bot.app import Services
from bot.corpus.references import with_named_references
from bot.i18n import Language, t
from bot.models import Topic
from cogs.advice.original import OriginalButton
from cogs.topics.embeds import topic_page_embed, topics_embed

PAGE_SIZE = 10
TOPICS_PER_PAGE = limits.SELECT_OPTIONS


class TopicsCog(commands.Cog):
    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name=cmd_str("topics.name"), description=cmd_str("topics.description"))
    async def topics(self, interaction: Interaction) -> None:
        await self._show_topics(interaction, page=1, first=True)

    async def _show_topics(
        self, interaction: discord.Interaction, *, page: int, first: bool = False
    ) -> None:
        """The topics with entries, biggest first, a menu's worth (25) a page: a bigger taxonomy
        pages on with buttons (one menu cut at 25 left the smallest topics out of reach)."""
        language = lang(interaction)
        topics = await self.services.topics.all()
        counts = await self.services.entries.topic_counts(guild_id=interaction.guild_id)
        shown = sorted(
            (x for x in topics if counts.get(x.id)), key=lambda x: (-counts[x.id], x.name(language))
        )
        pages = max(1, math.ceil(len(shown) / TOPICS_PER_PAGE))
        page = max(1, min(page, pages))
        part = shown[(page - 1) * TOPICS_PER_PAGE : page * TOPICS_PER_PAGE]
        options = select_options(
            (
                f"{x.name(language)} ({counts[x.id]})",
                x.id,
                x.description_en if language == "en" else x.description,
            )
            for x in part
        )

        async def pick(click: discord.Interaction, topic_id: str) -> None:
            await self._show_topic(click, topic_id, page=1)
            view.stop()  # replaced by the topic's page: its expiry must not restore this menu

        async def prev(click: discord.Interaction, _: str) -> None:
            await self._show_topics(click, page=page - 1)

        async def nxt(click: discord.Interaction, _: str) -> None:
            await self._show_topics(click, page=page + 1)

        view = SelectView(
            interaction.user.id,
            language,
            placeholder=t("topics.placeholder", language),
            options=options,
            on_pick=pick,
            paging=(prev, nxt),
            page=(page, pages),
        )
        embed = topics_embed(part, counts, language, page=(page, pages))
        if first:
            await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        else:
            await interaction.response.edit_message(embed=embed, view=view)
        view.attach(interaction)

    async def _show_topic(
        self, interaction: discord.Interaction, topic_id: str, *, page: int
    ) -> None:
        language: Language = lang(interaction)
        topics = {x.id: x for x in await self.services.topics.all()}
        topic: Topic | None = topics.get(topic_id)
        if topic is None:
            await interaction.response.send_message(
                text(interaction, "error.expired"), ephemeral=True
            )
            return
        counts = await self.services.entries.topic_counts(guild_id=interaction.guild_id)
        total = counts.get(topic_id, 0)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page = max(1, min(page, pages))
        entries = await self.services.entries.list_live(
            topic=topic_id,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            guild_id=interaction.guild_id,
        )
        embed = topic_page_embed(topic, entries, language, page=page, pages=pages, total=total)

        async def open_entry(click: discord.Interaction, entry_id: str) -> None:
            entry = await self.services.entries.get(entry_id, guild_id=click.guild_id)
            if entry is None:
                await click.response.send_message(
                    text(click, "entry.unknown", id=entry_id), ephemeral=True
                )
                return
            fetch = functools.partial(self.services.entries.get_many, guild_id=click.guild_id)
            (entry,) = await with_named_references([entry], fetch)
            shown = entry_pages(entry, language, topics=topics)
            recorder = self.services.insights.recorder
            lookup = recorder.lookup(
                click.guild_id, "topics", entry.title, outcome="shown", results=[entry.id],
                topic=topic_id, user_id=click.user.id,
            )  # fmt: skip

            async def back(again: discord.Interaction, _: str) -> None:
                await self._show_topic(again, topic_id, page=page)

            # The raw post section it was written from, when it has one ("📜 원문 보기").
            section = (await self.services.lineage.among([entry.id])).get(entry.id)
            original = [OriginalButton(section, language)] if section else []
            # In place of the list, with a way back to it (the page it was opened from).
            entry_view = PagesView(
                click.user.id, language, shown, shareable=click.guild_id is not None,
                on_event=recorder.page_events(click.guild_id, lookup, [entry.id] * len(shown)),
                back=back, page_items=[original] * len(shown),
            )  # fmt: skip
            await click.response.edit_message(embed=shown[0], view=entry_view)
            entry_view.attach(click)
            view.stop()  # replaced: the list's expiry must not put its menu over the entry

        async def prev(click: discord.Interaction, _: str) -> None:
            await self._show_topic(click, topic_id, page=page - 1)

        async def nxt(click: discord.Interaction, _: str) -> None:
            await self._show_topic(click, topic_id, page=page + 1)

        view = SelectView(
            interaction.user.id,
            language,
            placeholder=t("topics.entries_placeholder", language),
            options=select_options(
                (e.title_en if language == "en" and e.title_en else e.title, e.id, None)
                for e in entries
            ),
            on_pick=open_entry,
            paging=(prev, nxt),
            page=(page, pages),
        )
        await interaction.response.edit_message(embed=embed, view=view)
        view.attach(interaction)
