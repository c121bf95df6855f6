"""ContentService on a real SQLite file with two servers: what each sees, revisions, conflicts,
history, revert, validation, import and export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from bot.content import Action, ContentService, EditConflict, EntryInput, EntryNotFound, FieldError
from bot.content.validation import BODY_LIMIT
from bot.models.content_errors import NoChange, RevisionNotFound, StaleRevision
from bot.search import SearchService
from bot.store import scope
from bot.store.content import SqliteContentRepository
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.search_index import SqliteSearchStore
from bot.store.tips import TipRepository
from bot.tips.service import TipService
from tests.helpers_content import (
    GUILD_A,
    GUILD_B,
    MOD_A,
    MOD_A2,
    MOD_B,
    curated,
    ingest,
)

NEW = EntryInput(
    title="코딩 테스트는 매일 한 문제",
    body="꾸준함이 실력입니다. 하루 한 문제씩 풀어 보세요.",
    tip="매일 한 문제!",
    topics=("portfolio",),
    aliases=("코테",),
    kind="tip",
)


async def test_an_added_entry_gets_a_readable_id_and_is_seen_by_its_server_only(
    content_db: Database, content: ContentService
) -> None:
    entry = await content.add(GUILD_A, NEW, MOD_A)
    assert entry.id == "koding-teseuteuneun-maeil-han-munje"
    assert entry.guild_id == GUILD_A and entry.topics == ("portfolio",)
    again = await content.add(GUILD_A, NEW, MOD_A)
    assert again.id == f"{entry.id}-2"

    entries = EntryRepository(content_db)
    assert (await entries.get(entry.id, guild_id=GUILD_A)) is not None
    assert await entries.get(entry.id, guild_id=GUILD_B) is None
    assert await entries.get(entry.id) is None  # the shared view (CLI, guild 0)
    assert entry.id in await entries.live_ids(tips_only=True, guild_id=GUILD_A)
    assert entry.id not in await entries.live_ids(tips_only=True, guild_id=GUILD_B)
    assert [e.id for e in await entries.get_many([entry.id], guild_id=GUILD_B)] == []
    assert (await entries.topic_counts(guild_id=GUILD_A))["portfolio"] == 3
    assert (await entries.topic_counts(guild_id=GUILD_B))["portfolio"] == 1
    listed = await entries.list_live(topic="portfolio", guild_id=GUILD_B)
    assert [e.id for e in listed] == ["portfolio-depth"]

    search = SearchService(SqliteSearchStore(content_db), entries=EntryRepository(content_db))
    try:
        found_a = await search.search("코딩 테스트", guild_id=GUILD_A)
        found_b = await search.search("코딩 테스트", guild_id=GUILD_B)
        assert entry.id in [h.entry.id for h in found_a.hits]
        assert entry.id not in [h.entry.id for h in found_b.hits]
        titles_b = [s.name for s in await search.suggest("코딩", guild_id=GUILD_B)]
        assert not any("코딩 테스트" in t for t in titles_b)
        titles_a = [s.value for s in await search.suggest("코딩", guild_id=GUILD_A)]
        assert f"entry:{entry.id}" in titles_a
    finally:
        await search.close()


async def test_a_servers_own_words_are_seen_by_that_server_only(
    content_db: Database, content: ContentService
) -> None:
    """Autocomplete finishes a word only when an entry the server sees has it. While no server
    has its own entries every word is everyone's; once one has, its words are its own, in the
    same store (what it knew before the write is not trusted after it)."""
    store = SqliteSearchStore(content_db)
    words = ["꾸준함이", "프로젝트"]
    assert await store.unseen_words(words, guild_id=GUILD_B) == set()  # nothing hidden yet
    await content.add(GUILD_A, NEW, MOD_A)
    assert await store.unseen_words(words, guild_id=GUILD_A) == set()
    assert await store.unseen_words(words, guild_id=GUILD_B) == {"꾸준함이"}
    assert await store.unseen_words(words, guild_id=None) == {"꾸준함이"}  # a DM: shared only
    assert await store.unseen_words(["꾸준"], guild_id=GUILD_B) == {"꾸준"}  # a prefix of it too
    assert await store.unseen_words(["프로"], guild_id=GUILD_B) == set()


async def test_editing_a_shared_entry_makes_the_servers_own_version(
    content_db: Database, content: ContentService
) -> None:
    shared, revision = await content.get(GUILD_A, "portfolio-depth")
    edited = await content.edit(
        GUILD_A, shared.id, EntryInput(title="포트폴리오는 깊게", body="A 서버의 조언입니다.",
        topics=("portfolio",), kind="tip", tip="깊게!"), MOD_A, based_on=revision,
    )  # fmt: skip
    assert edited.id == "portfolio-depth" and edited.guild_id == GUILD_A
    assert edited.source.file == shared.source.file  # still attributed to its file
    entries = EntryRepository(content_db)
    seen_b = await entries.get("portfolio-depth", guild_id=GUILD_B)
    assert seen_b is not None and seen_b.body == "프로젝트 하나를 끝까지 파고드세요."
    assert (await entries.get("portfolio-depth")).body == seen_b.body  # type: ignore[union-attr]
    seen_a = await entries.get("portfolio-depth", guild_id=GUILD_A)
    assert seen_a is not None and seen_a.body == "A 서버의 조언입니다."
    assert (await entries.live_ids(guild_id=GUILD_A)).count("portfolio-depth") == 1
    # Its history shows the edit against the shared text it started from.
    edit = (await content.history(GUILD_A, "portfolio-depth")).revisions[0]
    assert edit.action is Action.EDIT and edit.previous is not None
    assert (edit.previous.body, edit.snapshot.body) == (seen_b.body, "A 서버의 조언입니다.")  # type: ignore[union-attr]

    search = SearchService(SqliteSearchStore(content_db), entries=EntryRepository(content_db))
    try:
        hits_a = (await search.search("A 서버의 조언", guild_id=GUILD_A)).hits
        hits_b = (await search.search("A 서버의 조언", guild_id=GUILD_B)).hits
        assert [h.entry.body for h in hits_a] == ["A 서버의 조언입니다."]
        assert all(h.entry.body != "A 서버의 조언입니다." for h in hits_b)
        old = (await search.search("파고드세요", guild_id=GUILD_A)).hits
        assert all(h.entry.id != "portfolio-depth" for h in old)  # the shared text is hidden
    finally:
        await search.close()


async def test_a_servers_version_survives_a_changed_file_and_one_revert_takes_it(
    content_db: Database, content: ContentService, tmp_path: Path
) -> None:
    _, revision = await content.get(GUILD_A, "portfolio-depth")
    await content.edit(
        GUILD_A, "portfolio-depth", EntryInput(title="A의 제목", body="A의 본문", kind="tip"),
        MOD_A, based_on=revision,
    )  # fmt: skip
    (tmp_path / "content" / "portfolio.md").write_text(
        curated("portfolio-depth", "포트폴리오 새 판", "파일이 바뀌었습니다.", tip="새 팁"),
        encoding="utf-8",
    )
    await ingest(content_db, tmp_path / "content")

    entries = EntryRepository(content_db)
    assert (await entries.get("portfolio-depth", guild_id=GUILD_A)).body == "A의 본문"  # type: ignore[union-attr]
    assert (await entries.get("portfolio-depth", guild_id=GUILD_B)).body == "파일이 바뀌었습니다."  # type: ignore[union-attr]

    page = await content.history(GUILD_A, "portfolio-depth")
    assert [r.action for r in page.revisions] == [Action.FILE_UPDATE, Action.EDIT, Action.ADD]
    file_update = page.revisions[0]
    assert file_update.guild_id is None and file_update.actor == "ingest"
    reverted = await content.revert(GUILD_A, "portfolio-depth", file_update.number, MOD_A2)
    assert reverted.body == "파일이 바뀌었습니다." and reverted.title == "포트폴리오 새 판"
    latest = (await content.history(GUILD_A, "portfolio-depth")).revisions[0]
    assert latest.action is Action.REVERT and latest.actor_name == "멘토 A"
    # Server B's history has the shared revisions only.
    page_b = await content.history(GUILD_B, "portfolio-depth")
    assert [r.action for r in page_b.revisions] == [Action.FILE_UPDATE, Action.ADD]


async def test_an_id_taken_between_the_check_and_the_write_gets_the_next_free_one(
    content_db: Database, content: ContentService
) -> None:
    """Server B saved an entry under the id server A's add had just found free: A's entry is
    saved under the next free id and B's is left as it was."""

    class Racing(SqliteContentRepository):
        stale = True  # the first check answers as before B's save

        async def id_in_use(self, entry_id: str) -> bool:
            if self.stale:
                self.stale = False
                return False
            return await super().id_in_use(entry_id)

    theirs = await content.add(GUILD_B, NEW, MOD_B)
    mine = await ContentService(Racing(content_db)).add(GUILD_A, NEW, MOD_A)
    assert mine.id == f"{theirs.id}-2" and mine.guild_id == GUILD_A
    entries = EntryRepository(content_db)
    assert await entries.get(theirs.id, guild_id=GUILD_B) == theirs
    assert await entries.get(theirs.id, guild_id=GUILD_A) is None


