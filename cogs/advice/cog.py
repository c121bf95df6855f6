"""/advice and /entry: find advice for a question, or open one entry."""

from __future__ import annotations

import functools
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter import limits
from bot.adapter.entry_choices import entry_choices, titled
from bot.adapter.locale import cmd_str, lang, text
from bot.adapter.render import COLOR, entry_pages
from bot.adapter.types import Interaction
from bot.adapter.views import ChoicesView, OwnedView, PagesView
from bot.app import Services
from bot.corpus.references import with_named_references
from bot.i18n import Language, Verbatim, t
from bot.models import Entry, Topic
from bot.models.cohorts import Subject
from bot.models.insights import Command
from bot.search.models import ENTRY_VALUE, TOPIC_VALUE, SearchResult, SuggestionKind, parse_value
from bot.search.topic_choices import matching_topics, named_topic
from bot.text.normalize import blank
from cogs.advice.original import OriginalButton
from cogs.advice.pages import EntryPages, PageRef
from cogs.advice.paging import KeptAnswers, PageButton
from cogs.cohorts.button import discuss_button

RESULT_LIMIT = 10
CLOSEST = 3  # entries offered when nothing answers well
CLOSEST_TOPICS = 2  # and topics (a button row holds five)


def lookup_cooldown(interaction: Interaction) -> app_commands.Cooldown | None:
    """Per-user cooldown on lookups, from settings (0 turns it off)."""
    per = interaction.client.settings.lookup_cooldown
    return app_commands.Cooldown(1, per) if per > 0 else None


