"""Threads and forum posts: start one (from a message, without one, a forum post), change it
(archive, lock, rename, tags), delete it, list archived ones. Rules from Discord's docs:

- a thread started from a message has the message's id; a second one is 160004;
- public threads need Create Public Threads, private ones Create Private Threads, forum posts
  Send Messages; beyond the guild's cap of active threads it is 160006;
- editing an archived thread is 50083 unless the edit unarchives it; unarchiving needs Send
  Messages (Manage Threads when locked); locking needs Manage Threads; renaming, archiving or
  changing the duration needs Manage Threads or being the thread's creator;
- deleting a thread needs Manage Threads, a channel Manage Channels.
"""

from __future__ import annotations

from typing import Any

from bot.emulator.errors import RestError
from bot.emulator.models import Channel, ChannelType
from bot.emulator.permissions import Perm
from bot.emulator.rest import Backend, RestRequest, Router
from bot.emulator.routes.checks import bot_has, missing_permissions, require
from bot.emulator.state import EmulatorState, wire
from bot.emulator.threads import (
    applied_tags,
    archive_duration,
    forum_tags,
    invalid,
    thread_archived,
    thread_name,
)
from bot.emulator.validation import check_message

_WRONG_TYPE = RestError(400, 50024, "Cannot execute action on this channel type")


