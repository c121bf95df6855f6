"""The no-repeat rotation of tip cards for one server, as pure functions over an immutable Deck.

Every card is dealt once per cycle. Randomness comes from the deck's stored seed (per cycle, per
card), so the future is a function of the stored state: `peek` predicts exactly what `draw` will
deal as long as the corpus does not change, which is what `/tip preview` needs.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import replace

from bot.models.tips import Deck

RECENT_KEEP = 5  # how many of the last dealt cards a reshuffle keeps away from the top


def _rng(deck: Deck, *parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (deck.seed, *parts)))


def sync(deck: Deck, live: Collection[str]) -> Deck:
    """Drop cards that are no longer live tips; slot new ones in at random among the remaining."""
    live_set = set(live)
    remaining = [card for card in deck.remaining if card in live_set]
    if deck.cycle == 0:  # never shuffled: the first draw shuffles everything
        return replace(deck, remaining=tuple(remaining))
    known = set(remaining) | set(deck.dealt)  # dealt cards wait for the next cycle
    for card in sorted(live_set - known):
        remaining.insert(_rng(deck, deck.cycle, card).randint(0, len(remaining)), card)
    return replace(deck, remaining=tuple(remaining))


def reshuffle(deck: Deck, live: Collection[str]) -> Deck:
    """A new cycle of every live card; the last min(5, n//2) dealt stay out of the first slots."""
    cycle = deck.cycle + 1
    rng = _rng(deck, cycle)
    cards = sorted(set(live))
    keep_away = min(RECENT_KEEP, len(cards) // 2)
    recent = set(deck.recent[-keep_away:]) if keep_away else set()
    order = [card for card in cards if card not in recent]
    rng.shuffle(order)
    # len(order) >= n - keep_away >= keep_away, so every index below is valid.
    for card in sorted(recent & set(cards)):
        order.insert(rng.randint(keep_away, len(order)), card)
    return replace(deck, cycle=cycle, remaining=tuple(order), dealt=())


def draw(deck: Deck, live: Collection[str]) -> tuple[str | None, Deck]:
    """The next card and the deck after dealing it; (None, deck) when there are no live cards."""
    deck = sync(deck, live)
    if not deck.remaining:
        if not live:
            return None, deck
        deck = reshuffle(deck, live)
    card, *rest = deck.remaining
    return card, replace(
        deck,
        remaining=tuple(rest),
        dealt=(*deck.dealt, card),
        recent=(*deck.recent, card)[-RECENT_KEEP:],
    )


def peek(deck: Deck, live: Collection[str], n: int) -> list[str]:
    """The next `n` cards `draw` would deal, without changing anything."""
    cards: list[str] = []
    for _ in range(n):
        card, deck = draw(deck, live)
        if card is None:
            break
        cards.append(card)
    return cards
