"""Bad input: each problem is reported with the file and a reason, and every other file loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus.documents import DocumentError
from bot.corpus.taxonomy import parse_taxonomy
from bot.models import EntryDraft, IngestReport, Origin
from bot.services.ingest import IngestError
from bot.store.entries import EntryRepository
from tests.helpers_ingest import (
    StepClock,
    curated,
    ingest_service,
    live_titles,
    open_db,
    post,
    rows,
    table_state,
    write,
)

CLOCK = StepClock()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
TAXONOMY = """
topics:
  - id: grad-school
    ko: 대학원
    en: Graduate school
  - id: portfolio
    ko: 포트폴리오
    en: Portfolio
"""

# name -> (file bytes, words the reason must contain)
BAD_FILES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "bad-yaml": (
        b'---\nid: broken\ntitle: "unclosed\ntopics: [a\n---\n\nbody text\n',
        ("bad YAML frontmatter",),
    ),
    "bad-yaml-line": (
        "---\nid: ok-id\ntitle: 제목\nsource: {speaker: 박은정\n---\n\n본문\n".encode(),
        ("bad YAML frontmatter at line",),
    ),
    "latin-1": (
        "# Café\n\nUn conseil très utile pour l'entretien.\n".encode("latin-1"),
        ("not UTF-8", "0xe9"),
    ),
    "cp949": (
        "# 면접 후기\n\n선배의 조언을 꼭 들으세요.\n".encode("cp949"),
        ("not UTF-8", "UTF-8"),
    ),
    "png": (PNG, ("binary",)),
    "empty": (b"", ("empty file",)),
    "whitespace": (b"  \n\t\n   \r\n", ("empty file",)),
    "title-list": (curated("title-list", "[a, b]").encode(), ("'title'", "must be text", "list")),
    "topics-number": (
        curated("topics-number", "제목", topics="3").encode(),
        ("'topics'", "list of text", "number"),
    ),
    "source-text": (
        curated("source-text", "제목", source='"x"').encode(),
        ("'source'", "mapping", "text"),
    ),
    "bad-date": (
        curated("bad-date", "제목", source="{date: 2024-02-30}").encode(),
        ("bad YAML frontmatter", "day is out of range"),
    ),
    "bad-kind": (curated("bad-kind", "제목", kind="story").encode(), ("kind must be one of",)),
    "bad-id": (curated("Bad_ID!", "제목").encode(), ("id 'Bad_ID!'", "lowercase")),
    "no-title": (b"---\nid: no-title\n---\n\nbody\n", ("'title' is missing",)),
    "no-body": (b"---\nid: no-body\ntitle: t\n---\n\n<br><img src='x.png'>\n", ("no body text",)),
    "unknown-topic": (
        curated("unknown-topic", "제목", topics="[nope]").encode(),
        ("unknown topic 'nope'", "topics.yaml"),
    ),
}


def good_files(folder: Path) -> None:
    write(folder / "topics.yaml", TAXONOMY)
    write(
        folder / "good-entry.md",
        curated("good-entry", "대학원은 연구가 좋을 때", topics="[grad-school]"),
    )
    write(
        folder / "good-post.md",
        post(
            "면접 후기",
            {"코딩 테스트": "매일 한 문제씩 푸세요.", "기술 면접": "모르면 모른다고 하세요."},
        ),
    )


GOOD_TITLES = ["대학원은 연구가 좋을 때", "코딩 테스트", "기술 면접"]


async def ingest(db_path: Path, *paths: Path, **kwargs: bool) -> IngestReport:
    db = await open_db(db_path)
    try:
        return await ingest_service(db, clock=CLOCK).ingest(list(paths), **kwargs)
    finally:
        await db.close()


@pytest.mark.parametrize("case", sorted(BAD_FILES))
async def test_bad_file_is_reported_and_the_rest_loads(tmp_path: Path, case: str) -> None:
    data, words = BAD_FILES[case]
    folder = tmp_path / "advice"
    good_files(folder)
    (folder / f"{case}.md").write_bytes(data)

    report = await ingest(tmp_path / "sunbae.db", folder)
    assert [e.file for e in report.errors] == [f"advice/{case}.md"]
    reason = report.errors[0].reason
    for word in words:
        assert word in reason, reason
    assert "\n" not in reason
    assert "Traceback" not in reason
    assert report.added == len(GOOD_TITLES)
    assert sorted(live_titles(tmp_path / "sunbae.db")) == sorted(GOOD_TITLES)


async def test_all_bad_files_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    good_files(folder)
    for case, (data, _) in BAD_FILES.items():
        (folder / f"{case}.md").write_bytes(data)
    report = await ingest(tmp_path / "sunbae.db", folder)
    assert sorted(e.file for e in report.errors) == sorted(f"advice/{c}.md" for c in BAD_FILES)
    assert sorted(live_titles(tmp_path / "sunbae.db")) == sorted(GOOD_TITLES)
    # Each is reported again on the next run (none was recorded as seen), nothing else changes.
    again = await ingest(tmp_path / "sunbae.db", folder)
    assert len(again.errors) == len(BAD_FILES)
    assert (again.added, again.updated, again.retired) == (0, 0, 0)


async def test_duplicate_id_in_two_files(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    good_files(folder)
    write(folder / "a-first.md", curated("same-id", "첫 번째 파일"))
    write(folder / "b-second.md", curated("same-id", "두 번째 파일"))
    report = await ingest(tmp_path / "sunbae.db", folder)
    assert [(e.file, e.reason) for e in report.errors] == [
        ("advice/b-second.md", "id 'same-id' is already used by advice/a-first.md")
    ]
    assert "첫 번째 파일" in live_titles(tmp_path / "sunbae.db")
    assert "두 번째 파일" not in live_titles(tmp_path / "sunbae.db")
    assert report.added == len(GOOD_TITLES) + 1


async def test_id_of_a_moderator_entry_is_refused_and_left_alone(tmp_path: Path) -> None:
    db_path = tmp_path / "sunbae.db"
    db = await open_db(db_path)
    try:
        async with db.transaction() as conn:
            await EntryRepository.upsert_many(
                conn,
                [(EntryDraft("mod-tip", "모더레이터의 팁", "직접 쓴 조언입니다."), "h", "add")],
                origin=Origin.MODERATOR, root=None, now="2025-01-01T00:00:00+00:00", actor="42",
            )  # fmt: skip
    finally:
        await db.close()
    before = rows(db_path, "SELECT * FROM entries")

    folder = tmp_path / "advice"
    good_files(folder)
    write(folder / "clash.md", curated("mod-tip", "파일이 덮어쓰려는 제목"))
    report = await ingest(db_path, folder)
    assert [(e.file, e.reason) for e in report.errors] == [
        ("advice/clash.md", "id 'mod-tip' belongs to a moderator's entry; choose another id")
    ]
    assert rows(db_path, "SELECT * FROM entries WHERE id = 'mod-tip'") == before
    assert report.added == len(GOOD_TITLES)

    # Removing every file (and saying so) retires the file entries, never the moderator's.
    for file in folder.glob("*.md"):
        file.unlink()
    report = await ingest(db_path, folder, allow_empty=True)
    assert report.retired == len(GOOD_TITLES)
    assert live_titles(db_path) == ["모더레이터의 팁"]


async def test_unknown_topic_is_fine_without_a_taxonomy(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    write(folder / "a.md", curated("free-topic", "제목입니다", topics="[anything]"))
    report = await ingest(tmp_path / "sunbae.db", folder)
    assert report.errors == []
    assert report.added == 1


async def test_bad_taxonomy_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    write(folder / "topics.yaml", "topics:\n  - id: Bad Id\n    ko: 나쁨\n    en: Bad\n")
    write(folder / "a.md", curated("entry-a", "제목입니다"))
    report = await ingest(tmp_path / "sunbae.db", folder)
    assert [e.file for e in report.errors] == ["advice/topics.yaml"]
    assert "topic #1" in report.errors[0].reason
    assert report.added == 1


@pytest.mark.parametrize(
    ("topics", "reason"),
    [
        (
            "  - {id: grad-school, ko: 대학원, en: Grad school}\n"
            "  - {id: grad-school, ko: 석사, en: Masters}\n",
            "topic #2: id 'grad-school' appears twice",
        ),
        ("  - {id: grad-school, en: Grad school}\n", "topic #1: field 'ko' is missing"),
    ],
)
def test_a_taxonomy_with_a_topic_twice_or_unnamed_is_refused(topics: str, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        parse_taxonomy(f"topics:\n{topics}".encode())


async def test_missing_path_is_reported(tmp_path: Path) -> None:
    report = await ingest(tmp_path / "sunbae.db", tmp_path / "nowhere")
    assert [(e.file, e.reason) for e in report.errors] == [
        (str(tmp_path / "nowhere"), "no such file or folder")
    ]


async def test_strict_makes_any_problem_fatal_and_writes_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "sunbae.db"
    folder = tmp_path / "advice"
    good_files(folder)
    await ingest(db_path, folder)
    before = table_state(db_path)

    write(folder / "new-good.md", curated("new-good", "새 항목"))
    (folder / "good-post.md").unlink()
    (folder / "broken.md").write_bytes(b"\xff\xfe\xfa broken")
    with pytest.raises(IngestError) as caught:
        await ingest(db_path, folder, strict=True)
    assert str(caught.value).startswith("advice/broken.md: ")
    assert caught.value.report.added == 1  # what would have happened
    assert table_state(db_path) == before  # no entry, no retirement, no run record

    (folder / "broken.md").unlink()
    report = await ingest(db_path, folder, strict=True)
    assert (report.added, report.retired) == (1, 2)


async def test_check_writes_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "sunbae.db"
    folder = tmp_path / "advice"
    good_files(folder)
    (folder / "empty.md").write_bytes(b"")
    db = await open_db(db_path)
    try:
        report = await ingest_service(db).check([folder])
    finally:
        await db.close()
    assert [e.file for e in report.errors] == ["advice/empty.md"]
    assert report.added == len(GOOD_TITLES)
    assert all(not v for v in table_state(db_path).values())
