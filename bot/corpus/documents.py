"""Advice files -> entry drafts.

Two shapes of file are read:
- a curated entry (frontmatter with an `id`): one entry, its fields validated strictly;
- a post (Jekyll frontmatter, or none at all, as blog posts are really written): cleaned and split
  into one entry per question or section.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from bot.corpus.markup import clean_markup, normalize_text, strip_inline_markdown
from bot.corpus.splitter import Piece, clip_title, split_post
from bot.models import EntryDraft, Kind, Source, Topic

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
_TITLE_DATE = re.compile(r"\b(\d{2}|\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})\b")
SUFFIXES = (".md", ".markdown", ".txt")
TITLE_LIMIT = 200
TIP_LIMIT = 280
# An entry's body: what /entry can show in a few pages (the longest real section is ~3,000
# characters). A bigger one is refused at ingest rather than frozen over when it is shown.
BODY_LIMIT = 20_000

# (title, body) -> inferred topic ids, for post entries that arrive without any
TopicInferer = Callable[[str, str], tuple[str, ...]]


class DocumentError(ValueError):
    """A file cannot be read as advice; the message is the reason shown to the user, and
    `field` the frontmatter field at fault when there is one (moderators see it translated).
    `code` and `values` name the rule broken, for a reason in the moderator's language
    (`content.reason.<code>` in bot/i18n/content.py); the message is the English one, for files and logs."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.values = dict(values or {})


