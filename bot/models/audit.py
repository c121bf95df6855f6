"""Content changes made away from Discord (the CLI), waiting for the bot to post them to the
server's audit channel: what the outbox holds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

AuditKind = Literal["change", "import"]
AuditState = Literal["pending", "sent", "dropped"]


@dataclass(frozen=True, slots=True)
class AuditRequest:
    """Asked of a write: post it to the audit channel. "change": one post per revision written;
    "import": one post for the whole file (its name and counts)."""

    kind: AuditKind
    actor_name: str
    file_name: str = ""
    added: int = 0
    updated: int = 0


@dataclass(frozen=True, slots=True)
class AuditNote:
    """One post waiting in the outbox."""

    id: int
    guild_id: int
    kind: AuditKind
    entry_id: str | None
    revision: int | None
    file_name: str | None
    added: int
    updated: int
    actor_name: str
    attempts: int  # claims so far, this one included once claimed
    created_at: str

    @property
    def nonce(self) -> str:
        """≤ 25 characters, the same on every attempt: a retried post finds the first one."""
        key = f"{self.guild_id}:{self.id}:{self.created_at}"
        return "au" + hashlib.sha256(key.encode()).hexdigest()[:20]
