"""Errors: the ones REST handlers answer with, and the ones the Python API raises to a test."""

from __future__ import annotations

from typing import Any


class EmulatorError(AssertionError):
    """A test asked for something Discord would not let a user do (unknown command, disabled
    button, missing required option...). An AssertionError so pytest shows it as a failed check."""


class CommandHidden(EmulatorError):
    """The user cannot see the command: its default_member_permissions are more than theirs
    (a server admin may still show it to them; the bot's own check then answers)."""


class InteractionTimeout(EmulatorError):
    """The bot did not answer an interaction (or a deferred one never finished) in time."""


class RestError(Exception):
    """Raised inside a REST handler; becomes a Discord-shaped JSON error response."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        errors: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{status} {message} (code {code})")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or {}
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "code": self.code, **self.extra}
        if self.errors:
            data["errors"] = _nest(self.errors)
        return data


def _nest(flat: dict[str, str]) -> dict[str, Any]:
    """``{"embeds.0.title": msg}`` -> Discord's nested ``{"embeds": {"0": {"title": {"_errors": [...]}}}}``."""
    root: dict[str, Any] = {}
    for path, message in flat.items():
        node = root
        for part in path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": "BASE_TYPE_INVALID", "message": message})
    return root


def unknown(kind: str, code: int) -> RestError:
    return RestError(404, code, f"Unknown {kind}")


UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
UNKNOWN_MESSAGE = 10008
UNKNOWN_USER = 10013
UNKNOWN_WEBHOOK = 10015
UNKNOWN_APPLICATION_COMMAND = 10063
UNKNOWN_INTERACTION = 10062