class _FastYAML(YAMLHandler):
    """python-frontmatter's YAML handler, with libyaml's C loader when it is there."""

    def load(self, fm: str, **kwargs: object) -> Any:
        kwargs.setdefault("Loader", getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return super().load(fm, **kwargs)


_HANDLER = _FastYAML()


@dataclass(frozen=True, slots=True)
class Document:
    drafts: tuple[EntryDraft, ...]
    curated: bool


def decode(data: bytes) -> str:
    if not data.strip():
        raise DocumentError("empty file", code="empty_file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"broken UTF-16 text: {exc.reason}", code="not_utf8") from None
    if b"\x00" in data[:8192]:
        raise DocumentError("binary file (contains NUL bytes), not text", code="binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            code="not_utf8",
        ) from None


def content_hash(*parts: object) -> str:
    # Each part's repr, each followed by \x1f: stored hashes depend on these exact bytes.
    text = "".join(f"{part!r}\x1f" for part in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def draft_hash(draft: EntryDraft) -> str:
    """What a reader sees of an entry. Not its position: a section added or removed above it
    moves it without changing it."""
    return content_hash(
        draft.title, draft.title_en, draft.body, draft.summary, draft.tip, str(draft.kind),
        draft.language, draft.topics, draft.aliases, draft.tags, draft.source,
    )  # fmt: skip


def _yaml_error(exc: yaml.YAMLError, blank_lines: int) -> DocumentError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is not None:
        # Marks count from 0 in the YAML the parser got: the newline after the opening '---'
        # onwards (so that line is counted), of the file without its leading blank lines.
        line = mark.line + 1 + blank_lines
        return DocumentError(
            f"bad YAML frontmatter at line {line}: {problem}",
            code="bad_yaml_line", values={"line": line, "problem": problem},
        )  # fmt: skip
    return DocumentError(
        f"bad YAML frontmatter: {problem}", code="bad_yaml", values={"problem": problem}
    )


def split_frontmatter(text: str) -> tuple[dict[str, Any], str]:
    # Only a file that opens with `---` has frontmatter: the `---` rules inside a post are not.
    if not _HANDLER.detect(text.strip()):
        return {}, text
    try:
        metadata, body = frontmatter.parse(text, handler=_HANDLER)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text[: len(text) - len(text.lstrip())].count("\n")) from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. `date: 2024-02-30`
        raise DocumentError(
            f"bad YAML frontmatter: {exc}", code="bad_yaml", values={"problem": str(exc)}
        ) from None
    if not isinstance(metadata, Mapping):
        raise DocumentError("frontmatter must be a mapping of key: value lines", code="not_mapping")
    return dict(metadata), body


# -- field readers: each names the field and the type it wanted ---------------------------------


def _type_name(value: object) -> str:
    names = {list: "a list", dict: "a mapping", bool: "true/false", int: "a number"}
    names |= {str: "text", float: "a number"}
    return names.get(type(value), type(value).__name__)


def text_field(meta: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        if required:
            raise DocumentError(f"field '{key}' is missing", field=key, code="missing")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DocumentError(
            f"field '{key}' must be text, got {_type_name(value)}", field=key, code="not_text"
        )
    return normalize_text(str(value)).strip()


def list_field(meta: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise DocumentError(
            f"field '{key}' must be a list of text, got {_type_name(value)}", field=key,
            code="not_list",
        )  # fmt: skip
    return tuple(normalize_text(str(v)).strip() for v in value if str(v).strip())


def date_field(meta: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
            if m:
                return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        raise DocumentError(
            f"field '{key}' must be a date like 2024-02-07, got {value!r}", field=key,
            code="bad_date", values={"value": str(value)},
        )  # fmt: skip
    return None


def _date_in_title(title: str) -> str | None:
    m = _TITLE_DATE.search(title)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    year += 2000 if year < 100 else 0
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# -- curated entries ------------------------------------------------------------------------------


def read_curated(
    meta: Mapping[str, Any], body: str, *, display_path: str, known_topics: Collection[str] | None
) -> EntryDraft:
    entry_id = text_field(meta, "id", required=True) or ""
    if not ID_PATTERN.match(entry_id):
        raise DocumentError(
            f"id {entry_id!r} must be 2-80 characters of lowercase letters, digits and hyphens",
            field="id", code="bad_id", values={"value": entry_id},
        )  # fmt: skip
    title = text_field(meta, "title", required=True) or ""
    if len(title) > TITLE_LIMIT:
        raise DocumentError(
            f"title is {len(title)} characters; keep it within {TITLE_LIMIT}", field="title",
            code="too_long", values={"n": len(title), "limit": TITLE_LIMIT},
        )  # fmt: skip
    kind_text = text_field(meta, "kind") or "insight"
    try:
        kind = Kind(kind_text)
    except ValueError:
        raise DocumentError(
            f"kind must be one of qa, tip, insight; got {kind_text!r}", field="kind",
            code="bad_kind", values={"value": kind_text},
        ) from None  # fmt: skip
    tip = text_field(meta, "tip")
    if tip is not None and len(tip) > TIP_LIMIT:
        raise DocumentError(
            f"tip is {len(tip)} characters; keep it within {TIP_LIMIT}", field="tip",
            code="too_long", values={"n": len(tip), "limit": TIP_LIMIT},
        )  # fmt: skip
    topics = list_field(meta, "topics")
    if known_topics is not None:
        unknown = [t for t in topics if t not in known_topics]
        if unknown:
            raise DocumentError(
                f"unknown topic {unknown[0]!r}: add it to topics.yaml or use one that exists",
                field="topics", code="unknown_topic", values={"value": unknown[0]},
            )  # fmt: skip
    source_meta = meta.get("source") or {}
    if not isinstance(source_meta, Mapping):
        raise DocumentError(
            f"field 'source' must be a mapping, got {_type_name(source_meta)}", field="source",
            code="not_mapping",
        )  # fmt: skip
    text = clean_markup(body)
    if not text.strip():
        raise DocumentError("the entry has no body text", field="body", code="empty")
    if len(text) > BODY_LIMIT:
        raise DocumentError(
            f"the body is {len(text):,} characters; an entry holds at most {BODY_LIMIT:,}:"
            " split it into several entries",
            field="body",
            code="too_long",
            values={"n": len(text), "limit": BODY_LIMIT},
        )
    return EntryDraft(
        id=entry_id,
        title=title,
        title_en=text_field(meta, "title_en") or "",
        body=text,
        summary=text_field(meta, "summary_en") or text_field(meta, "summary") or "",
        tip=tip,
        kind=kind,
        language=text_field(meta, "language") or "ko",
        topics=topics,
        aliases=list_field(meta, "aliases"),
        tags=list_field(meta, "tags"),
        source=Source(
            file=display_path,
            post=text_field(source_meta, "post"),
            event=text_field(source_meta, "event"),
            speaker=text_field(source_meta, "speaker") or text_field(source_meta, "role"),
            cohort=text_field(source_meta, "cohort"),
            date=date_field(source_meta, "date"),
            url=text_field(source_meta, "url"),
        ),
    )


# -- posts ----------------------------------------------------------------------------------------


def _post_title(meta: Mapping[str, Any], content: str) -> tuple[str, str]:
    """The post's title, and its content without a leading breadcrumb/title line."""
    title = text_field(meta, "title")
    if title:
        return strip_inline_markdown(title), content
    lines = content.split("\n")
    for i, line in enumerate(lines):
        text = strip_inline_markdown(line.lstrip("#").strip())
        # Scraped pages start with breadcrumbs ("Misc"): the title is the first real line.
        if len(text) >= 10 or len(text.split()) >= 2:
            if line.lstrip().startswith("#"):
                return text, content  # a Markdown title heading stays: it scopes the sections
            return text, "\n".join(lines[i + 1 :])
    return "", content


def stable_id(display_path: str, title: str, seen: dict[str, int]) -> str:
    key = f"{display_path}\x00{title}"
    count = seen.get(key, 0)
    seen[key] = count + 1
    if count:
        key += f"\x00{count}"
    return "p-" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def read_post(
    meta: Mapping[str, Any],
    content: str,
    *,
    display_path: str,
    infer_topics: TopicInferer | None,
) -> list[EntryDraft]:
    # "tag:" is a real post's typo for "tags:", as "data:" is for "date:".
    labels = (*list_field(meta, "categories"), *list_field(meta, "tags"), *list_field(meta, "tag"))
    tags = tuple(dict.fromkeys(labels))
    date = date_field(meta, "date", "data")  # "data:" is a real post's typo for "date:"
    cleaned = clean_markup(content)
    title, cleaned = _post_title(meta, cleaned)
    title = title or display_path.rsplit("/", 1)[-1]
    date = date or _date_in_title(title)
    plain = not any(line.startswith("#") for line in cleaned.split("\n"))
    pieces: list[Piece] = split_post(cleaned, post_title=title, plain_headings=plain)
    drafts: list[EntryDraft] = []
    seen: dict[str, int] = {}
    for position, piece in enumerate(pieces):
        entry_title, full = clip_title(piece.title)
        body = f"**{full}**\n\n{piece.body}" if full else piece.body
        if len(body) > BODY_LIMIT:
            raise DocumentError(
                f"section {entry_title!r} is {len(body):,} characters; an entry holds at most"
                f" {BODY_LIMIT:,}: split it with headings",
                code="section_too_long",
                values={"title": entry_title, "n": len(body), "limit": BODY_LIMIT},
            )
        event = piece.trail[0] if piece.trail and piece.trail[0] != title else None
        found = infer_topics(entry_title, body) if infer_topics else ()
        drafts.append(
            EntryDraft(
                id=stable_id(display_path, entry_title, seen),
                title=entry_title,
                body=body,
                kind=Kind.QA if entry_title.rstrip().endswith("?") else Kind.INSIGHT,
                topics=found,
                tags=tags,
                source=Source(file=display_path, post=title, event=event, date=date),
                position=position,
            )
        )
    return drafts


def read_document(
    data: bytes,
    *,
    display_path: str,
    topics: Sequence[Topic] = (),
    infer_topics: TopicInferer | None = None,
    strict_topics: bool = True,
) -> Document:
    """Parse one file's bytes; raises DocumentError with the reason when it can't be used."""
    text = normalize_text(decode(data))
    meta, content = split_frontmatter(text)
    if "id" in meta:
        known = {t.id for t in topics} if strict_topics else None
        return Document(
            (read_curated(meta, content, display_path=display_path, known_topics=known),), True
        )
    drafts = read_post(meta, content, display_path=display_path, infer_topics=infer_topics)
    if not drafts:
        raise DocumentError("no advice text found after removing markup", code="empty")
    return Document(tuple(drafts), False)
