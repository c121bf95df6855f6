"""Export then import (or ingest) gives back every field an entry has, not only its title and
body: the English title and summary, language, tags and the whole source; and what an upload
leaves out or refuses (found by the mutation audit: no test failed without these)."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest

from bot.content import ContentService, archive
from bot.models import Entry
from bot.store.database import Database
from bot.store.entries import EntryRepository
from tests.helpers_content import GUILD_A, MOD_A, curated, ingest

RICH = """\
---
id: offer-english
title: 오퍼 협상은 숫자로
title_en: Negotiate an offer with numbers
summary: Bring the market figures, not feelings.
language: en
kind: tip
tip: 숫자를 들고 가세요!
topics: [portfolio]
aliases: [연봉 협상]
tags: [offer, salary]
source:
  post: 협상 이야기
  event: 선배 특강
  speaker: 선배 김
  cohort: 3기
  date: 2026-05-04
  url: https://example.com/offer
---

연봉 협상은 시장의 숫자를 들고 가면 됩니다.
"""


def fields(entry: Entry) -> tuple[object, ...]:
    """What campers and moderators see of an entry (its storage details aside)."""
    source = dataclasses.replace(entry.source, file=None)
    return (
        entry.title, entry.title_en, entry.summary, entry.language, entry.kind, entry.tip,
        entry.topics, entry.aliases, entry.tags, source, entry.body,
    )  # fmt: skip


async def test_every_field_survives_export_import_and_ingest(
    content_db: Database, content: ContentService, tmp_path: Path
) -> None:
    folder = tmp_path / "content"
    (folder / "offer.md").write_text(RICH, encoding="utf-8")
    await ingest(content_db, folder)
    entries = EntryRepository(content_db)
    original = await entries.get("offer-english", guild_id=GUILD_A)
    assert original is not None and original.title_en and original.source.url

    data, _ = await content.export(GUILD_A, "all")
    again = await content.import_file(GUILD_A, "export.zip", data, MOD_A, apply=False)
    assert not again.changes and "offer-english" in again.unchanged  # nothing lost on the way

    exported = tmp_path / "exported"
    zipfile.ZipFile(io.BytesIO(data)).extractall(exported)
    (exported / "topics.yaml").write_text((folder / "topics.yaml").read_text())
    fresh = await Database.open(tmp_path / "fresh.db")
    try:
        await ingest(fresh, exported)
        back = await EntryRepository(fresh).get("offer-english")
        assert back is not None and fields(back) == fields(original)
    finally:
        await fresh.close()


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


async def test_a_zip_made_on_a_mac_imports_without_its_hidden_files(
    content: ContentService,
) -> None:
    data = zipped(
        {
            "advice/new.md": curated("brand-new", "새 조언", "새 본문입니다."),
            "__MACOSX/advice/._new.md": "\x00\x05\x16\x07 AppleDouble",
            "advice/.draft.md": curated("hidden-draft", "숨긴 초안", "보이면 안 됩니다."),
            "advice/_notes.md": curated("underscored", "메모", "보이면 안 됩니다."),
        }
    )
    plan = await content.import_file(GUILD_A, "mac.zip", data, MOD_A, apply=False)
    assert plan.added == ["brand-new"] and not plan.errors


async def test_an_upload_over_the_limits_is_refused_whole(
    content: ContentService, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"a{n}.md": curated(f"a{n}", f"조언 {n}", "본문 " * 200) for n in range(3)}
    monkeypatch.setattr(archive, "MAX_FILES", 2)
    many = await content.import_file(GUILD_A, "many.zip", zipped(files), MOD_A, apply=True)
    assert [e.code for e in many.errors] == ["too_many_files"] and not many.changes
    monkeypatch.setattr(archive, "MAX_FILES", 10)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 2000)  # each file is ~1.2 kB unpacked
    big = await content.import_file(GUILD_A, "big.zip", zipped(files), MOD_A, apply=True)
    assert [e.code for e in big.errors] == ["too_big_unpacked"] and not big.changes
    assert not big.applied


async def test_a_clash_renamed_to_an_id_the_same_upload_brings_gets_another(
    content_db: Database, content: ContentService
) -> None:
    """portfolio-depth is taken (shared): its copy would be portfolio-depth-2, which a file of
    the same upload brings; both are added, neither overwrites the other."""
    data = zipped(
        {
            "a.md": curated("portfolio-depth-2", "두 번째 글", "이 파일의 본문입니다."),
            "b.md": curated("portfolio-depth", "다른 내용", "덮어쓰면 안 됩니다."),
        }
    )
    done = await content.import_file(GUILD_A, "two.zip", data, MOD_A, apply=True)
    assert done.applied and len(set(done.added)) == 2 and "portfolio-depth-2" in done.added
    entries = EntryRepository(content_db)
    bodies = {e.body for e in await entries.get_many(done.added, guild_id=GUILD_A)}
    assert bodies == {"이 파일의 본문입니다.", "덮어쓰면 안 됩니다."}


async def test_a_file_under_an_unknown_topic_is_refused(content: ContentService) -> None:
    data = curated("stray", "모르는 주제", "본문입니다.", topics="no-such-topic").encode()
    plan = await content.import_file(GUILD_A, "stray.md", data, MOD_A, apply=False)
    assert not plan.added and [e.file for e in plan.errors] == ["stray.md"]
