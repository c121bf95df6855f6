"""The built in-memory index saved beside the database, read back only when it is whole.

Building the index reads every title and the whole vocabulary (seconds at 100k entries); reading
it back from this file is a few large reads and splits. The format is plain data, never code:
a magic line, a JSON header (what the file holds, which database state it was built from, the
length of each section), the sections (strings joined by NUL, arrays of machine integers, ASCII
blobs) and a CRC-32 of everything before it. Anything that does not check out (another format,
a short or altered file, another byte order) reads as "no file", and the caller rebuilds.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import struct
import sys
import time
import zlib
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MAGIC = b"sunbae search index\n"
FORMAT = 1
_LENGTH = struct.Struct("<Q")
_CRC = struct.Struct("<I")
_SEP = "\0"


class Unreadable(ValueError):
    """The file is not a whole index of this format: rebuild."""


def pack_strings(items: Sequence[str]) -> bytes:
    """`items` as one UTF-8 blob (NUL between them; JSON when an item holds a NUL itself)."""
    joined = _SEP.join(items)
    if joined.count(_SEP) == max(len(items) - 1, 0):
        return b"s" + joined.encode("utf-8", "surrogatepass")
    return b"j" + json.dumps(list(items), ensure_ascii=False).encode("utf-8", "surrogatepass")


def unpack_strings(blob: bytes, count: int) -> list[str]:
    text = bytes(blob[1:]).decode("utf-8", "surrogatepass")
    items: list[str]
    if blob[:1] == b"j":
        found = json.loads(text)
        if not isinstance(found, list) or not all(isinstance(i, str) for i in found):
            raise Unreadable("a string section is not a list of strings")
        items = found
    elif blob[:1] == b"s":
        items = text.split(_SEP) if count else []
    else:
        raise Unreadable("unknown string section")
    if len(items) != count:
        raise Unreadable(f"expected {count} strings, found {len(items)}")
    return items


def pack_ints(values: array[int]) -> bytes:
    return values.tobytes() if values.typecode == "q" else array("q", values).tobytes()


def unpack_ints(blob: bytes, count: int) -> array[int]:
    values = array("q")
    if len(blob) != count * values.itemsize:
        raise Unreadable(f"expected {count} integers")
    values.frombytes(blob)
    return values


def encode(header: Mapping[str, Any], sections: Mapping[str, bytes]) -> list[bytes]:
    """The file's bytes, in pieces (the sections are not copied into one buffer)."""
    head = {
        **header,
        "format": FORMAT,
        "byteorder": sys.byteorder,
        "sections": [[name, len(blob)] for name, blob in sections.items()],
    }
    head_bytes = json.dumps(head, ensure_ascii=False).encode("utf-8")
    pieces = [MAGIC, _LENGTH.pack(len(head_bytes)), head_bytes, *sections.values()]
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    return [*pieces, _CRC.pack(crc)]


def decode(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The header and sections of a whole file; `Unreadable` otherwise."""
    view = memoryview(data)
    start = len(MAGIC) + _LENGTH.size
    if len(data) < start + _CRC.size or view[: len(MAGIC)] != MAGIC:
        raise Unreadable("not a sunbae search index")
    (stored,) = _CRC.unpack(view[-_CRC.size :])
    if zlib.crc32(view[: -_CRC.size]) != stored:
        raise Unreadable("checksum mismatch")
    (head_length,) = _LENGTH.unpack(view[len(MAGIC) : start])
    try:
        head = json.loads(bytes(view[start : start + head_length]).decode("utf-8"))
    except ValueError as exc:
        raise Unreadable(f"bad header: {exc}") from exc
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise Unreadable("another format")
    if head.get("byteorder") != sys.byteorder:
        raise Unreadable("another byte order")
    sections: dict[str, bytes] = {}
    at = start + head_length
    try:
        for name, length in head["sections"]:
            sections[str(name)] = view[at : at + int(length)]  # type: ignore[assignment]
            at += int(length)
    except (KeyError, TypeError, ValueError) as exc:
        raise Unreadable(f"bad section list: {exc}") from exc
    if at != len(data) - _CRC.size:
        raise Unreadable("sections do not fill the file")
    return head, sections


STALE_SECONDS = 3600  # a temporary file this old was left by a writer that died


def _sweep(path: Path) -> None:
    """Remove what writers that died mid-write left (tens of MB each on a big corpus)."""
    now = time.time()
    for left in path.parent.glob(f"{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - left.stat().st_mtime > STALE_SECONDS:
                left.unlink()


def write(path: Path, header: Mapping[str, Any], sections: Mapping[str, bytes]) -> None:
    """Write atomically: readers see the old file or the new one, never half of one."""
    _sweep(path)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as out:
            for piece in encode(header, sections):
                out.write(piece)
        temporary.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def read(path: Path) -> tuple[dict[str, Any], dict[str, bytes]] | None:
    """The file's header and sections; None when there is none or it cannot be trusted."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return decode(data)
    except Unreadable as exc:
        log.warning("the saved search index %s is unusable (%s): rebuilding", path, exc)
        return None
