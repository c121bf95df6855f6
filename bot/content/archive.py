"""Entries <-> Markdown files with frontmatter, and a .zip of them: what `export` writes and
what `ingest` and `import` read back (by the same reader as any advice file)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from bot.corpus.documents import DocumentError, read_document
from bot.models import Entry, EntryDraft, FileProblem, Topic
from bot.models.content import EntryInput

MAX_FILES = 2000
MAX_TOTAL_BYTES = 20 * 1024 * 1024  # uncompressed, for the whole archive (a zip bomb stops here)
SUFFIXES = (".md", ".markdown", ".txt")


def to_markdown(entry: Entry) -> str:
    """One curated advice file: frontmatter (only the fields that are set) and the body."""
    meta: dict[str, object] = {"id": entry.id, "title": entry.title}
    optional: dict[str, object] = {
        "title_en": entry.title_en,
        "kind": str(entry.kind),
        "language": entry.language,
        "summary": entry.summary,
        "tip": entry.tip,
        "topics": list(entry.topics),
        "aliases": list(entry.aliases),
        "tags": list(entry.tags),
    }
    meta.update({k: v for k, v in optional.items() if v})
    src = entry.source
    pairs = (
        ("post", src.post),
        ("event", src.event),
        ("speaker", src.speaker),
        ("cohort", src.cohort),
        ("date", src.date),
        ("url", src.url),
    )
    source = {k: v for k, v in pairs if v}
    if source:
        meta["source"] = source
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{entry.body}\n"


def input_markdown(given: EntryInput, entry_id: str) -> str:
    """A moderator's form input for entry `entry_id` as an advice file (what `import` reads):
    kept when a save was refused, so nothing typed is lost. The id makes it a curated file:
    without one, import read it as a blog post and dropped its tip, topics, aliases and kind."""
    meta: dict[str, object] = {"id": entry_id, "title": given.title, "kind": given.kind}
    optional = {"tip": given.tip, "topics": list(given.topics), "aliases": list(given.aliases)}
    meta.update({k: v for k, v in optional.items() if v})
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{given.body}\n"


def zip_entries(entries: Iterable[Entry]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            archive.writestr(f"{entry.id}.md", to_markdown(entry).encode("utf-8"))
    return buffer.getvalue()


@dataclass(slots=True)
class ReadArchive:
    drafts: list[tuple[str, EntryDraft]] = field(default_factory=list)  # (file, draft)
    problems: list[FileProblem] = field(default_factory=list)


def _members(name: str, data: bytes) -> tuple[list[tuple[str, bytes]], list[FileProblem]]:
    if not name.lower().endswith(".zip"):
        return [(name, data)], []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [], [FileProblem(name, "not a readable .zip file", code="bad_zip")]
    files: list[tuple[str, bytes]] = []
    problems: list[FileProblem] = []
    total = 0
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_FILES:
            return [], [
                FileProblem(
                    name,
                    f"{len(infos)} files; at most {MAX_FILES}",
                    code="too_many_files",
                    values=(("n", len(infos)), ("limit", MAX_FILES)),
                )
            ]
        for info in infos:
            path = PurePosixPath(info.filename)
            if path.name.startswith((".", "_")) or path.suffix.lower() not in SUFFIXES:
                continue
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                megabytes = MAX_TOTAL_BYTES // 1024 // 1024
                return [], [
                    FileProblem(
                        name,
                        f"over {megabytes} MB unpacked",
                        code="too_big_unpacked",
                        values=(("limit", megabytes),),
                    )
                ]
            try:
                files.append((info.filename, archive.read(info)))
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                problems.append(
                    FileProblem(info.filename, f"cannot read: {exc}", code="unreadable")
                )
    return files, problems


def read_archive(name: str, data: bytes, *, topics: Sequence[Topic]) -> ReadArchive:
    """The drafts of an uploaded .md/.txt file or .zip of them; broken files are reported."""
    read = ReadArchive()
    files, read.problems = _members(name, data)
    for file, content in files:
        try:
            doc = read_document(
                content, display_path=file, topics=topics, strict_topics=bool(topics)
            )
        except DocumentError as exc:
            read.problems.append(
                FileProblem(
                    file,
                    str(exc),
                    code=exc.code,
                    field=exc.field,
                    values=tuple(exc.values.items()),
                )
            )
            continue
        read.drafts.extend((file, d) for d in doc.drafts)
    return read
