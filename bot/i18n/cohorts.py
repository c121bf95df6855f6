"""Cohorts (기수) and their discussion threads."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "cohort.created": {
        "ko": "**{name}** 기수를 만들었어요. 토론은 <#{channel}>에서 열려요.",
        "en": "Created the cohort **{name}**. Its discussions open in <#{channel}>.",
    },
    "cohort.edited": {"ko": "**{name}** 기수를 고쳤어요.", "en": "Updated the cohort **{name}**."},
    "cohort.archived": {
        "ko": "**{name}** 기수를 보관했어요 (수료). 스레드는 남고 새 토론은 열리지 않아요.",
        "en": "Archived **{name}** (alumni). Its threads stay; no new discussions open.",
    },
    "cohort.unarchived": {
        "ko": "**{name}** 기수를 다시 활성화했어요.",
        "en": "**{name}** is active again.",
    },
    "cohort.role_warning": {
        "ko": "⚠️ 봇이 <@&{role}> 역할을 줄 수 없어요: {reason}",
        "en": "⚠️ The bot cannot give the <@&{role}> role: {reason}",
    },
    "cohort.cannot_use_channel": {
        "ko": "봇이 <#{channel}> 채널에서 토론을 열 수 없어요. 빠진 권한: {missing}. 채널 권한에서"
        " 봇(또는 봇 역할)에 허용한 뒤 다시 시도해 주세요.",
        "en": "The bot cannot open discussions in <#{channel}>. Missing: {missing}. Allow them"
        " for the bot (or its role) in the channel's permissions, then try again.",
    },
    "cohort.bad_date": {
        "ko": "날짜는 YYYY-MM-DD로 적어 주세요 (예: 2026-03-02). 입력: `{value}`",
        "en": "Dates are YYYY-MM-DD (e.g. 2026-03-02), got `{value}`.",
    },
    "cohort.nothing_to_change": {
        "ko": "바꿀 항목을 하나 이상 골라 주세요.",
        "en": "Pick at least one thing to change.",
    },
    "cohort.list.title": {"ko": "기수 목록", "en": "Cohorts"},
    "cohort.list.empty": {
        "ko": "아직 기수가 없어요. 관리자가 `/cohort create`로 만들 수 있어요.",
        "en": "No cohorts yet. Moderators create them with `/cohort create`.",
    },
    "cohort.list.more": {
        "ko": "… 외 {n}개: `/cohort info`에서 이름으로 찾아보세요.",
        "en": "… and {n} more: find them by name with `/cohort info`.",
    },
    "cohort.list.active": {"ko": "진행 중", "en": "Active"},
    "cohort.list.alumni": {"ko": "수료 (보관됨)", "en": "Alumni (archived)"},
    "cohort.list.line": {
        "ko": "**{name}** · {channel} · 👥 {members} · 💬 열린 토론 {threads}",
        "en": "**{name}** · {channel} · 👥 {members} · 💬 {threads} open",
    },
    "cohort.list.channel_deleted": {
        "ko": "⚠️ 토론 채널 삭제됨",
        "en": "⚠️ discussion channel deleted",
    },
    "cohort.info.channel": {"ko": "토론 채널", "en": "Discussion channel"},
    "cohort.info.role": {"ko": "역할", "en": "Role"},
    "cohort.info.none": {"ko": "없음", "en": "none"},
    "cohort.info.dates": {"ko": "기간", "en": "Dates"},
    "cohort.info.state": {"ko": "상태", "en": "State"},
    "cohort.info.active": {"ko": "진행 중", "en": "active"},
    "cohort.info.archived": {"ko": "수료 (보관됨)", "en": "alumni (archived)"},
    "cohort.info.threads": {"ko": "토론 스레드", "en": "Discussion threads"},
    "cohort.info.no_threads": {
        "ko": "아직 토론이 없어요. `/discuss`로 열어 보세요.",
        "en": "No discussions yet. Open one with `/discuss`.",
    },
    "cohort.info.archive_after": {"ko": "자동 보관", "en": "Auto-archive"},
    "cohort.info.minutes": {"ko": "{minutes}분 동안 조용하면", "en": "after {minutes} min idle"},
    "cohort.threads.title": {"ko": "{name} · 토론 스레드", "en": "{name} · discussion threads"},
    "cohort.threads.page": {"ko": "{n}/{total}쪽", "en": "page {n}/{total}"},
    "cohort.thread.open": {"ko": "열림", "en": "open"},
    "cohort.thread.archived": {"ko": "보관됨", "en": "archived"},
    "cohort.thread.locked": {"ko": "닫힘", "en": "closed"},
    "cohort.tip_subject": {"ko": "오늘의 팁 {date}", "en": "Tip of {date}"},
    "cohort.problem": {"ko": "⚠️ 지난번 문제", "en": "⚠️ Last problem"},
    "cohort.problem.max_threads": {
        "ko": "{at}: 서버의 활성 스레드가 한도에 달해 토론을 열지 못했어요. 오래된 스레드를 보관해"
        " 주세요.",
        "en": "{at}: the server reached its maximum of active threads, so a discussion could not"
        " open. Archive some old threads.",
    },
    "cohort.problem.forbidden": {
        "ko": "{at}: Discord가 <#{channel}>에서 토론 여는 것을 거절했어요. 봇의 채널 권한을 확인해"
        " 주세요.",
        "en": "{at}: Discord refused to open a discussion in <#{channel}>. Check the bot's"
        " permissions there.",
    },
    "cohort.problem.unknown_channel": {
        "ko": "{at}: 토론을 열던 <#{channel}> 채널이 삭제됐어요. `/cohort edit`로 다른 채널을"
        " 골라 주세요.",
        "en": "{at}: the discussion channel <#{channel}> was deleted. Pick another with"
        " `/cohort edit`.",
    },
    "cohort.problem.tag_required": {
        "ko": "{at}: <#{channel}> 포럼은 태그가 필수인데 조언의 주제와 같은 이름의 태그가 없어"
        " 토론을 열지 못했어요. 주제 이름(예: 포트폴리오)으로 태그를 만들거나 태그 필수를 꺼"
        " 주세요.",
        "en": "{at}: the forum <#{channel}> requires a tag and has none named like the advice's"
        " topics, so a discussion could not open. Add tags named like the topics (e.g."
        " Portfolio) or stop requiring one.",
    },
    "cohort.problem.role_forbidden": {
        "ko": "{at}: 봇에게 역할 관리(Manage Roles) 권한이 없어 기수 역할을 주거나 뺄 수 없었어요.",
        "en": "{at}: the bot lacks Manage Roles, so it could not give or take the cohort role.",
    },
    "cohort.problem.role_hierarchy": {
        "ko": "{at}: 기수 역할이 봇의 가장 높은 역할보다 위(또는 같은 위치)에 있어 주거나 뺄 수"
        " 없었어요. 서버 설정 > 역할에서 봇 역할을 위로 올려 주세요.",
        "en": "{at}: the cohort role is not below the bot's highest role, so it could not be"
        " given or taken. Move the bot's role above it in Server Settings > Roles.",
    },
    "cohort.error.name_empty": {"ko": "기수 이름을 적어 주세요.", "en": "Give the cohort a name."},
    "cohort.error.name_too_long": {
        "ko": "기수 이름은 {limit}자까지예요 (지금 {length}자).",
        "en": "A cohort name has at most {limit:character|characters} (this one has {length}).",
    },
    "cohort.error.name_taken": {
        "ko": "이 서버에 이미 **{name}** 기수가 있어요 (대소문자와 띄어쓰기는 구별하지 않아요).",
        "en": "This server already has a cohort **{name}** (case and spacing do not count).",
    },
    "cohort.error.not_found": {
        "ko": "**{name}** 기수를 찾지 못했어요. 목록에서 골라 주세요.",
        "en": "There is no cohort **{name}**. Pick one from the list.",
    },
    "cohort.error.archived": {
        "ko": "**{name}** 기수는 보관(수료)되어 새 토론을 열 수 없어요.",
        "en": "**{name}** is archived (alumni): no new discussions open.",
    },
    "cohort.error.already_archived": {
        "ko": "**{name}** 기수는 이미 보관되어 있어요.",
        "en": "**{name}** is already archived.",
    },
    "cohort.error.not_archived": {
        "ko": "**{name}** 기수는 보관되어 있지 않아요.",
        "en": "**{name}** is not archived.",
    },
    "cohort.error.bad_dates": {
        "ko": "종료일({ends})이 시작일({starts})보다 빨라요.",
        "en": "The end date ({ends}) is before the start date ({starts}).",
    },
    "cohort.error.bad_auto_archive": {
        "ko": "자동 보관 시간은 60, 1440, 4320, 10080분 중 하나예요.",
        "en": "Auto-archive is one of 60, 1440, 4320 or 10080 minutes.",
    },
    "cohort.error.subject_not_found": {
        "ko": "`{subject}` 조언을 찾지 못했어요. 목록에서 골라 주세요.",
        "en": "There is no advice `{subject}`. Pick one from the list.",
    },
    "cohort.join.no_role": {
        "ko": "**{name}** 기수에는 역할이 없어요.",
        "en": "The cohort **{name}** has no role.",
    },
    "cohort.join.done": {
        "ko": "**{name}** 기수에 참여했어요. 이제 <@&{role}> 역할이 있어요.",
        "en": "You joined **{name}** and now have the <@&{role}> role.",
    },
    "cohort.join.archived": {
        "ko": "**{name}** 기수는 수료(보관)되어 참여할 수 없어요. 참여할 수 있는 기수: {open}",
        "en": "**{name}** has graduated (archived), so it cannot be joined. Cohorts you can"
        " join: {open}",
    },
    "cohort.join.archived_none": {
        "ko": "**{name}** 기수는 수료(보관)되어 참여할 수 없어요. 지금 참여할 수 있는 기수는"
        " 없어요.",
        "en": "**{name}** has graduated (archived), so it cannot be joined. No cohort is open"
        " to join right now.",
    },
    "cohort.join.more": {"ko": "외 {n}개", "en": "and {n} more"},
    "cohort.join.already": {
        "ko": "이미 **{name}** 기수 역할이 있어요.",
        "en": "You already have the **{name}** role.",
    },
    "cohort.leave.done": {
        "ko": "**{name}** 기수 역할을 뺐어요.",
        "en": "You left **{name}**; the role is removed.",
    },
    "cohort.leave.not_member": {
        "ko": "**{name}** 기수 역할이 없어요.",
        "en": "You do not have the **{name}** role.",
    },
    "cohort.role.forbidden": {
        "ko": "봇에게 역할 관리(Manage Roles) 권한이 없어서 역할을 바꿀 수 없어요. 관리자에게"
        " 알렸어요.",
        "en": "The bot lacks the Manage Roles permission, so it cannot change your role. The"
        " moderators have been told.",
    },
    "cohort.role.hierarchy": {
        "ko": "기수 역할이 봇의 역할보다 높아서 바꿀 수 없어요. 관리자에게 알렸어요.",
        "en": "The cohort role is above the bot's own role, so it cannot be changed. The"
        " moderators have been told.",
    },
    "cohort.role.missing": {
        "ko": "이 기수의 역할이 서버에 더 이상 없어요. 관리자에게 알려 주세요.",
        "en": "This cohort's role no longer exists in the server. Please tell a moderator.",
    },
    "discuss.opened": {
        "ko": "💬 **{name}** 토론 스레드를 열었어요: <#{thread}>",
        "en": "💬 Opened the **{name}** discussion: <#{thread}>",
    },
    "discuss.existing": {
        "ko": "💬 이미 **{name}** 토론 스레드가 있어요: <#{thread}>",
        "en": "💬 The **{name}** discussion is already open: <#{thread}>",
    },
    "discuss.unarchived": {
        "ko": "💬 보관됐던 **{name}** 토론 스레드를 다시 열었어요: <#{thread}>",
        "en": "💬 Reopened the archived **{name}** discussion: <#{thread}>",
    },
    "discuss.locked": {
        "ko": "🔒 **{name}** 토론 스레드는 관리자가 닫았어요: <#{thread}>",
        "en": "🔒 The **{name}** discussion was closed by the moderators: <#{thread}>",
    },
    "discuss.locked_by": {
        "ko": "🔒 **{name}** 토론 스레드는 <@{user}>님이 닫았어요: <#{thread}>",
        "en": "🔒 The **{name}** discussion was closed by <@{user}>: <#{thread}>",
    },
    "discuss.busy": {
        "ko": "⏳ 다른 분이 방금 이 토론을 열고 있어요. 잠시 후 다시 눌러 주세요.",
        "en": "⏳ Someone is opening this discussion right now. Try again in a moment.",
    },
    "discuss.pick_more": {
        "ko": "메뉴에는 {total}개 중 {shown}개만 있어요. 다른 기수는 `/discuss`의 `cohort`에 이름을 적어 주세요.",
        "en": "The menu shows {shown} of {total}. For another cohort, type its name in `/discuss`'s `cohort` option.",
    },
    "discuss.pick": {
        "ko": "어느 기수에서 토론할까요?",
        "en": "Which cohort should discuss it?",
    },
    "discuss.placeholder": {"ko": "기수 고르기…", "en": "Choose a cohort…"},
    "discuss.no_cohorts": {
        "ko": "이 서버에는 진행 중인 기수가 없어요. 관리자가 `/cohort create`로 만들 수 있어요.",
        "en": "This server has no active cohort. Moderators create one with `/cohort create`.",
    },
    "discuss.refused.max_threads": {
        "ko": "서버의 활성 스레드가 한도에 달해 토론을 열 수 없어요. 관리자에게 알렸어요.",
        "en": "The server has reached its maximum of active threads, so the discussion cannot"
        " open. The moderators have been told.",
    },
    "discuss.refused.forbidden": {
        "ko": "봇에게 <#{channel}>에서 토론을 열 권한이 없어요. 관리자에게 알렸어요.",
        "en": "The bot is not allowed to open discussions in <#{channel}>. The moderators have"
        " been told.",
    },
    "discuss.refused.unknown_channel": {
        "ko": "이 기수의 토론 채널이 없어졌어요. 관리자가 `/cohort edit`로 채널을 다시 골라야 해요.",
        "en": "This cohort's discussion channel is gone. A moderator must pick one with"
        " `/cohort edit`.",
    },
    "discuss.refused.tag_required": {
        "ko": "<#{channel}> 포럼은 태그를 골라야 글을 올릴 수 있는데, 이 조언의 주제와 같은 이름의"
        " 태그가 없어요. 관리자에게 알렸어요.",
        "en": "The forum <#{channel}> requires a tag, and none is named like this advice's"
        " topics. The moderators have been told.",
    },
    "discuss.refused.transient": {
        "ko": "Discord가 지금 응답하지 않아요. 잠시 후 다시 시도해 주세요.",
        "en": "Discord is not answering right now. Please try again in a moment.",
    },
    "discuss.button": {"ko": "토론하기", "en": "Discuss"},
    "discuss.question": {
        "ko": "**{name}** 여러분, 이 조언을 어떻게 생각하세요? 지금 우리 상황에 적용한다면"
        " 무엇부터 해 볼 수 있을까요?",
        "en": "**{name}**, what do you make of this advice? If we applied it to where we are"
        " now, what would we try first?",
    },
    "discuss.open_entry": {"ko": "전체 보기", "en": "Read it all"},
    "perm.send_messages_in_threads": {
        "ko": "스레드에서 메시지 보내기",
        "en": "Send Messages in Threads",
    },
}
