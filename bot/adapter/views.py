"""Interactive views: paging through results, "did you mean" buttons, topic menus.

Every view belongs to the user who ran the command: others get a polite ephemeral refusal.
On timeout the buttons are disabled in place, so nothing dangles that no longer works.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import discord

from bot.adapter import limits
from bot.adapter.live_views import LiveViews
from bot.adapter.locale import text
from bot.adapter.render import shared_copy
from bot.adapter.tree import error_message, reply_ephemeral
from bot.i18n import Language, t

log = logging.getLogger(__name__)
VIEW_TIMEOUT = 600.0

Pick = Callable[[discord.Interaction, str], Awaitable[None]]
# Told after a reply what the owner did on a page: ("page" | "share", page index). Insights.
PageEvent = Callable[[str, int], None]
Action = Callable[[discord.Interaction], Awaitable[None]]


class ActionButton(discord.ui.Button["OwnedView"]):
    """A button that runs `action` when clicked (a typed alternative to assigning `callback`)."""

    def __init__(self, action: Action, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._action = action

    async def callback(self, interaction: discord.Interaction) -> None:
        await self._action(interaction)


class ActionSelect(discord.ui.Select["OwnedView"]):
    """A select menu that hands its one chosen value to `pick`."""

    def __init__(self, pick: Pick, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pick = pick

    async def callback(self, interaction: discord.Interaction) -> None:
        await self._pick(interaction, self.values[0])


class OwnedView(discord.ui.View):
    def __init__(self, owner_id: int, language: Language, *, timeout: float = VIEW_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.language = language
        self.origin: discord.Interaction | None = None  # whose response carries this view
        self.message: discord.Message | None = None  # a plain channel message carrying it
        self._live: LiveViews | None = None
        self._expiring: asyncio.Task[None] | None = None

    def attach(self, interaction: discord.Interaction[Any]) -> None:
        """Once `interaction`'s response carries this view: remember it (to disable the buttons
        on expiry) and count it among the bot's live views, which are bounded."""
        self.origin = interaction
        live = getattr(interaction.client, "live_views", None)
        if isinstance(live, LiveViews) and not self.is_finished():
            self._live = live
            live.track(self)

    def expire(self) -> None:
        """Stop listening now and disable the buttons, as on the timeout (evicted early)."""
        if self.is_finished():
            return
        super().stop()
        self._expiring = asyncio.create_task(self.on_timeout(), name=f"sunbae-expire-{self.id}")

    def stop(self) -> None:
        super().stop()
        self._forget()

    def _forget(self) -> None:
        if self._live is not None:
            self._live.forget(self)
            self._live = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await reply_ephemeral(interaction, text(interaction, "error.not_yours"))
        return False

    async def on_timeout(self) -> None:
        self._forget()
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        try:
            if self.origin is not None:
                await self.origin.edit_original_response(view=self)
            elif self.message is not None:
                await self.message.edit(view=self)
        except discord.HTTPException:
            log.debug("could not disable an expired view", exc_info=True)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await reply_ephemeral(interaction, error_message(interaction, error))


PageItems = discord.ui.Item[Any] | Sequence[discord.ui.Item[Any]] | None