async def test_a_concurrent_edit_conflicts_and_keeps_the_editors_text(
    content: ContentService,
) -> None:
    entry = await content.add(GUILD_A, NEW, MOD_A)
    _, opened = await content.get(GUILD_A, entry.id)  # both moderators open the form
    first = EntryInput(title=NEW.title, body="첫 번째 저장", topics=("portfolio",), kind="tip")
    await content.edit(GUILD_A, entry.id, first, MOD_A, based_on=opened)
    second = EntryInput(title=NEW.title, body="두 번째 저장", topics=("portfolio",), kind="tip")
    with pytest.raises(EditConflict) as caught:
        await content.edit(GUILD_A, entry.id, second, MOD_A2, based_on=opened)
    conflict = caught.value
    assert conflict.yours.body == "두 번째 저장"
    assert conflict.current.body == "첫 번째 저장"
    assert [r.actor_name for r in conflict.meanwhile] == ["운영진 A"]
    assert (await content.get(GUILD_A, entry.id))[0].body == "첫 번째 저장"


async def test_retire_and_restore_in_one_server_only(
    content_db: Database, content: ContentService
) -> None:
    retired = await content.retire(GUILD_A, "grad-needed", MOD_A, reason="낡은 정보")
    assert retired.retired
    entries = EntryRepository(content_db)
    assert await entries.get("grad-needed", guild_id=GUILD_A) is None
    assert await entries.get("grad-needed", guild_id=GUILD_B) is not None
    assert "grad-needed" not in await entries.live_ids(guild_id=GUILD_A)
    with pytest.raises(NoChange):
        await content.retire(GUILD_A, "grad-needed", MOD_A)
    restored = await content.restore(GUILD_A, "grad-needed", MOD_A)
    assert not restored.retired
    assert await entries.get("grad-needed", guild_id=GUILD_A) is not None
    page = await content.history(GUILD_A, "grad-needed")
    assert [r.action for r in page.revisions] == [Action.RESTORE, Action.RETIRE, Action.ADD]
    assert page.revisions[1].reason == "낡은 정보"
    with pytest.raises(EntryNotFound):
        await content.retire(GUILD_B, (await content.add(GUILD_A, NEW, MOD_A)).id, MOD_B)


