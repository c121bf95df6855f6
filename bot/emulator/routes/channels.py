"""Channels, messages, threads, forum posts, reactions, DMs."""

from __future__ import annotations

from typing import Any

from bot.emulator.errors import RestError
from bot.emulator.models import Channel, ChannelType
from bot.emulator.permissions import Perm
from bot.emulator.rest import NO_CONTENT, Backend, RestRequest, Router
from bot.emulator.state import HAS_THREAD, wire
from bot.emulator.validation import check_message

_NOT_TEXT = RestError(400, 50008, "Cannot send messages in a non-text channel")


def register(router: Router, backend: Backend) -> None:
    state, events, feed = backend.state, backend.events, backend.feed

    def require(channel: Channel, *needed: Perm) -> None:
        """Discord answers 403 Missing Permissions when the bot lacks one of `needed` there."""
        if channel.guild_id is None:
            return
        have = state.permissions(channel.guild_id, state.bot_user.id, channel.id)
        if not have & Perm.VIEW_CHANNEL:
            raise RestError(403, 50001, "Missing Access")
        if any(not have & p for p in needed):
            raise RestError(403, 50013, "Missing Permissions")

    def sendable(channel_id: str) -> Channel:
        channel = state.channel(channel_id)
        if channel.type not in ChannelType.MESSAGEABLE:
            raise _NOT_TEXT
        if channel.is_thread and (channel.archived or channel.locked):
            raise RestError(400, 50083, "Thread is archived")
        require(channel, Perm.SEND_MESSAGES_IN_THREADS if channel.is_thread else Perm.SEND_MESSAGES)
        return channel

    async def get_channel(req: RestRequest) -> Any:
        return state.channel_payload(state.channel(req.params["channel_id"]))

    async def edit_channel(req: RestRequest) -> Any:
        channel = state.channel(req.params["channel_id"])
        body = req.json()
        for key in ("name", "topic", "archived", "locked", "nsfw"):
            if key in body:
                setattr(channel, key, body[key])
        if "applied_tags" in body:
            channel.applied_tags = [int(t) for t in body["applied_tags"]]
        event = "THREAD_UPDATE" if channel.is_thread else "CHANNEL_UPDATE"
        await backend.gateway.dispatch(event, channel.payload(), intent=1)
        return channel.payload()

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
        channel = sendable(req.params["channel_id"])
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

    async def thread_from_message(req: RestRequest) -> Any:
        channel = state.channel(req.params["channel_id"])
        msg = state.message(channel.id, req.params["message_id"])
        if channel.type not in (ChannelType.TEXT, ChannelType.NEWS):
            raise RestError(400, 50024, "Cannot execute action on this channel type")
        if msg.get("thread"):
            raise RestError(400, 160004, "A thread has already been created for this message")
        require(channel, Perm.CREATE_PUBLIC_THREADS)
        body = req.json()
        # A thread started from a message shares the message's id.
        thread = state.add_thread(
            channel,
            _thread_name(body),
            type_=ChannelType.NEWS_THREAD
            if channel.type == ChannelType.NEWS
            else ChannelType.PUBLIC_THREAD,
            owner_id=state.bot_user.id,
            thread_id=int(msg["id"]),
            auto_archive_duration=int(body.get("auto_archive_duration") or 1440),
        )
        msg["thread"] = thread.payload()
        msg["flags"] |= HAS_THREAD
        await events.thread_create(thread)
        await events.message_update(msg)
        feed.notify()
        return thread.payload()

    async def create_thread(req: RestRequest) -> Any:
        parent = state.channel(req.params["channel_id"])
        body = req.json()
        if parent.type not in ChannelType.THREAD_PARENTS:
            raise RestError(400, 50024, "Cannot execute action on this channel type")
        is_forum = parent.type in (ChannelType.FORUM, ChannelType.MEDIA)
        require(parent, Perm.SEND_MESSAGES if is_forum else Perm.CREATE_PUBLIC_THREADS)
        if is_forum:
            starter = body.get("message")
            if not isinstance(starter, dict):
                raise RestError(
                    400, 50035, "Invalid Form Body", errors={"message": "This field is required"}
                )
            check_message(starter)
            known_tags = {int(t["id"]) for t in parent.available_tags}
            tags = [int(t) for t in body.get("applied_tags") or []]
            if any(t not in known_tags for t in tags):
                raise RestError(
                    400, 50035, "Invalid Form Body", errors={"applied_tags": "Unknown tag"}
                )
            thread = state.add_thread(
                parent,
                _thread_name(body),
                type_=ChannelType.PUBLIC_THREAD,
                owner_id=state.bot_user.id,
                applied_tags=tags,
            )
            # A forum post's first message has the thread's id.
            msg = state.create_message(
                thread, starter, author=state.bot_user, files=req.files, message_id=thread.id
            )
            await events.thread_create(thread)
            await events.message_create(msg)
            feed.notify()
            return {**thread.payload(), "message": wire(msg)}
        kind = int(body.get("type") or ChannelType.PRIVATE_THREAD)
        if kind not in ChannelType.THREADS:
            raise RestError(400, 50035, "Invalid Form Body", errors={"type": "Not a thread type"})
        thread = state.add_thread(
            parent,
            _thread_name(body),
            type_=kind,
            owner_id=state.bot_user.id,
            auto_archive_duration=int(body.get("auto_archive_duration") or 1440),
        )
        await events.thread_create(thread)
        feed.notify()
        return thread.payload()

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
    router.add("PATCH", "/channels/{channel_id}", edit_channel)
    router.add("GET", messages, history)
    router.add("POST", messages, send)
    router.add("GET", messages + "/{message_id}", get_message)
    router.add("PATCH", messages + "/{message_id}", edit_message)
    router.add("DELETE", messages + "/{message_id}", delete_message)
    router.add("POST", messages + "/{message_id}/threads", thread_from_message)
    router.add("PUT", messages + "/{message_id}/reactions/{emoji}/@me", react)
    router.add("DELETE", messages + "/{message_id}/reactions/{emoji}/@me", react)
    router.add("POST", "/channels/{channel_id}/threads", create_thread)
    router.add("POST", "/channels/{channel_id}/typing", no_content)
    router.add("PUT", "/channels/{channel_id}/thread-members/@me", no_content)
    router.add("DELETE", "/channels/{channel_id}/thread-members/@me", no_content)
    router.add("POST", "/users/@me/channels", open_dm)


def _thread_name(body: dict[str, Any]) -> str:
    name = str(body.get("name") or "")
    if not 1 <= len(name) <= 100:
        raise RestError(
            400, 50035, "Invalid Form Body", errors={"name": "Must be between 1 and 100 in length."}
        )
    return name
