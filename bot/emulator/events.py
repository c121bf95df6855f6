"""Gateway events that follow from state changes (a message sent, a thread made), filtered by the
intents the bot identified with, as Discord filters them."""

from __future__ import annotations

from typing import Any

from bot.emulator.gateway import (
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MEMBERS,
    INTENT_GUILD_MESSAGES,
    INTENT_GUILDS,
    INTENT_MESSAGE_CONTENT,
    Gateway,
)
from bot.emulator.models import Channel, Guild, Member, Role
from bot.emulator.state import EPHEMERAL, EmulatorState, wire


class Events:
    def __init__(self, state: EmulatorState, gateway: Gateway) -> None:
        self.state = state
        self.gateway = gateway

    def _message_intent(self, msg: dict[str, Any]) -> int:
        return INTENT_GUILD_MESSAGES if "guild_id" in msg else INTENT_DIRECT_MESSAGES

    async def message_create(self, msg: dict[str, Any]) -> None:
        if msg["flags"] & EPHEMERAL:
            return  # only the invoking user's client sees ephemeral messages
        data = self._visible(wire(msg))
        if "guild_id" in msg:
            member = self.state.member(int(msg["guild_id"]), int(msg["author"]["id"]))
            if member is not None:
                data["member"] = member.payload(with_user=False)
        await self.gateway.dispatch("MESSAGE_CREATE", data, intent=self._message_intent(msg))

    async def message_update(self, msg: dict[str, Any]) -> None:
        if msg["flags"] & EPHEMERAL:
            return
        data = self._visible(wire(msg))
        await self.gateway.dispatch("MESSAGE_UPDATE", data, intent=self._message_intent(msg))

    async def message_delete(self, msg: dict[str, Any]) -> None:
        if msg["flags"] & EPHEMERAL:
            return
        data = {"id": msg["id"], "channel_id": msg["channel_id"]}
        if "guild_id" in msg:
            data["guild_id"] = msg["guild_id"]
        await self.gateway.dispatch("MESSAGE_DELETE", data, intent=self._message_intent(msg))

    async def thread_create(self, thread: Channel) -> None:
        data = {**thread.payload(), "newly_created": True}
        await self.gateway.dispatch("THREAD_CREATE", data, intent=INTENT_GUILDS)

    async def thread_update(self, thread: Channel) -> None:
        await self.gateway.dispatch("THREAD_UPDATE", thread.payload(), intent=INTENT_GUILDS)

    async def thread_delete(self, thread: Channel) -> None:
        data = {
            "id": str(thread.id),
            "guild_id": str(thread.guild_id),
            "parent_id": str(thread.parent_id),
            "type": thread.type,
        }
        await self.gateway.dispatch("THREAD_DELETE", data, intent=INTENT_GUILDS)

    async def channel_create(self, channel: Channel) -> None:
        await self.gateway.dispatch("CHANNEL_CREATE", channel.payload(), intent=INTENT_GUILDS)

    async def channel_update(self, channel: Channel) -> None:
        await self.gateway.dispatch("CHANNEL_UPDATE", channel.payload(), intent=INTENT_GUILDS)

    async def channel_delete(self, channel: Channel) -> None:
        await self.gateway.dispatch("CHANNEL_DELETE", channel.payload(), intent=INTENT_GUILDS)

    async def role_create(self, role: Role) -> None:
        data = {"guild_id": str(role.guild_id), "role": role.payload()}
        await self.gateway.dispatch("GUILD_ROLE_CREATE", data, intent=INTENT_GUILDS)

    async def role_update(self, role: Role) -> None:
        data = {"guild_id": str(role.guild_id), "role": role.payload()}
        await self.gateway.dispatch("GUILD_ROLE_UPDATE", data, intent=INTENT_GUILDS)

    async def member_update(self, member: Member) -> None:
        """GUILD_MEMBER_UPDATE reaches only a bot with the (privileged) GUILD_MEMBERS intent."""
        data = {**member.payload(), "guild_id": str(member.guild_id)}
        await self.gateway.dispatch("GUILD_MEMBER_UPDATE", data, intent=INTENT_GUILD_MEMBERS)

    async def guild_create(self, guild: Guild) -> None:
        await self.gateway.dispatch(
            "GUILD_CREATE", self.state.guild_payload(guild), intent=INTENT_GUILDS
        )

    async def member_add(self, member: Member) -> None:
        data = {**member.payload(), "guild_id": str(member.guild_id)}
        await self.gateway.dispatch("GUILD_MEMBER_ADD", data, intent=INTENT_GUILD_MEMBERS)

    def _visible(self, data: dict[str, Any]) -> dict[str, Any]:
        """Without the MESSAGE_CONTENT intent a bot sees others' message bodies only in DMs or
        when it is mentioned."""
        if self.gateway.intents & INTENT_MESSAGE_CONTENT or data["author"]["id"] == str(
            self.state.bot_user.id
        ):
            return data
        mentioned = any(u["id"] == str(self.state.bot_user.id) for u in data.get("mentions", []))
        if "guild_id" in data and not mentioned:
            data.update(content="", embeds=[], attachments=[], components=[])
        return data
