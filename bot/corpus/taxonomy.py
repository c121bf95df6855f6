"""The topic taxonomy file (`topics.yaml`) that moderators edit."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.corpus.documents import ID_PATTERN, DocumentError, decode, list_field, text_field
from bot.models import Topic

TAXONOMY_NAMES = ("topics.yaml", "topics.yml")


def find_taxonomy(folder: Path) -> Path | None:
    for name in TAXONOMY_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def parse_taxonomy(data: bytes) -> list[Topic]:
    try:
        doc = yaml.load(decode(data), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise DocumentError(f"bad YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date
        raise DocumentError(f"bad YAML: {exc}") from None
    items = doc.get("topics") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise DocumentError("expected a top-level 'topics:' list")
    topics: list[Topic] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise DocumentError(f"topic #{number} must be a mapping with id, ko, en")
        try:
            topic_id = text_field(item, "id", required=True) or ""
            if not ID_PATTERN.match(topic_id):
                raise DocumentError(f"id {topic_id!r} must be lowercase letters, digits, hyphens")
            if topic_id in seen:
                raise DocumentError(f"id {topic_id!r} appears twice")
            seen.add(topic_id)
            topics.append(
                Topic(
                    id=topic_id,
                    name_ko=text_field(item, "ko", required=True) or "",
                    name_en=text_field(item, "en", required=True) or "",
                    description=text_field(item, "description") or "",
                    description_en=text_field(item, "description_en") or "",
                    aliases=list_field(item, "aliases"),
                )
            )
        except DocumentError as exc:
            raise DocumentError(f"topic #{number}: {exc}") from None
    return topics
