"""Errors of the tip domain; each message is fit to show to a user or a moderator."""

from __future__ import annotations

from typing import Literal

PostErrorKind = Literal["missing_permissions", "unknown_channel", "rate_limited", "transient"]
PERMANENT_KINDS: frozenset[str] = frozenset({"missing_permissions", "unknown_channel"})


class TipError(Exception):
    """Base class of the tip domain's errors."""


class NoTipsError(TipError):
    """The database holds no live entry with a tip."""

    def __init__(self) -> None:
        super().__init__(
            "no tips yet: ingest advice whose frontmatter has a `tip:` field (python -m bot ingest)"
        )


# What is wrong with a /tip-config value; the Discord side words each in the user's language.
TipConfigProblem = Literal[
    "bad_time", "bad_zone", "channel_required", "bad_date", "past_date", "already_posted"
]


class TipConfigError(TipError, ValueError):
    """A `/tip-config` value is invalid (bad HH:MM, unknown zone, no channel). The message is
    English, for the CLI and logs; `problem` and `value` let a user interface say it in its own
    language."""

    def __init__(self, problem: TipConfigProblem, message: str, *, value: str = "") -> None:
        super().__init__(message)
        self.problem: TipConfigProblem = problem
        self.value = value


class PostError(TipError):
    """Raised by a TipPoster. Permanent kinds fail the day; the others are retried later."""

    def __init__(
        self, kind: PostErrorKind, message: str, *, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind: PostErrorKind = kind
        self.message = message
        self.retry_after = retry_after  # seconds, for rate_limited

    @property
    def permanent(self) -> bool:
        return self.kind in PERMANENT_KINDS

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"
