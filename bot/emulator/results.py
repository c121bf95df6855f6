"""``InteractionResult``: the live handle a test holds for one interaction, and ``ModalPrompt``
for a modal the bot opened."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.emulator.kinds import DEFER, DEFER_UPDATE, TYPE_NAMES
from bot.emulator.modals import modal_inputs
from bot.emulator.render import render_message, render_modal
from bot.emulator.state import EPHEMERAL, LOADING, wire

if TYPE_CHECKING:
    from bot.emulator.interactions import InteractionHub


@dataclass(eq=False)
class ModalPrompt:
    """A modal the bot opened (callback type 9). Pass it to ``emu.submit_modal``."""

    custom_id: str
    title: str
    components: list[dict[str, Any]]
    source: InteractionResult
    submitted: bool = False

    @property
    def fields(self) -> list[Mapping[str, Any]]:
        """The inputs, each with ``custom_id``, ``label``, ``style``, ``required``, ``value``..."""
        return modal_inputs(self.components)

    @property
    def text(self) -> str:
        return render_modal({"title": self.title, "components": self.components})


@dataclass(eq=False)
class InteractionResult:
    """One interaction the emulator dispatched and everything the bot did in answer to it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    user_id: int
    channel_id: int
    source_message_id: int | None
    _hub: InteractionHub
    dispatched_at: float = field(default_factory=time.perf_counter)
    callback_type: int | None = None
    callback: dict[str, Any] | None = None
    latency: float | None = None
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    modal: ModalPrompt | None = None
    choices: list[dict[str, Any]] | None = None
    error: str | None = None
    edits: int = 0

    @property
    def name(self) -> str:
        data = self.payload.get("data") or {}
        return data.get("name") or data.get("custom_id") or "?"

    @property
    def acknowledged(self) -> bool:
        return self.callback_type is not None

    @property
    def deferred(self) -> bool:
        return self.callback_type in (DEFER, DEFER_UPDATE)

    @property
    def message(self) -> dict[str, Any] | None:
        """The message this response created (type 4/5) or updated (type 6/7), as it is now;
        None for a modal, autocomplete, or a deleted response."""
        if self.original_id is None:
            return None
        msg = self._hub.state.messages.get(self.original_id)
        return None if msg is None or msg.get("_deleted") else wire(msg)

    @property
    def loading(self) -> bool:
        msg = self.message
        return bool(msg and msg["flags"] & LOADING)

    @property
    def ephemeral(self) -> bool:
        msg = self.message
        return bool(msg and msg["flags"] & EPHEMERAL)

    @property
    def followups(self) -> list[dict[str, Any]]:
        msgs = (self._hub.state.messages.get(m) for m in self.followup_ids)
        return [wire(m) for m in msgs if m is not None and not m.get("_deleted")]

    @property
    def content(self) -> str:
        return (self.message or {}).get("content", "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return (self.message or {}).get("embeds", [])

    @property
    def components(self) -> list[dict[str, Any]]:
        return (self.message or {}).get("components", [])

    @property
    def text(self) -> str:
        """The response as a terminal shows it (see ``render.py``)."""
        if self.modal is not None:
            return self.modal.text
        msg = self.message
        return render_message(msg) if msg else f"<no message: callback type {self.callback_type}>"

    async def wait_final(self, within: float | None = None) -> dict[str, Any] | None:
        """After a defer, wait until the bot filled it in (edited @original or sent a followup)
        and return the message it ended with; returns at once if there was no defer."""
        if self.callback_type == DEFER:
            return await self._wait(
                lambda: self.message if not self.loading else None,
                within,
                "fill in its deferred response",
            )
        if self.callback_type == DEFER_UPDATE:

            def done() -> dict[str, Any] | None:
                if self.followup_ids:
                    return self.followups[-1] if self.followups else {}
                return (self.message or {}) if self.edits else None

            return await self._wait(done, within, "edit the message after a deferred update")
        return self.message

    async def wait_followups(
        self, count: int = 1, within: float | None = None
    ) -> list[dict[str, Any]]:
        """Wait until the bot sent at least ``count`` followup messages; returns them all."""
        return await self._wait(
            lambda: self.followups if len(self.followup_ids) >= count else None,
            within,
            f"send {count} followup message(s)",
        )

    async def wait_until(
        self, check: Callable[[InteractionResult], Any], within: float | None = None
    ) -> Any:
        """Wait until ``check(self)`` returns something truthy, and return that."""
        return await self._wait(lambda: check(self) or None, within, "reach the awaited state")

    async def _wait(self, check: Callable[[], Any], within: float | None, what: str) -> Any:
        return await self._hub.feed.wait_for(
            check, within or self._hub.timeout, lambda: self._hub.describe_stall(self, what)
        )

    def __repr__(self) -> str:
        kind = TYPE_NAMES.get(self.type, str(self.type))
        return f"<InteractionResult {kind} {self.name!r} callback={self.callback_type} latency={self.latency}>"
