"""The gateway websocket: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME, dispatch.

Frames are plain JSON text. discord.py asks for ``compress=zlib-stream`` in the URL but only
inflates binary frames, so text frames need no compression. One session at a time (no sharding):
events dispatched while the socket is down are kept and replayed on RESUME, as Discord does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from bot.emulator.errors import EmulatorError
from bot.emulator.recording import GatewayEvent
from bot.emulator.state import EmulatorState

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, RESUME, RECONNECT = 0, 1, 2, 3, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11

INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_MESSAGE_REACTIONS = 1 << 10
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15

# Close codes after which Discord would not accept a RESUME.
_FINAL_CLOSES = {1000, 1001, 4004, 4010, 4011, 4012, 4013, 4014}


@dataclass(eq=False)
class GatewaySession:
    session_id: str
    intents: int
    shard: list[int] | None
    seq: int = 0
    backlog: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=5000))
    ws: web.WebSocketResponse | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Gateway:
    def __init__(
        self,
        state: EmulatorState,
        *,
        token: str | None,
        heartbeat_interval_ms: int,
        record: Callable[[GatewayEvent], None],
    ) -> None:
        self.state = state
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.url = ""  # resume_gateway_url; set by the server once it has a port
        self._record = record
        self.session: GatewaySession | None = None
        self.connections = 0
        self.resumes = 0
        self.identify_payload: dict[str, Any] | None = None
        self.connect_query: dict[str, str] = {}
        self.identified = asyncio.Event()
        self.live = asyncio.Event()  # a socket is open on an identified or resumed session
        self._sockets: set[web.WebSocketResponse] = set()

    @property
    def intents(self) -> int:
        return self.session.intents if self.session else 0

    # --- the websocket ------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        self.connections += 1
        self.connect_query = dict(request.query)
        self._sockets.add(ws)
        try:
            await self._send(
                ws, {"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}
            )
            async for frame in ws:
                if frame.type is not WSMsgType.TEXT:
                    await ws.close(code=4002, message=b"Decode error")
                    break
                await self._on_frame(ws, json.loads(frame.data))
        finally:
            self._sockets.discard(ws)
            session = self.session
            if session is not None and session.ws is ws:
                session.ws = None
                self.live.clear()
                if ws.close_code in _FINAL_CLOSES:
                    self.session = None
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        op: int = payload.get("op", -1)  # a frame without one matches no opcode below
        data: Any = payload.get("d")
        self._record(GatewayEvent("recv", op, None, None, data))
        if op == HEARTBEAT:
            await self._send(ws, {"op": HEARTBEAT_ACK, "d": None})
        elif op == IDENTIFY:
            await self._identify(ws, data)
        elif op == RESUME:
            await self._resume(ws, data)
        elif op == REQUEST_MEMBERS:
            await self._members_chunk(data)
        elif op in (PRESENCE, 4):  # presence / voice state: accepted, nothing to do
            return
        else:
            await ws.close(code=4001, message=b"Unknown opcode")

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if self.token is not None and data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identify_payload = data
        old = self.session
        if old is not None and old.ws is not None and old.ws is not ws:
            await old.ws.close(code=4009, message=b"Session replaced")
        session = GatewaySession(
            secrets.token_hex(16), int(data.get("intents", 0)), data.get("shard")
        )
        session.ws = ws
        self.session = session
        guilds = list(self.state.guilds.values())
        ready: dict[str, Any] = {
            "v": 10,
            "user": {**self.state.bot_user.payload(), "verified": True, "mfa_enabled": False},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.url,
            "application": {"id": str(self.state.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
        }
        if session.shard is not None:
            ready["shard"] = session.shard
        await self.dispatch("READY", ready)
        for guild in guilds:
            await self.dispatch("GUILD_CREATE", self.state.guild_payload(guild))
        self.identified.set()
        self.live.set()

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        session = self.session
        if (
            session is None
            or data.get("session_id") != session.session_id
            or (self.token is not None and data.get("token") != self.token)
        ):
            await self._send(ws, {"op": INVALID_SESSION, "d": False})
            return
        session.ws = ws
        after = int(data.get("seq") or 0)
        async with session.lock:
            for missed in list(session.backlog):
                if missed["s"] > after:
                    await self._send(ws, missed)
        self.resumes += 1
        await self.dispatch("RESUMED", {})
        self.live.set()

    async def _members_chunk(self, data: dict[str, Any]) -> None:
        guild = self.state.guilds.get(int(data.get("guild_id", 0)))
        if guild is None:
            return
        members = list(guild.members.values())
        query = (data.get("query") or "").lower()
        wanted = {int(u) for u in data.get("user_ids") or []}
        if wanted:
            members = [m for m in members if m.id in wanted]
        elif query:
            members = [m for m in members if m.user.username.lower().startswith(query)]
        if data.get("limit"):
            members = members[: int(data["limit"])]
        chunk = {
            "guild_id": str(guild.id),
            "members": [m.payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [str(u) for u in wanted - {m.id for m in members}],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    # --- sending ------------------------------------------------------------------------------

    async def dispatch(
        self, event: str, data: dict[str, Any], *, intent: int | None = None
    ) -> bool:
        """Send a DISPATCH to the bot, or keep it for RESUME while the socket is down.
        Returns False when there is no session or the bot did not ask for ``intent``."""
        session = self.session
        if session is None or (intent is not None and not session.intents & intent):
            return False
        async with session.lock:
            session.seq += 1
            frame = {"op": DISPATCH, "t": event, "s": session.seq, "d": data}
            if event not in ("READY", "RESUMED"):
                session.backlog.append(frame)
            if session.ws is not None and not session.ws.closed:
                await self._send(session.ws, frame)
        return True

    async def _send(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        self._record(GatewayEvent("send", frame["op"], frame.get("t"), frame.get("s"), frame["d"]))
        # If the socket went away meanwhile, the frame stays in the backlog for RESUME.
        with contextlib.suppress(ConnectionError):
            await ws.send_str(json.dumps(frame, ensure_ascii=False))

    # --- control ------------------------------------------------------------------------------

    async def drop(self, code: int = 4000) -> None:
        """Close the bot's socket with a resumable code, like a Discord-side network blip."""
        session = self.session
        if session is None or session.ws is None:
            raise EmulatorError("the bot is not connected to the gateway")
        self.live.clear()
        ws, session.ws = session.ws, None
        await ws.close(code=code, message=b"Emulator dropped the connection")

    async def reconnect(self) -> None:
        """Send op 7 RECONNECT: the client closes and RESUMEs by itself."""
        session = self.session
        if session is None or session.ws is None:
            raise EmulatorError("the bot is not connected to the gateway")
        self.live.clear()
        await self._send(session.ws, {"op": RECONNECT, "d": None})

    async def close_all(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"Emulator shutting down")
        self.session = None
