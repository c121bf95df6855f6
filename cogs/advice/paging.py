"""Previous/Next on a public /advice answer, working for as long as the message exists.

The answer's results are kept in the database (bot/advice); each button names the kept answer,
the page it was drawn on and its direction in its custom_id, and where it leads is worked out at
the click from the entries as they are then (a result retired since is skipped). Only the
member who asked pages; anyone else is told so, privately, in their language.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Literal

import discord

from bot.adapter import limits
from bot.adapter.locale import text
from bot.adapter.render import COLOR, FOOTER_SEP, entry_pages, fit
from bot.adapter.stale import disable_stale
from bot.adapter.tree import reply_ephemeral
from bot.advice import Place, position, settle, step_from
from bot.app import Services
from bot.corpus.references import with_named_references
from bot.i18n import Language, t
from bot.models import Entry, Topic
from bot.models.cohorts import Subject
from cogs.advice.original import OriginalButton
from cogs.cohorts.button import discuss_button

PREFIX = "sunbae:pages"
Step = Literal["prev", "next"]
_TEMPLATE = re.compile(
    rf"{PREFIX}:(?P<id>\d{{1,19}}):(?P<n>\d{{1,3}}):(?P<part>\d{{1,4}}):(?P<step>prev|next)"
)
_STEPS: dict[Step, int] = {"prev": -1, "next": +1}


def custom_id(pages_id: int, at: Place, step: Step) -> str:
    return f"{PREFIX}:{pages_id}:{at.n}:{at.part}:{step}"


class PageButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_TEMPLATE):
    def __init__(
        self,
        pages_id: int,
        at: Place,
        step: Step,
        language: Language = "ko",
        *,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=t(f"button.{step}", language),
                emoji="◀️" if step == "prev" else "▶️",
                custom_id=custom_id(pages_id, at, step),
                disabled=disabled,
            )
        )
        self.pages_id, self.at, self.step = pages_id, at, step

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> PageButton:
        step: Step = "prev" if match["step"] == "prev" else "next"
        return cls(int(match["id"]), Place(int(match["n"]), int(match["part"])), step)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.advice.cog import AdviceCog  # the cog imports this module

        cog = interaction.client.get_cog(AdviceCog.__cog_name__)
        if not isinstance(cog, AdviceCog):  # the bot is shutting down: its cogs are gone
            return
        await cog.kept.turn(interaction, self.pages_id, self.at, self.step)


Send = Callable[..., Awaitable[int | None]]  # sends the answer; the message's id


class KeptAnswers:
    """Public answers whose pages are kept: sent once, turned at every click."""

    def __init__(
        self, services: Services, topics: Callable[[], Awaitable[dict[str, Topic]]]
    ) -> None:
        self._services = services
        self._pages = services.advice_pages
        self._recorder = services.insights.recorder
        self._topics = topics

    async def send(
        self,
        send: Send,
        *,
        guild_id: int,
        owner_id: int,
        language: Language,
        topic: Topic | None,
        entries: Sequence[Entry],
        lookup: int | None,
        content: str | None,
    ) -> None:
        """Keep the answer, then send its first page (and remember which message carries it).
        A lone result has no pages to turn: nothing is kept."""
        pages_id = 0
        if len(entries) > 1:
            pages_id = await self._pages.keep(
                guild_id=guild_id, owner_id=owner_id, language=language,
                topic_id=topic.id if topic else None, entry_ids=[e.id for e in entries],
                lookup_id=lookup,
            )  # fmt: skip
        shown = await self._named(entries, guild_id)
        embed, view = await self._draw(pages_id, guild_id, language, shown, Place(0, 0))
        message_id = await send(content=content, embed=embed, view=view, ephemeral=False)
        if pages_id and message_id is not None:
            await self._pages.sent(pages_id, guild_id=guild_id, message_id=message_id)

    async def turn(
        self, interaction: discord.Interaction[Any], pages_id: int, at: Place, step: Step
    ) -> None:
        message = interaction.message
        opened = None
        if interaction.guild_id is not None and message is not None:
            opened = await self._pages.open(
                pages_id, guild_id=interaction.guild_id, message_id=message.id
            )
        if opened is None:  # not kept (any more) for this message in this server
            # Only the page buttons: Discuss and the original post keep working.
            await disable_stale(interaction, _TEMPLATE.fullmatch)
            return
        kept = opened.kept
        if interaction.user.id != kept.owner_id:
            await reply_ephemeral(interaction, text(interaction, "error.not_yours"))
            return
        named = iter(await self._named([e for e in opened.entries if e], kept.guild_id))
        entries = [next(named) if e else None for e in opened.entries]
        topics = await self._topics()
        parts = _Parts(entries, kept.language, topics)
        target = step_from(parts.live, parts, at, _STEPS[step]) or settle(parts.live, parts, at)
        embed, view = await self._draw(
            kept.id, kept.guild_id, kept.language, entries, target, parts=parts
        )
        await interaction.response.edit_message(embed=embed, view=view)
        if target is not None and await self._pages.reach(kept, target.n):
            entry = entries[target.n]
            self._recorder.follow_up(
                kept.guild_id, kept.lookup_id, "page", entry.id if entry else None
            )

    async def _named(self, entries: Sequence[Entry], guild_id: int) -> list[Entry]:
        """The entries with the titles of the entries they refer to, as every page shows them."""
        fetch = functools.partial(self._services.entries.get_many, guild_id=guild_id)
        return await with_named_references(list(entries), fetch)

    async def _draw(
        self,
        pages_id: int,
        guild_id: int,
        language: Language,
        entries: Sequence[Entry | None],
        target: Place | None,
        *,
        parts: _Parts | None = None,
    ) -> tuple[discord.Embed, discord.ui.View]:
        """The page at `target` (None: every result is gone) and its buttons."""
        parts = parts or _Parts(entries, language, await self._topics())
        view = discord.ui.View(timeout=None)  # DynamicItems only: nothing held in memory
        if len(entries) > 1:
            at = target or Place(0, 0)
            for step, delta in _STEPS.items():
                dead = target is None or step_from(parts.live, parts, at, delta) is None
                view.add_item(PageButton(pages_id, at, step, language, disabled=dead))
        if target is None:
            return discord.Embed(description=t("advice.pages_gone", language), colour=COLOR), view
        embed = parts.pages(target.n)[target.part]
        removed = len(entries) - sum(parts.live)
        if removed:
            note = t("advice.results_removed", language, n=removed)
            footer = FOOTER_SEP.join(x for x in (embed.footer.text, note) if x)
            embed = fit(embed.set_footer(text=limits.clip(footer, limits.EMBED_FOOTER)))
        entry = entries[target.n]
        assert entry is not None
        discuss = await self._services.cohorts.any_active(guild_id)
        if discuss and (button := discuss_button(Subject.entry(entry.id), 0, language)):
            view.add_item(button)
        sections = await self._services.lineage.among([entry.id])
        if entry.id in sections:
            view.add_item(OriginalButton(sections[entry.id], language))
        return embed, view


class _Parts:
    """Each result's pages, made when first asked for (a click needs two or three of them)."""

    def __init__(
        self, entries: Sequence[Entry | None], language: Language, topics: dict[str, Topic]
    ) -> None:
        self._entries = entries
        self._language = language
        self._topics = topics
        self._made: dict[int, list[discord.Embed]] = {}
        self.live = tuple(e is not None for e in entries)

    def pages(self, n: int) -> list[discord.Embed]:
        if n not in self._made:
            entry = self._entries[n]
            assert entry is not None
            self._made[n] = entry_pages(
                entry, self._language, topics=self._topics, position=position(self.live, n)
            )
        return self._made[n]

    def __call__(self, n: int) -> int:
        return len(self.pages(n))