async def test_history_pages_newest_first_with_the_change(content: ContentService) -> None:
    entry = await content.add(GUILD_A, NEW, MOD_A)
    for n in range(6):
        _, rev = await content.get(GUILD_A, entry.id)
        given = EntryInput(title=NEW.title, body=f"본문 {n}", topics=("portfolio",), kind="tip")
        await content.edit(GUILD_A, entry.id, given, MOD_A, based_on=rev)
    first = await content.history(GUILD_A, entry.id, page=0, per_page=5)
    second = await content.history(GUILD_A, entry.id, page=1, per_page=5)
    assert first.total == 7 and len(first.revisions) == 5 and len(second.revisions) == 2
    assert first.revisions[0].snapshot.body == "본문 5"  # type: ignore[union-attr]
    assert first.revisions[0].previous.body == "본문 4"  # type: ignore[union-attr]
    assert second.revisions[-1].action is Action.ADD
    numbers = [r.number for r in (*first.revisions, *second.revisions)]
    assert numbers == sorted(numbers, reverse=True)
    reverted = await content.revert(GUILD_A, entry.id, second.revisions[-1].number, MOD_A)
    assert reverted.body == NEW.body
    assert (await content.history(GUILD_A, entry.id)).total == 8  # history is never rewritten
    with pytest.raises(RevisionNotFound):
        await content.revert(GUILD_A, entry.id, 999_999, MOD_A)
    with pytest.raises(EntryNotFound):
        await content.history(GUILD_B, entry.id)


