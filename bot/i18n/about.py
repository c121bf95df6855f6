"""/about: what sunbae is and holds."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "about.title": {"ko": "선배 sunbae", "en": "sunbae (선배)"},
    "about.intro": {
        "ko": "AI 부트캠프 선배들과 현업 연사들이 남긴 커리어 조언을, 궁금할 때 바로 찾아 드려요.",
        "en": "Career advice from AI-bootcamp seniors and industry speakers, found the moment"
        " you wonder.",
    },
    "about.try": {"ko": "이렇게 써 보세요", "en": "Try"},
    "about.commands": {
        "ko": "`/advice query:대학원` 궁금한 것을 물어보기\n"
        "`/topics` 주제별로 둘러보기\n"
        "`/tip` 오늘의 팁\n"
        "`/entry` 제목으로 조언 바로 열기",
        "en": "`/advice query:grad school` ask what you wonder\n"
        "`/topics` browse by topic\n"
        "`/tip` today's tip\n"
        "`/entry` open a piece of advice by its title",
    },
    "about.corpus": {"ko": "모아 둔 조언", "en": "What it holds"},
    "about.held": {
        "ko": "조언 {entries}개 · 오늘의 팁 {tips}개 · 주제 {topics}개",
        "en": "{entries:piece of advice|pieces of advice} · {tips:daily tip|daily tips} · {topics:topic|topics}",
    },
    "about.source_line": {"ko": "• {source}: {n}개", "en": "• {source}: {n}"},
    "about.more_sources": {
        "ko": "• 그 밖의 출처 {sources}곳: {n}개",
        "en": "• {sources:more source|more sources}: {n}",
    },
    "about.moderators": {"ko": "이 서버에서 직접 쓴 조언", "en": "Written in this server"},
    "about.language": {"ko": "언어", "en": "Language"},
    "about.english": {
        "ko": "",
        "en": "Titles and summaries are in English where the advice has them; the advice itself"
        " is in Korean, as it was given.",
    },
}
