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
    # content (moderators manage advice)
    "content.not_editor": {
        "ko": "이 명령은 서버 관리(Manage Server) 권한이 있거나 이 서버의 편집자 역할을 가진 분만"
        " 쓸 수 있어요.",
        "en": "This command needs the Manage Server permission or this server's editor role.",
    },
    "content.modal.add": {"ko": "조언 추가", "en": "Add advice"},
    "content.modal.edit": {"ko": "조언 수정", "en": "Edit advice"},
    "content.field.title": {"ko": "제목", "en": "Title"},
    "content.field.title.hint": {
        "ko": "캠퍼가 보는 제목 (200자까지)",
        "en": "What campers see first (200 characters)",
    },
    "content.field.body": {"ko": "본문", "en": "Body"},
    "content.field.body.hint": {
        "ko": "Markdown 가능, 4000자까지",
        "en": "Markdown allowed, up to 4000 characters",
    },
    "content.field.tip": {"ko": "한 줄 팁", "en": "One-line tip"},
    "content.field.tip.hint": {
        "ko": "오늘의 팁으로 나가요 (280자까지, 비우면 팁 없음)",
        "en": "Posted as a daily tip (280 characters; empty: no tip)",
    },
    "content.field.topics": {"ko": "주제", "en": "Topics"},
    "content.field.topics.hint": {"ko": "여러 개 고를 수 있어요", "en": "Pick one or more"},
    "content.field.aliases": {"ko": "다른 이름", "en": "Aliases"},
    "content.field.aliases.hint": {
        "ko": "검색에 쓰일 다른 표현, 쉼표로 구분 (예: 코테, 알고리즘 시험)",
        "en": "Other words people search with, comma-separated",
    },
    "content.field.kind": {"ko": "종류", "en": "Kind"},
    "content.rule.title": {"ko": "1~200자", "en": "1 to 200 characters"},
    "content.rule.body": {
        "ko": "1~4000자, HTML 찌꺼기 없는 본문",
        "en": "1 to 4000 characters of text, no leftover markup",
    },
    "content.rule.tip": {"ko": "280자까지", "en": "up to 280 characters"},
    "content.rule.topics": {"ko": "목록에 있는 주제만", "en": "topics from the list only"},
    "content.rule.aliases": {
        "ko": "20개까지, 각 100자까지",
        "en": "at most 20, each up to 100 characters",
    },
    "content.rule.kind": {"ko": "qa, tip, insight 중 하나", "en": "one of qa, tip, insight"},
    "content.invalid": {
        "ko": "⚠️ **{field}** 칸을 고쳐 주세요 ({rule}): {reason}\n입력하신 내용은 그대로 있어요."
        " **다시 편집**을 누르면 이어서 고칠 수 있어요.",
        "en": "⚠️ Please fix **{field}** ({rule}): {reason}\nYour text is kept: press"
        " **Edit again** to carry on.",
    },
    # What is wrong with a field (FieldError.code), inside content.invalid.
    "content.reason.missing": {"ko": "비어 있어요", "en": "it is empty"},
    "content.reason.not_text": {"ko": "글자가 아니에요", "en": "it must be text"},
    "content.reason.too_long": {
        "ko": "{n:,}자예요. {limit:,}자 안으로 줄여 주세요",
        "en": "{n:,} characters; keep it within {limit:,}",
    },
    "content.reason.bad_kind": {
        "ko": "'{value}'(은)는 없는 종류예요",
        "en": "'{value}' is not a kind",
    },
    "content.reason.unknown_topic": {
        "ko": "'{value}'(은)는 목록에 없는 주제예요",
        "en": "'{value}' is not a known topic",
    },
    "content.reason.empty": {
        "ko": "서식을 빼고 나면 남는 글이 없어요",
        "en": "no text is left once markup is removed",
    },
    "content.reason.aliases": {
        "ko": "{n}개예요. {limit}개까지, 각 {chars}자까지 쓸 수 있어요",
        "en": "{n} given; at most {limit}, each within {chars} characters",
    },
    "content.button.reopen": {"ko": "다시 편집", "en": "Edit again"},
    "content.button.reopen_latest": {"ko": "최신본에 다시 편집", "en": "Edit the latest again"},
    "content.added": {
        "ko": "✅ `{id}` 조언을 추가했어요. 이 서버의 캠퍼에게는 이렇게 보여요:",
        "en": "✅ Added `{id}`. Campers in this server will see it like this:",
    },
    "content.edited": {
        "ko": "✅ `{id}`를 고쳤어요. 이 서버의 캠퍼에게는 이렇게 보여요:",
        "en": "✅ Saved `{id}`. Campers in this server will see it like this:",
    },
    "content.edited_shared": {
        "ko": "공유 콘텐츠는 그대로 두고, 이 서버만의 버전을 만들었어요.",
        "en": "The shared entry is untouched: this server now has its own version.",
    },
    "content.conflict": {
        "ko": "⚠️ 편집하는 사이에 `{id}`가 먼저 저장되어 아무것도 덮어쓰지 않았어요. 그 사이 바뀐"
        " 내용과 작성하신 글을 보여 드려요. 복사해 두거나 **최신본에 다시 편집**을 눌러 주세요.",
        "en": "⚠️ `{id}` was saved by someone else while you edited it, so nothing was"
        " overwritten. Below is what changed meanwhile and your text: copy it, or press"
        " **Edit the latest again**.",
    },
    "content.conflict.meanwhile": {"ko": "그 사이 바뀐 것", "en": "Changed meanwhile"},
    "content.conflict.yours": {"ko": "작성하신 글", "en": "Your text"},
    "content.retired": {
        "ko": "🗄️ `{id}`를 내렸어요. 이 서버에서는 더 이상 검색되지 않아요."
        " `/content restore`로 다시 올릴 수 있어요.",
        "en": "🗄️ Retired `{id}`: this server no longer finds it. `/content restore` brings it"
        " back.",
    },
    "content.restored": {
        "ko": "♻️ `{id}`를 다시 올렸어요. 이 서버에서 다시 검색돼요.",
        "en": "♻️ Restored `{id}`: this server finds it again.",
    },
    "content.reverted": {
        "ko": "⏪ `{id}`를 수정 #{revision} 상태로 되돌렸어요. 기록은 지우지 않고 새 수정으로"
        " 남겼어요.",
        "en": "⏪ `{id}` is back to revision #{revision}, recorded as a new revision (history is"
        " never rewritten).",
    },
    "content.no_change.retired": {
        "ko": "`{id}`는 이미 내려져 있어요.",
        "en": "`{id}` is already retired.",
    },
    "content.no_change.live": {
        "ko": "`{id}`는 이미 올라가 있어요.",
        "en": "`{id}` is already live.",
    },
    "content.no_change.saved": {
        "ko": "바뀐 내용이 없어서 `{id}`를 저장하지 않았어요.",
        "en": "Nothing changed, so `{id}` was not saved.",
    },
    "content.no_change.revision": {
        "ko": "`{id}`는 이미 수정 #{revision}과 같아요.",
        "en": "`{id}` already matches revision #{revision}.",
    },
    "content.unknown_entry": {
        "ko": "이 서버에서 `{id}` 조언을 찾지 못했어요. 목록에서 골라 주세요.",
        "en": "This server has no entry `{id}`. Please pick one from the list.",
    },
    "content.unknown_revision": {
        "ko": "`{id}`에는 수정 #{revision}이 없어요. `/content history`로 번호를 확인해 주세요.",
        "en": "`{id}` has no revision #{revision}. See `/content history` for the numbers.",
    },
    "content.id_taken": {
        "ko": "`{id}` 아이디가 방금 다른 곳에서 쓰였어요. 다시 시도해 주세요.",
        "en": "The id `{id}` was just taken. Please try again.",
    },
    "content.too_long_for_form": {
        "ko": "`{id}`의 본문은 {length}자라서 편집 창(4000자)에 다 들어가지 않아요."
        " `/content export`로 받아 고친 뒤 가져오기로 올려 주세요.",
        "en": "The body of `{id}` is {length} characters, more than the form holds (4000)."
        " Export it, edit the file, and import it back.",
    },
    "content.import.bad_type": {
        "ko": "`{name}`은 가져올 수 없어요. .md, .txt 또는 .zip 파일을 올려 주세요.",
        "en": "`{name}` cannot be imported: attach a .md, .txt or .zip file.",
    },
    "content.import.too_big": {
        "ko": "`{name}`은 {size}라서 이 서버의 한도({limit})를 넘어요. 나눠서 올려 주세요.",
        "en": "`{name}` is {size}, over this server's limit ({limit}). Split it up.",
    },
    "content.import.plan": {
        "ko": "📋 `{name}` 가져오기 미리보기예요. 아직 아무것도 바뀌지 않았어요. **확인**을 누르면"
        " 한 번에 적용하고, **취소**하거나 {minutes}분이 지나면 그대로 둬요.",
        "en": "📋 A dry run of `{name}`: nothing has changed yet. **Confirm** applies it all at"
        " once; **Cancel**, or {minutes} minutes without an answer, leaves everything as it is.",
    },
    "content.import.nothing": {
        "ko": "`{name}`에는 이 서버에 새로 들어가거나 바뀔 내용이 없어요.",
        "en": "`{name}` has nothing new or changed for this server.",
    },
    "content.import.applied": {
        "ko": "✅ `{name}`을 가져왔어요: 추가 {added}개, 수정 {updated}개. 이 서버에서 바로 검색돼요.",
        "en": "✅ Imported `{name}`: {added} added, {updated} updated. This server finds them now.",
    },
    "content.import.cancelled": {
        "ko": "가져오기를 취소했어요. 아무것도 바뀌지 않았어요.",
        "en": "Import cancelled. Nothing changed.",
    },
    "content.import.expired": {
        "ko": "⌛ 시간이 지나 가져오기를 취소했어요. 아무것도 바뀌지 않았어요.",
        "en": "⌛ The import timed out. Nothing changed.",
    },
    "content.import.stale": {
        "ko": "⚠️ 미리보기 뒤에 바뀐 조언이 있어 아무것도 바꾸지 않았어요. 가져오기를 다시 실행해 바뀐 내용을 확인해 주세요.",
        "en": "⚠️ An entry changed after the preview, so nothing was changed. Run the import again to review it.",
    },
    "content.import.failed": {
        "ko": "⚠️ 가져오기를 적용하지 못해 아무것도 바꾸지 않았어요: {reason}",
        "en": "⚠️ The import could not be applied, so nothing changed: {reason}",
    },
    "content.import.added": {"ko": "추가 ({n})", "en": "Added ({n})"},
    "content.import.updated": {"ko": "수정 ({n})", "en": "Updated ({n})"},
    "content.import.unchanged": {"ko": "그대로 ({n})", "en": "Unchanged ({n})"},
    "content.import.renamed": {
        "ko": "새 아이디로 ({n}: 이미 쓰이는 아이디)",
        "en": "Renamed ({n}: id taken elsewhere)",
    },
    "content.import.errors": {
        "ko": "오류 ({n}: 이 파일들은 빼고 가져와요)",
        "en": "Errors ({n}: these files are left out)",
    },
    "content.import.title": {"ko": "가져오기: {name}", "en": "Import: {name}"},
    "content.button.confirm": {"ko": "확인", "en": "Confirm"},
    "content.button.cancel": {"ko": "취소", "en": "Cancel"},
    "content.export.done": {
        "ko": "📦 조언 {count}개를 내보냈어요. `ingest`나 `/content import`로 다시 읽을 수 있어요.",
        "en": "📦 Exported {count} entries. `ingest` and `/content import` read the file back.",
    },
    "content.export.empty": {
        "ko": "이 서버에는 아직 직접 쓴 조언이 없어요. 전체를 받으려면 `scope:all`을 골라 주세요.",
        "en": "This server has no entries of its own yet. Choose `scope:all` for everything.",
    },
    "content.export.too_big": {
        "ko": "내보낼 파일이 {size}라서 Discord 한도({limit})를 넘어요."
        " 서버에서 `python -m bot content export`를 써 주세요.",
        "en": "The export is {size}, over Discord's limit ({limit}). Run"
        " `python -m bot content export` on the server instead.",
    },
    "content.settings.summary": {
        "ko": "편집자 역할: {role}\n기록 채널: {channel}",
        "en": "Editor role: {role}\nLog channel: {channel}",
    },
    "content.settings.none": {"ko": "없음", "en": "none"},
    "content.settings.log_set": {
        "ko": "✅ 이제 콘텐츠가 바뀔 때마다 <#{channel}>에 바뀌기 전과 후를 올려요.",
        "en": "✅ Every content change is now posted to <#{channel}> with before and after.",
    },
    "content.settings.log_cleared": {
        "ko": "기록 채널을 껐어요. 바뀐 내용은 `/content history`에서 볼 수 있어요.",
        "en": "No log channel any more. `/content history` still shows every change.",
    },
    "content.settings.log_forbidden": {
        "ko": "⚠️ 제게 <#{channel}>에 글을 올릴 권한(메시지 보내기, 링크 첨부)이 없어요."
        " 권한을 주거나 다른 채널을 골라 주세요.",
        "en": "⚠️ I cannot post in <#{channel}> (Send Messages, Embed Links). Grant them or pick"
        " another channel.",
    },
    "content.audit.title": {"ko": "{action} · {title}", "en": "{action} · {title}"},
    "content.audit.before": {"ko": "이전", "en": "Before"},
    "content.audit.after": {"ko": "이후", "en": "After"},
    "content.audit.changes": {"ko": "바뀐 줄", "en": "Changes"},
    "content.audit.retired": {"ko": "(내려짐)", "en": "(retired)"},
    "content.audit.footer": {
        "ko": "id: {id} · 수정 #{number}",
        "en": "id: {id} · revision #{number}",
    },
    "content.audit.import": {
        "ko": "📥 {who}님이 `{name}`을 가져왔어요: 추가 {added}개, 수정 {updated}개.",
        "en": "📥 {who} imported `{name}`: {added} added, {updated} updated.",
    },
    "content.audit.cli": {"ko": "명령줄에서 · {nonce}", "en": "from the CLI · {nonce}"},
    "content.review.sent": {
        "ko": "📝 검토를 요청했어요 (#{number}). 서버 관리 권한이 있는 분이 승인하면 캠퍼에게 보여요.",
        "en": "📝 Sent for review (#{number}). Campers see it once a moderator approves it.",
    },
    "content.review.card": {
        "ko": "검토 요청 #{number} · {action} · {title}",
        "en": "Review #{number} · {action} · {title}",
    },
    "content.review.approved": {
        "ko": "✅ 검토 요청 #{number}을 {who}님이 승인했어요: `{id}`",
        "en": "✅ Review #{number} approved by {who}: `{id}`",
    },
    "content.review.rejected": {
        "ko": "❌ 검토 요청 #{number}을 {who}님이 반려했어요.",
        "en": "❌ Review #{number} rejected by {who}.",
    },
    "content.review.reason.title": {
        "ko": "검토 요청 #{number} 반려",
        "en": "Reject review #{number}",
    },
    "content.review.reason.label": {"ko": "반려 사유 (선택)", "en": "Reason (optional)"},
    "content.review.reason.placeholder": {
        "ko": "작성자에게 보내고 기록 채널에 남겨요",
        "en": "Sent to the author and shown in the audit channel",
    },
    "content.review.rejected_dm": {
        "ko": "❌ **{server}**에 요청하신 검토 #{number} ({title})을 {who}님이 반려했어요.",
        "en": "❌ Your change for review #{number} ({title}) in **{server}** was rejected by"
        " {who}.",
    },
    "content.review.gone": {
        "ko": "검토 요청 #{number}은 이미 처리됐어요.",
        "en": "Review #{number} was already decided.",
    },
    "content.review.conflict": {
        "ko": "⚠️ #{number}을 승인하지 못했어요: 작성자가 연 뒤에 `{id}`가 바뀌었어요."
        " 반려하고 최신본에서 다시 편집해 달라고 해 주세요.",
        "en": "⚠️ Review #{number} cannot be approved: `{id}` changed after its author opened"
        " it. Reject it and ask for an edit of the latest version.",
    },
    "content.review.none": {
        "ko": "검토를 기다리는 변경이 없어요.",
        "en": "Nothing is waiting for review.",
    },
    "content.review.queue": {
        "ko": "검토를 기다리는 변경 {n}개 중 가장 오래된 것이에요.",
        "en": "The oldest of {n} changes waiting for review.",
    },
    "content.review.on": {
        "ko": "✅ 검토 모드를 켰어요. 이제 편집자 역할 멤버의 추가·수정은 승인된 뒤에 캠퍼에게 보여요.",
        "en": "✅ Review mode is on: adds and edits by editor-role members reach campers once"
        " approved.",
    },
    "content.review.off": {
        "ko": "검토 모드를 껐어요. 기다리던 변경은 `/content pending`에서 처리할 수 있어요.",
        "en": "Review mode is off. Changes still waiting are in `/content pending`.",
    },
    "content.review.managers_only": {
        "ko": "승인과 반려는 서버 관리(Manage Server) 권한이 있는 분만 할 수 있어요.",
        "en": "Only members with Manage Server may approve or reject.",
    },
    "content.review.editors_propose": {
        "ko": "검토 모드에서는 편집자 역할 멤버는 추가와 수정만 제안할 수 있어요."
        " 이 명령은 서버 관리 권한이 필요해요.",
        "en": "In review mode, editor-role members propose adds and edits only: this command"
        " needs Manage Server.",
    },
    "content.settings.review": {"ko": "검토 모드: {state}", "en": "Review mode: {state}"},
    "content.settings.on": {"ko": "켜짐", "en": "on"},
    "content.settings.off": {"ko": "꺼짐", "en": "off"},
    "content.button.approve": {"ko": "승인", "en": "Approve"},
    "content.button.reject": {"ko": "반려", "en": "Reject"},
    "content.history.title": {"ko": "{title} · 수정 기록", "en": "{title} · history"},
    "content.history.footer": {
        "ko": "id: {id} · {n}/{pages}쪽 · 수정 {total}개 · 시간대 {zone}",
        "en": "id: {id} · page {n}/{pages} · {total} revisions · time zone {zone}",
    },
    "content.history.line": {
        "ko": "#{number} · {action} · {who} · {when}",
        "en": "#{number} · {action} · {who} · {when}",
    },
    "content.history.shared": {"ko": "공유 콘텐츠", "en": "shared content"},
    "content.history.file": {"ko": "파일", "en": "file"},
    "content.history.reason": {"ko": "사유: {reason}", "en": "Reason: {reason}"},
    "content.history.no_diff": {"ko": "내용 변화 없음", "en": "no change to the text"},
    "content.action.add": {"ko": "추가", "en": "added"},
    "content.action.edit": {"ko": "수정", "en": "edited"},
    "content.action.retire": {"ko": "내림", "en": "retired"},
    "content.action.restore": {"ko": "복원", "en": "restored"},
    "content.action.revert": {"ko": "되돌림", "en": "reverted"},
    "content.action.file_update": {"ko": "파일 갱신", "en": "file updated"},
    "content.editors.set": {
        "ko": "✅ 이제 <@&{role}> 역할의 멤버도 콘텐츠를 편집할 수 있어요. Discord는 `/content`를"
        " 서버 관리 권한이 없는 분에게 숨기니, 서버 설정 → 연동 → sunbae에서 이 역할에 명령을"
        " 허용해 주세요.",
        "en": "✅ Members of <@&{role}> may now edit content. Discord hides `/content` from"
        " members without Manage Server: allow the role in Server Settings → Integrations →"
        " sunbae.",
    },
    "content.editors.cleared": {
        "ko": "편집자 역할을 해제했어요. 이제 서버 관리 권한이 있는 분만 편집할 수 있어요.",
        "en": "No editor role any more: only members with Manage Server may edit.",
    },
    "content.editors.show": {
        "ko": "편집자: 서버 관리 권한이 있는 분과 <@&{role}> 역할의 멤버",
        "en": "Editors: members with Manage Server and members of <@&{role}>",
    },
    "content.editors.none": {
        "ko": "편집자: 서버 관리 권한이 있는 분만 (편집자 역할 없음)",
        "en": "Editors: members with Manage Server only (no editor role)",
    },
    "content.editors.manage_only": {
        "ko": "편집자 역할은 서버 관리(Manage Server) 권한이 있는 분만 정할 수 있어요.",
        "en": "Only members with Manage Server may name the editor role.",
    },
    # lookups
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
    # insights (moderators)
    "insights.title": {"ko": "질문 현황 · 최근 {days}일", "en": "Insights · last {days} days"},
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
    "insights.empty": {
        "ko": "최근 {days}일 동안 기록된 질문이 없어요.",
        "en": "No lookups recorded in the last {days} days.",
    },
    "insights.footer": {
        "ko": "사용자 정보는 저장하지 않아요 · {retention}일 뒤 자동 삭제",
        "en": "No user ids are stored · erased after {retention} days",
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
        "en": "Unanswered queries · last {days} days",
    },
    "insights.gaps.none": {
        "ko": "최근 {days}일 동안 답을 못 찾은 질문이 없어요. 👍",
        "en": "Every lookup of the last {days} days found an answer. 👍",
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
    "insights.entry.title": {"ko": "{title} · 최근 {days}일", "en": "{title} · last {days} days"},
    "insights.entry.queries": {"ko": "이 조언으로 이어진 질문", "en": "Queries that led here"},
    "insights.entry.no_queries": {"ko": "아직 없어요", "en": "None yet"},
    "insights.forget.confirm": {
        "ko": "⚠️ 이 서버의 질문 기록을 모두 지울까요? 되돌릴 수 없어요.",
        "en": "⚠️ Erase this server's whole query log? This cannot be undone.",
    },
    "insights.forget.yes": {"ko": "모두 지우기", "en": "Erase everything"},
    "insights.forget.no": {"ko": "취소", "en": "Cancel"},
    "insights.forget.done": {
        "ko": "질문 기록 {count}건을 지웠어요.",
        "en": "Erased {count} recorded lookups.",
    },
    "insights.forget.cancelled": {"ko": "지우지 않았어요.", "en": "Nothing was erased."},
    "insights.digest.saved": {
        "ko": "매주 {day} {time} ({zone})에 <#{channel}> 채널에 지난 7일의 질문 현황을 올릴게요."
        " 다음 게시: {next}",
        "en": "Every {day} at {time} ({zone}) the past 7 days' insights go to <#{channel}>."
        " Next: {next}",
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
    # about
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
        "en": "{entries} pieces of advice · {tips} daily tips · {topics} topics",
    },
    "about.source_line": {"ko": "• {source}: {n}개", "en": "• {source}: {n}"},
    "about.more_sources": {
        "ko": "• 그 밖의 출처 {sources}곳: {n}개",
        "en": "• {sources} more sources: {n}",
    },
    "about.moderators": {"ko": "이 서버에서 직접 쓴 조언", "en": "Written in this server"},
    "about.language": {"ko": "언어", "en": "Language"},
    "about.english": {
        "ko": "",
        "en": "Titles and summaries are in English where the advice has them; the advice itself"
        " is in Korean, as it was given.",
    },
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
    # cohorts (기수) and their discussions
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
    "cohort.list.active": {"ko": "진행 중", "en": "Active"},
    "cohort.list.alumni": {"ko": "수료 (보관됨)", "en": "Alumni (archived)"},
    "cohort.list.line": {
        "ko": "**{name}** · <#{channel}> · 👥 {members} · 💬 열린 토론 {threads}",
        "en": "**{name}** · <#{channel}> · 👥 {members} · 💬 {threads} open",
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
        "en": "A cohort name has at most {limit} characters (this one has {length}).",
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
    "content.name": {"ko": "콘텐츠", "en": "content"},
    "content.description": {
        "ko": "조언 추가·수정·기록 (서버 관리 또는 편집자 역할)",
        "en": "Add, edit and review advice (Manage Server or the editor role)",
    },
    "content.add.name": {"ko": "추가", "en": "add"},
    "content.add.description": {"ko": "새 조언 쓰기", "en": "Write a new piece of advice"},
    "content.edit.name": {"ko": "수정", "en": "edit"},
    "content.edit.description": {"ko": "조언 고치기", "en": "Edit a piece of advice"},
    "content.retire.name": {"ko": "내리기", "en": "retire"},
    "content.retire.description": {
        "ko": "이 서버에서 조언 내리기",
        "en": "Retire a piece of advice in this server",
    },
    "content.restore.name": {"ko": "복원", "en": "restore"},
    "content.restore.description": {
        "ko": "내린 조언 다시 올리기",
        "en": "Bring back a retired entry",
    },
    "content.history.name": {"ko": "기록", "en": "history"},
    "content.history.description": {
        "ko": "조언의 수정 기록 (최신순)",
        "en": "An entry's revisions, newest first",
    },
    "content.revert.name": {"ko": "되돌리기", "en": "revert"},
    "content.revert.description": {
        "ko": "예전 수정으로 되돌리기 (새 수정으로 기록)",
        "en": "Go back to an earlier revision (recorded as a new one)",
    },
    "content.editors.name": {"ko": "편집자", "en": "editors"},
    "content.editors.description": {
        "ko": "편집자 역할 보기·정하기 (서버 관리 권한)",
        "en": "Show or name the editor role (Manage Server)",
    },
    "content.import.name": {"ko": "가져오기", "en": "import"},
    "content.import.description": {
        "ko": ".md, .txt, .zip 파일에서 조언 가져오기 (미리보기 후 확인)",
        "en": "Import advice from a .md, .txt or .zip file (dry run, then confirm)",
    },
    "content.file.name": {"ko": "파일", "en": "file"},
    "content.file.description": {
        "ko": "가져올 .md, .txt 또는 .zip",
        "en": "The .md, .txt or .zip to import",
    },
    "content.export.name": {"ko": "내보내기", "en": "export"},
    "content.export.description": {
        "ko": "조언을 Markdown 파일 .zip으로 내보내기",
        "en": "Export advice as a .zip of Markdown files",
    },
    "content.scope.name": {"ko": "범위", "en": "scope"},
    "content.scope.description": {
        "ko": "이 서버의 조언만 (기본) 또는 이 서버에서 보이는 전체",
        "en": "This server's own entries (default) or everything it sees",
    },
    "content.scope.own": {"ko": "이 서버의 조언만", "en": "This server's own"},
    "content.scope.all": {"ko": "이 서버에서 보이는 전체", "en": "Everything this server sees"},
    "content.settings.name": {"ko": "설정", "en": "settings"},
    "content.settings.description": {
        "ko": "콘텐츠 설정 보기·바꾸기: 기록 채널 (서버 관리 권한)",
        "en": "Show or change content settings: the log channel (Manage Server)",
    },
    "content.log_channel.name": {"ko": "기록채널", "en": "log-channel"},
    "content.log_channel.description": {
        "ko": "바뀐 내용(전·후)을 올릴 채널",
        "en": "Where each change is posted with before and after",
    },
    "content.clear_log.name": {"ko": "기록끄기", "en": "clear-log"},
    "content.clear_log.description": {"ko": "기록 채널 끄기", "en": "Stop posting changes"},
    "content.pending.name": {"ko": "검토", "en": "pending"},
    "content.pending.description": {
        "ko": "검토를 기다리는 변경 보기 (승인·반려는 서버 관리 권한)",
        "en": "Changes waiting for review (approve or reject: Manage Server)",
    },
    "content.review_opt.name": {"ko": "검토모드", "en": "review"},
    "content.review_opt.description": {
        "ko": "편집자 역할 멤버의 추가·수정을 승인 후에 보이기",
        "en": "Editor-role members' adds and edits wait for approval",
    },
    "content.entry.name": {"ko": "조언", "en": "entry"},
    "content.entry.description": {
        "ko": "제목을 입력해 골라 주세요",
        "en": "Type a title and pick one",
    },
    "content.reason.name": {"ko": "사유", "en": "reason"},
    "content.reason.description": {
        "ko": "기록에 남길 사유 (선택)",
        "en": "Recorded in the history",
    },
    "content.revision.name": {"ko": "수정번호", "en": "revision"},
    "content.revision.description": {
        "ko": "되돌릴 수정 (목록에서 골라 주세요)",
        "en": "The revision to go back to (pick one)",
    },
    "content.kind.name": {"ko": "종류", "en": "kind"},
    "content.kind.description": {
        "ko": "질문과 답, 팁, 인사이트 (기본: 인사이트 / 수정 시 그대로)",
        "en": "Q&A, tip or insight (default insight; edit keeps it)",
    },
    "content.kind.qa": {"ko": "질문과 답 (qa)", "en": "Q&A (qa)"},
    "content.kind.tip": {"ko": "팁 (tip)", "en": "Tip (tip)"},
    "content.kind.insight": {"ko": "인사이트 (insight)", "en": "Insight (insight)"},
    "content.role.name": {"ko": "역할", "en": "role"},
    "content.role.description": {
        "ko": "콘텐츠를 편집할 수 있는 역할",
        "en": "The role whose members may edit content",
    },
    "content.clear.name": {"ko": "해제", "en": "clear"},
    "content.clear.description": {"ko": "편집자 역할 없애기", "en": "Remove the editor role"},
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
    "insights.name": {"ko": "인사이트", "en": "insights"},
    "insights.description": {
        "ko": "캠퍼들의 질문 현황 (서버 관리 권한)",
        "en": "What campers look up (Manage Server)",
    },
    "insights.overview.name": {"ko": "현황", "en": "overview"},
    "insights.overview.description": {
        "ko": "질문 수, 많이 찾은 질문과 조언, 차트",
        "en": "Lookups, top queries and entries, a chart",
    },
    "insights.gaps.name": {"ko": "빈틈", "en": "gaps"},
    "insights.gaps.description": {
        "ko": "답을 못 찾은 질문 (비슷한 표현끼리)",
        "en": "Queries that found nothing, grouped",
    },
    "insights.entry.name": {"ko": "조언", "en": "entry"},
    "insights.entry.description": {
        "ko": "조언 하나의 조회, 공유, 토론과 이어진 질문",
        "en": "One entry's views, shares, discussions and queries",
    },
    "insights.forget.name": {"ko": "기록삭제", "en": "forget"},
    "insights.forget.description": {
        "ko": "이 서버의 질문 기록 모두 지우기",
        "en": "Erase this server's query log",
    },
    "insights.period.name": {"ko": "기간", "en": "period"},
    "insights.period.description": {"ko": "최근 며칠 (기본 7일)", "en": "Last how many days (7)"},
    "insights.entry_opt.name": {"ko": "조언", "en": "entry"},
    "insights.entry_opt.description": {
        "ko": "제목을 입력해 골라 주세요",
        "en": "Type a title and pick one",
    },
    "insights.digest.name": {"ko": "주간요약", "en": "digest"},
    "insights.digest.description": {
        "ko": "주간 요약 게시 설정 (서버 관리 권한)",
        "en": "The weekly digest (Manage Server)",
    },
    "insights.channel.name": {"ko": "채널", "en": "channel"},
    "insights.channel.description": {"ko": "요약을 올릴 채널", "en": "Where to post it"},
    "insights.day.name": {"ko": "요일", "en": "day"},
    "insights.day.description": {"ko": "매주 어느 요일", "en": "Which day of the week"},
    "insights.time.name": {"ko": "시간", "en": "time"},
    "insights.time.description": {"ko": "HH:MM (기본 09:00)", "en": "HH:MM (default 09:00)"},
    "insights.off.name": {"ko": "끄기", "en": "off"},
    "insights.off.description": {"ko": "주간 요약 끄기", "en": "Stop the weekly digest"},
    "insights.weekday.0": {"ko": "월요일", "en": "Monday"},
    "insights.weekday.1": {"ko": "화요일", "en": "Tuesday"},
    "insights.weekday.2": {"ko": "수요일", "en": "Wednesday"},
    "insights.weekday.3": {"ko": "목요일", "en": "Thursday"},
    "insights.weekday.4": {"ko": "금요일", "en": "Friday"},
    "insights.weekday.5": {"ko": "토요일", "en": "Saturday"},
    "insights.weekday.6": {"ko": "일요일", "en": "Sunday"},
    "insights.period.1": {"ko": "1일", "en": "1 day"},
    "insights.period.7": {"ko": "7일", "en": "7 days"},
    "insights.period.30": {"ko": "30일", "en": "30 days"},
    "insights.period.90": {"ko": "90일", "en": "90 days"},
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
    "tipcfg.skip.description": {
        "ko": "하루 팁 건너뛰기 (날짜를 안 적으면 다음 팁)",
        "en": "Skip one day's tip (the next one unless you give a date)",
    },
    "tipcfg.date.name": {"ko": "날짜", "en": "date"},
    "tipcfg.date.description": {
        "ko": "YYYY-MM-DD (예: 2026-12-24)",
        "en": "YYYY-MM-DD (e.g. 2026-12-24)",
    },
    "tipcfg.unskip.name": {"ko": "건너뛰기취소", "en": "unskip"},
    "tipcfg.unskip.description": {
        "ko": "건너뛰기로 한 날에도 팁 올리기",
        "en": "Post on the skipped day after all",
    },
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
    "cohort.name": {"ko": "기수", "en": "cohort"},
    "cohort.description": {
        "ko": "기수(코호트)와 토론 스레드",
        "en": "Cohorts and their discussions",
    },
    "cohort.create.name": {"ko": "만들기", "en": "create"},
    "cohort.create.description": {
        "ko": "새 기수 만들기 (서버 관리 권한)",
        "en": "Create a cohort (Manage Server)",
    },
    "cohort.edit.name": {"ko": "수정", "en": "edit"},
    "cohort.edit.description": {
        "ko": "기수 고치기 (서버 관리 권한)",
        "en": "Edit a cohort (Manage Server)",
    },
    "cohort.archive.name": {"ko": "보관", "en": "archive"},
    "cohort.archive.description": {
        "ko": "수료한 기수 보관하기 (서버 관리 권한)",
        "en": "Archive a cohort as alumni (Manage Server)",
    },
    "cohort.unarchive.name": {"ko": "보관해제", "en": "unarchive"},
    "cohort.unarchive.description": {
        "ko": "보관한 기수 다시 활성화 (서버 관리 권한)",
        "en": "Make an archived cohort active (Manage Server)",
    },
    "cohort.list.name": {"ko": "목록", "en": "list"},
    "cohort.list.description": {"ko": "이 서버의 기수 목록", "en": "This server's cohorts"},
    "cohort.info.name": {"ko": "정보", "en": "info"},
    "cohort.info.description": {
        "ko": "기수 정보와 최근 토론",
        "en": "A cohort and its recent discussions",
    },
    "cohort.threads.name": {"ko": "스레드", "en": "threads"},
    "cohort.threads.description": {
        "ko": "기수의 토론 스레드 목록",
        "en": "A cohort's discussion threads",
    },
    "cohort.join.name": {"ko": "참여", "en": "join"},
    "cohort.join.description": {"ko": "기수 역할 받기", "en": "Take the cohort's role"},
    "cohort.leave.name": {"ko": "나가기", "en": "leave"},
    "cohort.leave.description": {"ko": "기수 역할 빼기", "en": "Drop the cohort's role"},
    "cohort.cohort.name": {"ko": "기수", "en": "cohort"},
    "cohort.cohort.description": {"ko": "기수 이름으로 찾기", "en": "Type a cohort's name"},
    "cohort.name_opt.name": {"ko": "이름", "en": "name"},
    "cohort.name_opt.description": {
        "ko": "예: AI Lab 3기 (50자까지)",
        "en": "e.g. AI Lab 3기 (50 characters)",
    },
    "cohort.channel.name": {"ko": "채널", "en": "channel"},
    "cohort.channel.description": {
        "ko": "토론 스레드를 열 텍스트 또는 포럼 채널",
        "en": "Text or forum channel for its discussion threads",
    },
    "cohort.role.name": {"ko": "역할", "en": "role"},
    "cohort.role.description": {
        "ko": "기수 멤버 역할 (선택)",
        "en": "The cohort's member role (optional)",
    },
    "cohort.clear_role.name": {"ko": "역할해제", "en": "clear-role"},
    "cohort.clear_role.description": {"ko": "기수에서 역할 떼기", "en": "Remove the cohort's role"},
    "cohort.starts.name": {"ko": "시작일", "en": "starts"},
    "cohort.starts.description": {"ko": "YYYY-MM-DD", "en": "YYYY-MM-DD"},
    "cohort.ends.name": {"ko": "종료일", "en": "ends"},
    "cohort.ends.description": {"ko": "YYYY-MM-DD", "en": "YYYY-MM-DD"},
    "cohort.archive_after.name": {"ko": "자동보관", "en": "auto-archive"},
    "cohort.archive_after.description": {
        "ko": "토론이 조용하면 보관할 시간",
        "en": "Archive a discussion after this long idle",
    },
    "cohort.page.name": {"ko": "쪽", "en": "page"},
    "cohort.page.description": {"ko": "몇 쪽", "en": "Which page"},
    "discuss.name": {"ko": "토론", "en": "discuss"},
    "discuss.description": {
        "ko": "조언 하나를 기수 토론 스레드에서 이야기하기",
        "en": "Talk a piece of advice through in your cohort's thread",
    },
    "discuss.entry.name": {"ko": "조언", "en": "entry"},
    "discuss.entry.description": {
        "ko": "제목을 입력해 골라 주세요",
        "en": "Type a title and pick one",
    },
    "discuss.cohort.name": {"ko": "기수", "en": "cohort"},
    "discuss.cohort.description": {
        "ko": "어느 기수에서 (기본: 이 채널의 기수 또는 내 기수)",
        "en": "Which cohort (default: this channel's or yours)",
    },
}
