"""The rotation rules, as pure functions (no database)."""

from __future__ import annotations

import pytest

from bot.models.tips import Deck
from bot.tips.deck import draw, peek


def deal(deck: Deck, live: list[str], n: int) -> tuple[list[str], Deck]:
    cards: list[str] = []
    for _ in range(n):
        card, deck = draw(deck, live)
        assert card is not None
        cards.append(card)
    return cards, deck


def cards(n: int) -> list[str]:
    return [f"c{i:02d}" for i in range(n)]


def test_every_card_once_per_cycle() -> None:
    live = cards(12)
    dealt, _ = deal(Deck(seed="a"), live, 36)
    for start in (0, 12, 24):
        assert sorted(dealt[start : start + 12]) == live


def test_order_depends_on_the_seed() -> None:
    live = cards(12)
    assert deal(Deck(seed="a"), live, 12)[0] != deal(Deck(seed="b"), live, 12)[0]


@pytest.mark.parametrize(("n", "keep_away"), [(2, 1), (3, 1), (7, 3), (10, 5), (40, 5)])
def test_reshuffle_keeps_the_last_shown_off_the_top(n: int, keep_away: int) -> None:
    live = cards(n)
    for seed in range(60):  # many shuffles: a rule that only usually holds would fail here
        dealt, _ = deal(Deck(seed=str(seed)), live, 2 * n)
        assert not set(dealt[n - keep_away : n]) & set(dealt[n : n + keep_away]), (seed, dealt)


def test_a_new_card_joins_the_current_cycle() -> None:
    live = cards(10)
    first, deck = deal(Deck(seed="s"), live, 5)
    live = [*live, "new"]
    rest, _ = deal(deck, live, 6)  # the 5 left plus the newcomer, before any reshuffle
    assert sorted(first + rest) == sorted(live)
    assert "new" in rest


def test_a_retired_card_leaves_the_deck() -> None:
    live = cards(10)
    _, deck = deal(Deck(seed="s"), live, 3)
    gone = deck.remaining[0]
    live.remove(gone)
    later, _ = deal(deck, live, 30)
    assert gone not in later


def test_peek_predicts_draws_across_a_reshuffle() -> None:
    live = cards(6)
    _, deck = deal(Deck(seed="p"), live, 4)
    predicted = peek(deck, live, 9)
    assert predicted == deal(deck, live, 9)[0]


def test_no_live_cards() -> None:
    card, deck = draw(Deck(seed="e"), [])
    assert card is None
    assert peek(deck, [], 3) == []
