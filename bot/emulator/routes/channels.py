"""Channels, messages, threads, forum posts, reactions, DMs."""

from __future__ import annotations

from typing import Any

from bot.emulator.errors import RestError
from bot.emulator.models import Channel, ChannelType
from bot.emulator.permissions import Perm
from bot.emulator.rest import NO_CONTENT, Backend, RestRequest, Router
from bot.emulator.routes.checks import bot_has, require
from bot.emulator.state import wire
from bot.emulator.threads import thread_archived, thread_locked
from bot.emulator.validation import check_message

_NOT_TEXT = RestError(400, 50008, "Cannot send messages in a non-text channel")


def register(router: Router, backend: Backend) -> None:
    state, events, feed = backend.state, backend.events, backend.feed

    async def sendable(channel_id: str) -> Channel:
        """Where the bot may post. Posting in an archived thread unarchives it, unless it is
        locked and the bot lacks Manage Threads (Discord's rule for moderators' locks)."""
        channel = state.channel(channel_id)
        if channel.type not in ChannelType.MESSAGEABLE:
            raise _NOT_TEXT
        require(
            state,
            channel,
            Perm.SEND_MESSAGES_IN_THREADS if channel.is_thread else Perm.SEND_MESSAGES,
        )
        if (
            channel.is_thread
            and channel.locked
            and not bot_has(state, channel, Perm.MANAGE_THREADS)
        ):
            raise thread_archived() if channel.archived else thread_locked()
        if channel.is_thread and channel.archived:
            await backend.threads.update(channel, {"archived": False})
        return channel

    async def get_channel(req: RestRequest) -> Any:
        return state.channel_payload(state.channel(req.params["channel_id"]))

    async def history(req: RestRequest) -> Any:
        channel = state.channel(req.params["channel_id"])
        return state.history(
            channel.id,
            limit=req.int_query("limit", 50) or 50,
            before=req.int_query("before"),
            after=req.int_query("after"),
            around=req.int_query("around"),
        )

    async def send(req: RestRequest) -> Any:
        channel = await sendable(req.params["channel_id"])
        body = req.json()
        bot = state.bot_user
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            earlier = state.remembered_nonce(bot.id, channel.id, str(nonce))
            if earlier is not None:
                return wire(
                    earlier
                )  # Discord answers a repeated enforced nonce with the first message
        check_message(body)
        msg = state.create_message(channel, body, author=bot, files=req.files)
        if nonce is not None and body.get("enforce_nonce"):
            state.remember_nonce(bot.id, channel.id, str(nonce), int(msg["id"]))
        await events.message_create(msg)
        feed.notify()
        return wire(msg)

    async def get_message(req: RestRequest) -> Any:
        return wire(state.message(req.params["channel_id"], req.params["message_id"]))

    async def edit_message(req: RestRequest) -> Any:
        msg = state.message(req.params["channel_id"], req.params["message_id"])
        if msg["author"]["id"] != str(state.bot_user.id):
            raise RestError(403, 50005, "Cannot edit a message authored by another user")
        if state.channel(msg["channel_id"]).archived:
            raise thread_archived()
        body = req.json()
        check_message({**msg, **body}, require_body=False)
        state.edit_message(msg, body, req.files)
        await events.message_update(msg)
        feed.notify()
        return wire(msg)

    async def delete_message(req: RestRequest) -> Any:
        msg = state.message(req.params["channel_id"], req.params["message_id"])
        state.delete_message(msg)
        await events.message_delete(msg)
        feed.notify()
        return NO_CONTENT

    async def react(req: RestRequest) -> Any:
        msg = state.message(req.params["channel_id"], req.params["message_id"])
        emoji = req.params["emoji"]
        name, _, emoji_id = emoji.partition(":")
        reactions = msg.setdefault("reactions", [])
        found = next((r for r in reactions if r["emoji"]["name"] == name), None)
        if req.method == "PUT":
            if found is None:
                reactions.append(
                    {
                        "emoji": {"id": emoji_id or None, "name": name},
                        "count": 1,
                        "me": True,
                        "count_details": {"burst": 0, "normal": 1},
                        "burst_colors": [],
                        "me_burst": False,
                        "burst_me": False,
                    }
                )
            elif not found["me"]:
                found["me"], found["count"] = True, found["count"] + 1
        elif found is not None and found["me"]:
            found["me"], found["count"] = False, found["count"] - 1
            if found["count"] <= 0:
                reactions.remove(found)
        feed.notify()
        return NO_CONTENT

    async def no_content(req: RestRequest) -> Any:
        state.channel(req.params["channel_id"])
        return NO_CONTENT

    async def open_dm(req: RestRequest) -> Any:
        user = state.user(req.json().get("recipient_id", ""))
        return state.dm_channel(user).payload()

    messages = "/channels/{channel_id}/messages"
    router.add("GET", "/channels/{channel_id}", get_channel)
    router.add("GET", messages, history)
    router.add("POST", messages, send)
    router.add("GET", messages + "/{message_id}", get_message)
    router.add("PATCH", messages + "/{message_id}", edit_message)
    router.add("DELETE", messages + "/{message_id}", delete_message)
    router.add("PUT", messages + "/{message_id}/reactions/{emoji}/@me", react)
    router.add("DELETE", messages + "/{message_id}/reactions/{emoji}/@me", react)
    router.add("POST", "/channels/{channel_id}/typing", no_content)
    router.add("PUT", "/channels/{channel_id}/thread-members/@me", no_content)
    router.add("DELETE", "/channels/{channel_id}/thread-members/@me", no_content)
    router.add("POST", "/users/@me/channels", open_dm)