async def test_a_revert_restores_the_chosen_revision_live_or_retired_and_of_its_entry_only(
    content_db: Database, content: ContentService
) -> None:
    entry = await content.add(GUILD_A, NEW, MOD_A)
    other = await content.add(GUILD_A, NEW, MOD_A)  # its revision numbers sit among entry's
    _, rev = await content.get(GUILD_A, entry.id)
    second = EntryInput(title="둘째 제목", body="둘째 본문", topics=("portfolio",), kind="tip")
    await content.edit(GUILD_A, entry.id, second, MOD_A, based_on=rev)
    await content.retire(GUILD_A, entry.id, MOD_A, reason="낡은 정보")
    retire, edit, add = (await content.history(GUILD_A, entry.id)).revisions
    assert (retire.action, edit.action, add.action) == (Action.RETIRE, Action.EDIT, Action.ADD)
    entries = EntryRepository(content_db)

    back = await content.revert(GUILD_A, entry.id, add.number, MOD_A2)  # retired -> as added
    assert (back.retired, back.title, back.body) == (False, NEW.title, NEW.body)
    assert (await entries.get(entry.id, guild_id=GUILD_A)) == back
    again = await content.revert(GUILD_A, entry.id, retire.number, MOD_A2)  # -> retired again
    assert (again.retired, again.title, again.body) == (True, "둘째 제목", "둘째 본문")
    assert await entries.get(entry.id, guild_id=GUILD_A) is None

    [other_add] = (await content.history(GUILD_A, other.id)).revisions
    assert add.number < other_add.number < edit.number
    with pytest.raises(RevisionNotFound):
        await content.revert(GUILD_A, entry.id, other_add.number, MOD_A)
    page = await content.history(GUILD_A, entry.id)
    assert [r.action for r in page.revisions][:2] == [Action.REVERT, Action.REVERT]
    assert page.total == 5  # every revision kept


async def test_a_revision_recorded_without_its_content_cannot_be_reverted_to(
    content_db: Database, content: ContentService
) -> None:
    """Retirements recorded before schema 6 kept no copy of the entry: reverting to one says
    there is no such revision (it was a crash)."""
    entry = await content.add(GUILD_A, NEW, MOD_A)
    retired = await content.retire(GUILD_A, entry.id, MOD_A)
    await content.restore(GUILD_A, retired.id, MOD_A)
    old = (await content.history(GUILD_A, entry.id)).revisions[1]
    async with content_db.transaction() as conn:
        await conn.execute(
            "UPDATE entry_revisions SET snapshot = ? WHERE id = ?",
            (json.dumps({"id": entry.id, "retired": True}), old.number),
        )
    with pytest.raises(RevisionNotFound):
        await content.revert(GUILD_A, entry.id, old.number, MOD_A)


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (EntryInput(title="x" * 201, body="본문"), "title"),
        (EntryInput(title="제목", body="x" * (BODY_LIMIT + 1)), "body"),
        (EntryInput(title="제목", body="본문", topics=("no-such-topic",)), "topics"),
        (EntryInput(title="제목", body="본문", tip="t" * 281), "tip"),
        (EntryInput(title="제목", body="본문", kind="essay"), "kind"),
        (EntryInput(title="", body="본문"), "title"),
        (EntryInput(title="제목", body="<br>  "), "body"),
        (EntryInput(title="제목", body="본문", aliases=("가" * 101,)), "aliases"),
        (
            EntryInput(title="제목", body="본문", aliases=tuple(f"별칭{n}" for n in range(21))),
            "aliases",
        ),
    ],
)
async def test_input_is_held_to_the_rules_files_are(
    content: ContentService, given: EntryInput, field: str
) -> None:
    with pytest.raises(FieldError) as caught:
        await content.add(GUILD_A, given, MOD_A)
    assert caught.value.field == field
    assert caught.value.given == given  # the moderator's input is kept


