"""Ingesting the real blog posts in ../shared/corpus, and doing it again: incremental, idempotent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.corpus.documents import draft_hash
from bot.models import EntryDraft, IngestReport, Kind, Source
from bot.services import ingest as ingest_module
from bot.store import search_index
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.ingest_state import IngestStateRepository
from tests.helpers_ingest import (
    CSO_TALK_POST,
    DAY27_POST,
    INFO_SESSION_POST,
    LEE_POST,
    REVIEW_POST,
    StepClock,
    copy_corpus,
    corpus_file,
    curated,
    ingest_service,
    live_titles,
    open_db,
    post,
    rows,
    table_state,
    write,
)

CONTENT = Path(__file__).resolve().parents[1] / "content"
CLOCK = StepClock()  # one clock for every run, so each run's `now` is later than the last


async def ingest(db_path: Path, *paths: Path, **kwargs: bool) -> IngestReport:
    db = await open_db(db_path)
    try:
        return await ingest_service(db, clock=CLOCK).ingest(list(paths), **kwargs)
    finally:
        await db.close()


def spy(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    """Record the calls of `owner.name` (still made)."""
    calls: list[object] = []
    real = getattr(owner, name)

    def recorded(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def entry_rows(db_path: Path) -> dict[str, tuple[object, ...]]:
    return {r[0]: r[1:] for r in rows(db_path, "SELECT * FROM entries")}


def updated_at(db_path: Path) -> dict[str, str]:
    return dict(rows(db_path, "SELECT id, updated_at FROM entries"))  # type: ignore[arg-type]


def meta(db_path: Path, prefix: str) -> set[tuple[object, ...]]:
    """(post title, date, tags) of a file's live entries."""
    return set(
        rows(
            db_path,
            "SELECT source_post, source_date, tags FROM entries"
            " WHERE retired = 0 AND instr(source_file, ?)",
            (prefix,),
        )
    )


def revisions(db_path: Path) -> list[tuple[object, ...]]:
    return rows(db_path, "SELECT entry_id, action FROM entry_revisions ORDER BY id")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus")


@pytest.fixture
async def loaded(tmp_path: Path, corpus: Path) -> Path:
    """The database after one clean ingest of the corpus copy."""
    db_path = tmp_path / "sunbae.db"
    report = await ingest(db_path, corpus)
    assert report.errors == []
    return db_path


# -- what the corpus becomes -----------------------------------------------------------------------


async def test_corpus_loads_with_no_errors(tmp_path: Path, corpus: Path) -> None:
    report = await ingest(tmp_path / "sunbae.db", corpus)
    assert report.errors == []
    assert report.files == 5
    assert report.added >= 80
    assert report.updated == report.retired == report.unchanged == 0
    count = rows(tmp_path / "sunbae.db", "SELECT count(*) FROM entries WHERE retired = 0")
    assert count[0][0] == report.added
    files = rows(tmp_path / "sunbae.db", "SELECT DISTINCT source_file FROM entries")
    assert len(files) == 5


async def test_day27_one_entry_per_question(loaded: Path, corpus: Path) -> None:
    titles = live_titles(loaded, DAY27_POST)
    assert 26 <= len(titles) <= 28
    source = corpus_file(corpus, DAY27_POST).read_text(encoding="utf-8")
    questions = [ln[2:].strip() for ln in source.splitlines() if re.match(r"- .*\?\s*$", ln)]
    assert len(questions) >= 20
    for question in questions:
        assert question in titles
    assert "인턴을 여러번하면 부정적?" in titles
    assert "참여해볼만한 오픈소스 개발?" in titles


async def test_lee_master_class_has_18_questions_and_closing(loaded: Path, corpus: Path) -> None:
    titles = live_titles(loaded, LEE_POST)
    source = corpus_file(corpus, LEE_POST).read_text(encoding="utf-8")
    pre = source.split("## 사전질문", 1)[1].split("## 캠퍼분들께", 1)[0]
    questions = [ln[2:].strip() for ln in pre.splitlines() if ln.startswith("- ")]
    assert len(questions) == 18
    assert titles == [*questions, "캠퍼분들께 마지막으로 하시는 말씀"]
    bodies = dict(
        rows(loaded, "SELECT title, body FROM entries WHERE instr(source_file, ?)", (LEE_POST,))
    )
    first = bodies[questions[0]]
    assert "6개월이면 다들 성과는 올릴 수 있다" in first
    assert "AI 분야의 신입 엔지니어" not in first  # the next question is its own entry