class PageSource(ABC):
    """Pages made when shown: a view waits up to 10 minutes for a click, and what it holds
    meanwhile is held for every reply of those 10 minutes (ids, not embeds)."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    async def page(self, index: int) -> discord.Embed: ...


class StaticPages(PageSource):
    """Pages already made (few, small, or read once)."""

    def __init__(self, pages: Sequence[discord.Embed]) -> None:
        self._pages = list(pages)

    def __len__(self) -> int:
        return len(self._pages)

    async def page(self, index: int) -> discord.Embed:
        return self._pages[index]


def _items(given: PageItems) -> tuple[discord.ui.Item[Any], ...]:
    if given is None:
        return ()
    if isinstance(given, discord.ui.Item):
        return (given,)
    return tuple(given)


class PagesView(OwnedView):
    """Previous/next through a list of embeds, plus "share to channel" for a private reply."""

    def __init__(
        self,
        owner_id: int,
        language: Language,
        pages: Sequence[discord.Embed] | PageSource,
        *,
        shareable: bool,
        page_items: Sequence[PageItems] = (),
        on_event: PageEvent | None = None,
        back: Pick | None = None,
    ) -> None:
        """`page_items`, when given, has per page an item, a few items or None, shown with that
        page: the Discuss and "original" buttons of the page's entry. A DynamicItem stays usable
        after the view times out.
        `on_event` hears of page turns and shares, once they are answered. `back` adds a
        "back to the list" button first, for pages opened in place of a list."""
        super().__init__(owner_id, language)
        if back is not None:

            async def go_back(interaction: discord.Interaction) -> None:
                await back(interaction, "")
                self.stop()  # replaced by the list: its expiry must not touch that message

            self.add_item(ActionButton(go_back, label=t("button.back", language), emoji="↩️"))
        self._on_event = on_event
        self.pages = pages if isinstance(pages, PageSource) else StaticPages(pages)
        self.index = 0
        self._shared: set[int] = set()  # pages posted to the channel already
        self._page_items = [_items(x) for x in page_items]
        self._shown: tuple[discord.ui.Item[Any], ...] = ()
        self.prev = ActionButton(self._on_prev, label=t("button.prev", language), emoji="◀️")
        self.next = ActionButton(self._on_next, label=t("button.next", language), emoji="▶️")
        if len(self.pages) > 1:
            self.add_item(self.prev)
            self.add_item(self.next)
        if shareable:
            share = ActionButton(
                self._on_share,
                label=t("button.share", language),
                emoji="📢",
                style=discord.ButtonStyle.primary,
            )
            self.add_item(share)
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.prev.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1
        items = self._page_items[self.index] if self.index < len(self._page_items) else ()
        if items != self._shown:
            for item in self._shown:
                self.remove_item(item)
            for item in items:
                self.add_item(item)
            self._shown = items

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self._sync_buttons()
        embed = await self.pages.page(self.index)
        await interaction.response.edit_message(embed=embed, view=self)
        self._tell("page")

    def _tell(self, action: str) -> None:
        if self._on_event is not None:
            self._on_event(action, self.index)

    async def _on_prev(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, -1)

    async def _on_next(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, +1)

    async def _on_share(self, interaction: discord.Interaction) -> None:
        if self.index in self._shared:  # a double click posted the same advice twice
            await reply_ephemeral(interaction, t("advice.shared_already", self.language))
            return
        self._shared.add(self.index)
        embed = shared_copy(await self.pages.page(self.index), self.language)
        shared_by = t("advice.shared_by", self.language, user=interaction.user.display_name)
        # A new public message; mentions stay off (the client's AllowedMentions.none()).
        await interaction.response.send_message(content=limits.clip(shared_by, 200), embed=embed)
        self._tell("share")


class ChoicesView(OwnedView):
    """A row of buttons, each re-running a lookup with its value ("did you mean")."""

    def __init__(
        self, owner_id: int, language: Language, choices: Sequence[tuple[str, str]], on_pick: Pick
    ) -> None:
        super().__init__(owner_id, language)
        self._on_pick = on_pick
        for label, value in choices[:5]:
            button = ActionButton(
                self._make_callback(value),
                label=limits.clip(label, limits.BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
            )
            self.add_item(button)

    def _make_callback(self, value: str) -> Action:
        async def callback(interaction: discord.Interaction) -> None:
            await self._on_pick(interaction, value)
            self.stop()  # only once replaced: after an error the buttons keep working

        return callback


class SelectView(OwnedView):
    """A select menu (and optional paging buttons) whose choice is handed to a callback."""

    def __init__(
        self,
        owner_id: int,
        language: Language,
        *,
        placeholder: str,
        options: Sequence[discord.SelectOption],
        on_pick: Pick,
        paging: tuple[Pick, Pick] | None = None,
        page: tuple[int, int] = (1, 1),
    ) -> None:
        super().__init__(owner_id, language)
        self._on_pick = on_pick
        if options:
            select = ActionSelect(
                on_pick,
                placeholder=limits.clip(placeholder, limits.SELECT_PLACEHOLDER),
                options=list(options)[: limits.SELECT_OPTIONS],
            )
            self.add_item(select)
        if paging is not None and page[1] > 1:
            prev = ActionButton(
                self._wrap(paging[0]), label=t("button.prev", language), emoji="◀️", row=1
            )
            nxt = ActionButton(
                self._wrap(paging[1]), label=t("button.next", language), emoji="▶️", row=1
            )
            prev.disabled, nxt.disabled = page[0] <= 1, page[0] >= page[1]
            self.add_item(prev)
            self.add_item(nxt)

    def _wrap(self, handler: Pick) -> Action:
        async def callback(interaction: discord.Interaction) -> None:
            await handler(interaction, "")
            self.stop()  # only once replaced: after an error the buttons keep working

        return callback


def select_options(
    items: Iterable[tuple[str, str, str | None]],
) -> list[discord.SelectOption]:
    """Menu options from (label, value, description) within Discord's limits: at most 25, labels
    and descriptions clipped; a value is never clipped (a cut id would name another entry or
    none), so one that is too long is left out, as `limits.choices` does."""
    options = [
        discord.SelectOption(
            label=limits.clip(label, limits.SELECT_LABEL) or value,
            value=value,
            description=limits.clip(description, limits.SELECT_DESCRIPTION)
            if description
            else None,
        )
        for label, value, description in items
        if value and len(value) <= limits.SELECT_VALUE
    ]
    return options[: limits.SELECT_OPTIONS]
