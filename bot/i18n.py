"""User-facing text in Korean (the default) and English (for en-* locales).

Plain data and a lookup, no Discord import: the adapter maps a Discord locale to a language.
"""

from __future__ import annotations

from string import Formatter
from typing import Literal

from bot.text import markdown

Language = Literal["ko", "en"]

MESSAGES: dict[str, dict[Language, str]] = {
    # errors
    "error.cooldown": {
        "ko": "조금만 천천히요! {seconds}초 뒤에 다시 물어봐 주세요.",
        "en": "Easy there! Please try again in {seconds} s.",
    },
    "error.permissions": {
        "ko": "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요.",
        "en": "This command needs the Manage Server permission.",
    },
    "error.guild_only": {
        "ko": "이 명령은 서버 채널에서만 쓸 수 있어요.",
        "en": "This command only works in a server channel.",
    },
    "error.bot_permissions": {
        "ko": "제게 이 채널에서 필요한 권한이 없어요: {perms}",
        "en": "I'm missing permissions in this channel: {perms}",
    },
    "error.internal": {
        "ko": "앗, 처리 중에 문제가 생겼어요. 잠시 후 다시 시도해 주세요. (오류 코드 {code})",
        "en": "Something went wrong on my side. Please try again in a moment. (error {code})",
    },
    "error.discord": {
        "ko": "Discord에 메시지를 보내지 못했어요. 잠시 후 다시 시도해 주세요.",
        "en": "Discord did not accept the message. Please try again in a moment.",
    },
    "error.not_yours": {
        "ko": "이 버튼은 명령을 실행한 분만 쓸 수 있어요. 직접 `/advice`로 찾아보세요!",
        "en": "Only the person who ran the command can use these buttons. Try `/advice` yourself!",
    },
    "error.expired": {
        "ko": "이 메뉴는 시간이 지나 닫혔어요. 명령을 다시 실행해 주세요.",
        "en": "This menu has expired. Please run the command again.",
    },
    # lookups
    "advice.no_match": {
        "ko": "**{query}**에 맞는 조언을 찾지 못했어요.",
        "en": "No advice matched **{query}**.",
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
    "button.share": {"ko": "채널에 공유", "en": "Share to channel"},
    "embed.topics": {"ko": "주제", "en": "Topics"},
    "embed.source": {"ko": "출처", "en": "Source"},
    "embed.english": {"ko": "English summary", "en": "In English"},
    "embed.tip": {"ko": "한 줄 팁", "en": "Tip"},
    "embed.result": {"ko": "결과 {n}/{total}", "en": "Result {n}/{total}"},
    "embed.part": {"ko": "{n}/{total}쪽", "en": "part {n}/{total}"},
    # topics
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
    "topics.page_title": {"ko": "{topic} · 조언 {total}개", "en": "{topic} · {total} entries"},
    "topics.page": {"ko": "{n}/{total}쪽", "en": "page {n}/{total}"},
    # about
    "about.title": {"ko": "선배 sunbae", "en": "sunbae (선배)"},
    "about.description": {
        "ko": "AI 부트캠프 선배들과 현업 연사들의 커리어 조언을 캠퍼에게 전해 주는 봇이에요.\n"
        "`/advice`로 궁금한 것을 물어보고, `/topics`로 주제별로 둘러보세요.",
        "en": "Career advice from AI-bootcamp seniors and industry speakers, for campers.\n"
        "Ask with `/advice`, browse with `/topics`.",
    },
    "about.corpus": {"ko": "조언", "en": "Corpus"},
    "about.corpus_value": {
        "ko": "조언 {entries}개 · 팁 {tips}개 · 주제 {topics}개",
        "en": "{entries} entries · {tips} tips · {topics} topics",
    },
    "about.sources": {"ko": "출처", "en": "Sources"},
    "about.version": {"ko": "버전", "en": "Version"},
    "about.docs": {"ko": "문서", "en": "Docs"},
    # daily tip
    "tip.title": {"ko": "오늘의 팁 · {date}", "en": "Tip of the day · {date}"},
    "tip.from": {"ko": "출처 조언", "en": "From"},
    "tip.none": {
        "ko": "아직 팁이 없어요. 관리자가 `tip:`이 있는 조언을 불러오면 매일 하나씩 보여 드려요.",
        "en": "No tips yet. Once a moderator loads advice with a `tip:` field, one shows each day.",
    },
    "tip.thread": {"ko": "💬 {title}", "en": "💬 {title}"},
    "tipcfg.title": {"ko": "오늘의 팁 설정", "en": "Daily tip settings"},
    "tipcfg.channel": {"ko": "채널", "en": "Channel"},
    "tipcfg.time": {"ko": "시간", "en": "Time"},
    "tipcfg.status": {"ko": "상태", "en": "Status"},
    "tipcfg.on": {"ko": "켜짐", "en": "on"},
    "tipcfg.off": {"ko": "꺼짐", "en": "off"},
    "tipcfg.thread": {"ko": "토론 스레드", "en": "Discussion thread"},
    "tipcfg.yes": {"ko": "매 팁마다 열기", "en": "opened for each tip"},
    "tipcfg.no": {"ko": "열지 않음", "en": "not opened"},
    "tipcfg.next": {"ko": "다음 게시", "en": "Next post"},
    "tipcfg.skip": {"ko": "건너뛸 날", "en": "Skipped day"},
    "tipcfg.problem": {"ko": "⚠️ 지난번 문제", "en": "⚠️ Last problem"},
    "tipcfg.problem.missing_permissions": {
        "ko": "{date}: <#{channel}> 채널에 오늘의 팁을 올리지 못했어요. 봇에게 그 채널의 채널 보기,"
        " 메시지 보내기, 링크 첨부 권한을 주세요.",
        "en": "{date}: the daily tip could not be posted in <#{channel}>. Give the bot View"
        " Channel, Send Messages and Embed Links there.",
    },
    "tipcfg.problem.unknown_channel": {
        "ko": "{date}: <#{channel}> 채널을 찾을 수 없어 오늘의 팁을 올리지 못했어요."
        " `/tip-config set`으로 채널을 다시 골라 주세요.",
        "en": "{date}: <#{channel}> no longer exists, so the daily tip was not posted."
        " Pick a channel again with `/tip-config set`.",
    },
    "tipcfg.problem.refused": {
        "ko": "{date}: Discord가 <#{channel}> 채널에 오늘의 팁을 올리는 것을 거절했어요.",
        "en": "{date}: Discord refused the daily tip in <#{channel}>.",
    },
    "tipcfg.problem.gave_up": {
        "ko": "{date}: Discord 쪽 오류가 계속되어 <#{channel}> 채널에 오늘의 팁을 올리지"
        " 못했어요 ({attempts}번 시도). 다음 팁은 평소대로 올려요.",
        "en": "{date}: Discord kept failing, so the daily tip was not posted in <#{channel}>"
        " ({attempts} attempts). The next tip is posted as usual.",
    },
    "tipcfg.problem.no_tips": {
        "ko": "{date}: 팁이 있는 조언이 없어 그날의 팁을 건너뛰었어요. 조언 파일에 `tip:`을"
        " 넣어 주세요.",
        "en": "{date}: no advice has a tip, so the day was skipped. Add `tip:` to advice files.",
    },
    "tipcfg.problem.no_thread": {
        "ko": "{date}: 팁은 올렸지만 토론 스레드를 열지 못했어요. 봇에게 <#{channel}> 채널의"
        " 공개 스레드 만들기 권한을 주세요.",
        "en": "{date}: the tip was posted, but its discussion thread could not be opened. Give"
        " the bot Create Public Threads in <#{channel}>.",
    },
    "tipcfg.problem.detail": {"ko": "Discord의 응답: {detail}", "en": "Discord said: {detail}"},
    "tipcfg.bot_cannot_post": {
        "ko": "봇이 <#{channel}> 채널에서 팁을 올릴 수 없어요. 빠진 권한: {missing}. 채널 설정의"
        " 권한에서 봇(또는 봇 역할)에 허용한 뒤 다시 설정해 주세요.",
        "en": "The bot cannot post tips in <#{channel}>. Missing: {missing}. Allow them for the"
        " bot (or its role) in the channel's permissions, then set it again.",
    },
    "perm.view_channel": {"ko": "채널 보기", "en": "View Channel"},
    "perm.send_messages": {"ko": "메시지 보내기", "en": "Send Messages"},
    "perm.embed_links": {"ko": "링크 첨부", "en": "Embed Links"},
    "perm.read_message_history": {"ko": "메시지 기록 보기", "en": "Read Message History"},
    "perm.create_public_threads": {"ko": "공개 스레드 만들기", "en": "Create Public Threads"},
    "tipcfg.not_set": {
        "ko": "아직 설정되지 않았어요. `/tip-config set`으로 채널과 시간을 정해 주세요.",
        "en": "Not set up yet. Use `/tip-config set` to choose a channel and time.",
    },
    "tipcfg.saved": {"ko": "저장했어요.", "en": "Saved."},
    "tipcfg.disabled": {"ko": "오늘의 팁 게시를 껐어요.", "en": "Daily tip posting is off."},
    "tipcfg.skipped": {
        "ko": "{date}의 팁은 건너뛸게요.",
        "en": "The tip of {date} will be skipped.",
    },
    "tipcfg.preview": {"ko": "다가올 팁", "en": "Upcoming tips"},
    "tipcfg.bad_time": {
        "ko": "시간은 24시간제 HH:MM으로 적어 주세요 (예: 09:00). 입력: `{value}`",
        "en": "Time must be HH:MM on a 24-hour clock (e.g. 09:00), got `{value}`.",
    },
    "tipcfg.bad_zone": {
        "ko": "`{value}`은(는) 모르는 시간대예요. Asia/Seoul 같은 IANA 이름을 목록에서 골라 주세요.",
        "en": "Unknown time zone `{value}`: pick an IANA name such as Asia/Seoul from the list.",
    },
    "tipcfg.channel_required": {
        "ko": "처음 설정할 때는 채널을 골라 주세요.",
        "en": "Pick a channel for the first setup.",
    },
}


def language_for(locale: str | None) -> Language:
    """Korean by default; English for any en-* locale."""
    return "en" if (locale or "").lower().startswith("en") else "ko"


class Verbatim(str):
    """A value `t` interpolates as it is: for a slot Discord shows without Markdown (a thread
    name, a button label) or text the bot itself built. Everything else a user could have
    typed is escaped."""


_FORMATTER = Formatter()


def t(key: str, language: Language, /, **values: object) -> str:
    """The message `key` in `language`, its `{placeholders}` filled from `values`.

    Strings are user text until proven otherwise: each is escaped so that it shows literally
    and can neither format, link nor mention (`markdown.escape`); inside a code span of the
    template (`` `{id}` ``) only what would end the span is replaced (`markdown.code`).
    Numbers and `Verbatim` strings go in as they are.
    """
    template = MESSAGES[key][language]
    if not values:
        return template
    parts: list[str] = []
    for literal, field, spec, _ in _FORMATTER.parse(template):
        parts.append(literal)
        if field is None:
            continue
        value = values[field]
        if isinstance(value, str) and not isinstance(value, Verbatim):
            in_code = literal.endswith("`")  # the template's code spans are `{name}`
            value = markdown.code(value) if in_code else markdown.escape(value)
        parts.append(format(value, spec or ""))
    return "".join(parts)


# Command and option names/descriptions: default payload text and per-language localizations.
# Names must be lowercase, 1-32 characters without spaces; descriptions at most 100 characters.
COMMAND_TEXT: dict[str, dict[Language, str]] = {
    "advice.name": {"ko": "조언", "en": "advice"},
    "advice.description": {
        "ko": "궁금한 것을 물어보면 선배들의 조언을 찾아 드려요",
        "en": "Find seniors' advice for your question",
    },
    "advice.query.name": {"ko": "질문", "en": "query"},
    "advice.query.description": {
        "ko": "예: 대학원, 포폴, 코테, kaggle",
        "en": "e.g. grad school, portfolio, kaggle",
    },
    "advice.topic.name": {"ko": "주제", "en": "topic"},
    "advice.topic.description": {"ko": "이 주제 안에서만 찾기", "en": "Only search this topic"},
    "advice.public.name": {"ko": "공개", "en": "public"},
    "advice.public.description": {
        "ko": "채널의 모두에게 보이게 답하기 (기본: 나만 보기)",
        "en": "Answer visibly to the channel (default: only you)",
    },
    "entry.name": {"ko": "항목", "en": "entry"},
    "entry.description": {
        "ko": "조언 하나를 전체로 보기",
        "en": "Show one piece of advice in full",
    },
    "entry.id.name": {"ko": "아이디", "en": "id"},
    "entry.id.description": {"ko": "제목을 입력해 골라 주세요", "en": "Type a title and pick one"},
    "topics.name": {"ko": "주제", "en": "topics"},
    "topics.description": {"ko": "주제별로 조언 둘러보기", "en": "Browse advice by topic"},
    "about.name": {"ko": "소개", "en": "about"},
    "tip.name": {"ko": "오늘의팁", "en": "tip"},
    "tip.description": {"ko": "오늘의 팁 보기", "en": "Show today's tip"},
    "tip.share.name": {"ko": "공유", "en": "share"},
    "tip.share.description": {
        "ko": "채널의 모두에게 보이게 올리기",
        "en": "Post it visibly to the channel",
    },
    "tipcfg.name": {"ko": "팁설정", "en": "tip-config"},
    "tipcfg.description": {
        "ko": "오늘의 팁 게시 설정 (서버 관리 권한)",
        "en": "Daily tip posting (Manage Server)",
    },
    "tipcfg.set.name": {"ko": "설정", "en": "set"},
    "tipcfg.set.description": {
        "ko": "채널, 시간, 시간대, 스레드 설정",
        "en": "Set channel, time, time zone, thread",
    },
    "tipcfg.show.name": {"ko": "보기", "en": "show"},
    "tipcfg.show.description": {"ko": "현재 설정 보기", "en": "Show the settings"},
    "tipcfg.off.name": {"ko": "끄기", "en": "off"},
    "tipcfg.off.description": {"ko": "게시 끄기", "en": "Stop posting"},
    "tipcfg.preview.name": {"ko": "미리보기", "en": "preview"},
    "tipcfg.preview.description": {"ko": "다가올 팁 미리보기", "en": "Preview the next tips"},
    "tipcfg.skip.name": {"ko": "건너뛰기", "en": "skip"},
    "tipcfg.skip.description": {"ko": "다음 팁 하루 건너뛰기", "en": "Skip the next day's tip"},
    "tipcfg.channel.name": {"ko": "채널", "en": "channel"},
    "tipcfg.channel.description": {"ko": "팁을 올릴 채널", "en": "Where to post"},
    "tipcfg.time.name": {"ko": "시간", "en": "time"},
    "tipcfg.time.description": {"ko": "HH:MM (예: 09:00)", "en": "HH:MM (e.g. 09:00)"},
    "tipcfg.timezone.name": {"ko": "시간대", "en": "timezone"},
    "tipcfg.timezone.description": {
        "ko": "IANA 시간대 (기본: Asia/Seoul)",
        "en": "IANA time zone (default Asia/Seoul)",
    },
    "tipcfg.thread.name": {"ko": "스레드", "en": "thread"},
    "tipcfg.thread.description": {
        "ko": "팁마다 토론 스레드 열기",
        "en": "Open a discussion thread for each tip",
    },
    "tipcfg.count.name": {"ko": "개수", "en": "count"},
    "tipcfg.count.description": {"ko": "몇 개 볼까요 (1-10)", "en": "How many (1-10)"},
    "about.description": {"ko": "선배 봇 소개와 콘텐츠 현황", "en": "About sunbae and its corpus"},
}
