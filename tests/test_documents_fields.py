"""What a file becomes (bot/corpus/documents.py): each frontmatter field read as written, each
limit held at its edge, the typos real posts carry understood, and a bad file refused with the
line or field at fault. Written from the fourth mutation audit, where mutants of each survived
the ingest tests (a few limits were pinned only through the moderator form)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.corpus.documents import (
    BODY_LIMIT,
    TIP_LIMIT,
    TITLE_LIMIT,
    DocumentError,
    read_document,
)
from bot.models import EntryDraft, Kind, Topic
from tests.helpers_ingest import curated

TOPICS = [
    Topic("grad-school", "대학원", "Graduate school"),
    Topic("portfolio", "포트폴리오", "Portfolio"),
]


def read(
    text: str, *, topics: Sequence[Topic] = (), strict_topics: bool = True
) -> list[EntryDraft]:
    document = read_document(
        text.encode(), display_path="blog/p.md", topics=topics, strict_topics=strict_topics
    )
    return list(document.drafts)


def refused(text: str, *, topics: Sequence[Topic] = ()) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read(text, topics=topics)
    return caught.value


@pytest.mark.parametrize("blank_lines", [0, 2])
def test_a_yaml_error_names_the_line_it_is_on(blank_lines: int) -> None:
    lines = ["---", "id: ok-id", "title: 제목", "kind: qa", "topics: a: b", "---", "", "본문"]
    error = refused("\n" * blank_lines + "\n".join(lines))
    line = 5 + blank_lines  # `topics: a: b`, counted as an editor counts
    assert error.values["line"] == line
    assert f"at line {line}:" in str(error)


def test_yes_is_not_a_title() -> None:
    error = refused(curated("yes-title", "yes"))
    assert (error.field, error.code) == ("title", "not_text")


def test_a_comma_separated_list_is_a_list() -> None:
    (draft,) = read(
        curated("commas", "제목", topics="grad-school, portfolio", aliases="석사, 박사"),
        topics=TOPICS,
    )
    assert draft.topics == ("grad-school", "portfolio")
    assert draft.aliases == ("석사", "박사")


def test_a_source_date_is_written_in_full() -> None:
    (draft,) = read(curated("dated", "제목", source='{date: "2024-2-7"}'))
    assert draft.source.date == "2024-02-07"


@pytest.mark.parametrize(
    ("field", "limit"), [("title", TITLE_LIMIT), ("tip", TIP_LIMIT), ("body", BODY_LIMIT)]
)
def test_each_limit_holds_at_its_edge(field: str, limit: int) -> None:
    def entry(n: int) -> str:
        if field == "title":
            return curated("edge", "가" * n)
        if field == "tip":
            return curated("edge", "제목", tip="가" * n)
        return curated("edge", "제목", body="가" * n)

    assert read(entry(limit))
    error = refused(entry(limit + 1))
    assert (error.field, error.code) == (field, "too_long")


def test_curated_fields_as_written() -> None:
    (draft,) = read(
        curated(
            "fields",
            "Interview tips",
            summary="Say so when you do not know.",
            language="en",
            source="{role: 현직 엔지니어, post: 면접 후기}",
        )
    )
    assert draft.summary == "Say so when you do not know."
    assert draft.language == "en"
    assert draft.source.speaker == "현직 엔지니어"


def test_strict_topics_refuse_an_unknown_one_and_loose_ones_keep_it() -> None:
    text = curated("topical", "제목", topics="[grad-school, nope]")
    assert refused(text, topics=TOPICS).code == "unknown_topic"
    (draft,) = read(text, topics=TOPICS, strict_topics=False)
    assert draft.topics == ("grad-school", "nope")


def test_a_post_takes_its_frontmatter_title_over_its_first_line() -> None:
    drafts = read(
        "---\ntitle: 면접 후기\n---\n\n오늘은 면접 이야기를 길게 해 보려고 합니다.\n\n"
        "## 면접 팁\n\n모르면 모른다고 하세요. 정말로요.\n"
    )
    assert {d.source.post for d in drafts} == {"면접 후기"}
    assert any("오늘은 면접 이야기를" in d.body for d in drafts)


def test_a_scraped_post_skips_its_breadcrumb_and_does_not_repeat_its_title() -> None:
    drafts = read(
        "Misc\n\n면접에서 떨어진 날 배운 것\n\n## 면접 팁\n\n모르면 모른다고 하세요. 정말로요.\n"
    )
    assert [(d.title, d.source.post) for d in drafts] == [("면접 팁", "면접에서 떨어진 날 배운 것")]


def test_post_sections_typos_kinds_and_events() -> None:
    drafts = read(
        "---\ntitle: 글 제목입니다\ntag: [면접]\ndata: 2024-02-07\n---\n\n# 2024 설명회\n\n"
        "## 같은 제목\n\n첫 번째 답입니다. 길게 씁니다.\n\n"
        "## 같은 제목\n\n두 번째 답입니다. 길게 씁니다.\n\n"
        "## 포트폴리오는 몇 개가 좋을까요?\n\n두 개면 충분합니다. 정말로요.\n"
    )
    assert len({d.id for d in drafts}) == 3  # the same title twice: two entries, not one
    assert {d.tags for d in drafts} == {("면접",)}  # `tag:` is a real post's typo for tags
    assert {d.source.date for d in drafts} == {"2024-02-07"}  # and `data:` for date
    assert [d.kind for d in drafts] == [Kind.INSIGHT, Kind.INSIGHT, Kind.QA]
    assert {d.source.event for d in drafts} == {"2024 설명회"}


def test_a_post_titled_heading_is_not_its_own_event() -> None:
    drafts = read(
        "---\ntitle: 설명회 후기\n---\n\n# 설명회 후기\n\n## 면접 팁\n\n모르면 모른다고 하세요.\n"
    )
    assert [(d.title, d.source.event) for d in drafts] == [("면접 팁", None)]


def test_a_long_question_is_clipped_in_the_title_and_kept_whole_in_the_body() -> None:
    question = "포트폴리오 " * 50 + "어떻게 할까요?"
    (draft,) = read(f"---\ntitle: 글\n---\n\n## {question}\n\n두 개면 충분합니다.\n")
    assert len(draft.title) == TITLE_LIMIT and draft.title.endswith("…")
    assert draft.body.startswith(f"**{' '.join(question.split())}**")


def test_a_post_section_over_the_limit_is_refused() -> None:
    error = refused(f"---\ntitle: 글\n---\n\n## 긴 글\n\n{'가' * (BODY_LIMIT + 1)}\n")
    assert error.code == "section_too_long"


def test_a_post_of_markup_alone_is_refused() -> None:
    assert refused("<br><img src='x.png'>\n").code == "empty"
