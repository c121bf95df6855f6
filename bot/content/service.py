"""ContentService: what a server's moderators do to its content, as plain async calls.

Every change is one revision written with its entry in one transaction (by the repository);
history is never rewritten (a revert is a new revision). Edits are optimistic: they carry the
revision they were based on, and a newer one makes them fail with what changed meanwhile.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from bot.clock import Clock, iso, utcnow
from bot.content.archive import read_archive, zip_entries
from bot.content.repository import ContentRepository
from bot.content.validation import validate
from bot.corpus.documents import ID_PATTERN, draft_hash
from bot.i18n.language import Language
from bot.models import Entry, EntryDraft, FileProblem
from bot.models.audit import AuditRequest
from bot.models.content import (
    Action,
    Actor,
    Change,
    EntryInput,
    ExportScope,
    HistoryPage,
    Pending,
    Revision,
    Snapshot,
)
from bot.models.content_errors import (
    EditConflict,
    EntryNotFound,
    IdTaken,
    NoChange,
    PendingNotFound,
    RevisionNotFound,
    StaleRevision,
)
from bot.text.romanize import slug

HISTORY_PAGE = 5
REASON_LIMIT = 500  # a rejection's reason, as the form allows
_ID_BASE_CHARS = 60


@dataclass(slots=True)
class ImportResult:
    """An import's plan (dry run) or outcome: entry ids by what happens to them."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (id in the file, id given)
    errors: list[FileProblem] = field(default_factory=list)
    applied: bool = False
    # The revision each updated entry had when planned: handed back at Confirm, a save made
    # in between refuses the whole import instead of being overwritten.
    based_on: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "renamed": [{"from": a, "to": b} for a, b in self.renamed],
            "errors": [e.as_dict() for e in self.errors],
            "applied": self.applied,
        }


def _audit(actor: Actor, announce: bool) -> AuditRequest | None:
    return AuditRequest("change", actor.name) if announce else None


def _same(a: EntryDraft, b: EntryDraft) -> bool:
    """The same advice, wherever it sits (file path and position aside)."""

    def content(d: EntryDraft) -> str:
        return draft_hash(replace(d, position=0, source=replace(d.source, file=None)))

    return content(a) == content(b)


