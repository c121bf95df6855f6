"""Korean-aware search, suggestions and autocomplete (async; never imports discord)."""

from bot.search.models import (
    NAME_MAX,
    VALUE_MAX,
    SearchHit,
    SearchResult,
    Suggestion,
    SuggestionKind,
    parse_value,
)
from bot.search.service import SearchService
from bot.search.topics import TopicMatcher

__all__ = [
    "NAME_MAX",
    "VALUE_MAX",
    "SearchHit",
    "SearchResult",
    "SearchService",
    "Suggestion",
    "SuggestionKind",
    "TopicMatcher",
    "parse_value",
]
