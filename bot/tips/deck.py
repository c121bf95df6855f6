"""The no-repeat rotation of tip cards for one server, at a cost that does not grow with the tips.

Every live card is dealt once per cycle. A draw picks a point at random along the server's live
tips (in the store's fixed order) and deals the first card from there that this cycle has not
dealt: one indexed read, whatever the number of tips. The deck itself is a few numbers; which
cards the cycle dealt is kept by the store (a row per card dealt, so it grows by one a day, not
with the tips). A card added mid-cycle can be dealt in it; a retired one never is. The point of
each draw comes from the deck's stored seed (per cycle, per draw), so `peek` predicts exactly
what `draw` will deal as long as the tips do not change, which is what `/tip preview` needs.
When a cycle ends, the last min(5, n // 2) cards dealt stay out of the next cycle's first draws.
"""

from __future__ import annotations

import random
from dataclasses import replace

from bot.models.tips import Deck
from bot.tips.ports import DeckUnit

RECENT_KEEP = 5  # how many of the last dealt cards a new cycle keeps out of its first draws


def _position(deck: Deck) -> float:
    return random.Random(f"{deck.seed}:{deck.cycle}:{deck.dealt}").random()


async def _pick(
    unit: DeckUnit, guild_id: int, deck: Deck, extra: set[str], *, undealt: bool
) -> str | None:
    """The card at the deck's next point; `extra`: cards to skip besides the dealt ones."""
    position = _position(deck)
    if deck.dealt < deck.keep_away:
        end = len(deck.recent) - deck.dealt  # the previous cycle's last cards end there
        skip = extra | set(deck.recent[max(0, end - deck.keep_away) : max(0, end)])
        card = await unit.next_card(guild_id, position, skip=skip, undealt=undealt)
        if card is not None:
            return card  # else only recent cards are left (tips retired since): deal them
    return await unit.next_card(guild_id, position, skip=extra, undealt=undealt)


def _after(deck: Deck, card: str) -> Deck:
    # Twice RECENT_KEEP: up to RECENT_KEEP of a new cycle's own, after the previous cycle's last.
    return replace(deck, dealt=deck.dealt + 1, recent=(*deck.recent, card)[-2 * RECENT_KEEP :])


async def _next(
    unit: DeckUnit, guild_id: int, deck: Deck, extra: set[str], restarted: bool
) -> tuple[str | None, Deck, bool]:
    """The next card, the deck after it and whether a new cycle began (the store's dealt cards
    then no longer count; `extra` holds those of the new cycle)."""
    if deck.cycle > 0:
        card = await _pick(unit, guild_id, deck, extra, undealt=not restarted)
        if card is not None:
            return card, _after(deck, card), restarted
    count = await unit.live_tip_count(guild_id, at_most=2 * RECENT_KEEP)  # all it needs
    if count == 0:
        return None, deck, restarted
    deck = replace(deck, cycle=deck.cycle + 1, dealt=0, keep_away=min(RECENT_KEEP, count // 2))
    extra.clear()
    card = await _pick(unit, guild_id, deck, extra, undealt=False)
    if card is None:  # every tip retired meanwhile
        return None, deck, True
    return card, _after(deck, card), True


async def draw(unit: DeckUnit, guild_id: int, deck: Deck) -> tuple[str | None, Deck]:
    """Deal the next card (recorded in `unit`); (None, deck) when there are no live tips.
    The caller saves the deck returned, in the same unit of work."""
    card, deck, restarted = await _next(unit, guild_id, deck, set(), False)
    if restarted:
        await unit.new_cycle(guild_id)
    if card is not None:
        await unit.mark_dealt(guild_id, card)
    return card, deck


async def peek(unit: DeckUnit, guild_id: int, deck: Deck, n: int) -> list[str]:
    """The next `n` cards `draw` would deal, without changing anything."""
    cards: list[str] = []
    extra: set[str] = set()  # dealt on paper
    restarted = False
    for _ in range(n):
        card, deck, restarted = await _next(unit, guild_id, deck, extra, restarted)
        if card is None:
            break
        extra.add(card)
        cards.append(card)
    return cards