class AdviceCog(commands.Cog):
    def __init__(self, bot: commands.Bot, services: Services) -> None:
        self.bot = bot
        self.services = services
        self._recorder = services.insights.recorder
        self.kept = KeptAnswers(services, self._topics)  # public answers' Previous/Next

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(OriginalButton, PageButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(OriginalButton, PageButton)

    async def _topics(self) -> dict[str, Topic]:
        """The taxonomy the search index holds in memory (autocomplete asks on every keystroke)."""
        return {topic.id: topic for topic in await self.services.search.topics()}

    async def _resolve_topic(self, value: str | None) -> Topic | None:
        """The topic option, re-validated: an id, `topic:<id>`, or a topic's name or alias."""
        if not value:
            return None
        return named_topic((await self._topics()).values(), value)

    async def _pages(
        self, entries: list[Entry], language: Language, guild_id: int | None
    ) -> tuple[discord.Embed, EntryPages, list[list[discord.ui.Item[Any]]], list[str]]:
        """The first page as sent, the pages to turn to (made again when shown), per page its
        entry's Discuss button (in a server that has a cohort to discuss in), and per page its
        entry's id."""
        topics = await self._topics()
        fetch = functools.partial(self.services.entries.get_many, guild_id=guild_id)
        entries = await with_named_references(entries, fetch)
        discuss = guild_id is not None and await self.services.cohorts.any_active(guild_id)
        # A curated entry written from a raw post section offers it: "📜 원문 보기".
        sections = await self.services.lineage.among([e.id for e in entries])
        first: discord.Embed | None = None
        refs: list[PageRef] = []
        items: list[list[discord.ui.Item[Any]]] = []
        owners: list[str] = []
        for n, entry in enumerate(entries, start=1):
            position = (n, len(entries)) if len(entries) > 1 else None
            shown = entry_pages(entry, language, topics=topics, position=position)
            first = first or shown[0]
            buttons: list[discord.ui.Item[Any]] = []
            if discuss and (button := discuss_button(Subject.entry(entry.id), 0, language)):
                buttons.append(button)
            if entry.id in sections:
                buttons.append(OriginalButton(sections[entry.id], language))
            refs.extend(PageRef(entry.id, position, part) for part in range(len(shown)))
            items.extend([buttons] * len(shown))
            owners.extend([entry.id] * len(shown))
        assert first is not None  # callers pass at least one entry

        async def render(entry_id: str, position: tuple[int, int] | None) -> list[discord.Embed]:
            entry = await self.services.entries.get(entry_id, guild_id=guild_id)
            if entry is None:
                return []
            [named] = await with_named_references([entry], fetch)
            return entry_pages(named, language, topics=await self._topics(), position=position)

        def gone() -> discord.Embed:
            return discord.Embed(description=t("advice.page_gone", language), colour=COLOR)

        return first, EntryPages(refs, render, gone), items, owners

    async def show_original(self, interaction: Interaction, section_id: str) -> None:
        """The raw post section a curated entry was written from, privately."""
        section = await self.services.entries.get(section_id, guild_id=interaction.guild_id)
        if section is None:
            await interaction.response.send_message(
                text(interaction, "original.gone"), ephemeral=True
            )
            return
        language = lang(interaction)
        pages = entry_pages(section, language, topics=await self._topics())
        view = PagesView(interaction.user.id, language, pages, shareable=False)
        await interaction.response.send_message(
            content=text(interaction, "original.intro"), embed=pages[0], view=view, ephemeral=True
        )
        view.attach(interaction)

    # -- /advice ---------------------------------------------------------------------------------

    @app_commands.command(name=cmd_str("advice.name"), description=cmd_str("advice.description"))
    @app_commands.rename(
        query=cmd_str("advice.query.name"),
        topic=cmd_str("advice.topic.name"),
        public=cmd_str("advice.public.name"),
    )
    @app_commands.describe(
        query=cmd_str("advice.query.description"),
        topic=cmd_str("advice.topic.description"),
        public=cmd_str("advice.public.description"),
    )
    @app_commands.checks.dynamic_cooldown(lookup_cooldown)
    async def advice(
        self,
        interaction: Interaction,
        query: app_commands.Range[str, 1, 200],
        topic: str | None = None,
        public: bool = False,
    ) -> None:
        if blank(query):  # zero-width spaces or fillers alone: echoed, they showed as ****
            await interaction.response.send_message(
                text(interaction, "advice.empty_query"), ephemeral=True
            )
            return
        topic_filter = await self._resolve_topic(topic)
        if topic and topic_filter is None:
            # Re-validate what autocomplete offered: a typed-in topic that doesn't exist.
            await interaction.response.send_message(
                text(interaction, "topic.unknown", topic=limits.clip(topic, 80)), ephemeral=True
            )
            return
        await self._defer_while_loading(interaction, ephemeral=not public)
        await self._answer(interaction, query, topic_filter, public=public, edit=False)

    async def _correction(
        self, result: SearchResult, language: Language, guild_id: int | None
    ) -> str:
        """What a typo was read as, for the member: search corrects to Korean (a topic's name,
        an entry's title, the index's words), so an English member's 'intervew' is said as the
        topic's English name, and a title as the entry's English title, where there is one."""
        corrected = result.corrected_query or ""
        if language != "en":
            return corrected
        best = result.suggestions[0] if result.suggestions else None
        if best is not None and best.kind is SuggestionKind.ENTRY and best.name == corrected:
            english = await self.services.entries.english_titles([best.ref], guild_id=guild_id)
            return english.get(best.ref, corrected)
        names = {t.name_ko: t.name_en for t in (await self._topics()).values() if t.name_en}
        return names.get(corrected) or " ".join(names.get(w, w) for w in corrected.split())

    async def _defer_while_loading(self, interaction: Interaction, *, ephemeral: bool) -> None:
        """Until the search index is in memory a lookup waits for it (seconds on a big corpus,
        longer than Discord waits for an answer): say "thinking" first."""
        if not self.services.search.ready:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)

    async def _answer(
        self,
        interaction: Interaction,
        query: str,
        topic: Topic | None,
        *,
        public: bool,
        edit: bool,
    ) -> None:
        """Search and reply (or, from a "did you mean" click, update the message in place)."""
        kind, ref = parse_value(query)
        entries: list[Entry]
        result: SearchResult | None = None
        if kind is SuggestionKind.ENTRY:
            entry = await self.services.entries.get(ref, guild_id=interaction.guild_id)
            entries = [entry] if entry else []
        else:
            result = await self.services.search.search(
                query,
                topic=topic.id if topic else None,
                limit=RESULT_LIMIT,
                guild_id=interaction.guild_id,
            )
            entries = [hit.entry for hit in result.hits]
        language = lang(interaction)
        command: Command = "advice" if kind is SuggestionKind.QUERY else "autocomplete"
        if not entries or (result is not None and result.low_confidence):
            await self._no_match(
                interaction, query, result, edit=edit, command=command, topic=topic
            )
            return
        content = None
        if result is not None and result.corrected_query:
            corrected = await self._correction(result, language, interaction.guild_id)
            content = text(
                interaction, "advice.corrected", query=limits.clip(query, 80),
                corrected=limits.clip(corrected, 80),
            )  # fmt: skip
        asked = entries[0].title if kind is SuggestionKind.ENTRY else ref
        if public and not edit and interaction.guild_id is not None:
            # In the channel for good: its pages are kept, so its buttons outlive the process.
            await self.kept.send(
                functools.partial(_send, interaction), guild_id=interaction.guild_id,
                owner_id=interaction.user.id, language=language, topic=topic,
                entries=entries, content=content,
                lookup=self._record(interaction, command, asked, entries, topic),
            )  # fmt: skip
            return
        first, pages, items, owners = await self._pages(entries, language, interaction.guild_id)
        lookup = self._record(interaction, command, asked, entries, topic)
        view = PagesView(
            interaction.user.id, language, pages, page_items=items,
            # In a DM "the channel" is the DM itself: nobody to share with.
            shareable=not public and interaction.guild_id is not None,
            on_event=self._recorder.page_events(interaction.guild_id, lookup, owners),
        )  # fmt: skip
        if edit:
            await interaction.response.edit_message(content=content, embed=first, view=view)
        else:
            await _send(interaction, content=content, embed=first, view=view, ephemeral=not public)
        view.attach(interaction)

    def _record(
        self,
        interaction: Interaction,
        command: Command,
        query: str,
        entries: list[Entry],
        topic: Topic | None = None,
        *,
        offered: bool = False,
    ) -> int | None:
        """Insights: queue the lookup (no I/O here; written in the background)."""
        first = entries[0].topics[0] if entries and entries[0].topics else None
        return self._recorder.lookup(
            interaction.guild_id,
            command,
            query,
            outcome="shown" if entries else "suggested" if offered else "none",
            results=[entry.id for entry in entries],
            topic=topic.id if topic else first,
            user_id=interaction.user.id,
        )

    async def _no_match(
        self,
        interaction: Interaction,
        query: str,
        result: SearchResult | None,
        *,
        edit: bool,
        command: Command = "advice",
        topic: Topic | None = None,
    ) -> None:
        if result is not None and result.hits:  # hits too weak to offer as an answer
            lines, choices = await self._closest(interaction, query, result)
        else:
            language = lang(interaction)
            suggestions = await self.services.search.localize(
                result.suggestions if result else (), language, guild_id=interaction.guild_id
            )
            choices = [(s.name, s.value) for s in suggestions][:5]
            if topic is None:
                lines = [text(interaction, "advice.no_match", query=limits.clip(query, 100))]
            else:
                # Say the filter did it, and offer the same question over every topic first.
                lines = [
                    text(
                        interaction,
                        "advice.no_match_topic",
                        query=limits.clip(query, 100),
                        topic=topic.name(language),
                    )
                ]
                # A button label shows no Markdown: the query goes in as typed.
                everywhere = t(
                    "advice.all_topics", language, query=Verbatim(limits.clip(query, 40))
                )
                choices = [(everywhere, query), *choices][:5]
            lines.append(
                text(interaction, "advice.did_you_mean")
                if choices
                else text(interaction, "advice.try_topics")
            )
        lookup = self._record(
            interaction, command, parse_value(query)[1], [], offered=bool(choices)
        )
        await self._offer(interaction, "\n".join(lines), choices, edit=edit, lookup=lookup)

    async def _closest(
        self, interaction: Interaction, query: str, result: SearchResult
    ) -> tuple[list[str], list[tuple[str, str]]]:
        """ "No good match": the closest entries (up to `CLOSEST`) and their topics as buttons."""
        language = lang(interaction)
        hits = result.hits[:CLOSEST]
        choices = [(_title(h.entry, language), f"{ENTRY_VALUE}{h.id}") for h in hits]
        known = await self._topics()
        topics = {t.id: t for t in result.topics}
        for hit in hits:
            topics.update((t, known[t]) for t in hit.entry.topics if t in known and t not in topics)
        named = list(topics.values())[:CLOSEST_TOPICS]
        choices += [
            (
                text(interaction, "advice.topic_button", topic=Verbatim(t.name(language))),
                TOPIC_VALUE + t.id,
            )
            for t in named
        ]
        lines = [text(interaction, "advice.no_good_match", query=limits.clip(query, 100))]
        if named:
            names = " · ".join(limits.clip(t.name(language), 40) for t in named)
            lines.append(text(interaction, "advice.closest_topics", topics=names))
        return lines, choices

    async def _offer(
        self,
        interaction: Interaction,
        message: str,
        choices: list[tuple[str, str]],
        *,
        edit: bool,
        lookup: int | None = None,
    ) -> None:
        """A message with "did you mean" buttons; a click opens that lookup in place."""

        async def pick(click: discord.Interaction, value: str) -> None:
            await self._answer(click, value, None, public=False, edit=True)  # type: ignore[arg-type]
            self._recorder.follow_up(click.guild_id, lookup, "did_you_mean")

        view: OwnedView | None = (
            ChoicesView(interaction.user.id, lang(interaction), choices, pick) if choices else None
        )
        if edit:
            await interaction.response.edit_message(content=message, embed=None, view=view)
        else:
            kwargs = {"view": view} if view else {}
            await _send(interaction, content=message, ephemeral=True, **kwargs)
        if view:
            view.attach(interaction)

    @advice.autocomplete("query")
    async def advice_query_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        suggestions = await self.services.search.suggest(
            current, limit=limits.CHOICES, guild_id=interaction.guild_id,
            language=lang(interaction),
        )  # fmt: skip
        return limits.choices((s.name, s.value) for s in suggestions)

    @advice.autocomplete("topic")
    async def advice_topic_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        language = lang(interaction)
        other = "en" if language == "ko" else "ko"
        topics = sorted((await self._topics()).values(), key=lambda x: x.name(language))
        return limits.choices(
            (f"{topic.name(language)} · {topic.name(other)}", topic.id)
            for topic in matching_topics(topics, current)
        )

    # -- /entry ----------------------------------------------------------------------------------

    @app_commands.command(name=cmd_str("entry.name"), description=cmd_str("entry.description"))
    @app_commands.rename(entry_id=cmd_str("entry.id.name"))
    @app_commands.describe(entry_id=cmd_str("entry.id.description"))
    @app_commands.checks.dynamic_cooldown(lookup_cooldown)
    async def entry(
        self, interaction: Interaction, entry_id: app_commands.Range[str, 1, 100]
    ) -> None:
        _, ref = parse_value(entry_id)
        if blank(ref):  # `/entry id:" "`: nothing to look up, nor to quote back
            await interaction.response.send_message(
                text(interaction, "entry.empty_id"), ephemeral=True
            )
            return
        entry = await self.services.entries.get(ref.strip().lower(), guild_id=interaction.guild_id)
        if entry is None:
            # Typed rather than picked: not an id. The entry the whole title names, else the
            # closest titles to pick from.
            await self._defer_while_loading(interaction, ephemeral=True)
            result = await self.services.search.search(ref, limit=5, guild_id=interaction.guild_id)
            entry = next((h.entry for h in result.hits if titled(h.entry, ref)), None)
        if entry is None:
            english = lang(interaction) == "en"
            choices = [
                (h.entry.title_en if english and h.entry.title_en else h.title, f"entry:{h.id}")
                for h in result.hits[:5]
            ]
            message = text(interaction, "entry.unknown", id=limits.clip(ref, 80))
            lookup = self._record(interaction, "entry", ref, [], offered=bool(choices))
            await self._offer(interaction, message, choices, edit=False, lookup=lookup)
            return
        first, pages, items, owners = await self._pages(
            [entry], lang(interaction), interaction.guild_id
        )
        lookup = self._record(interaction, "entry", entry.title, [entry])
        view = PagesView(
            interaction.user.id, lang(interaction), pages, page_items=items,
            shareable=interaction.guild_id is not None,
            on_event=self._recorder.page_events(interaction.guild_id, lookup, owners),
        )  # fmt: skip
        await _send(interaction, embed=first, view=view, ephemeral=True)
        view.attach(interaction)

    @entry.autocomplete("entry_id")
    async def entry_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await entry_choices(self.services.search, interaction, current)


async def _send(interaction: Interaction, **message: Any) -> int | None:
    """The answer: the first response, or what fills in a deferred one; the message's id."""
    if interaction.response.is_done():
        return (await interaction.followup.send(**message, wait=True)).id
    sent = await interaction.response.send_message(**message)
    return sent.message_id


def _title(entry: Entry, language: Language) -> str:
    return entry.title_en if language == "en" and entry.title_en else entry.title