async def test_cso_talk_faq_items_are_entries_titled_by_question(
    loaded: Path, corpus: Path
) -> None:
    titles = live_titles(loaded, CSO_TALK_POST)
    source = corpus_file(corpus, CSO_TALK_POST).read_text(encoding="utf-8")
    faq = re.findall(r"<b>Q\. (.+?)</b>", source)
    assert len(faq) == 8
    for question in faq:
        assert question in titles
    assert not any(t.startswith(("Q.", "Q:")) for t in titles)
    assert "AI 엔지니어로 회사에 입사하기 위해 석사/박사 학위를 받아야 하나요?" in titles
    body = rows(
        loaded,
        "SELECT body FROM entries WHERE title = ?",
        ("AI 엔지니어로 회사에 입사하기 위해 석사/박사 학위를 받아야 하나요?",),
    )[0][0]
    assert body.startswith("- **아뇨.**")


async def test_info_session_qa_section_has_12_entries(loaded: Path, corpus: Path) -> None:
    titles = live_titles(loaded, INFO_SESSION_POST)
    source = corpus_file(corpus, INFO_SESSION_POST).read_text(encoding="utf-8")
    qa = source.split("\nQ&A\n", 1)[1].split("3. AI 취업 방법", 1)[0]
    items = [ln.strip("• ").strip() for ln in qa.splitlines() if ln.startswith("  • ")]
    assert len(items) == 12
    start = titles.index(items[0])
    assert titles[start : start + 12] == items


async def test_known_titles_are_present(loaded: Path) -> None:
    titles = set(live_titles(loaded))
    for title in (
        "Upstage Ai-Lab 추천하시나요??",
        "기술 면접",
        "딥러닝 코딩 테스트(파일럿 프로젝트)",
        "대학원 진학이 고민이라면?",
        "비전공자인데 AI 엔지니어로 취직할 때 불리할까요?",
        "기술 블로그를 운영하는 게 도움이 될까?",
        "캠퍼분들께 마지막으로 하시는 말씀",
        "석사학력은 필수인가?",
        "신입 엔지니어의 주요 역량",
    ):
        assert title in titles, title
    assert all(0 < len(t) <= 200 for t in titles)
    assert not any(t.startswith(("#", "-", "*", ":")) or "<" in t for t in titles)


async def test_metadata_of_posts(loaded: Path) -> None:
    day27 = meta(loaded, DAY27_POST)
    assert day27 == {
        (
            "[부스트캠프 AI Tech / Day27] 마스터클래스 - 박은정 마스터",
            "2021-03-02",  # from the misspelt `data:` key
            json.dumps(["네이버 부스트캠프 AI Tech", "Master_Class", "AI"], ensure_ascii=False),
        )
    }
    info = meta(loaded, INFO_SESSION_POST)
    assert {(p, d) for p, d, _ in info} == {("24.02.07 Upstage AI Lab 3기 설명회", "2024-02-07")}
    review = meta(loaded, REVIEW_POST)
    assert len(review) == 1
    post_title, date, tags = review.pop()
    assert post_title == "Upstage Ai-Lab 3기 끝맺음"
    assert date is None
    # `categories:` and the misspelt `tag:` both become tags.
    assert json.loads(str(tags)) == ["Upstage-Ai-Lab-3기", "Upstage Ai-Lab 3기"]
    lee = meta(loaded, LEE_POST)
    assert {p for p, _, _ in lee} == {"Week 6 월요일 마스터클래스 1 - 이활석 CTO님(03.02)"}


