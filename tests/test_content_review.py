"""Review mode in the domain: editors' adds and edits wait as pending changes (never seen by
campers), a moderator approves (written as the author's revision) or rejects, once."""

from __future__ import annotations

import pytest

from bot.content import Action, ContentService, EditConflict, EntryInput, FieldError
from bot.content.service import REASON_LIMIT
from bot.models.content import Pending
from bot.models.content_errors import PendingNotFound
from bot.search import SearchService
from bot.store.content import SqliteContentRepository
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.search_index import SqliteSearchStore
from tests.helpers_content import (
    GUILD_A,
    GUILD_B,
    MOD_A,
    MOD_A2,
    MOD_B,
)

PROPOSED = EntryInput(title="면접 전날 루틴", body="면접 전날에는 일찍 자세요.", kind="tip")


async def test_a_proposal_waits_unseen_until_approved_as_its_authors_revision(
    content_db: Database, content: ContentService
) -> None:
    assert not await content.review(GUILD_A)
    await content.set_review(GUILD_A, True)
    assert await content.review(GUILD_A) and not await content.review(GUILD_B)
    await content.set_editor_role(GUILD_A, 42)
    assert await content.review(GUILD_A) and await content.editor_role(GUILD_A) == 42

    pending = await content.propose(GUILD_A, None, PROPOSED, MOD_A2)
    assert pending.id > 0 and pending.state == "pending"
    assert [p.id for p in await content.pending(GUILD_A)] == [pending.id]
    assert await content.pending(GUILD_B) == []
    search = SearchService(SqliteSearchStore(content_db), entries=EntryRepository(content_db))
    try:
        before = (await search.search("면접 전날 루틴", guild_id=GUILD_A)).hits
        assert all(h.entry.title != PROPOSED.title for h in before)  # campers never see it
        entry = await content.approve(GUILD_A, pending.id, MOD_A)
        assert entry.title == PROPOSED.title and entry.guild_id == GUILD_A
        hits = (await search.search("면접 전날 루틴", guild_id=GUILD_A)).hits
        assert entry.id in [h.entry.id for h in hits]
    finally:
        await search.close()
    (added,) = (await content.history(GUILD_A, entry.id)).revisions
    assert added.action is Action.ADD and added.actor_name == MOD_A2.name
    assert added.reason == f"approved by {MOD_A.name}"
    assert await content.pending(GUILD_A) == []
    with pytest.raises(PendingNotFound):
        await content.approve(GUILD_A, pending.id, MOD_A)
    with pytest.raises(PendingNotFound):
        await content.reject(GUILD_A, pending.id, MOD_A)


async def test_proposals_are_checked_now_rejected_once_and_conflict_when_stale(
    content: ContentService,
) -> None:
    with pytest.raises(FieldError):
        await content.propose(GUILD_A, None, EntryInput(title="", body="본문"), MOD_A2)
    _, revision = await content.get(GUILD_A, "portfolio-depth")
    edit = EntryInput(title="포트폴리오", body="멘토의 제안", kind="tip", topics=("portfolio",))
    proposal = await content.propose(GUILD_A, "portfolio-depth", edit, MOD_A2, based_on=revision)
    other = await content.propose(GUILD_A, None, PROPOSED, MOD_A2)
    with pytest.raises(PendingNotFound):
        await content.approve(GUILD_B, proposal.id, MOD_A)  # another server's number
    rejected = await content.reject(GUILD_A, other.id, MOD_A)
    assert rejected.state == "rejected" and rejected.decided_by == MOD_A.name

    await content.edit(
        GUILD_A, "portfolio-depth", EntryInput(title="먼저", body="운영진이 먼저 고침", kind="tip"),
        MOD_A, based_on=revision,
    )  # fmt: skip
    with pytest.raises(EditConflict) as caught:
        await content.approve(GUILD_A, proposal.id, MOD_A)
    assert caught.value.yours == edit and caught.value.current.body == "운영진이 먼저 고침"
    assert [p.id for p in await content.pending(GUILD_A)] == [proposal.id]  # still waiting


async def test_two_moderators_approving_at_once_write_it_once(
    content_db: Database, content: ContentService
) -> None:
    """Both read the change as pending; the second approval finds it decided and writes nothing."""

    class StaleRead(SqliteContentRepository):
        def __init__(self, db: Database) -> None:
            super().__init__(db)
            self.seen: list[Pending] = []

        async def pending(
            self, guild_id: int, pending_id: int | None = None, *, limit: int = 25
        ) -> list[Pending]:
            if not self.seen:
                self.seen = await super().pending(guild_id, pending_id, limit=limit)
            return list(self.seen)

    pending = await content.propose(GUILD_A, None, PROPOSED, MOD_A2)
    slow = ContentService(StaleRead(content_db))
    await slow.pending(GUILD_A, pending.id)  # the second moderator's screen, read before
    first = await content.approve(GUILD_A, pending.id, MOD_A)
    with pytest.raises(PendingNotFound):
        await slow.approve(GUILD_A, pending.id, MOD_A)
    assert (await content.history(GUILD_A, first.id)).total == 1


async def test_an_approval_whose_id_was_taken_meanwhile_takes_the_next_free_one(
    content_db: Database, content: ContentService
) -> None:
    class Racing(SqliteContentRepository):
        stale = True  # the first check answers as before server B's save

        async def id_in_use(self, entry_id: str) -> bool:
            if self.stale:
                self.stale = False
                return False
            return await super().id_in_use(entry_id)

    pending = await content.propose(GUILD_A, None, PROPOSED, MOD_A2)
    theirs = await content.add(GUILD_B, PROPOSED, MOD_B)
    mine = await ContentService(Racing(content_db)).approve(GUILD_A, pending.id, MOD_A)
    assert mine.id == f"{theirs.id}-2" and mine.guild_id == GUILD_A


async def test_a_rejection_keeps_at_most_the_reason_the_form_allows(
    content: ContentService,
) -> None:
    pending = await content.propose(GUILD_A, None, PROPOSED, MOD_A2)
    rejected = await content.reject(GUILD_A, pending.id, MOD_A, reason="  " + "가" * 600)
    assert rejected.decided_reason == "가" * REASON_LIMIT