async def test_an_edit_keeps_what_the_form_does_not_show(
    content_db: Database, content: ContentService, tmp_path: Path
) -> None:
    """Language, English summary and tags are not on the form: an edit keeps them (an English
    entry edited in a server stays English), the summary only while the body it sums up is
    the same (a rewritten body's readers would read the old advice's summary)."""
    (tmp_path / "content" / "english.md").write_text(
        "---\nid: ask-early\ntitle: Ask early\nlanguage: en\nsummary_en: Ask before you are stuck.\n"
        "tags: [habits]\nkind: tip\ntopics: [portfolio]\n---\n\nAsk a senior before a day is lost.\n",
        encoding="utf-8",
    )
    await ingest(content_db, tmp_path / "content")
    _, rev = await content.get(GUILD_A, "ask-early")
    given = EntryInput(
        title="Ask early", body="Ask a senior before a day is lost.", tip="Ask by noon.",
        topics=("portfolio",), kind="tip",
    )  # fmt: skip
    edited = await content.edit(GUILD_A, "ask-early", given, MOD_A, based_on=rev)
    assert (edited.tip, edited.language, edited.summary, edited.tags) == (
        "Ask by noon.",
        "en",
        "Ask before you are stuck.",
        ("habits",),
    )
    _, rev = await content.get(GUILD_A, "ask-early")
    given = dataclasses.replace(given, body="Ask within the hour.")
    edited = await content.edit(GUILD_A, "ask-early", given, MOD_A, based_on=rev)
    assert (edited.body, edited.language, edited.summary, edited.tags) == (
        "Ask within the hour.",
        "en",
        "",
        ("habits",),
    )


async def test_export_reads_back_through_import_and_ingest(
    content_db: Database, content: ContentService, tmp_path: Path
) -> None:
    entry = await content.add(GUILD_A, NEW, MOD_A)
    _, rev = await content.get(GUILD_A, "grad-needed")
    await content.edit(
        GUILD_A, "grad-needed", EntryInput(title="석사는 선택", body="A 서버 버전", kind="qa",
        topics=("grad-school",)), MOD_A, based_on=rev,
    )  # fmt: skip
    data, count = await content.export(GUILD_A, "own")
    assert count == 2
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == sorted([f"{entry.id}.md", "grad-needed.md"])

    again = await content.import_file(GUILD_A, "export.zip", data, MOD_A, apply=False)
    assert sorted(again.unchanged) == sorted([entry.id, "grad-needed"]) and not again.changes

    everything, total = await content.export(GUILD_A, "all")
    assert total == 3
    folder = tmp_path / "exported"
    zipfile.ZipFile(io.BytesIO(everything)).extractall(folder)
    (folder / "topics.yaml").write_text((tmp_path / "content" / "topics.yaml").read_text())
    fresh = await Database.open(tmp_path / "fresh.db")
    try:
        await ingest(fresh, folder)
        back = {e.id: e for e in await EntryRepository(fresh).list_live()}
        mine = {e.id: e for e in await EntryRepository(content_db).list_live(guild_id=GUILD_A)}
        assert mine and set(back) == set(mine)
        for entry_id, original in mine.items():
            read = back[entry_id]
            assert (read.title, read.body, read.tip, read.kind, read.topics, read.aliases) == (
                original.title, original.body, original.tip, original.kind, original.topics,
                original.aliases,
            )  # fmt: skip
    finally:
        await fresh.close()