async def test_events_follow_the_post_structure(loaded: Path) -> None:
    events = dict(
        rows(
            loaded,
            "SELECT title, source_event FROM entries WHERE instr(source_file, ?)",
            (INFO_SESSION_POST,),
        )
    )
    assert events["AI 트랜드"] == "AI 학습법"
    assert events["석사학력은 필수인가?"] == "AI 트렌드 변화"
    assert events["신입 엔지니어의 주요 역량"] == "AI 취업 방법"
    kinds = dict(rows(loaded, "SELECT title, kind FROM entries"))
    assert kinds["석사학력은 필수인가?"] == Kind.QA
    assert kinds["신입 엔지니어의 주요 역량"] == Kind.INSIGHT


async def test_no_markup_leftovers_in_bodies(loaded: Path) -> None:
    bodies = rows(loaded, "SELECT title, body FROM entries")
    assert len(bodies) >= 80
    for title, body in bodies:
        text = f"{title}\n{body}"
        for leftover in (
            "<br",
            "<b>",
            "</b>",
            "<img",
            "<u>",
            "{{",
            "{%",
            "site.url",
            "본문 바로가기",
        ):
            assert leftover not in text, (title, leftover)
        for line in str(body).splitlines():
            assert not line.startswith(": :"), (title, line)
            assert not line.lstrip().startswith("•"), (title, line)
        assert str(body).strip("\n") == body and str(body).strip()


# -- date, tag and frontmatter handling in small posts ---------------------------------------------


