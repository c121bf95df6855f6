"""What the emulator remembers about traffic (REST calls, gateway events) and the faults it injects."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.emulator.errors import UNKNOWN_CHANNEL, RestError


@dataclass
class Call:
    """One REST request the bot made. ``path`` is relative to the API base (``/channels/1/messages``)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    at: float = field(default_factory=time.time)
    status: int = 0
    files: list[str] = field(default_factory=list)
    fault: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


@dataclass
class GatewayEvent:
    """One gateway frame. ``direction`` is "send" (emulator to bot) or "recv" (bot to emulator)."""

    direction: Literal["send", "recv"]
    op: int
    type: str | None
    seq: int | None
    data: Any
    at: float = field(default_factory=time.time)


_DEFAULT_ERRORS: dict[int, tuple[int, str]] = {
    400: (50035, "Invalid Form Body"),
    401: (0, "401: Unauthorized"),
    403: (50013, "Missing Permissions"),
    404: (UNKNOWN_CHANNEL, "Unknown Channel"),
    429: (0, "You are being rate limited."),
}


@dataclass
class Fault:
    """Answer the next ``times`` calls matching ``method`` and ``path`` (a regex searched in the
    API-relative path) with an error instead of handling them."""

    method: str
    path: str
    status: int
    times: int
    retry_after: float = 0.2
    code: int | None = None
    message: str | None = None
    is_global: bool = False
    hits: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._pattern = re.compile(self.path)

    @property
    def remaining(self) -> int:
        return self.times - len(self.hits)

    def matches(self, method: str, path: str) -> bool:
        return (
            self.remaining > 0
            and self.method.upper() in ("*", method.upper())
            and self._pattern.search(path) is not None
        )

    def error(self) -> RestError:
        code, message = _DEFAULT_ERRORS.get(self.status, (0, f"{self.status}: Server Error"))
        code = self.code if self.code is not None else code
        message = self.message or message
        if self.status != 429:
            return RestError(self.status, code, message)
        # The headers discord.py reads on a 429; without ``Via`` it treats the 429 as a
        # Cloudflare ban and raises instead of retrying.
        headers = {
            "Retry-After": str(max(1, round(self.retry_after))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + self.retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
            # One bucket per fault: discord.py serialises requests that share a bucket hash.
            "X-RateLimit-Bucket": f"fault{id(self):x}",
            "X-RateLimit-Scope": "global" if self.is_global else "user",
            "Via": "1.1 google",
        }
        if self.is_global:
            headers["X-RateLimit-Global"] = "true"
        return RestError(
            429,
            code,
            message,
            headers=headers,
            extra={"retry_after": self.retry_after, "global": self.is_global},
        )
