"""Interactions end to end: building INTERACTION_CREATE, and applying what the bot answers
(callbacks, followups, @original edits) to the messages a user would see.

The hub keeps every dispatched interaction (an ``InteractionResult``, see ``results.py``).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.emulator import errors as err
from bot.emulator.errors import EmulatorError, RestError
from bot.emulator.events import Events
from bot.emulator.kinds import (
    ALLOWED_CALLBACKS,
    APPLICATION_COMMAND,
    CHOICES,
    DEFER,
    DEFER_UPDATE,
    MODAL,
    REPLY,
    TYPE_NAMES,
    UPDATE,
)
from bot.emulator.modals import check_modal
from bot.emulator.models import Channel, User
from bot.emulator.results import InteractionResult, ModalPrompt
from bot.emulator.state import (
    EPHEMERAL,
    LOADING,
    EmulatorState,
    UploadedFile,
    numbered_components,
    wire,
)
from bot.emulator.validation import check_message
from bot.emulator.waiting import ChangeFeed


class InteractionHub:
    """Keeps every dispatched interaction and applies the bot's REST answers to it."""

    def __init__(
        self,
        state: EmulatorState,
        events: Events,
        feed: ChangeFeed,
        *,
        timeout: float,
        deadline: float | None,
        describe_calls: Callable[[float], str],
    ) -> None:
        self.state = state
        self.events = events
        self.feed = feed
        self.timeout = timeout
        self.deadline = deadline
        self.by_id: dict[int, InteractionResult] = {}
        self.by_token: dict[str, InteractionResult] = {}
        self.latencies: list[float] = []
        self._describe_calls = describe_calls
        self._message_user: dict[int, int] = {}  # message id -> user whose interaction made it

    # --- dispatching --------------------------------------------------------------------------

    async def dispatch(
        self,
        type_: int,
        data: dict[str, Any],
        *,
        user: User,
        channel: Channel,
        locale: str | None,
        message: dict[str, Any] | None = None,
    ) -> InteractionResult:
        gateway = self.events.gateway
        if gateway.session is None:
            raise EmulatorError(
                "the bot has no gateway session; await emu.wait_until_identified() first"
            )
        payload = self._payload(
            type_, data, user=user, channel=channel, locale=locale, message=message
        )
        result = InteractionResult(
            id=int(payload["id"]),
            token=payload["token"],
            type=type_,
            payload=payload,
            user_id=user.id,
            channel_id=channel.id,
            source_message_id=int(message["id"]) if message else None,
            _hub=self,
        )
        self.by_id[result.id] = result
        self.by_token[result.token] = result
        result.dispatched_at = time.perf_counter()
        await gateway.dispatch("INTERACTION_CREATE", payload)
        return result

    async def wait_acknowledged(
        self, result: InteractionResult, within: float | None
    ) -> InteractionResult:
        def check() -> InteractionResult | None:
            if result.error:
                raise EmulatorError(result.error)
            return result if result.acknowledged else None

        return await self.feed.wait_for(
            check, within or self.timeout, lambda: self.describe_stall(result, "respond")
        )

    def owner_of(self, message_id: int) -> int | None:
        return self._message_user.get(message_id)

    def _payload(
        self,
        type_: int,
        data: dict[str, Any],
        *,
        user: User,
        channel: Channel,
        locale: str | None,
        message: dict[str, Any] | None,
    ) -> dict[str, Any]:
        state = self.state
        guild_id = channel.guild_id
        payload: dict[str, Any] = {
            "id": str(state.ids.next()),
            "application_id": str(state.application_id),
            "type": type_,
            "data": data,
            "token": f"emu.{secrets.token_urlsafe(32)}",
            "version": 1,
            "channel_id": str(channel.id),
            "channel": state.channel_payload(channel, for_user=user.id),
            "locale": locale or user.locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": state.attachment_size_limit,
        }
        if guild_id is not None:
            guild = state.guild(guild_id)
            member = guild.members.get(user.id)
            if member is None:
                raise EmulatorError(
                    f"user {user.username!r} is not a member of guild {guild.name!r}"
                )
            payload.update(
                guild_id=str(guild_id),
                guild_locale=guild.locale,
                guild={"id": str(guild_id), "locale": guild.locale, "features": []},
                member={
                    **member.payload(),
                    "permissions": str(state.permissions(guild_id, user.id, channel.id)),
                },
                app_permissions=str(state.permissions(guild_id, state.bot_user.id, channel.id)),
                authorizing_integration_owners={"0": str(guild_id)},
                context=0,
            )
        else:
            payload.update(
                user=user.payload(),
                app_permissions=str(state.bot_permissions),
                authorizing_integration_owners={"0": str(user.id)},
                context=1,
            )
        if message is not None:
            payload["message"] = wire(message)
        return payload

    # --- the bot's answers (called by the REST routes) ------------------------------------------

    def _find(self, interaction_id: str, token: str) -> InteractionResult:
        result = self.by_token.get(token)
        if result is None or str(result.id) != interaction_id:
            raise RestError(404, err.UNKNOWN_INTERACTION, "Unknown interaction")
        return result

    def _by_webhook(self, application_id: str, token: str) -> InteractionResult:
        result = self.by_token.get(token)
        if result is None or application_id != str(self.state.application_id):
            raise err.unknown("Webhook", err.UNKNOWN_WEBHOOK)
        return result

    async def callback(
        self,
        interaction_id: str,
        token: str,
        body: Mapping[str, Any],
        files: Sequence[UploadedFile],
    ) -> dict[str, Any]:
        result = self._find(interaction_id, token)
        elapsed = time.perf_counter() - result.dispatched_at
        if self.deadline is not None and elapsed > self.deadline and not result.acknowledged:
            result.error = (
                f"the bot answered {result.name!r} after {elapsed:.2f}s; Discord only accepts an "
                f"initial response within {self.deadline:.0f}s (defer first)"
            )
            self.feed.notify()
            raise RestError(404, err.UNKNOWN_INTERACTION, "Unknown interaction")
        if result.acknowledged:
            raise RestError(400, 40060, "Interaction has already been acknowledged.")
        kind = int(body.get("type", 0))
        if kind not in ALLOWED_CALLBACKS.get(result.type, frozenset()):
            raise RestError(
                400,
                50035,
                "Invalid Form Body",
                errors={"type": f"Callback type {kind} is not valid for this interaction"},
            )
        if kind in (UPDATE, DEFER_UPDATE) and result.source_message_id is None:
            raise RestError(
                400, 50035, "Invalid Form Body", errors={"type": "There is no message to update"}
            )
        data = dict(body.get("data") or {})
        message = await self._apply_callback(result, kind, data, files)
        result.callback_type, result.callback = kind, dict(body)
        result.latency = elapsed
        self.latencies.append(elapsed)
        self.feed.notify()
        response: dict[str, Any] = {
            "interaction": {
                "id": str(result.id),
                "type": result.type,
                "response_message_loading": kind == DEFER,
                "response_message_ephemeral": bool(message and message["flags"] & EPHEMERAL),
            },
            "resource": {"type": kind},
        }
        if message is not None:
            response["interaction"]["response_message_id"] = message["id"]
            response["resource"]["message"] = wire(message)
        return response

    async def _apply_callback(
        self,
        result: InteractionResult,
        kind: int,
        data: dict[str, Any],
        files: Sequence[UploadedFile],
    ) -> dict[str, Any] | None:
        if kind == REPLY:
            check_message(data)
            return await self._new_message(result, data, files)
        if kind == DEFER:
            flags = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            return await self._new_message(result, {"flags": 0}, (), flags=flags)
        if kind in (DEFER_UPDATE, UPDATE):
            assert result.source_message_id is not None
            result.original_id = result.source_message_id
            message = self.state.messages[result.source_message_id]
            if kind == UPDATE:
                check_message({**message, **data}, require_body=False)
                self.state.edit_message(message, data, files)
                result.edits += 1
                await self.events.message_update(message)
            return message
        if kind == CHOICES:
            choices = list(data.get("choices") or [])
            if len(choices) > 25 or any(
                not 1 <= len(str(c.get("name", ""))) <= 100 for c in choices
            ):
                raise RestError(
                    400,
                    50035,
                    "Invalid Form Body",
                    errors={"data.choices": "Up to 25 choices, names 1..100 characters"},
                )
            result.choices = choices
            return None
        if kind == MODAL:
            components = numbered_components(data.get("components"))
            check_modal(data, components)
            result.modal = ModalPrompt(data["custom_id"], data.get("title", ""), components, result)
            return None
        return None  # PONG

    async def _new_message(
        self,
        result: InteractionResult,
        body: Mapping[str, Any],
        files: Sequence[UploadedFile],
        *,
        flags: int = 0,
    ) -> dict[str, Any]:
        channel = self.state.channel(result.channel_id)
        user = self.state.user(result.user_id)
        metadata: dict[str, Any] = {
            "id": str(result.id),
            "type": result.type,
            "user": user.payload(),
            "authorizing_integration_owners": result.payload["authorizing_integration_owners"],
        }
        if result.type == APPLICATION_COMMAND:
            metadata["name"] = result.name
            metadata["command_type"] = result.payload["data"].get("type", 1)
        if result.source_message_id is not None:
            metadata["interacted_message_id"] = str(result.source_message_id)
        if result.original_id is not None:
            metadata["original_response_message_id"] = str(result.original_id)
        command_type = result.payload["data"].get("type", 1)
        message_type = (
            (20 if command_type == 1 else 23) if result.type == APPLICATION_COMMAND else 0
        )
        message = self.state.create_message(
            channel,
            body,
            author=self.state.bot_user,
            files=files,
            flags=flags,
            webhook=True,
            message_type=message_type,
            interaction_metadata=metadata,
        )
        message["interaction"] = {
            "id": str(result.id),
            "type": result.type,
            "name": result.name,
            "user": user.payload(),
        }
        self._message_user[int(message["id"])] = result.user_id
        if result.original_id is None:
            result.original_id = int(message["id"])
        else:
            result.followup_ids.append(int(message["id"]))
        await self.events.message_create(message)
        return message

    async def followup(
        self,
        application_id: str,
        token: str,
        body: Mapping[str, Any],
        files: Sequence[UploadedFile],
    ) -> dict[str, Any]:
        result = self._by_webhook(application_id, token)
        if not result.acknowledged:
            raise err.unknown("Webhook", err.UNKNOWN_WEBHOOK)
        original = self.state.messages.get(result.original_id or -1)
        if result.callback_type == DEFER and original is not None and original["flags"] & LOADING:
            # Discord fills the "thinking..." message with the first followup after a defer.
            check_message(body)
            self.state.edit_message(original, body, files)
            original["edited_timestamp"] = None
            result.edits += 1
            await self.events.message_update(original)
            self.feed.notify()
            return original
        check_message(body)
        flags = int(body.get("flags") or 0) & EPHEMERAL
        message = await self._new_message(result, body, files, flags=flags)
        self.feed.notify()
        return message

    def webhook_message(self, application_id: str, token: str, message_id: str) -> dict[str, Any]:
        result = self._by_webhook(application_id, token)
        target = result.original_id if message_id == "@original" else _int(message_id)
        allowed = {result.original_id, *result.followup_ids}
        message = self.state.messages.get(target or -1)
        if target not in allowed or message is None or message.get("_deleted"):
            raise err.unknown("Message", err.UNKNOWN_MESSAGE)
        return message

    async def edit(
        self,
        application_id: str,
        token: str,
        message_id: str,
        body: Mapping[str, Any],
        files: Sequence[UploadedFile],
    ) -> dict[str, Any]:
        result = self._by_webhook(application_id, token)
        message = self.webhook_message(application_id, token, message_id)
        check_message({**message, **body}, require_body=False)
        self.state.edit_message(message, body, files)
        result.edits += 1
        await self.events.message_update(message)
        self.feed.notify()
        return message

    async def delete(self, application_id: str, token: str, message_id: str) -> None:
        message = self.webhook_message(application_id, token, message_id)
        self.state.delete_message(message)
        await self.events.message_delete(message)
        self.feed.notify()

    # --- diagnostics --------------------------------------------------------------------------

    def describe_stall(self, result: InteractionResult, what: str) -> str:
        kind = TYPE_NAMES.get(result.type, str(result.type))
        waited = time.perf_counter() - result.dispatched_at
        return (
            f"the bot did not {what} for {kind} {result.name!r} (waited {waited:.1f}s; "
            f"callback type {result.callback_type}).{self._describe_calls(result.dispatched_at)}"
        )


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1
