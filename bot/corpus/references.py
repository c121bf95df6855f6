"""Entries that mention other entries by id ("… (ask-many-people 참고)"): shown by title.

Authors cross-reference advice by its id, which is stable but means nothing to a reader. At
display time each id that names a live entry becomes that entry's title in 「」 brackets (which
/entry's autocomplete finds); any other hyphenated word is left alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence

from bot.models import Entry

# An entry id as written in a body: lowercase words joined by hyphens, not part of a path, a URL,
# a file name or a longer word.
_REFERENCE = re.compile(r"(?<![\w/.#-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![\w/.-])")


def referenced_ids(texts: Iterable[str]) -> list[str]:
    """Id-shaped words in `texts`, each once, in order of appearance."""
    return list(dict.fromkeys(m.group(1) for text in texts for m in _REFERENCE.finditer(text)))


def name_references(text: str, titles: Mapping[str, str]) -> str:
    """`text` with every id found in `titles` replaced by 「its title」."""
    if not titles:
        return text
    return _REFERENCE.sub(
        lambda m: f"「{titles[m.group(1)]}」" if m.group(1) in titles else m.group(0), text
    )


async def with_named_references(
    entries: Sequence[Entry], lookup: Callable[[Sequence[str]], Awaitable[list[Entry]]]
) -> list[Entry]:
    """The entries with the ids in their bodies shown as titles; `lookup` gives live entries by
    id (EntryRepository.get_many). An entry never names itself."""
    ids = referenced_ids(e.body for e in entries)
    if not ids:
        return list(entries)
    titles = {e.id: e.title for e in await lookup(ids)}
    return [
        dataclasses.replace(
            e, body=name_references(e.body, {k: v for k, v in titles.items() if k != e.id})
        )
        for e in entries
    ]
