"""Finding and reading content files, confined to the folders being ingested (blocking I/O).

A content folder is whatever someone put there: links to /etc/passwd or /dev/zero, a FIFO named
`x.md`, a socket, a file of gigabytes. The rules: only regular files are read; a link is
resolved and read only when its target lies inside the ingested folder; at most `max_bytes` of
a file are read, even if it grows meanwhile. Anything else is refused with a reason (reported
as a problem of that file and skipped): never followed out, never waited on, never loaded whole.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.corpus.documents import SUFFIXES
from bot.corpus.taxonomy import TAXONOMY_NAMES, find_taxonomy
from bot.models import FileProblem

DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
# Documentation that lives beside the advice but is not advice.
IGNORED_NAMES = frozenset(
    {"readme.md", "sources.md", "changelog.md", "license.md", "contributing.md"}
)
_READ_CHUNK = 1 << 16
# Opening never blocks (a FIFO), never follows a link swapped in after the check.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class FileRefused(Exception):
    """A file the rules above do not let ingest read; the message says why."""


@dataclass(slots=True)
class Root:
    """A folder (or a single file) being ingested; retirement is scoped to it."""

    key: str  # resolved absolute path of the folder
    label: str  # short name used in display paths
    files: list[Path]
    whole_folder: bool
    taxonomy: Path | None = None
    # Display paths of folders that could not be listed: what was under them is unknown, so
    # nothing under them counts as vanished (their entries are kept).
    unreadable: list[str] = field(default_factory=list)

    def hides(self, display: str) -> bool:
        """Whether `display` lies under a folder that could not be listed."""
        return any(display == u or display.startswith(f"{u}/") for u in self.unreadable)


def is_advice_file(path: Path) -> bool:
    name = path.name
    return (
        path.suffix.lower() in SUFFIXES
        and not name.startswith((".", "_"))
        and name.lower() not in IGNORED_NAMES
    )


def display_path(root: Root, file: Path) -> str:
    relative = file.relative_to(root.key).as_posix()
    return root.label if relative == "." else f"{root.label}/{relative}"


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath((path, folder)) == folder


def discover(paths: Iterable[Path]) -> tuple[list[Root], list[FileProblem]]:
    """The roots to ingest and their advice files (by name; `ContentFile` checks each one).

    Linked folders are not descended into; one that leads outside its root is reported."""
    roots: list[Root] = []
    problems: list[FileProblem] = []
    for path in paths:
        if path.is_dir():
            resolved = path.resolve()
            root = Root(str(resolved), resolved.name, [], True, find_taxonomy(resolved))

            def unlistable(exc: OSError, root: Root = root) -> None:
                shown = display_path(root, Path(exc.filename or root.key))
                root.unreadable.append(shown)
                reason = f"cannot read the folder ({exc.strerror or exc}): its entries are kept"
                problems.append(FileProblem(shown, reason))

            for dirpath, dirnames, filenames in os.walk(resolved, onerror=unlistable):
                folder = Path(dirpath)
                for name in [d for d in dirnames if (folder / d).is_symlink()]:
                    target = os.path.realpath(folder / name)
                    if not _inside(target, root.key):
                        reason = (
                            f"a link to a folder outside {root.label}/ ({target}): not followed"
                        )
                        problems.append(FileProblem(display_path(root, folder / name), reason))
                dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
                root.files.extend(folder / n for n in sorted(filenames) if is_advice_file(Path(n)))
            roots.append(root)
        elif path.exists() or path.is_symlink():
            # The root is the folder the file was named in, not where a link leads.
            folder = path.absolute().parent.resolve()
            file = folder / path.name
            if path.name in TAXONOMY_NAMES:
                roots.append(Root(str(folder), folder.name, [], False, file))
            else:
                roots.append(Root(str(folder), folder.name, [file], False))
        else:
            problems.append(FileProblem(str(path), "no such file or folder"))
    return _merge_roots(roots), problems


def _merge_roots(roots: list[Root]) -> list[Root]:
    """One root per folder, so a file named twice (or a folder and a file in it) is read once."""
    merged: dict[str, Root] = {}
    for root in roots:
        same = merged.get(root.key)
        if same is None:
            merged[root.key] = root
            continue
        if root.whole_folder and not same.whole_folder:
            same.files = root.files
        elif not same.whole_folder:
            same.files = list(dict.fromkeys((*same.files, *root.files)))
        same.whole_folder = same.whole_folder or root.whole_folder
        same.taxonomy = same.taxonomy or root.taxonomy
        same.unreadable = list(dict.fromkeys((*same.unreadable, *root.unreadable)))
    return list(merged.values())


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def too_big(size: int, max_bytes: int) -> str:
    return (
        f"too big: {size:,} bytes, more than the limit of {max_bytes:,}"
        " (SUNBAE_MAX_FILE_BYTES): skipped"
    )


class ContentFile:
    """An open content file that passed the rules; `stat` first (cheap), `read()` if needed."""

    def __init__(self, fd: int, st: os.stat_result, max_bytes: int) -> None:
        self._fd = fd
        self.stat = st
        self._max = max_bytes

    def read(self) -> bytes:
        """At most `max_bytes`; a file that grew past the limit since `stat` is refused."""
        chunks: list[bytes] = []
        left = self._max + 1
        while left > 0:
            chunk = os.read(self._fd, min(_READ_CHUNK, left))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > self._max:
            raise FileRefused(too_big(max(len(data), os.fstat(self._fd).st_size), self._max))
        return data


@contextmanager
def open_content(file: Path, root: str, *, max_bytes: int) -> Iterator[ContentFile]:
    """Open `file` (under the folder `root`) if the rules allow it; `FileRefused` says why not,
    `OSError` when the system could not open it."""
    real = os.path.realpath(file)
    if not _inside(real, root):
        raise FileRefused(f"a link to {real}, outside the content folder: not followed")
    fd = os.open(real, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(f"{_kind(st.st_mode)}, not a regular file: skipped")
        if st.st_size > max_bytes:
            raise FileRefused(too_big(st.st_size, max_bytes))
        yield ContentFile(fd, st, max_bytes)
    finally:
        os.close(fd)


def read_content(file: Path, root: str, *, max_bytes: int) -> bytes:
    with open_content(file, root, max_bytes=max_bytes) as content:
        return content.read()
