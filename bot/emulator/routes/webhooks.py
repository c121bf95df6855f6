"""Interaction callbacks and the interaction webhook (followups, @original edits and deletes)."""

from __future__ import annotations

from typing import Any

from bot.emulator.rest import NO_CONTENT, Backend, RestRequest, Router
from bot.emulator.state import wire


def register(router: Router, backend: Backend) -> None:
    hub = backend.hub

    async def callback(req: RestRequest) -> Any:
        response = await hub.callback(
            req.params["interaction_id"], req.params["token"], req.json(), req.files
        )
        # discord.py always asks with_response=1; without it Discord answers 204.
        return response if req.query.get("with_response") in ("1", "true", "True") else NO_CONTENT

    async def followup(req: RestRequest) -> Any:
        message = await hub.followup(
            req.params["application_id"], req.params["token"], req.json(), req.files
        )
        return wire(message) if req.query.get("wait") in ("1", "true", "True") else NO_CONTENT

    async def get_message(req: RestRequest) -> Any:
        p = req.params
        return wire(hub.webhook_message(p["application_id"], p["token"], p["message_id"]))

    async def edit_message(req: RestRequest) -> Any:
        p = req.params
        message = await hub.edit(
            p["application_id"], p["token"], p["message_id"], req.json(), req.files
        )
        return wire(message)

    async def delete_message(req: RestRequest) -> Any:
        p = req.params
        await hub.delete(p["application_id"], p["token"], p["message_id"])
        return NO_CONTENT

    webhook = "/webhooks/{application_id}/{token}"
    router.add("POST", "/interactions/{interaction_id}/{token}/callback", callback)
    router.add("POST", webhook, followup)
    router.add("GET", webhook + "/messages/{message_id}", get_message)
    router.add("PATCH", webhook + "/messages/{message_id}", edit_message)
    router.add("DELETE", webhook + "/messages/{message_id}", delete_message)
