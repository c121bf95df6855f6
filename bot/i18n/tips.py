"""The daily tip: posts and /tip-config."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
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
        " ({attempts:attempt|attempts}). The next tip is posted as usual.",
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
    "perm.attach_files": {"ko": "파일 첨부", "en": "Attach Files"},
    "tipcfg.not_set": {
        "ko": "아직 설정되지 않았어요. `/tip-config set`으로 채널과 시간을 정해 주세요.",
        "en": "Not set up yet. Use `/tip-config set` to choose a channel and time.",
    },
    "tipcfg.saved": {"ko": "저장했어요.", "en": "Saved."},
    "tipcfg.disabled": {"ko": "오늘의 팁 게시를 껐어요.", "en": "Daily tip posting is off."},
    "tipcfg.skipped": {
        "ko": "{date}의 팁은 건너뛸게요. 되돌리려면 `/tip-config unskip`.",
        "en": "The tip of {date} will be skipped. To undo it: `/tip-config unskip`.",
    },
    "tipcfg.skip_replaced": {
        "ko": "(전에 건너뛰기로 한 {date}에는 다시 팁이 올라가요. 건너뛰는 날은 한 번에 하루예요.)",
        "en": "({date}, skipped before, gets its tip again: one skipped day at a time.)",
    },
    "tipcfg.unskipped": {
        "ko": "{date}에도 팁을 올릴게요.",
        "en": "The tip of {date} will be posted after all.",
    },
    "tipcfg.nothing_skipped": {
        "ko": "건너뛰기로 한 날이 없어요.",
        "en": "No day is being skipped.",
    },
    "tipcfg.bad_date": {
        "ko": "날짜는 YYYY-MM-DD로 적어 주세요 (예: 2026-12-24). 입력: `{value}`",
        "en": "Date must be YYYY-MM-DD (e.g. 2026-12-24), got `{value}`.",
    },
    "tipcfg.past_date": {
        "ko": "{value}은(는) 이미 지난 날이에요. 오늘이나 그 뒤의 날을 골라 주세요.",
        "en": "{value} is in the past: pick today or a later day.",
    },
    "tipcfg.already_posted": {
        "ko": "{value}의 팁은 이미 올라갔어요.",
        "en": "The tip of {value} was already posted.",
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