async def test_date_key_and_title_date(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    write(
        folder / "a.md",
        post(
            "면접 후기", {"준비": "하루 한 문제씩 꾸준히 풀었다."}, date="2023-11-05 10:00:00 +0900"
        ),
    )
    write(folder / "b.md", post("23.1.9 네트워킹 데이", {"후기": "선배들과 이야기를 나눴다."}))
    write(
        folder / "c.md",
        post(
            "날짜 없는 글",
            {"내용": "날짜가 없는 글도 잘 들어간다."},
            date="2023-11-05",
            data="2020-01-01",
        ),
    )
    report = await ingest(tmp_path / "sunbae.db", folder)
    assert report.errors == []
    dates = dict(rows(tmp_path / "sunbae.db", "SELECT source_file, source_date FROM entries"))
    assert dates == {
        "posts/a.md": "2023-11-05",
        "posts/b.md": "2023-01-09",
        "posts/c.md": "2023-11-05",
    }


async def test_horizontal_rules_in_a_post_without_frontmatter(tmp_path: Path) -> None:
    # Two `---` rules used to be read as frontmatter: the text before them was lost.
    folder = tmp_path / "posts"
    write(
        folder / "rules.md",
        """
        # 면접 후기

        첫 문단입니다. 아주 중요한 조언이 여기에 있습니다.

        ---

        ## 코딩 테스트

        매일 연습하세요: 하루 한 문제씩.

        ---

        ## 마무리 인사

        끝까지 포기하지 마세요.
        """,
    )
    report = await ingest(tmp_path / "sunbae.db", folder)
    assert report.errors == []
    titles = live_titles(tmp_path / "sunbae.db")
    assert titles == ["면접 후기", "코딩 테스트", "마무리 인사"]
    bodies = [r[0] for r in rows(tmp_path / "sunbae.db", "SELECT body FROM entries")]
    assert any("하루 한 문제씩" in b for b in bodies)
    assert not any("---" in b for b in bodies)


# -- a second run, edits, removals -----------------------------------------------------------------


async def test_second_run_writes_nothing(loaded: Path, corpus: Path) -> None:
    before = table_state(loaded)
    report = await ingest(loaded, corpus)
    assert (report.added, report.updated, report.retired) == (0, 0, 0)
    assert report.unchanged == len(before["entries"])
    assert report.skipped_files == 5  # same size and mtime: not even read
    after = table_state(loaded)
    for table in ("entries", "entry_topics", "entry_revisions", "source_files", "topics"):
        assert after[table] == before[table], table
    assert len(after["ingest_runs"]) == len(before["ingest_runs"]) + 1


async def test_touched_file_with_same_content_is_unchanged(
    loaded: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = entry_rows(loaded)
    parsed = spy(monkeypatch, ingest_module, "read_document")
    write(
        corpus_file(corpus, LEE_POST),
        corpus_file(corpus, LEE_POST).read_text("utf-8"),
        dedent=False,
    )
    report = await ingest(loaded, corpus)
    assert parsed == []  # read and hashed: the same bytes are not parsed again
    assert (report.added, report.updated, report.retired) == (0, 0, 0)
    assert report.skipped_files == 4
    assert entry_rows(loaded) == before
    # The new mtime is remembered: the next run skips the file again.
    assert (await ingest(loaded, corpus)).skipped_files == 5


async def test_editing_one_file_changes_only_its_entries(loaded: Path, corpus: Path) -> None:
    before = updated_at(loaded)
    revs = len(revisions(loaded))
    lee = corpus_file(corpus, LEE_POST)
    text = lee.read_text("utf-8")
    assert "러닝커브가 좋으면 어떻게든 하시는거 같아요." in text
    write(
        lee,
        text.replace("러닝커브가 좋으면 어떻게든 하시는거 같아요.", "러닝커브가 전부입니다."),
        dedent=False,
    )

    report = await ingest(loaded, corpus)
    assert (report.added, report.updated, report.retired) == (0, 1, 0)
    after = updated_at(loaded)
    changed = {i for i in before if before[i] != after[i]}
    assert len(changed) == 1
    (entry_id,) = changed
    body = rows(loaded, "SELECT body, source_file FROM entries WHERE id = ?", (entry_id,))[0]
    assert "러닝커브가 전부입니다." in body[0]
    assert LEE_POST in body[1]
    assert revisions(loaded)[revs:] == [(entry_id, "file_update")]


async def test_removed_file_retires_its_entries_and_readding_restores(
    loaded: Path, corpus: Path
) -> None:
    info = corpus_file(corpus, INFO_SESSION_POST)
    data = info.read_bytes()
    titles = live_titles(loaded, INFO_SESSION_POST)
    total = len(live_titles(loaded))
    info.unlink()

    report = await ingest(loaded, corpus)
    assert report.retired == len(titles)
    assert (report.added, report.updated) == (0, 0)
    assert live_titles(loaded, INFO_SESSION_POST) == []
    assert len(live_titles(loaded)) == total - len(titles)
    assert not rows(loaded, "SELECT * FROM source_files WHERE instr(path, ?)", (INFO_SESSION_POST,))
    db = await Database.open(loaded)
    try:
        stats = await EntryRepository(db).stats()
    finally:
        await db.close()
    assert stats["retired"] == len(titles)
    assert stats["sources"] == 4

    info.write_bytes(data)
    report = await ingest(loaded, corpus)
    assert report.updated == len(titles)
    assert report.added == report.retired == 0
    assert live_titles(loaded, INFO_SESSION_POST) == titles
    actions = [a for _, a in revisions(loaded)]
    assert actions.count("retire") == actions.count("restore") == len(titles)


async def test_removed_section_retires_just_that_entry(loaded: Path, corpus: Path) -> None:
    review = corpus_file(corpus, REVIEW_POST)
    text = review.read_text("utf-8")
    start = text.index("## 5.기술 면접")
    end = text.index("# [Upstage]김윤기")
    before = updated_at(loaded)
    write(review, text[:start] + text[end:], dedent=False)

    report = await ingest(loaded, corpus)
    assert (report.added, report.updated, report.retired) == (0, 0, 1)
    assert "기술 면접" not in live_titles(loaded)
    # The entries below it moved up (order kept) without counting as edits.
    positions = [
        r[0]
        for r in rows(
            loaded,
            "SELECT position FROM entries WHERE retired = 0 AND instr(source_file, ?) ORDER BY position",
            (REVIEW_POST,),
        )
    ]
    assert positions == list(range(len(positions)))
    after = updated_at(loaded)
    assert [i for i in before if before[i] != after[i]] == [
        r[0] for r in rows(loaded, "SELECT id FROM entries WHERE title = '기술 면접'")
    ]

    write(review, text, dedent=False)
    report = await ingest(loaded, corpus)
    assert (report.added, report.updated, report.retired) == (0, 1, 0)
    assert "기술 면접" in live_titles(loaded)


async def test_failed_file_keeps_its_entries_until_fixed(loaded: Path, corpus: Path) -> None:
    lee = corpus_file(corpus, LEE_POST)
    text = lee.read_text("utf-8")
    titles = live_titles(loaded, LEE_POST)
    lee.write_bytes(text.encode("cp949", errors="replace"))

    report = await ingest(loaded, corpus)
    assert [e.file for e in report.errors] == [f"corpus/{lee.name}"]
    assert report.retired == 0
    assert live_titles(loaded, LEE_POST) == titles  # bad input loses nothing

    write(lee, text, dedent=False)
    report = await ingest(loaded, corpus)
    assert report.errors == []
    assert (report.added, report.updated, report.retired) == (0, 0, 0)


@pytest.mark.parametrize(
    "target",
    [
        # staging the second folder's entries: the first folder's are staged already
        (EntryRepository, "stage_rows", 2),
        (EntryRepository, "write_staged", 1),  # publishing them all
        (search_index, "index_bulk", 1),  # with the search triggers paused
        (IngestStateRepository, "record_files", 2),  # the first folder's files are recorded
    ],
)
async def test_crash_mid_run_leaves_previous_state(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, target: tuple[object, str, int]
) -> None:
    owner, name, crashing_call = target
    real = getattr(owner, name)
    calls = 0

    async def crash_on_second_call(*args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == crashing_call:
            raise RuntimeError("disk on fire")
        await real(*args, **kwargs)

    db_path = tmp_path / "sunbae.db"
    extra = tmp_path / "extra"
    write(extra / "tip.md", curated("extra-tip", "추가 조언"))
    first = await ingest(db_path, corpus, extra)
    assert first.added >= 80
    before = table_state(db_path)

    corpus_file(corpus, INFO_SESSION_POST).unlink()
    lee = corpus_file(corpus, LEE_POST)
    write(lee, lee.read_text("utf-8").replace("러닝 커브", "학습 곡선"), dedent=False)
    write(extra / "tip.md", curated("extra-tip", "고친 조언"))
    write(extra / "new.md", curated("extra-new", "새 조언"))
    monkeypatch.setattr(owner, name, staticmethod(crash_on_second_call))
    with pytest.raises(RuntimeError, match="disk on fire"):
        await ingest(db_path, corpus, extra)
    assert calls == crashing_call
    assert table_state(db_path) == before
    assert rows(db_path, "SELECT value FROM search_meta WHERE key = 'paused'") == [(0,)]

    monkeypatch.setattr(owner, name, real)
    report = await ingest(db_path, corpus, extra)
    assert report.errors == []
    assert report.added == 1
    assert report.updated >= 2
    assert report.retired == len([t for t in before["entries"] if INFO_SESSION_POST in str(t)])
    assert "고친 조언" in live_titles(db_path)


# -- ids that move, repeat, or are named twice -----------------------------------------------------


async def test_curated_entry_moved_to_another_file_stays_live(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    write(folder / "b-old.md", curated("grad-school", "대학원 가야 하나요?"))
    db_path = tmp_path / "sunbae.db"
    assert (await ingest(db_path, folder)).added == 1

    (folder / "b-old.md").unlink()
    write(folder / "a-new.md", curated("grad-school", "대학원 가야 하나요?"))
    report = await ingest(db_path, folder)
    assert report.errors == []
    assert report.retired == 0
    assert rows(db_path, "SELECT source_file, retired FROM entries") == [("advice/a-new.md", 0)]


async def test_duplicate_id_added_later_does_not_take_over(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    write(folder / "b.md", curated("portfolio", "포트폴리오는 적고 깊게"))
    db_path = tmp_path / "sunbae.db"
    await ingest(db_path, folder)
    before = entry_rows(db_path)

    write(folder / "a.md", curated("portfolio", "다른 글의 같은 id"))
    report = await ingest(db_path, folder)
    assert [(e.file, e.reason) for e in report.errors] == [
        ("advice/a.md", "id 'portfolio' is already used by advice/b.md")
    ]
    # 'files' counts the files loaded: b.md, not a.md as well ('2 files loaded, 1 refused')
    assert report.files == 1
    assert entry_rows(db_path) == before
    assert live_titles(db_path) == ["포트폴리오는 적고 깊게"]


async def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    one = write(folder / "one.md", curated("one-entry", "하나"))
    report = await ingest(tmp_path / "sunbae.db", one, folder, one)
    assert report.errors == []
    assert (report.files, report.added) == (1, 1)
    assert [a for _, a in revisions(tmp_path / "sunbae.db")] == ["add"]


async def test_taxonomy_links_topics(tmp_path: Path) -> None:
    folder = tmp_path / "advice"
    write(
        folder / "topics.yaml",
        """
        topics:
          - id: grad-school
            ko: 대학원
            en: Graduate school
            aliases: [석사, 박사]
          - id: portfolio
            ko: 포트폴리오
            en: Portfolio
        """,
    )
    write(
        folder / "a.md",
        curated("grad-school-or-not", "대학원 가야 하나요?", topics="[grad-school]"),
    )
    db_path = tmp_path / "sunbae.db"
    report = await ingest(db_path, folder)
    assert report.errors == []
    assert report.topics == 2
    assert rows(db_path, "SELECT entry_id, topic_id FROM entry_topics") == [
        ("grad-school-or-not", "grad-school")
    ]
    again = await ingest(db_path, folder)
    assert again.topics == 0
    assert again.unchanged == 1


async def test_single_file_ingest_does_not_retire_its_neighbours(
    loaded: Path, corpus: Path
) -> None:
    total = len(live_titles(loaded))
    report = await ingest(loaded, corpus_file(corpus, LEE_POST))
    assert report.retired == 0
    assert len(live_titles(loaded)) == total


async def test_dry_run_writes_nothing(tmp_path: Path, corpus: Path) -> None:
    db_path = tmp_path / "sunbae.db"
    db = await open_db(db_path)
    try:
        report = await ingest_service(db).check([corpus])
    finally:
        await db.close()
    assert report.added >= 80
    assert all(not v for v in table_state(db_path).values())


async def test_parallel_parse_gives_the_same_entries_as_serial(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big run parses in worker processes; the result must not depend on it."""
    import bot.services.ingest as ingest_module

    async def run(db_path: Path) -> IngestReport:
        db = await Database.open(db_path)
        try:
            return await ingest_service(db, infer=True).ingest([corpus, CONTENT])
        finally:
            await db.close()

    serial = await run(tmp_path / "serial.db")
    monkeypatch.setattr(ingest_module, "_PARALLEL_MIN", 1)
    monkeypatch.setattr(ingest_module, "_FIRST_CHUNKS", (2, 5))
    monkeypatch.setattr(ingest_module, "_CHUNK", 7)
    parallel = await run(tmp_path / "parallel.db")
    assert parallel.as_dict() | {"run_id": None} == serial.as_dict() | {"run_id": None}
    assert parallel.added > 200

    def undated(path: Path) -> dict[str, tuple[object, ...]]:
        return {k: v[:-2] for k, v in entry_rows(path).items()}  # created_at, updated_at last

    assert undated(tmp_path / "parallel.db") == undated(tmp_path / "serial.db")
    for sql in (
        "SELECT entry_id, topic_id FROM entry_topics ORDER BY 1, 2",
        "SELECT entry_id, action, snapshot FROM entry_revisions ORDER BY 1",
    ):
        assert rows(tmp_path / "parallel.db", sql) == rows(tmp_path / "serial.db", sql)


async def test_a_broken_worker_pool_falls_back_to_parsing_here(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes can die (or never start, in a script without a __main__ guard)."""
    import concurrent.futures

    import bot.services.ingest as ingest_module

    class BrokenPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def submit(self, *args: object, **kwargs: object) -> concurrent.futures.Future[object]:
            future: concurrent.futures.Future[object] = concurrent.futures.Future()
            future.set_exception(concurrent.futures.process.BrokenProcessPool("worker died"))
            return future

        def shutdown(self, *args: object, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(ingest_module, "_PARALLEL_MIN", 1)
    monkeypatch.setattr(ingest_module, "_CHUNK", 3)
    monkeypatch.setattr(ingest_module.concurrent.futures, "ProcessPoolExecutor", BrokenPool)
    report = await ingest(tmp_path / "db.sqlite", corpus)
    assert report.errors == []
    assert report.added >= 80
    assert len(entry_rows(tmp_path / "db.sqlite")) == report.added


def test_content_hash_is_pinned() -> None:
    """Stored hashes decide what a re-ingest rewrites: if this value moves, every entry of every
    deployment is rewritten (with a revision) on its next ingest. Change it only on purpose."""
    draft = EntryDraft(
        "pin", "포트폴리오는 적고 깊게", "본문\n- 하나", kind=Kind.TIP, tip="팁",
        topics=("portfolio",), tags=("취업",),
        source=Source(file="a/b.md", speaker="선배", date="2024-02-07"),
    )  # fmt: skip
    assert draft_hash(draft) == "2bffc14889f2d4c45456f8f55aec5900"


@pytest.mark.parametrize("broken, newcomer", [("a.md", "b.md"), ("b.md", "a.md")])
async def test_a_broken_files_ids_are_not_taken_over_while_it_is_broken(
    tmp_path: Path, broken: str, newcomer: str
) -> None:
    folder = tmp_path / "advice"
    held = write(folder / broken, curated("portfolio", "포트폴리오는 적고 깊게"))
    db_path = tmp_path / "sunbae.db"
    await ingest(db_path, folder)
    before = entry_rows(db_path)

    held.write_bytes(held.read_text("utf-8").encode("cp949", errors="replace"))
    write(folder / newcomer, curated("portfolio", "다른 글의 같은 id"))
    report = await ingest(db_path, folder)
    assert {e.file for e in report.errors} == {f"advice/{broken}", f"advice/{newcomer}"}
    assert entry_rows(db_path) == before  # the broken file's entry is kept as it was
    assert live_titles(db_path) == ["포트폴리오는 적고 깊게"]


async def test_a_file_refused_for_an_id_clash_keeps_its_ids_from_later_files(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "advice"
    clashing = write(folder / "a.md", curated("portfolio", "포트폴리오는 적고 깊게"))
    write(folder / "c.md", curated("grad-school", "대학원 가야 하나요?"))
    db_path = tmp_path / "sunbae.db"
    await ingest(db_path, folder)
    before = entry_rows(db_path)

    write(clashing, curated("grad-school", "포트폴리오는 적고 깊게"))  # c.md holds that id
    write(folder / "b.md", curated("portfolio", "다른 글의 같은 id"))
    report = await ingest(db_path, folder)
    assert [(e.file, e.reason) for e in report.errors] == [
        ("advice/a.md", "id 'grad-school' is already used by advice/c.md"),
        ("advice/b.md", "id 'portfolio' is already used by advice/a.md"),
    ]
    assert entry_rows(db_path) == before


@pytest.mark.parametrize("newcomer", ["a.md", "z.md"])
async def test_an_edited_file_keeps_its_id_from_a_new_file_claiming_it_whatever_their_order(
    tmp_path: Path, newcomer: str
) -> None:
    # The owner is read again (edited) in the same run a new file claims its id: a newcomer
    # sorted first took the id over, and the owner was the one refused.
    folder = tmp_path / "advice"
    owner = write(folder / "m.md", curated("portfolio", "포트폴리오는 적고 깊게"))
    db_path = tmp_path / "sunbae.db"
    await ingest(db_path, folder)

    write(owner, curated("portfolio", "포트폴리오는 적게, 깊게"))
    write(folder / newcomer, curated("portfolio", "다른 글의 같은 id"))
    report = await ingest(db_path, folder)
    assert [(e.file, e.reason) for e in report.errors] == [
        (f"advice/{newcomer}", "id 'portfolio' is already used by advice/m.md"),
    ]
    assert (report.updated, report.added) == (1, 0)
    assert live_titles(db_path) == ["포트폴리오는 적게, 깊게"]
    assert rows(db_path, "SELECT source_file FROM entries") == [("advice/m.md",)]
