"""What campers ask, for moderators: /insights."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "insights.title": {"ko": "질문 현황 · 최근 {days}일", "en": "Insights · last {days:day|days}"},
    "insights.lookups": {"ko": "질문", "en": "Lookups"},
    "insights.askers": {"ko": "질문한 사람 (하루 기준)", "en": "Askers (distinct per day)"},
    "insights.unanswered": {"ko": "답을 못 찾음", "en": "Found nothing"},
    "insights.shares": {"ko": "공유", "en": "Shares"},
    "insights.discussions": {"ko": "토론", "en": "Discussions"},
    "insights.views": {"ko": "조회", "en": "Views"},
    "insights.top_queries": {"ko": "많이 찾은 질문", "en": "Top queries"},
    "insights.top_entries": {"ko": "많이 본 조언", "en": "Top entries"},
    "insights.top_topics": {"ko": "많이 본 주제", "en": "Top topics"},
    "insights.top_unanswered": {"ko": "답을 못 찾은 질문", "en": "Top unanswered queries"},
    "insights.count_line": {"ko": "{label} · {count}회", "en": "{label} · {count}"},
    "insights.recording_off": {
        "ko": "⚠️ 이 봇은 질문을 기록하지 않아요 (`SUNBAE_INSIGHTS=off`). 새 질문은 세지 않으니,"
        " 아래 숫자는 기록이 켜져 있던 동안의 것이에요.",
        "en": "⚠️ This bot does not record lookups (`SUNBAE_INSIGHTS=off`): new ones are not"
        " counted, and what follows is from while recording was on.",
    },
    "insights.empty": {
        "ko": "최근 {days}일 동안 기록된 질문이 없어요.",
        "en": "No lookups recorded in the last {days:day|days}.",
    },
    "insights.footer": {
        "ko": "사용자 정보는 저장하지 않아요 · {retention}일 뒤 자동 삭제",
        "en": "No user ids are stored · erased after {retention:day|days}",
    },
    "insights.chart.per_day": {"ko": "날짜별 질문 수 (주제별)", "en": "Lookups per day, by topic"},
    "insights.chart.lookups": {"ko": "질문 수", "en": "Lookups"},
    "insights.chart.no_topic": {"ko": "주제 없음", "en": "No topic"},
    "insights.chart.other": {"ko": "기타", "en": "Other"},
    "insights.chart.nothing": {
        "ko": "답을 못 찾은 질문이 없어요",
        "en": "No unanswered queries",
    },
    "insights.gaps.title": {
        "ko": "답을 못 찾은 질문 · 최근 {days}일",
        "en": "Unanswered queries · last {days:day|days}",
    },
    "insights.gaps.none": {
        "ko": "최근 {days}일 동안 답을 못 찾은 질문이 없어요. 👍",
        "en": "Every lookup of the last {days:day|days} found an answer. 👍",
    },
    "insights.gaps.intro": {
        "ko": "결과가 없었거나, 추천을 아무도 열지 않은 질문이에요. 비슷한 표현끼리 묶었어요.",
        "en": "Lookups that found nothing, or whose suggestions nobody opened, grouped by"
        " similar wording.",
    },
    "insights.gaps.line": {"ko": "**{label}** · {count}회", "en": "**{label}** · {count}×"},
    "insights.gaps.also": {"ko": "비슷한 표현: {queries}", "en": "Also asked as: {queries}"},
    "insights.gaps.answered": {
        "ko": "✅ 이제 답이 있어요: {title}",
        "en": "✅ Answered now: {title}",
    },
    "insights.write": {"ko": "답변 쓰기", "en": "Write an answer"},
    "insights.write.todo": {
        "ko": "✍️ **{query}**에 답하는 조언을 추가해 주세요. 제목 예시: `{query}`\n"
        "조언 파일을 `content/`에 추가하고 `python -m bot ingest`로 불러오면 이 질문이 답을 찾아요.",
        "en": "✍️ Add advice that answers **{query}**. Suggested title: `{query}`\n"
        "Add an advice file under `content/` and run `python -m bot ingest`; the question then"
        " finds it.",
    },
    "insights.entry.title": {
        "ko": "{title} · 최근 {days}일",
        "en": "{title} · last {days:day|days}",
    },
    "insights.entry.queries": {"ko": "이 조언으로 이어진 질문", "en": "Queries that led here"},
    "insights.entry.no_queries": {"ko": "아직 없어요", "en": "None yet"},
    "insights.entry.retired": {
        "ko": "🗄️ 내려진 조언이에요: 캠퍼는 더 이상 찾을 수 없어요. 아래는 기록에 남은 숫자예요."
        " `/content restore`로 다시 올릴 수 있어요.",
        "en": "🗄️ This entry is retired: campers no longer find it. Below are the numbers the"
        " log kept. `/content restore` brings it back.",
    },
    "insights.entry.retired_choice": {"ko": "🗄️ (내려짐)", "en": "🗄️ (retired)"},
    "insights.forget.confirm": {
        "ko": "⚠️ 이 서버의 질문 기록을 모두 지울까요? 되돌릴 수 없어요.",
        "en": "⚠️ Erase this server's whole query log? This cannot be undone.",
    },
    "insights.forget.yes": {"ko": "모두 지우기", "en": "Erase everything"},
    "insights.forget.no": {"ko": "취소", "en": "Cancel"},
    "insights.forget.done": {
        "ko": "질문 기록 {count}건을 지웠어요.",
        "en": "Erased {count:recorded lookup|recorded lookups}.",
    },
    "insights.forget.cancelled": {"ko": "지우지 않았어요.", "en": "Nothing was erased."},
    "insights.digest.saved": {
        "ko": "매주 {day} {time} ({zone})에 <#{channel}> 채널에 지난 7일의 질문 현황을 올릴게요."
        " 다음 게시: {next}",
        "en": "Every {day} at {time} ({zone}) the past 7 days' insights go to <#{channel}>."
        " Next: {next}",
    },
    "insights.digest.saved_gone": {
        "ko": "매주 {day} {time} ({zone})에 <#{channel}> 채널에 지난 7일의 질문 현황을 올리도록"
        " 설정돼 있지만, 채널이 없어 올리지 않아요.",
        "en": "The digest is set for every {day} at {time} ({zone}) in <#{channel}>, but that"
        " channel is gone, so nothing is posted.",
    },
    "insights.digest.recording_off": {
        "ko": "⚠️ 이 봇은 질문을 기록하지 않아요 (`SUNBAE_INSIGHTS=off`): 요약은 새 질문을 세지"
        " 않고, 기록이 켜져 있던 동안의 숫자만 보여 줘요.",
        "en": "⚠️ This bot does not record lookups (`SUNBAE_INSIGHTS=off`): the digest counts no"
        " new ones, only what was recorded while recording was on.",
    },
    "insights.digest.off": {"ko": "주간 요약 게시를 껐어요.", "en": "The weekly digest is off."},
    "insights.digest.none": {
        "ko": "주간 요약이 설정되지 않았어요. `/insights digest channel:#채널 day:월요일`로 켜 주세요.",
        "en": "No weekly digest yet. Turn it on with `/insights digest channel:#channel day:Monday`.",
    },
    "insights.digest.bad_time": {
        "ko": "시간은 24시간제 HH:MM으로 적어 주세요 (예: 09:00). 입력: `{value}`",
        "en": "Time must be HH:MM on a 24-hour clock (e.g. 09:00), got `{value}`.",
    },
    "insights.digest.needs_day": {
        "ko": "채널과 요일을 함께 골라 주세요.",
        "en": "Pick both a channel and a day.",
    },
    "insights.digest.cannot_post": {
        "ko": "봇이 <#{channel}> 채널에 요약을 올릴 수 없어요. 빠진 권한: {missing}",
        "en": "The bot cannot post the digest in <#{channel}>. Missing: {missing}",
    },
    "insights.weekday.0": {"ko": "월요일", "en": "Monday"},
    "insights.weekday.1": {"ko": "화요일", "en": "Tuesday"},
    "insights.weekday.2": {"ko": "수요일", "en": "Wednesday"},
    "insights.weekday.3": {"ko": "목요일", "en": "Thursday"},
    "insights.weekday.4": {"ko": "금요일", "en": "Friday"},
    "insights.weekday.5": {"ko": "토요일", "en": "Saturday"},
    "insights.weekday.6": {"ko": "일요일", "en": "Sunday"},
}
