"""Errors every command can answer with."""

from __future__ import annotations

from bot.i18n.language import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "error.cooldown": {
        "ko": "조금만 천천히요! {seconds}초 뒤에 다시 물어봐 주세요.",
        "en": "Easy there! Please try again in {seconds} s.",
    },
    "error.permissions": {
        "ko": "이 명령은 서버 관리(Manage Server) 권한이 있는 분만 쓸 수 있어요.",
        "en": "This command needs the Manage Server permission.",
    },
    "channel.deleted": {
        "ko": "⚠️ <#{channel}> 채널이 삭제됐어요. 다른 채널을 골라 주세요.",
        "en": "⚠️ The channel <#{channel}> was deleted. Pick another one.",
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
    "error.stale": {
        "ko": "이 버튼은 더 이상 작동하지 않아요 (시간이 지났거나 봇이 다시 시작됐어요). 명령을 다시 실행해 주세요.",
        "en": "These buttons no longer work (they expired or the bot restarted). Please run the command again.",
    },
    "error.expired": {
        "ko": "이 메뉴는 시간이 지나 닫혔어요. 명령을 다시 실행해 주세요.",
        "en": "This menu has expired. Please run the command again.",
    },
}
