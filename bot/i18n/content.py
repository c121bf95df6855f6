"""Moderators managing advice: forms, history, review, import and export."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
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
    "content.field.topics.typed_hint": {
        "ko": "주제 이름을 쉼표로 구분 (주제 목록은 /topics)",
        "en": "Topic names, comma-separated (see /topics for the list)",
    },
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
        "en": "{n:,:character|characters}; keep it within {limit:,}",
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
    # Why an imported file was left out (a moderator's language; English keeps the parser's).
    "content.reason.empty_file": {"ko": "빈 파일이에요", "en": "the file is empty"},
    "content.reason.not_utf8": {
        "ko": "UTF-8 글자로 읽을 수 없어요. UTF-8로 저장해 주세요",
        "en": "not UTF-8 text; save it as UTF-8",
    },
    "content.reason.binary": {"ko": "글이 아닌 파일이에요", "en": "a binary file, not text"},
    "content.reason.bad_yaml_line": {
        "ko": "머리말(YAML) {line}번째 줄을 읽을 수 없어요 ({problem})",
        "en": "bad YAML frontmatter at line {line}: {problem}",
    },
    "content.reason.bad_yaml": {
        "ko": "머리말(YAML)을 읽을 수 없어요 ({problem})",
        "en": "bad YAML frontmatter: {problem}",
    },
    "content.reason.not_mapping": {
        "ko": "'키: 값' 줄로 써야 해요",
        "en": "it must be key: value lines",
    },
    "content.reason.not_list": {"ko": "글자 목록이어야 해요", "en": "it must be a list of text"},
    "content.reason.bad_date": {
        "ko": "'{value}'(은)는 2024-02-07 같은 날짜가 아니에요",
        "en": "'{value}' is not a date like 2024-02-07",
    },
    "content.reason.bad_id": {
        "ko": "'{value}': 아이디는 영어 소문자, 숫자, 하이픈으로 2~80자여야 해요",
        "en": "'{value}': an id is 2-80 lowercase letters, digits and hyphens",
    },
    "content.reason.section_too_long": {
        "ko": "'{title}' 부분이 {n:,}자예요. 조언 하나는 {limit:,}자까지라 제목(#)으로 나눠 주세요",
        "en": "section '{title}' is {n:,:character|characters}; at most {limit:,}: split it with headings",
    },
    "content.reason.bad_zip": {
        "ko": "읽을 수 있는 .zip 파일이 아니에요",
        "en": "not a readable .zip file",
    },
    "content.reason.too_many_files": {
        "ko": "파일이 {n:,}개예요. 한 번에 {limit:,}개까지 가져올 수 있어요",
        "en": "{n:,:file|files}; at most {limit:,}",
    },
    "content.reason.too_big_unpacked": {
        "ko": "압축을 풀면 {limit}MB가 넘어요",
        "en": "over {limit} MB unpacked",
    },
    "content.reason.unreadable": {"ko": "읽을 수 없는 파일이에요", "en": "cannot read the file"},
    "content.reason.duplicate_id": {
        "ko": "아이디 '{value}'(이)가 두 번 나와요",
        "en": "id '{value}' appears twice",
    },
    "content.reason.aliases": {
        "ko": "{n}개예요. {limit}개까지, 각 {chars}자까지 쓸 수 있어요",
        "en": "{n} given; at most {limit}, each within {chars:character|characters}",
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
    "content.reverted.retired": {
        "ko": "그 수정에서 이 조언은 내려져 있었기 때문에, 지금도 이 서버에서 검색되지 않아요."
        " 다시 올리려면 `/content restore`.",
        "en": "At that revision the entry was retired, so this server does not find it now. To"
        " bring it back: `/content restore`.",
    },
    "content.history.reverted_to": {
        "ko": "수정 #{revision}(으)로 되돌림",
        "en": "Back to revision #{revision}",
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
    # The edit form cannot show the entry whole (cogs/content/modal.misfit): saving it would lose
    # what it left out, so the entry is edited as a file.
    "content.form_misfit.long": {
        "ko": "`{id}`의 **{field}** 칸은 {length:,}자라서 편집 창({limit:,}자)에 다 들어가지"
        " 않아요. 창으로 저장하면 넘치는 부분을 잃으니, `/content export`로 받아 파일을 고친 뒤 `/content import`로 올려 주세요.",
        "en": "The **{field}** of `{id}` is {length:,:character|characters}, more than the form holds"
        " ({limit:,}): saving the form would lose the rest. Export it with `/content export`, edit the file, and bring it back with `/content import`.",
    },
    "content.form_misfit.split": {
        "ko": "`{id}`의 **{field}** 중 `{value}`에는 쉼표나 줄바꿈이 있어 편집 창에서는 여러 개로"
        " 나뉘어요. 창으로 저장하면 바뀌니, `/content export`로 받아 파일을 고친 뒤 `/content import`로 올려 주세요.",
        "en": "The **{field}** of `{id}` include `{value}`, with a comma or a line break: the form"
        " would save it split in parts. Export it with `/content export`, edit the file, and bring it back with `/content import`.",
    },
    "content.form_misfit.aliases": {
        "ko": "`{id}`의 **{field}**은 {n}개인데, 편집 창으로는 {limit}개까지, 각 {chars}자까지만"
        " 저장할 수 있어요. `/content export`로 받아 파일을 고친 뒤 `/content import`로 올려 주세요.",
        "en": "`{id}` has {n} **{field}**; the form saves at most {limit}, each within"
        " {chars:character|characters}. Export it with `/content export`, edit the file, and bring it back with `/content import`.",
    },
    "content.form_misfit.topic": {
        "ko": "`{id}`의 주제 `{value}`(이)가 편집 창의 **{field}** 메뉴에 없어서 창으로 저장하면"
        " 빠져요. `/content export`로 받아 파일을 고친 뒤 `/content import`로 올려 주세요.",
        "en": "The topic `{value}` of `{id}` is not in the form's **{field}** menu: saving the form"
        " would drop it. Export it with `/content export`, edit the file, and bring it back with `/content import`.",
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
        " once; **Cancel**, or {minutes:minute|minutes} without an answer, leaves everything as it is.",
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
        "en": "📦 Exported {count:entry|entries}. `ingest` and `/content import` read the file back.",
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
        "en": "The oldest of {n:change|changes} waiting for review.",
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
        "en": "id: {id} · page {n}/{pages} · {total:revision|revisions} · time zone {zone}",
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
}