async def test_import_plans_renames_clashes_and_applies_all_or_nothing(
    content_db: Database, content: ContentService
) -> None:
    own_b = await content.add(GUILD_B, NEW, MOD_B)
    files = {
        "new.md": curated("brand-new", "새 조언", "새 본문입니다."),
        "clash-shared.md": curated("portfolio-depth", "다른 내용", "덮어쓰면 안 됩니다."),
        "clash-b.md": curated(own_b.id, "B와 같은 id", "B의 것을 덮으면 안 됩니다."),
        "broken.md": "---\nid: Bad Id\ntitle: x\n---\n\nbody\n",
        "notes/readme.png": "ignored",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    data = buffer.getvalue()

    plan = await content.import_file(GUILD_A, "batch.zip", data, MOD_A, apply=False)
    assert not plan.applied
    assert [e.file for e in plan.errors] == ["broken.md"]
    assert dict(plan.renamed) == {"portfolio-depth": "portfolio-depth-2", own_b.id: f"{own_b.id}-2"}
    assert sorted(plan.added) == sorted(["brand-new", "portfolio-depth-2", f"{own_b.id}-2"])
    entries = EntryRepository(content_db)
    assert await entries.get("brand-new", guild_id=GUILD_A) is None  # a dry run writes nothing

    done = await content.import_file(GUILD_A, "batch.zip", data, MOD_A, apply=True)
    assert done.applied and done.added == plan.added
    assert await entries.get("brand-new", guild_id=GUILD_A) is not None
    assert await entries.get("brand-new", guild_id=GUILD_B) is None
    shared = await entries.get("portfolio-depth", guild_id=GUILD_A)
    assert shared is not None and shared.body == "프로젝트 하나를 끝까지 파고드세요."
    theirs = await entries.get(own_b.id, guild_id=GUILD_B)
    assert theirs is not None and theirs.body == NEW.body


async def test_visible_and_hidden_rows_split_every_row_for_each_server(
    content_db: Database, content: ContentService
) -> None:
    """scope.visible and scope.hidden_keys (what search leaves out) must never disagree."""
    await content.add(GUILD_A, NEW, MOD_A)
    await content.add(GUILD_B, NEW, MOD_B)
    await content.retire(GUILD_A, "grad-needed", MOD_A)
    _, rev = await content.get(GUILD_B, "portfolio-depth")
    await content.edit(
        GUILD_B, "portfolio-depth", EntryInput(title="B", body="B 버전", kind="tip"), MOD_B,
        based_on=rev,
    )  # fmt: skip
    everything = {
        r[0] for r in await (await content_db.reader.execute("SELECT id FROM entries")).fetchall()
    }
    for guild in (None, GUILD_A, GUILD_B, 3003):
        seen = {
            r[0]
            for r in await (
                await content_db.reader.execute(
                    f"SELECT e.id FROM entries e WHERE {scope.visible('e', guild)}"
                )
            ).fetchall()
        }
        hidden = {
            r[0]
            for r in await (await content_db.reader.execute(scope.hidden_keys(guild))).fetchall()
        }
        assert seen | hidden == everything and not seen & hidden, guild


async def test_the_tip_deck_of_a_server_deals_its_own_tips_only(
    content_db: Database, content: ContentService
) -> None:
    entry = await content.add(GUILD_A, NEW, MOD_A)
    await content.retire(GUILD_A, "portfolio-depth", MOD_A)
    store = TipRepository(content_db)
    deck_a = await store.reading().live_tip_ids(GUILD_A)
    deck_b = await store.reading().live_tip_ids(GUILD_B)
    assert deck_a == [entry.id]  # its own tip joined, the retired shared one left
    assert deck_b == ["portfolio-depth"]
    tips = TipService(
        tips=store, entries=EntryRepository(content_db), default_timezone="Asia/Seoul"
    )
    assert (await tips.today(GUILD_A)).entry_id == entry.id
    assert (await tips.today(GUILD_B)).entry_id == "portfolio-depth"


async def test_a_servers_tip_days_deal_count_and_replace_only_the_tips_it_sees(
    content_db: Database, content: ContentService
) -> None:
    """Server A has ten tips of its own; server B sees four (the shared one and three of its
    own). B's preview names B's tips only and comes true; B's days never repeat a tip within
    three days (its cycle keeps its own last two off the next one's top, counted from B's
    tips); and a shared tip B retires for itself is replaced on the day it was B's tip."""
    dated = dataclasses.replace
    for i in range(10):
        await content.add(GUILD_A, dated(NEW, title=f"A 서버 팁 {i}"), MOD_A)
    for i in range(3):
        await content.add(GUILD_B, dated(NEW, title=f"B 서버 팁 {i}"), MOD_B)
    store = TipRepository(content_db)
    b_tips = await store.reading().live_tip_ids(GUILD_B)
    assert len(b_tips) == 4 and "portfolio-depth" in b_tips
    tips = TipService(
        tips=store, entries=EntryRepository(content_db), default_timezone="Asia/Seoul"
    )
    today = await tips.local_today(GUILD_B)
    preview = [p.entry_id for p in await tips.preview(GUILD_B, 8)]
    days = [today + dt.timedelta(days=i) for i in range(40)]
    shown = [(await tips.tip_for(GUILD_B, day)).entry_id for day in days]
    assert preview == shown[:8]
    assert set(shown) == set(b_tips)
    assert all(len(set(shown[i : i + 3])) == 3 for i in range(len(shown) - 2)), shown
    deck = await store.reading().load_deck(GUILD_B)
    assert deck is not None and deck.keep_away == 2  # half of B's four, not of A's and B's

    day = days[shown.index("portfolio-depth")]
    await content.retire(GUILD_B, "portfolio-depth", MOD_B)
    replaced = await tips.tip_for(GUILD_B, day)
    assert replaced.entry_id in set(b_tips) - {"portfolio-depth"}


async def test_an_import_confirmed_after_someone_saved_overwrites_nothing(
    content_db: Database, content: ContentService
) -> None:
    """The dry run showed an update of the server's entry; another moderator saved it before
    Confirm: the import refuses whole (it overwrote the newer text before), and applies once
    planned again."""
    entry = await content.add(GUILD_A, NEW, MOD_A)
    data, _ = await content.export(GUILD_A, "own")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as out:
        for name in source.namelist():  # the export with the entry's body changed
            text = source.read(name).decode().replace(NEW.body, "가져온 본문입니다.")
            out.writestr(name, text)
        out.writestr("brand-new.md", "---\nid: brand-new\ntitle: 새 조언\n---\n\n새 본문\n")
    upload = buffer.getvalue()
    plan = await content.import_file(GUILD_A, "batch.zip", upload, MOD_A, apply=False)
    assert plan.updated == [entry.id] and plan.added == ["brand-new"]

    _, rev = await content.get(GUILD_A, entry.id)
    meanwhile = EntryInput(title=NEW.title, body="다른 운영진이 고친 본문", topics=NEW.topics)
    await content.edit(GUILD_A, entry.id, meanwhile, MOD_B, based_on=rev)
    with pytest.raises(StaleRevision):
        await content.import_file(
            GUILD_A, "batch.zip", upload, MOD_A, apply=True, expected=plan.based_on
        )
    kept, _ = await content.get(GUILD_A, entry.id)
    assert kept.body == "다른 운영진이 고친 본문"  # not overwritten
    assert (
        await EntryRepository(content_db).get("brand-new", guild_id=GUILD_A) is None
    )  # all or nothing

    again = await content.import_file(GUILD_A, "batch.zip", upload, MOD_A, apply=False)
    done = await content.import_file(
        GUILD_A, "batch.zip", upload, MOD_A, apply=True, expected=again.based_on
    )
    assert done.applied and (await content.get(GUILD_A, entry.id))[0].body == "가져온 본문입니다."
