"""The in-memory index (lexicon and title index) saved to a file and read back.

The file is keyed by the database state it was built from: the database's instance (a random
number its migration drew, so another database at the same path never matches), the taxonomy
mark, the generation and the last change of the log it holds; and by the code that built it
(`code_mark`: the source of the modules that turn entries into its keys). A reader uses it only
when those say it is the same database with the same taxonomy, no newer than the database, built
by this code; the writes since are then followed from the change log like any others. Anything
else rebuilds: an upgrade that splits words or stems them otherwise must not follow an index
whose keys the old code made (its autocomplete would miss what it now finds).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.search import index_file
from bot.search.lexicon import Lexicon
from bot.search.titles import TitleIndex

log = logging.getLogger(__name__)

# What derives the saved structures from entries: the index itself, and the text rules it keys
# words by (splitting, stems, jamo).
_BUILDERS = (Path(__file__).parent, Path(__file__).parents[1] / "text")


@functools.cache
def code_mark() -> str:
    """A digest of the source of the modules that build the index (read once a process)."""
    digest = hashlib.sha256()
    for folder in _BUILDERS:
        for source in sorted(folder.glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Marks:
    """Which database state an index holds."""

    instance: int
    generation: int
    taxonomy: int
    seq: int


@dataclass(frozen=True, slots=True)
class Saved:
    marks: Marks
    lexicon: Lexicon
    titles: Callable[[], TitleIndex]  # reads the title index (a tenth of a second at 100k)


def file_for(db_path: Path) -> Path | None:
    """Where the index of the database at `db_path` is saved (None for an in-memory one)."""
    if str(db_path) == ":memory:":
        return None
    return db_path.with_name(f"{db_path.name}.search-index")


def save(path: Path, marks: Marks, lexicon: Lexicon, titles: TitleIndex) -> None:
    """Write the index (run it where nothing changes the structures meanwhile)."""
    started = time.perf_counter()
    lex_head, lex_sections = lexicon.dump()
    title_head, title_sections = titles.dump()
    header = {
        "instance": marks.instance,
        "generation": marks.generation,
        "taxonomy": marks.taxonomy,
        "seq": marks.seq,
        "code": code_mark(),
        "lexicon": lex_head,
        "titles": title_head,
    }
    try:
        index_file.write(path, header, {**lex_sections, **title_sections})
    except OSError as exc:  # a read-only data folder: the index is rebuilt at each start
        log.warning("cannot save the search index to %s: %s", path, exc)
        return
    log.debug("search index saved to %s in %.2f s", path, time.perf_counter() - started)


_UNUSABLE = (index_file.Unreadable, KeyError, TypeError, ValueError, IndexError)


class Unusable(Exception):
    """The saved title index does not fit its file (found once it was read)."""


def load(path: Path) -> Saved | None:
    """The index saved at `path`; None when there is none or it does not check out. The title
    index is read when asked for (a command that only searches never needs it); asking raises
    `Unusable` when it does not check out."""
    found = index_file.read(path)
    if found is None:
        return None
    head, sections = found
    if head.get("code") != code_mark():
        log.info("the saved search index %s was built by other code: rebuilding", path)
        return None
    try:
        marks = Marks(
            int(head["instance"]), int(head["generation"]), int(head["taxonomy"]), int(head["seq"])
        )
        lexicon = Lexicon.load(head["lexicon"], sections)
        title_head = head["titles"]
        if not isinstance(title_head, dict):
            raise index_file.Unreadable("no title index")
    except _UNUSABLE as exc:
        log.warning("the saved search index %s is unusable (%s): rebuilding", path, exc)
        return None

    def titles() -> TitleIndex:
        try:
            return TitleIndex.load(title_head, sections)
        except _UNUSABLE as exc:
            log.warning("the saved title index %s is unusable (%s): rebuilding", path, exc)
            with contextlib.suppress(OSError):
                path.unlink()  # so that the rebuild does not read it again
            raise Unusable(str(exc)) from exc

    return Saved(marks, lexicon, titles)
