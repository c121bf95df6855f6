"""Errors of the cohort domain. Each carries a `code` the Discord side turns into words in the
user's language, and the values those words need."""

from __future__ import annotations

from typing import Literal

CohortErrorCode = Literal[
    "name_empty",
    "name_too_long",
    "name_taken",
    "not_found",
    "archived",
    "already_archived",
    "not_archived",
    "bad_dates",
    "bad_auto_archive",
    "subject_not_found",
]


class CohortError(Exception):
    def __init__(self, code: CohortErrorCode, **values: object) -> None:
        super().__init__(code, values)
        self.code: CohortErrorCode = code
        self.values = values


class NameTaken(CohortError):
    """Raised by the repository when the server already has a cohort with this name key."""

    def __init__(self, name: str) -> None:
        super().__init__("name_taken", name=name)


ThreadErrorKind = Literal[
    "exists", "max_threads", "forbidden", "unknown_channel", "tag_required", "transient"
]


class ThreadError(Exception):
    """Raised by a ThreadPort: what Discord said, in the domain's terms.

    exists: 160004, a thread was already started on this message (`thread_id` is it);
    max_threads: 160006, the server's active-thread limit; forbidden: 403;
    unknown_channel: the cohort's channel is gone; tag_required: 40067, a forum that requires
    a tag has none named like the subject's topics; transient: anything worth retrying.
    """

    def __init__(
        self, kind: ThreadErrorKind, message: str = "", *, thread_id: int | None = None
    ) -> None:
        super().__init__(message or kind)
        self.kind: ThreadErrorKind = kind
        self.message = message
        self.thread_id = thread_id