class ContentService:
    def __init__(self, repo: ContentRepository, *, clock: Clock = utcnow) -> None:
        self._repo = repo
        self._clock = clock

    def _now(self) -> dt.datetime:
        return self._clock()

    async def _known_topics(self) -> set[str]:
        return {t.id for t in await self._repo.topics()}

    async def get(self, guild_id: int, entry_id: str) -> tuple[Entry, int]:
        """The entry as the server sees it (retired too) and its latest revision: what an edit
        form shows and is based on."""
        entry = await self._repo.find(guild_id, entry_id)
        if entry is None:
            raise EntryNotFound(entry_id)
        return entry, await self._repo.latest_revision(guild_id, entry_id)

    async def _committed(self, guild_id: int, entry_id: str) -> tuple[Entry, int]:
        """`get`, where every committed write is seen: what a change is based on."""
        found = await self._repo.find_committed(guild_id, entry_id)
        if found is None:
            raise EntryNotFound(entry_id)
        return found

    async def _written(self, guild_id: int, entry_id: str) -> Entry:
        """The entry as a change just wrote it."""
        return (await self._committed(guild_id, entry_id))[0]

    async def _write(
        self, guild_id: int, changes: Sequence[Change], audit: AuditRequest | None = None
    ) -> list[int]:
        return await self._repo.write(guild_id, changes, now=self._now(), audit=audit)

    async def _free_id(self, title: str, title_en: str) -> str:
        base = slug(title_en or title, max_chars=_ID_BASE_CHARS) or "entry"
        if not ID_PATTERN.match(base):
            base = f"entry-{base}".strip("-")[:_ID_BASE_CHARS]
        candidate, n = base, 1
        while await self._repo.id_in_use(candidate):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    async def suggest(
        self, guild_id: int, text: str, *, retired: bool | None = None, limit: int = 25
    ) -> list[Entry]:
        """Entries of the server matching what a moderator typed (id or title), newest first:
        what the content commands offer, retired ones included (search never shows those)."""
        return await self._repo.suggest(guild_id, text.strip(), retired=retired, limit=limit)

    # -- changes -----------------------------------------------------------------------------

    async def _new_change(
        self, given: EntryInput, actor: Actor, *, reason: str | None = None
    ) -> Change:
        """A new entry of the server: validated, with a free readable id."""
        known = await self._known_topics()
        draft = validate(given, entry_id="draft-id", known_topics=known)  # fields first
        draft = dataclasses.replace(draft, id=await self._free_id(draft.title, draft.title_en))
        return Change(draft, draft_hash(draft), Action.ADD, actor, reason=reason, new=True)

    async def _edit_change(
        self,
        guild_id: int,
        entry_id: str,
        given: EntryInput,
        actor: Actor,
        *,
        based_on: int,
        reason: str | None = None,
    ) -> Change:
        """`given` over the entry as the server sees it, to be written only if the entry is
        still at revision `based_on`."""
        current, _ = await self._committed(guild_id, entry_id)
        base = Snapshot.of(current).draft()
        draft = validate(
            given, entry_id=current.id, known_topics=await self._known_topics(), base=base
        )
        if _same(draft, base):
            raise NoChange(current.id, "saved")
        return Change(
            draft, draft_hash(draft), Action.EDIT, actor, retired=current.retired,
            reason=reason, expected=based_on,
        )  # fmt: skip

    async def _conflict(
        self, guild_id: int, entry_id: str, based_on: int, given: EntryInput
    ) -> EditConflict:
        now = await self._written(guild_id, entry_id)
        meanwhile = await self._repo.history(guild_id, entry_id, limit=10, after=based_on)
        return EditConflict(now, meanwhile.revisions, given)

    async def add(self, guild_id: int, given: EntryInput, actor: Actor) -> Entry:
        for _ in range(3):  # another add may take the same id between the check and the write
            change = await self._new_change(given, actor)
            try:
                await self._write(guild_id, [change])
            except IdTaken:
                continue
            return await self._written(guild_id, change.draft.id)
        raise IdTaken(change.draft.id)

    async def edit(
        self, guild_id: int, entry_id: str, given: EntryInput, actor: Actor, *, based_on: int
    ) -> Entry:
        """Save `given` over the entry, unless it changed after revision `based_on`
        (EditConflict, nothing written)."""
        change = await self._edit_change(guild_id, entry_id, given, actor, based_on=based_on)
        try:
            await self._write(guild_id, [change])
        except StaleRevision:
            raise await self._conflict(guild_id, entry_id, based_on, given) from None
        return await self._written(guild_id, change.draft.id)

    # -- review mode: editors propose, moderators decide -------------------------------------

    async def review(self, guild_id: int) -> bool:
        return await self._repo.review(guild_id)

    async def set_review(self, guild_id: int, on: bool) -> None:
        await self._repo.set_review(guild_id, on, now=self._now())

    async def propose(
        self,
        guild_id: int,
        entry_id: str | None,
        given: EntryInput,
        actor: Actor,
        *,
        based_on: int = 0,
        language: Language | None = None,
    ) -> Pending:
        """Keep an add (`entry_id` None) or edit for review, checked now as it would be saved
        (FieldError, NoChange) so the author fixes it before a moderator sees it. `language`:
        the author's, what the bot later tells them in."""
        if entry_id is None:
            await self._new_change(given, actor)
        else:
            change = await self._edit_change(guild_id, entry_id, given, actor, based_on=based_on)
            entry_id = change.draft.id
        pending = Pending(
            id=0, guild_id=guild_id, entry_id=entry_id, based_on=based_on, given=given,
            actor=actor, state="pending", created_at=iso(self._now()), author_language=language,
        )  # fmt: skip
        number = await self._repo.add_pending(pending)
        return dataclasses.replace(pending, id=number)

    async def pending(self, guild_id: int, pending_id: int | None = None) -> list[Pending]:
        return await self._repo.pending(guild_id, pending_id)

    async def _one_pending(self, guild_id: int, pending_id: int) -> Pending:
        found = await self._repo.pending(guild_id, pending_id)
        if not found:
            raise PendingNotFound(pending_id)
        return found[0]

    async def approve(self, guild_id: int, pending_id: int, moderator: Actor) -> Entry:
        """Write the pending change as its author's revision (the approver named as the
        reason); EditConflict when the entry moved on since the author opened it (the change
        stays pending: reject it, or the author proposes again)."""
        pending = await self._one_pending(guild_id, pending_id)
        reason = f"approved by {moderator.name}"
        for _ in range(3):
            if pending.entry_id is None:
                change = await self._new_change(pending.given, pending.actor, reason=reason)
            else:
                change = await self._edit_change(
                    guild_id, pending.entry_id, pending.given, pending.actor,
                    based_on=pending.based_on, reason=reason,
                )  # fmt: skip
            try:
                await self._repo.decide(
                    guild_id, pending_id, "approved", by=moderator.name, now=self._now(),
                    changes=[change],
                )  # fmt: skip
            except IdTaken:
                continue
            except StaleRevision:
                assert pending.entry_id is not None
                raise await self._conflict(
                    guild_id, pending.entry_id, pending.based_on, pending.given
                ) from None
            return await self._written(guild_id, change.draft.id)
        raise IdTaken(change.draft.id)

    async def reject(
        self, guild_id: int, pending_id: int, moderator: Actor, *, reason: str | None = None
    ) -> Pending:
        """Turn the change down; `reason` (optional, for its author) is kept with it."""
        pending = await self._one_pending(guild_id, pending_id)
        reason = (reason or "").strip()[:REASON_LIMIT] or None
        await self._repo.decide(
            guild_id, pending_id, "rejected", by=moderator.name, now=self._now(), reason=reason
        )
        return dataclasses.replace(
            pending, state="rejected", decided_by=moderator.name, decided_reason=reason
        )

    async def _set_retired(
        self,
        guild_id: int,
        entry_id: str,
        actor: Actor,
        *,
        retired: bool,
        reason: str | None,
        announce: bool,
    ) -> Entry:
        current, latest = await self._committed(guild_id, entry_id)
        if current.retired == retired:
            raise NoChange(current.id, "retired" if retired else "live")
        draft = Snapshot.of(current).draft()
        action = Action.RETIRE if retired else Action.RESTORE
        change = Change(
            draft, draft_hash(draft), action, actor, retired=retired, reason=reason, expected=latest
        )
        await self._write(guild_id, [change], _audit(actor, announce))
        return await self._written(guild_id, entry_id)

    async def retire(
        self,
        guild_id: int,
        entry_id: str,
        actor: Actor,
        *,
        reason: str | None = None,
        announce: bool = False,
    ) -> Entry:
        """`announce`: the change is made away from Discord (the CLI): the bot posts it to the
        server's audit channel from the outbox (a change made in Discord is posted there at once)."""
        return await self._set_retired(
            guild_id, entry_id, actor, retired=True, reason=reason, announce=announce
        )

    async def restore(
        self, guild_id: int, entry_id: str, actor: Actor, *, announce: bool = False
    ) -> Entry:
        return await self._set_retired(
            guild_id, entry_id, actor, retired=False, reason=None, announce=announce
        )

    async def history(
        self, guild_id: int, entry_id: str, *, page: int = 0, per_page: int = HISTORY_PAGE
    ) -> HistoryPage:
        result = await self._repo.history(
            guild_id, entry_id, limit=per_page, offset=max(0, page) * per_page
        )
        if result.total == 0:
            raise EntryNotFound(entry_id)
        return result

    async def revert(
        self, guild_id: int, entry_id: str, number: int, actor: Actor, *, announce: bool = False
    ) -> Entry:
        """A new revision equal to revision `number` (its content, live or retired)."""
        current, latest = await self._committed(guild_id, entry_id)
        revision = await self._repo.revision(guild_id, current.id, number)
        if revision is None or revision.snapshot is None:
            raise RevisionNotFound(current.id, number)
        snap = revision.snapshot
        draft = dataclasses.replace(snap.draft(), id=current.id)
        if _same(draft, Snapshot.of(current).draft()) and snap.retired == current.retired:
            raise NoChange(current.id, f"at revision {number}")
        change = Change(
            draft, draft_hash(draft), Action.REVERT, actor, retired=snap.retired,
            reason=f"revision {number}", expected=latest,
        )  # fmt: skip
        await self._write(guild_id, [change], _audit(actor, announce))
        return await self._written(guild_id, entry_id)

    # -- import and export -------------------------------------------------------------------

    async def export(self, guild_id: int, scope: ExportScope = "own") -> tuple[bytes, int]:
        """A .zip of Markdown files that `ingest` and `import` read back; and its entry count."""
        entries = await self._repo.entries(guild_id, scope)
        # Seconds of CPU for a big server's view of everything: off the event loop.
        return await asyncio.to_thread(zip_entries, entries), len(entries)

    async def import_file(
        self,
        guild_id: int,
        name: str,
        data: bytes,
        actor: Actor,
        *,
        apply: bool,
        expected: Mapping[str, int] | None = None,
        announce: bool = False,
    ) -> ImportResult:
        """Plan (apply=False: a dry run) or apply an uploaded file, all or nothing.

        `expected`: the dry run's `based_on`. An entry saved since (or one the dry run did not
        show as updated) then raises StaleRevision and nothing is written.

        Ids of the server's own entries are updated; ids taken by shared content or another
        server get a free id instead (never overwriting them); the same text is unchanged."""
        topics = await self._repo.topics()
        read = await asyncio.to_thread(read_archive, name, data, topics=topics)
        result = ImportResult(errors=list(read.problems))
        changes: list[Change] = []
        seen: set[str] = set()
        for file, parsed in read.drafts:
            draft = dataclasses.replace(
                parsed, source=dataclasses.replace(parsed.source, file=None)
            )
            if draft.id in seen:
                result.errors.append(
                    FileProblem(
                        file,
                        f"id {draft.id!r} appears twice",
                        code="duplicate_id",
                        values=(("value", draft.id),),
                    )
                )
                continue
            seen.add(draft.id)
            current = await self._repo.find(guild_id, draft.id)
            if current is not None and _same(draft, Snapshot.of(current).draft()):
                result.unchanged.append(draft.id)
                continue
            if current is not None and current.guild_id == guild_id:
                result.based_on[draft.id] = await self._repo.latest_revision(guild_id, draft.id)
                # An update, as an edit: a retired entry stays retired (restore brings it back).
                change = Change(
                    draft, draft_hash(draft), Action.EDIT, actor, retired=current.retired,
                    expected=None if expected is None else expected.get(draft.id, 0),
                )  # fmt: skip
                result.updated.append(draft.id)
            elif await self._repo.id_in_use(draft.id):
                earlier = await self._renamed_copy(guild_id, draft)
                if earlier is not None:  # imported before under a new id: nothing to do
                    result.unchanged.append(earlier)
                    continue
                new_id = await self._free_id(draft.id, "")
                while new_id in seen:
                    new_id = await self._free_id(f"{new_id}-x", "")
                seen.add(new_id)
                result.renamed.append((draft.id, new_id))
                draft = dataclasses.replace(draft, id=new_id)
                change = Change(draft, draft_hash(draft), Action.ADD, actor, new=True)
                result.added.append(new_id)
            else:
                change = Change(draft, draft_hash(draft), Action.ADD, actor, new=True)
                result.added.append(draft.id)
            changes.append(change)
        if apply and changes:
            audit = None
            if announce:
                audit = AuditRequest(
                    "import", actor.name, file_name=name, added=len(result.added),
                    updated=len(result.updated),
                )  # fmt: skip
            await self._write(guild_id, changes, audit)
            result.applied = True
        return result

    async def _renamed_copy(self, guild_id: int, draft: EntryDraft) -> str | None:
        """The id of the server's own entry that an earlier import of `draft` made under a
        new id (`<id>-2`…), when its text is still the same: importing twice adds nothing."""
        found = await self._repo.suggest(guild_id, f"{draft.id}-", retired=None, limit=50)
        for entry in found:
            suffix = entry.id.removeprefix(f"{draft.id}-")
            if entry.guild_id != guild_id or not suffix.isdigit():
                continue
            if _same(dataclasses.replace(draft, id=entry.id), Snapshot.of(entry).draft()):
                return entry.id
        return None

    # -- editors -----------------------------------------------------------------------------

    async def editor_role(self, guild_id: int) -> int | None:
        return await self._repo.editor_role(guild_id)

    async def set_editor_role(self, guild_id: int, role_id: int | None) -> None:
        await self._repo.set_editor_role(guild_id, role_id, now=self._now())

    async def log_channel(self, guild_id: int) -> int | None:
        """Where the server's content changes are posted (None: nowhere)."""
        return await self._repo.log_channel(guild_id)

    async def set_log_channel(self, guild_id: int, channel_id: int | None) -> None:
        await self._repo.set_log_channel(guild_id, channel_id, now=self._now())

    async def revision(self, guild_id: int, entry_id: str, number: int) -> Revision | None:
        """One revision of the entry as the server sees it (what an outbox post shows)."""
        return await self._repo.revision(guild_id, entry_id, number)

    async def latest_change(self, guild_id: int, entry_id: str) -> Revision | None:
        """The newest revision the server sees of the entry: what an audit post shows."""
        page = await self._repo.history(guild_id, entry_id, limit=1)
        return page.revisions[0] if page.revisions else None
