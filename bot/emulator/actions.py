"""What the emulator does as the people in the guild: run slash and context-menu commands,
type into autocomplete, click buttons, pick in selects, submit modals, write messages.

Each action builds the interaction Discord's client would send, dispatches it, and waits (up to
``within`` seconds) for the bot's first response.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.emulator.commands import (
    MESSAGE_COMMAND,
    USER_COMMAND,
    OptionBuilder,
    Resolver,
    check_can_use,
    find_command,
)
from bot.emulator.components import (
    BUTTON,
    CHANNEL_SELECT,
    MENTIONABLE_SELECT,
    ROLE_SELECT,
    STRING_SELECT,
    USER_SELECT,
    check_counts,
    find_button,
    find_select,
    string_select_values,
)
from bot.emulator.errors import EmulatorError
from bot.emulator.events import Events
from bot.emulator.interactions import InteractionHub
from bot.emulator.kinds import APPLICATION_COMMAND, AUTOCOMPLETE, COMPONENT, MODAL_SUBMIT
from bot.emulator.modals import submission
from bot.emulator.models import Channel, Guild, Member, User
from bot.emulator.results import InteractionResult, ModalPrompt
from bot.emulator.state import EmulatorState, wire
from bot.emulator.waiting import ChangeFeed

GuildRef = Guild | int | str
ChannelRef = Channel | int | str
UserRef = User | Member | int | str
MessageRef = Mapping[str, Any] | InteractionResult | int | str


class UserActions:
    """The acting half of ``DiscordEmulator`` (which provides these attributes)."""

    state: EmulatorState
    hub: InteractionHub
    feed: ChangeFeed
    _events: Events

    async def slash(
        self,
        command: str | Sequence[str],
        options: Mapping[str, Any] | None = None,
        *,
        user: UserRef | None = None,
        channel: ChannelRef | None = None,
        locale: str | None = None,
        within: float | None = None,
        check_permissions: bool = True,
    ) -> InteractionResult:
        """Run a slash command (``"group sub"`` or ``["group", "sub"]`` for subcommands) and wait
        for the bot's first response."""
        chan = self._channel(channel)
        usr = self._actor(user, chan)
        call = find_command(self.state, command, guild_id=chan.guild_id)
        if check_permissions:
            check_can_use(self.state, call.command, guild_id=chan.guild_id, user_id=usr.id)
        resolver = Resolver(self.state, chan.guild_id)
        leaf = OptionBuilder(call, resolver).build(options or {})
        result = await self.hub.dispatch(
            APPLICATION_COMMAND,
            call.data(leaf, resolver.resolved),
            user=usr,
            channel=chan,
            locale=locale,
        )
        return await self.hub.wait_acknowledged(result, within)

    async def autocomplete(
        self,
        command: str | Sequence[str],
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        user: UserRef | None = None,
        channel: ChannelRef | None = None,
        locale: str | None = None,
        within: float | None = None,
    ) -> list[dict[str, Any]]:
        """Type into option ``focused`` (its text in ``options``) and return the bot's choices."""
        chan = self._channel(channel)
        usr = self._actor(user, chan)
        call = find_command(self.state, command, guild_id=chan.guild_id)
        resolver = Resolver(self.state, chan.guild_id)
        leaf = OptionBuilder(call, resolver).build(options or {}, focused=focused)
        result = await self.hub.dispatch(
            AUTOCOMPLETE, call.data(leaf, resolver.resolved), user=usr, channel=chan, locale=locale
        )
        await self.hub.wait_acknowledged(result, within)
        return list(result.choices or [])

    async def user_command(
        self,
        name: str,
        target: UserRef,
        *,
        user: UserRef | None = None,
        channel: ChannelRef | None = None,
        locale: str | None = None,
        within: float | None = None,
    ) -> InteractionResult:
        """Run a user context-menu command on ``target``."""
        chan = self._channel(channel)
        usr = self._actor(user, chan)
        call = find_command(self.state, [name], guild_id=chan.guild_id, type_=USER_COMMAND)
        resolver = Resolver(self.state, chan.guild_id)
        target_id = resolver.user(target)
        data = {**call.data([], resolver.resolved), "target_id": target_id}
        data.pop("options")
        result = await self.hub.dispatch(
            APPLICATION_COMMAND, data, user=usr, channel=chan, locale=locale
        )
        return await self.hub.wait_acknowledged(result, within)

    async def message_command(
        self,
        name: str,
        message: MessageRef,
        *,
        user: UserRef | None = None,
        locale: str | None = None,
        within: float | None = None,
    ) -> InteractionResult:
        """Run a message context-menu command on ``message``."""
        msg = self._live_message(message)
        chan = self.state.channel(msg["channel_id"])
        usr = self._actor(user, chan)
        call = find_command(self.state, [name], guild_id=chan.guild_id, type_=MESSAGE_COMMAND)
        data = {**call.data([], {"messages": {msg["id"]: wire(msg)}}), "target_id": msg["id"]}
        data.pop("options")
        result = await self.hub.dispatch(
            APPLICATION_COMMAND, data, user=usr, channel=chan, locale=locale
        )
        return await self.hub.wait_acknowledged(result, within)

    async def click(
        self,
        message: MessageRef,
        *,
        label: str | None = None,
        custom_id: str | None = None,
        user: UserRef | None = None,
        locale: str | None = None,
        within: float | None = None,
    ) -> InteractionResult:
        """Click a button (found by label or custom_id) on the message as it is now. By default
        the user whose interaction produced the message clicks."""
        msg = self._live_message(message)
        button = find_button(msg, label=label, custom_id=custom_id)
        data = {"custom_id": button["custom_id"], "component_type": BUTTON}
        return await self._component(msg, data, user, locale, within)

    async def select(
        self,
        message: MessageRef,
        values: Sequence[Any],
        *,
        custom_id: str | None = None,
        placeholder: str | None = None,
        user: UserRef | None = None,
        locale: str | None = None,
        within: float | None = None,
    ) -> InteractionResult:
        """Pick ``values`` in a select menu: option values (or labels) for a string select;
        users, roles or channels for the entity selects."""
        msg = self._live_message(message)
        select = find_select(msg, custom_id=custom_id, placeholder=placeholder)
        kind = select["type"]
        data: dict[str, Any] = {"custom_id": select["custom_id"], "component_type": kind}
        if kind == STRING_SELECT:
            data["values"] = string_select_values(select, [str(v) for v in values])
        else:
            check_counts(select, values)
            resolver = Resolver(self.state, self.state.channel(msg["channel_id"]).guild_id)
            pick: dict[int, Callable[[Any], str]] = {
                USER_SELECT: resolver.user,
                ROLE_SELECT: resolver.role,
                MENTIONABLE_SELECT: resolver.mentionable,
                CHANNEL_SELECT: lambda v: resolver.channel(v, select.get("channel_types")),
            }
            data["values"] = [pick[kind](v) for v in values]
            data["resolved"] = resolver.resolved
        return await self._component(msg, data, user, locale, within)

    async def _component(
        self,
        msg: dict[str, Any],
        data: dict[str, Any],
        user: UserRef | None,
        locale: str | None,
        within: float | None,
    ) -> InteractionResult:
        chan = self.state.channel(msg["channel_id"])
        usr = self._actor(user, chan, prefer=self.hub.owner_of(int(msg["id"])))
        result = await self.hub.dispatch(
            COMPONENT, data, user=usr, channel=chan, locale=locale, message=msg
        )
        return await self.hub.wait_acknowledged(result, within)

    async def submit_modal(
        self,
        modal: ModalPrompt,
        values: Mapping[str, Any] | None = None,
        *,
        user: UserRef | None = None,
        locale: str | None = None,
        within: float | None = None,
    ) -> InteractionResult:
        """Fill the modal's inputs and submit it: ``{custom_id or label: value}``, a string for
        a text input, option values (or labels) for a string select, users/roles/channels for
        an entity select. Omitted inputs keep their prefilled value or default options; what the
        client refuses (a required input left empty, too long, not an option) raises
        ``EmulatorError``."""
        source = modal.source
        if modal.submitted:
            raise EmulatorError(f"modal {modal.custom_id!r} was already submitted")
        chan = self.state.channel(source.channel_id)
        resolver = Resolver(self.state, chan.guild_id)
        data = submission(
            modal.custom_id,
            modal.components,
            values or {},
            resolve={
                USER_SELECT: resolver.user,
                ROLE_SELECT: resolver.role,
                MENTIONABLE_SELECT: resolver.mentionable,
                CHANNEL_SELECT: resolver.channel,
            },
        )
        if resolver.resolved:
            data["resolved"] = resolver.resolved
        usr = self._user(user) if user is not None else self.state.user(source.user_id)
        message = None
        if source.source_message_id is not None:
            message = self.state.messages.get(source.source_message_id)
        result = await self.hub.dispatch(
            MODAL_SUBMIT,
            data,
            user=usr,
            channel=chan,
            locale=locale or source.payload.get("locale"),
            message=message,
        )
        modal.submitted = True
        return await self.hub.wait_acknowledged(result, within)

    async def post_message(
        self,
        channel: ChannelRef,
        content: str,
        *,
        user: UserRef | None = None,
        reply_to: MessageRef | None = None,
    ) -> dict[str, Any]:
        """A user writes in a channel: stored and dispatched as MESSAGE_CREATE (if the bot has
        the message intents)."""
        chan = self._channel(channel)
        usr = self._actor(user, chan)
        body: dict[str, Any] = {"content": content}
        if reply_to is not None:
            body["message_reference"] = {"message_id": self._live_message(reply_to)["id"]}
        msg = self.state.create_message(chan, body, author=usr)
        await self._events.message_create(msg)
        self.feed.notify()
        return wire(msg)

    # --- picking who and where -----------------------------------------------------------------

    def _guild(self, guild: GuildRef) -> Guild:
        return guild if isinstance(guild, Guild) else self.state.guild(guild)

    def _channel(self, channel: ChannelRef | None) -> Channel:
        if isinstance(channel, Channel):
            return channel
        if channel is not None:
            return self.state.channel(channel)
        for guild in self.state.guilds.values():
            if guild.system_channel_id is not None:
                return self.state.channels[guild.system_channel_id]
            if guild.channel_ids:
                return self.state.channels[guild.channel_ids[0]]
        raise EmulatorError(
            "no channel to act in: add a guild first (emu.add_guild) or pass channel="
        )

    def _user(self, user: UserRef) -> User:
        if isinstance(user, Member):
            return user.user
        return user if isinstance(user, User) else self.state.user(user)

    def _actor(self, user: UserRef | None, channel: Channel, *, prefer: int | None = None) -> User:
        """Who performs an action when the test does not say: the DM's recipient, the user whose
        interaction made the message, or the guild's first human member."""
        if user is not None:
            return self._user(user)
        if channel.recipient is not None:
            return channel.recipient
        if prefer is not None:
            return self.state.user(prefer)
        guild = self.state.guild(channel.guild_id or 0)
        humans = [m.user for m in guild.members.values() if not m.user.bot]
        if not humans:
            raise EmulatorError("no user to act as: add one with emu.add_member(...) or pass user=")
        return humans[0]

    def _live_message(self, message: MessageRef) -> dict[str, Any]:
        if isinstance(message, InteractionResult):
            if message.original_id is None:
                raise EmulatorError(f"{message!r} produced no message")
            message = message.original_id
        mid = int(message["id"]) if isinstance(message, Mapping) else int(message)
        msg = self.state.messages.get(mid)
        if msg is None or msg.get("_deleted"):
            raise EmulatorError(f"message {mid} does not exist (deleted?)")
        return msg
