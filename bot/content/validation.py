"""Moderator input -> an entry draft, held to the rules files are held to (the same reader)."""

from __future__ import annotations

from collections.abc import Collection

from bot.corpus.documents import DocumentError, read_curated
from bot.models import EntryDraft, Source
from bot.models.content import EntryInput
from bot.models.content_errors import FieldError

BODY_LIMIT = 4000  # a modal's paragraph holds 4000; an entry's page (embed description) 4096
ALIAS_LIMIT = 20
ALIAS_CHARS = 100


def validate(
    given: EntryInput,
    *,
    entry_id: str,
    known_topics: Collection[str],
    source: Source | None = None,
    base: EntryDraft | None = None,
) -> EntryDraft:
    """The draft `given` makes, or FieldError naming the field (the input kept in it).

    `base` is the entry being edited: what the form does not show (summary, tags, language,
    position) is kept from it, the English title and summary only while the title and body they
    translate are unchanged."""
    body = given.body.strip()
    if len(body) > BODY_LIMIT:
        raise FieldError(
            "body", f"{len(body)} characters; keep it within {BODY_LIMIT}", given,
            code="too_long", values={"n": len(body), "limit": BODY_LIMIT},
        )  # fmt: skip
    aliases = tuple(a.strip() for a in given.aliases if a.strip())
    if len(aliases) > ALIAS_LIMIT or any(len(a) > ALIAS_CHARS for a in aliases):
        raise FieldError(
            "aliases", f"at most {ALIAS_LIMIT}, each within {ALIAS_CHARS} characters", given,
            code="aliases", values={"n": len(aliases), "limit": ALIAS_LIMIT, "chars": ALIAS_CHARS},
        )  # fmt: skip
    meta: dict[str, object] = {
        "id": entry_id,
        "title": given.title.strip(),
        "title_en": given.title_en.strip(),
        "kind": given.kind.strip() or "insight",
        "tip": given.tip.strip(),
        "topics": list(given.topics),
        "aliases": list(aliases),
    }
    try:
        draft = read_curated(meta, body, display_path="", known_topics=set(known_topics))
    except DocumentError as exc:
        raise FieldError(
            exc.field or "body", str(exc), given, code=exc.code, values=exc.values
        ) from None
    if base is None:
        return EntryDraft(
            id=draft.id, title=draft.title, body=draft.body, title_en=draft.title_en,
            tip=draft.tip, kind=draft.kind, topics=draft.topics, aliases=draft.aliases,
            source=source or Source(),
        )  # fmt: skip
    # The form shows neither the English title nor the (English) summary: written for the text
    # as it was, once that text is rewritten they would tell English readers the old advice.
    # They go with it (English readers then see the text itself; a revert brings them back).
    return EntryDraft(
        id=draft.id, title=draft.title, body=draft.body,
        title_en=draft.title_en if draft.title == base.title else "",
        summary=base.summary if draft.body == base.body else "",
        tip=draft.tip, kind=draft.kind, language=base.language,
        topics=draft.topics, aliases=draft.aliases, tags=base.tags, source=base.source,
        position=base.position,
    )  # fmt: skip
