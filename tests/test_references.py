"""Cross-references between entries: ids in a body shown as the titles they stand for."""

from __future__ import annotations

from collections.abc import Sequence

from bot.corpus.references import name_references, referenced_ids, with_named_references
from bot.models import Entry, Kind, Origin, Source

TITLES = {"ask-many-people": "여러 사람에게 물어보세요", "tailor-to-jd": "JD에 맞춰 쓰세요"}


def test_ids_are_found_once_each_and_paths_urls_and_words_are_not() -> None:
    text = (
        "전·현직자 이야기를 들어 본다(ask-many-people 참고). tailor-to-jd 항목과 ask-many-people 도."
        " https://example.com/ask-many-people, docs/tailor-to-jd.md, #tailor-to-jd, 2024-02-07,"
        " state-of-the-art-ish"
    )
    found = referenced_ids([text])
    assert found[:2] == ["ask-many-people", "tailor-to-jd"]
    assert "2024-02-07" in found  # id-shaped: only a known id is ever replaced
    named = name_references(text, TITLES)
    assert named.startswith("전·현직자 이야기를 들어 본다(「여러 사람에게 물어보세요」 참고).")
    assert "「JD에 맞춰 쓰세요」 항목과 「여러 사람에게 물어보세요」 도." in named
    for kept in ("example.com/ask-many-people", "docs/tailor-to-jd.md", "#tailor-to-jd"):
        assert kept in named
    assert "2024-02-07" in named and "state-of-the-art-ish" in named


def entry(entry_id: str, body: str) -> Entry:
    return Entry(
        id=entry_id, title=f"title of {entry_id}", body=body, title_en="", summary="", tip=None,
        kind=Kind.QA, language="ko", topics=(), aliases=(), tags=(), source=Source(),
        origin=Origin.FILE, retired=False, created_at="", updated_at="",
    )  # fmt: skip


async def test_only_live_entries_are_named_and_never_the_entry_itself() -> None:
    store = {"a-one": entry("a-one", "나는 a-one 이고 b-two 참고"), "b-two": entry("b-two", "끝")}
    asked: list[Sequence[str]] = []

    async def lookup(ids: Sequence[str]) -> list[Entry]:
        asked.append(ids)
        return [store[i] for i in ids if i in store]

    shown = await with_named_references([store["a-one"], entry("c-three", "gone-one 참고")], lookup)
    assert shown[0].body == "나는 a-one 이고 「title of b-two」 참고"
    assert shown[1].body == "gone-one 참고"  # retired or unknown: left as written
    assert asked == [["a-one", "b-two", "gone-one"]]  # one lookup for all of them

    async def never(ids: Sequence[str]) -> list[Entry]:
        raise AssertionError("no ids, no lookup")

    plain = entry("d-four", "참고할 것 없음")
    assert await with_named_references([plain], never) == [plain]
