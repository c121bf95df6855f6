"""The reliability suite's hostile-content corpus (issue 11): files nobody should write, all in
one content folder beside good ones. Each is refused with a reason or read correctly, nothing
else is lost, nothing runs. How ingest time grows with 10,000 tiny files is measured by
bench/linear.py (tests hold no timed assertions). Links, FIFOs, devices, size limits, unreadable
folders and unclosed markup have their own files: test_ingest_hostile_files.py,
test_ingest_unreadable.py, test_markup_linear.py, test_entry_size.py.
"""

from __future__ import annotations

from pathlib import Path

from bot.corpus.documents import read_document
from bot.services.ingest import IngestService
from bot.store.ingest_state import SqliteIngestStore
from tests.helpers_ingest import StepClock, curated, live_titles, open_db, write

PWNED = "hardening-hostile-corpus-pwned"


def yaml_bomb(with_id: bool) -> bytes:
    """Billion laughs: nine levels of nine aliases (387 million strings if expanded)."""
    lines = ["---", "id: yaml-bomb"] if with_id else ["---"]
    lines.append('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    lines += ["title: *i", "tags: *i", "---", "", "본문입니다. 꾸준히 하세요.", ""]
    return "\n".join(lines).encode()


def python_tag(tmp: Path) -> bytes:
    target = tmp / PWNED
    return (
        f'---\nid: evil\ntitle: !!python/object/apply:os.system ["touch {target}"]\n---\n\nbody\n'
    ).encode()


POST = "---\ntitle: 줄바꿈 글\n---\n\n## 첫 질문은요?\n\n첫 답입니다. 포트폴리오는 두 개면 충분해요.\n\n## 둘째 질문은요?\n\n둘째 답입니다. 면접에서는 모르면 모른다고 하세요.\n"

# name -> (bytes, words of the reason); a reason of None: read, with POST's entries
HOSTILE: dict[str, tuple[bytes, tuple[str, ...] | None]] = {
    "bomb-curated": (yaml_bomb(True), ("'title' must be text",)),
    "bomb-post": (yaml_bomb(False), ("'tags' must be a list of text",)),
    "python-name": (
        b"---\ntitle: !!python/name:os.system\n---\n\nbody text here\n",
        ("bad YAML frontmatter", "could not determine a constructor"),
    ),
    "nul": (b"# title\n\nsome\x00text\n", ("binary",)),
    "bad-utf8": (b"# title\n\n\xc3\x28 broken \xff\n", ("not UTF-8",)),
    "broken-utf16": (b"\xff\xfe" + "제목".encode("utf-16-le") + b"\x00\xd8", ("UTF-16",)),
    "lf": (POST.encode(), None),
    "crlf": (POST.replace("\n", "\r\n").encode(), None),
    "cr-only": (POST.replace("\n", "\r").encode(), None),
    "bom": (b"\xef\xbb\xbf" + POST.encode(), None),
    "utf16-le": (POST.encode("utf-16"), None),
    "utf16-be": (b"\xfe\xff" + POST.encode("utf-16-be"), None),
}


def test_every_encoding_and_line_ending_reads_the_same_entries() -> None:
    expected = [(d.title, d.body) for d in read_document(POST.encode(), display_path="x.md").drafts]
    assert [t for t, _ in expected] == ["첫 질문은요?", "둘째 질문은요?"]
    for name, (data, reason) in HOSTILE.items():
        if reason is None:
            drafts = read_document(data, display_path="x.md").drafts
            assert [(d.title, d.body) for d in drafts] == expected, name


async def test_the_hostile_corpus_is_refused_file_by_file_and_the_rest_loads(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "content"
    write(folder / "good.md", curated("good", "좋은 조언"))
    for name, (data, _) in HOSTILE.items():
        (folder / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.md").write_bytes(data)
    (folder / "python-tag.md").write_bytes(python_tag(tmp_path))
    db = await open_db(tmp_path / "a.db")
    try:
        report = await IngestService(SqliteIngestStore(db), clock=StepClock(), workers=0).ingest(
            [folder]
        )
    finally:
        await db.close()
    reasons = {p.file.removeprefix("content/"): p.reason for p in report.errors}
    expected = {f"{n}.md": words for n, (_, words) in HOSTILE.items() if words is not None}
    expected["python-tag.md"] = ("bad YAML frontmatter", "could not determine a constructor")
    assert set(reasons) == set(expected)
    for file, words in expected.items():
        assert all(w in reasons[file] for w in words), (file, reasons[file])
    assert not (tmp_path / PWNED).exists()  # the tag was refused, not run
    titles = live_titles(tmp_path / "a.db")
    readable = [n for n, (_, words) in HOSTILE.items() if words is None]
    assert sorted(titles) == sorted(
        ["좋은 조언"] + ["첫 질문은요?", "둘째 질문은요?"] * len(readable)
    )
