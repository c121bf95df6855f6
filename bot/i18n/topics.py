"""Browsing by topic: /topics."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "topics.title": {"ko": "주제별 조언", "en": "Advice by topic"},
    "topics.intro": {
        "ko": "아래 메뉴에서 주제를 고르면 그 주제의 조언 목록을 보여 드려요.",
        "en": "Pick a topic below to see its advice.",
    },
    "topics.placeholder": {"ko": "주제 고르기…", "en": "Choose a topic…"},
    "topics.entries_placeholder": {"ko": "조언 열기…", "en": "Open an entry…"},
    "topics.count": {"ko": "{n}개", "en": "{n}"},
    "topics.empty": {
        "ko": "아직 주제가 없어요. 관리자가 콘텐츠를 불러오면 나타나요.",
        "en": "No topics yet. They appear once a moderator loads content.",
    },
    "topics.page_title": {
        "ko": "{topic} · 조언 {total}개",
        "en": "{topic} · {total:entry|entries}",
    },
    "topics.page": {"ko": "{n}/{total}쪽", "en": "page {n}/{total}"},
}
