"""Moderators manage content: add, edit, retire, restore, history, revert, import, export.

Plain async domain code (no Discord, no SQL): `ContentService` over a `ContentRepository`.
"""

from bot.content.repository import ContentRepository
from bot.content.service import ContentService
from bot.models.content import Action, Actor, EntryInput, Revision, Snapshot
from bot.models.content_errors import ContentError, EditConflict, EntryNotFound, FieldError

__all__ = [
    "Action",
    "Actor",
    "ContentError",
    "ContentRepository",
    "ContentService",
    "EditConflict",
    "EntryInput",
    "EntryNotFound",
    "FieldError",
    "Revision",
    "Snapshot",
]
