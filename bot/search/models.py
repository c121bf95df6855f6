"""What search returns: hits, results, autocomplete suggestions (plain records, no Discord)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.models import Entry, Topic
from bot.search.snippet import make_snippet

# Discord's limits for an autocomplete choice; a Choice(name, value) is built from these as-is.
NAME_MAX = 100
VALUE_MAX = 100
ENTRY_VALUE = "entry:"
TOPIC_VALUE = "topic:"


class SuggestionKind(StrEnum):
    TOPIC = "topic"
    ENTRY = "entry"
    QUERY = "query"


def fit(text: str, limit: int = NAME_MAX) -> str:
    """Cut to `limit` characters with an ellipsis, never mid-surrogate (Python str is safe)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One autocomplete choice: `name` shown (≤ 100), `value` sent back (≤ 100).

    `value` is `entry:<id>`, `topic:<id>` or plain query text; `SearchService.search` accepts all
    three, so an adapter can pass whatever the camper picked straight back to search.
    """

    name: str
    value: str
    kind: SuggestionKind
    ref: str  # the entry id, topic id or query text

    @classmethod
    def for_entry(cls, entry_id: str, title: str) -> Suggestion:
        value = ENTRY_VALUE + entry_id
        if len(value) > VALUE_MAX:  # an id too long for a value: search by title instead
            value = fit(title, VALUE_MAX)
        return cls(fit(title), value, SuggestionKind.ENTRY, entry_id)

    @classmethod
    def for_topic(cls, topic: Topic, language: str = "ko") -> Suggestion:
        first, second = (
            (topic.name_en, topic.name_ko) if language == "en" else (topic.name_ko, topic.name_en)
        )
        label = first or second
        if first and second and second.lower() != first.lower():
            label = f"{first} ({second})"
        value = TOPIC_VALUE + topic.id
        if len(value) > VALUE_MAX:
            value = fit(topic.name_ko, VALUE_MAX)
        prefix = "Topic" if language == "en" else "주제"
        return cls(fit(f"{prefix}: {label}"), value, SuggestionKind.TOPIC, topic.id)

    @classmethod
    def for_query(cls, text: str, language: str = "ko") -> Suggestion:
        prefix = "Search" if language == "en" else "검색"
        return cls(fit(f"{prefix}: {text}"), fit(text, VALUE_MAX), SuggestionKind.QUERY, text)


def parse_value(value: str) -> tuple[SuggestionKind, str]:
    """What a choice value (or typed text) refers to: (ENTRY, id), (TOPIC, id) or (QUERY, text)."""
    text = value.strip()
    if text.startswith(ENTRY_VALUE) and len(text) > len(ENTRY_VALUE):
        return SuggestionKind.ENTRY, text[len(ENTRY_VALUE) :]
    if text.startswith(TOPIC_VALUE) and len(text) > len(TOPIC_VALUE):
        return SuggestionKind.TOPIC, text[len(TOPIC_VALUE) :]
    return SuggestionKind.QUERY, value


@dataclass(frozen=True, slots=True)
class SearchHit:
    entry: Entry
    score: float
    matched_topics: tuple[str, ...]  # the entry's topics that the query named
    title_match: bool  # a query word is in the title
    forms: tuple[str, ...] = ()  # the words searched for, which the snippet puts in bold

    @property
    def snippet(self) -> str:
        """≤ ~200 characters of Markdown around the matched words, in **bold**: made when asked
        (the CLI shows it; the bot's pages show the entry itself)."""
        return make_snippet(self.entry.body, self.forms)

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def title(self) -> str:
        return self.entry.title


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: tuple[SearchHit, ...]
    total: int  # all matches, for pagination
    offset: int = 0
    limit: int = 10
    topics: tuple[Topic, ...] = ()  # topics the query named (or the --topic filter)
    terms: tuple[str, ...] = ()  # the words searched for, after corrections and expansion
    corrected_query: str | None = None  # set when the hits are for a corrected query
    suggestions: tuple[Suggestion, ...] = field(default=())  # "did you mean", when nothing matched
    confidence: float = 0.0  # how well the best hit answers the query, in [0, 1]
    low_confidence: bool = False  # below the calibrated threshold: the hits are only the closest

    @property
    def no_match(self) -> bool:
        """Nothing answers the query: no hits, or only ones too weak to offer as an answer."""
        return not self.hits or self.low_confidence

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.hits) < self.total

    @property
    def next_offset(self) -> int | None:
        return self.offset + len(self.hits) if self.has_more else None