def register(router: Router, backend: Backend) -> None:
    state, threads, feed = backend.state, backend.threads, backend.feed

    async def from_message(req: RestRequest) -> Any:
        channel = state.channel(req.params["channel_id"])
        msg = state.message(channel.id, req.params["message_id"])
        if channel.type not in (ChannelType.TEXT, ChannelType.NEWS):
            raise _WRONG_TYPE
        require(state, channel, Perm.CREATE_PUBLIC_THREADS)
        body = req.json()
        thread = await threads.from_message(
            channel,
            msg,
            name=thread_name(body.get("name")),
            owner_id=state.bot_user.id,
            auto_archive_duration=archive_duration(body.get("auto_archive_duration")),
        )
        feed.notify()
        return thread.payload()

    async def create(req: RestRequest) -> Any:
        parent = state.channel(req.params["channel_id"])
        body = req.json()
        if parent.type not in ChannelType.THREAD_PARENTS:
            raise _WRONG_TYPE
        name = thread_name(body.get("name"))
        duration = archive_duration(body.get("auto_archive_duration"))
        if parent.type in ChannelType.FORUMS:
            require(state, parent, Perm.SEND_MESSAGES)
            starter = body.get("message")
            if not isinstance(starter, dict):
                raise invalid("message", "This field is required")
            check_message(starter)
            tags = applied_tags(parent, body.get("applied_tags"))
            thread, msg = await threads.open(
                parent,
                name=name,
                type_=ChannelType.PUBLIC_THREAD,
                owner_id=state.bot_user.id,
                auto_archive_duration=duration,
                tags=tags,
                starter=starter,
                files=req.files,
            )
            feed.notify()
            assert msg is not None
            return {**thread.payload(), "message": wire(msg)}
        # Discord's default is a private thread, as when threads were first documented.
        kind = int(body.get("type") or ChannelType.PRIVATE_THREAD)
        if kind not in ChannelType.THREADS:
            raise invalid("type", "Not a thread type")
        needed = (
            Perm.CREATE_PRIVATE_THREADS
            if kind == ChannelType.PRIVATE_THREAD
            else Perm.CREATE_PUBLIC_THREADS
        )
        require(state, parent, needed)
        thread, _ = await threads.open(
            parent,
            name=name,
            type_=kind,
            owner_id=state.bot_user.id,
            auto_archive_duration=duration,
        )
        feed.notify()
        return thread.payload()

    async def edit(req: RestRequest) -> Any:
        channel = state.channel(req.params["channel_id"])
        body = req.json()
        if not channel.is_thread:
            return await edit_channel(channel, body)
        require(state, channel)
        changes = _thread_changes(state, channel, body)
        if channel.archived and changes.get("archived") is not False:
            raise thread_archived()
        manage = bot_has(state, channel, Perm.MANAGE_THREADS)
        owner = channel.owner_id == state.bot_user.id
        if "locked" in changes and changes["locked"] != channel.locked and not manage:
            raise missing_permissions()
        if changes.get("archived") is False and channel.archived:
            if channel.locked and changes.get("locked") is not False and not manage:
                raise missing_permissions()
            require(state, channel, Perm.SEND_MESSAGES_IN_THREADS)
        other = {k for k in changes if k not in ("archived", "locked")}
        archiving = changes.get("archived") is True and not channel.archived
        if (other or archiving) and not (manage or owner):
            raise missing_permissions()
        await threads.update(channel, changes)
        feed.notify()
        return channel.payload()

    async def edit_channel(channel: Channel, body: dict[str, Any]) -> Any:
        require(state, channel, Perm.MANAGE_CHANNELS)
        if "name" in body:
            name = str(body["name"] or "")
            if not 1 <= len(name) <= 100:
                raise invalid("name", "Must be between 1 and 100 in length.")
            channel.name = name
        for key in ("topic", "nsfw"):
            if key in body:
                setattr(channel, key, body[key])
        if "available_tags" in body:
            if channel.type not in ChannelType.FORUMS:
                raise invalid("available_tags", "Only forum and media channels have tags")
            channel.available_tags = forum_tags(state, body["available_tags"] or [])
        if "flags" in body:
            channel.flags = int(body["flags"] or 0)
        await backend.events.channel_update(channel)
        feed.notify()
        return channel.payload()

    async def delete(req: RestRequest) -> Any:
        channel = state.channel(req.params["channel_id"])
        if channel.is_dm:
            raise RestError(400, 50003, "Cannot execute action on a DM channel")
        require(state, channel, Perm.MANAGE_THREADS if channel.is_thread else Perm.MANAGE_CHANNELS)
        payload = channel.payload()
        await threads.delete(channel)
        feed.notify()
        return payload

    async def archived_public(req: RestRequest) -> Any:
        parent = state.channel(req.params["channel_id"])
        require(state, parent, Perm.READ_MESSAGE_HISTORY)
        found = sorted(
            (
                t
                for t in state.threads(parent.id)
                if t.archived and t.type != ChannelType.PRIVATE_THREAD
            ),
            key=lambda t: t.archive_timestamp or "",
            reverse=True,
        )
        limit = req.int_query("limit", 50) or 50
        return {
            "threads": [t.payload() for t in found[:limit]],
            "members": [],
            "has_more": len(found) > limit,
        }

    router.add("POST", "/channels/{channel_id}/messages/{message_id}/threads", from_message)
    router.add("POST", "/channels/{channel_id}/threads", create)
    router.add("PATCH", "/channels/{channel_id}", edit)
    router.add("DELETE", "/channels/{channel_id}", delete)
    router.add("GET", "/channels/{channel_id}/threads/archived/public", archived_public)


def _thread_changes(state: EmulatorState, thread: Channel, body: dict[str, Any]) -> dict[str, Any]:
    """The validated fields of a Modify Thread body."""
    changes: dict[str, Any] = {}
    if "name" in body:
        changes["name"] = thread_name(body["name"])
    for key in ("archived", "locked"):
        if key in body and body[key] is not None:
            changes[key] = bool(body[key])
    if "auto_archive_duration" in body:
        changes["auto_archive_duration"] = archive_duration(body["auto_archive_duration"])
    if "applied_tags" in body:
        forum = state.channels.get(thread.parent_id or 0)
        if forum is None or forum.type not in ChannelType.FORUMS:
            raise invalid("applied_tags", "Only forum posts have tags")
        changes["applied_tags"] = applied_tags(forum, body["applied_tags"])
    return changes
