"""Looking advice up: /advice, /entry, pages, suggestions, no match."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "advice.no_match": {
        "ko": "**{query}**에 맞는 조언을 찾지 못했어요.",
        "en": "No advice matched **{query}**.",
    },
    "advice.no_good_match": {
        "ko": "**{query}**에 딱 맞는 조언은 찾지 못했어요. 가장 가까운 것들이에요:",
        "en": "Nothing answers **{query}** well. These come closest:",
    },
    "advice.closest_topics": {
        "ko": "가까운 주제: {topics} · `/topics`로 주제별 목록도 볼 수 있어요.",
        "en": "Closest topics: {topics} · browse them all with `/topics`.",
    },
    "advice.topic_button": {"ko": "주제: {topic}", "en": "Topic: {topic}"},
    "advice.no_match_topic": {
        "ko": "**{topic}** 주제에서는 **{query}**에 맞는 조언을 찾지 못했어요.",
        "en": "No advice on **{topic}** matched **{query}**.",
    },
    "advice.all_topics": {
        "ko": "모든 주제에서 '{query}' 찾기",
        "en": "Search all topics for '{query}'",
    },
    "advice.did_you_mean": {
        "ko": "혹시 이걸 찾으셨나요?",
        "en": "Did you mean one of these?",
    },
    "advice.try_topics": {
        "ko": "`/topics`로 주제별 목록을 둘러볼 수도 있어요.",
        "en": "You can also browse by topic with `/topics`.",
    },
    "advice.corrected": {
        "ko": "**{query}** 대신 **{corrected}**(으)로 찾았어요.",
        "en": "Showing results for **{corrected}** instead of **{query}**.",
    },
    "advice.empty_query": {
        "ko": "무엇이 궁금한지 적어 주세요. 예: `/advice query:대학원`",
        "en": "Tell me what you're looking for, e.g. `/advice query:grad school`",
    },
    "advice.shared_by": {"ko": "{user}님이 공유한 조언", "en": "Shared by {user}"},
    "advice.shared": {"ko": "채널에 공유했어요.", "en": "Shared to the channel."},
    "advice.shared_already": {
        "ko": "이 조언은 이미 채널에 공유했어요.",
        "en": "You already shared this advice to the channel.",
    },
    "entry.empty_id": {
        "ko": "어떤 항목인지 적어 주세요. 목록에서 고를 수 있어요.",
        "en": "Tell me which entry: type or pick one from the list.",
    },
    "entry.unknown": {
        "ko": "`{id}` 항목을 찾지 못했어요. 목록에서 골라 주세요.",
        "en": "There is no entry `{id}`. Please pick one from the list.",
    },
    "topic.unknown": {
        "ko": "**{topic}** 주제를 찾지 못했어요. 목록에서 고르거나 `/topics`로 확인해 주세요.",
        "en": "There is no topic **{topic}**. Pick one from the list or see `/topics`.",
    },
    "button.prev": {"ko": "이전", "en": "Previous"},
    "button.next": {"ko": "다음", "en": "Next"},
    "button.back": {"ko": "목록으로", "en": "Back to the list"},
    "original.button": {"ko": "원문 보기", "en": "Original post"},
    "original.intro": {
        "ko": "이 조언을 정리한 원문이에요 (블로그 글의 해당 부분 그대로).",
        "en": "The part of the blog post this advice was written from, as posted (in Korean).",
    },
    "advice.page_gone": {
        "ko": "이 조언은 이제 없어요 (답변 이후 삭제되었어요). `/advice`로 다시 찾아 보세요.",
        "en": "This advice is no longer there (removed since this reply): search again with `/advice`.",
    },
    "advice.pages_gone": {
        "ko": "이 답변의 조언은 모두 삭제되었어요 (답변 이후). `/advice`로 다시 찾아 보세요.",
        "en": "Every piece of advice in this answer was removed since: search again with `/advice`.",
    },
    "advice.results_removed": {"ko": "삭제된 결과 {n}개 제외", "en": "{n} removed since"},
    "original.gone": {
        "ko": "원문을 더 이상 찾을 수 없어요.",
        "en": "The original post is no longer there.",
    },
    "button.share": {"ko": "채널에 공유", "en": "Share to channel"},
    "embed.topics": {"ko": "주제", "en": "Topics"},
    "embed.source": {"ko": "출처", "en": "Source"},
    "embed.in_korean": {"ko": "", "en": "-# The advice below is in Korean, as it was given."},
    "embed.tip": {"ko": "한 줄 팁", "en": "Tip"},
    "embed.result": {"ko": "결과 {n}/{total}", "en": "Result {n}/{total}"},
    "embed.part": {"ko": "{n}/{total}쪽", "en": "part {n}/{total}"},
}
