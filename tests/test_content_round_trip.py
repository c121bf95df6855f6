"""Export then import (or ingest) gives back every field an entry has, not only its title and
body: the English title and summary, language, tags and the whole source (found by the
mutation audit: dropping any of them from the export failed no test)."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

from bot.content import ContentService
from bot.models import Entry
from bot.store.database import Database
from bot.store.entries import EntryRepository
from tests.helpers_content import GUILD_A, MOD_A, ingest

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
