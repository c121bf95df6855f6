"""What can go wrong when a moderator changes content; the adapters translate these."""

from __future__ import annotations

from collections.abc import Mapping

from bot.models import Entry
from bot.models.content import EntryInput, Revision


class ContentError(Exception):
    """Base of the content errors."""


class EntryNotFound(ContentError):
    def __init__(self, entry_id: str) -> None:
        super().__init__(f"no entry {entry_id!r} in this server")
        self.entry_id = entry_id


class RevisionNotFound(ContentError):
    def __init__(self, entry_id: str, number: int) -> None:
        super().__init__(f"entry {entry_id!r} has no revision {number}")
        self.entry_id = entry_id
        self.number = number


class FieldError(ContentError):
    """The input breaks a rule files are held to; `field` is the field at fault. `reason` is in
    English (the CLI, logs); `code` and `values` name the rule for a reason in the moderator's
    language (`content.reason.<code>` in bot/i18n/content.py)."""

    def __init__(
        self,
        field: str,
        reason: str,
        given: EntryInput | None = None,
        *,
        code: str | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.given = given
        self.code = code
        self.values = dict(values or {})


class NoChange(ContentError):
    """Retiring a retired entry, restoring a live one, saving the same text."""

    def __init__(self, entry_id: str, state: str) -> None:
        super().__init__(f"entry {entry_id!r} is already {state}")
        self.entry_id = entry_id
        self.state = state


class StaleRevision(ContentError):
    """Raised by the repository: the entry moved on from the revision the change was based on."""

    def __init__(self, latest: int) -> None:
        super().__init__(f"the entry has a newer revision ({latest})")
        self.latest = latest


class EditConflict(ContentError):
    """Someone saved the entry after the editor opened it: nothing was written. `meanwhile`
    holds what changed (newest first) and `yours` the editor's text, to copy."""

    def __init__(self, current: Entry, meanwhile: tuple[Revision, ...], yours: EntryInput) -> None:
        super().__init__(f"entry {current.id!r} changed while it was being edited")
        self.current = current
        self.meanwhile = meanwhile
        self.yours = yours


class IdTaken(ContentError):
    def __init__(self, entry_id: str) -> None:
        super().__init__(f"id {entry_id!r} is already in use")
        self.entry_id = entry_id


class PendingNotFound(ContentError):
    """No change waiting for review with this number in the server (decided already, or none)."""

    def __init__(self, pending_id: int) -> None:
        super().__init__(f"no pending change #{pending_id} in this server")
        self.pending_id = pending_id
