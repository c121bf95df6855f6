"""The REST side: one aiohttp catch-all that records the call, applies injected faults, then
routes it with a small table of Discord path templates.

Every JSON answer carries ``Content-Type: application/json`` exactly: discord.py compares the
header with ``==`` and would treat ``application/json; charset=utf-8`` as plain text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from bot.emulator.errors import RestError
from bot.emulator.events import Events
from bot.emulator.gateway import Gateway
from bot.emulator.interactions import InteractionHub
from bot.emulator.recording import Call, Fault
from bot.emulator.state import EmulatorState, UploadedFile
from bot.emulator.threads import Threads
from bot.emulator.waiting import ChangeFeed

_log = logging.getLogger(__name__)

API_PREFIX = re.compile(r"^/api/v\d+")
# Interaction callbacks and webhook tokens authenticate by the token in the path, not a header.
_TOKEN_ROUTES = re.compile(r"^/(interactions|webhooks)/")


class NoContent:
    """Marker a handler returns for 204 No Content."""


NO_CONTENT = NoContent()


@dataclass
class RestRequest:
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    files: list[UploadedFile] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        if not isinstance(self.body, dict):
            raise RestError(400, 50109, "The request body contains invalid JSON.")
        return self.body

    def int_query(self, name: str, default: int | None = None) -> int | None:
        raw = self.query.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise RestError(
                400, 50035, "Invalid Form Body", errors={name: "Value is not snowflake."}
            ) from None


Handler = Callable[[RestRequest], Awaitable[Any]]


@dataclass
class Backend:
    """What route handlers work on."""

    state: EmulatorState
    gateway: Gateway
    events: Events
    hub: InteractionHub
    feed: ChangeFeed
    threads: Threads


class Router:
    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, template: str, handler: Handler) -> None:
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
        self._routes.append((method, re.compile(f"^{pattern}/?$"), handler))

    def match(self, method: str, path: str) -> tuple[Handler, dict[str, str]] | None:
        other_method = False
        for route_method, pattern, handler in self._routes:
            found = pattern.match(path)
            if found and route_method == method:
                return handler, found.groupdict()
            other_method = other_method or bool(found)
        if other_method:
            raise RestError(405, 0, "405: Method Not Allowed")
        return None


class RestApi:
    """The aiohttp handler for everything under ``/api/v10``."""

    def __init__(self, router: Router, feed: ChangeFeed, *, token: str | None) -> None:
        self.router = router
        self.feed = feed
        self.token = token
        self.calls: list[Call] = []
        self.unknown_routes: list[Call] = []
        self.faults: list[Fault] = []
        self.internal_errors: list[Exception] = []

    async def handle(self, request: web.Request) -> web.Response:
        path = API_PREFIX.sub("", request.path) or "/"
        method = request.method.upper()
        body, files = await _read_body(request)
        call = Call(method, path, dict(request.query), body, files=[f.filename for f in files])
        self.calls.append(call)
        try:
            result = await self._answer(request, call, body, files)
            status, payload, headers = (
                (204, None, {}) if result is NO_CONTENT else (200, result, {})
            )
        except RestError as exc:
            status, payload, headers = exc.status, exc.body(), exc.headers
        except Exception as exc:
            # An emulator bug. Answer 400, not 5xx: discord.py retries 5xx with sleeps of
            # seconds, which would turn a crash here into a slow, confusing test timeout.
            _log.exception("emulator failed on %s %s", method, path)
            self.internal_errors.append(exc)
            status, payload, headers = (
                400,
                {"message": f"Emulator internal error: {exc!r}", "code": 0},
                {},
            )
        call.status = status
        self.feed.notify()
        return json_response(payload, status=status, headers=headers)

    async def _answer(
        self, request: web.Request, call: Call, body: Any, files: list[UploadedFile]
    ) -> Any:
        authorized = request.headers.get("Authorization") == f"Bot {self.token}"
        if self.token is not None and not authorized and not _TOKEN_ROUTES.match(call.path):
            raise RestError(401, 0, "401: Unauthorized")
        fault = next((f for f in self.faults if f.matches(call.method, call.path)), None)
        if fault is not None:
            fault.hits.append(call)
            call.fault = True
            raise fault.error()
        found = self.router.match(call.method, call.path)
        if found is None:
            self.unknown_routes.append(call)
            raise RestError(404, 0, "Unknown route")
        handler, params = found
        return await handler(RestRequest(call.method, call.path, params, call.query, body, files))


def json_response(
    payload: Any, *, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    if status == 204:
        return web.Response(status=204, headers=headers)
    text = json.dumps(payload, ensure_ascii=False)
    return web.Response(
        body=text.encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """JSON bodies, or multipart with ``payload_json`` plus ``files[n]`` parts (file uploads)."""
    if not request.can_read_body:
        return None, []
    if request.content_type.startswith("multipart/"):
        payload: Any = None
        indexed: dict[int, UploadedFile] = {}
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "payload_json":
                payload = json.loads(await part.text())
            elif part.name and (m := re.fullmatch(r"files\[(\d+)\]", part.name)):
                data = bytes(await part.read())
                content_type = part.headers.get("Content-Type", "application/octet-stream")
                indexed[int(m.group(1))] = UploadedFile(part.filename or "file", content_type, data)
        return payload, [indexed[i] for i in sorted(indexed)]
    raw = await request.read()
    if not raw:
        return None, []
    try:
        return json.loads(raw), []
    except ValueError:
        return raw.decode(errors="replace"), []
