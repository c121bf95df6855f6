"""A server's last daily-tip problem, in the moderator's language."""

from __future__ import annotations

from bot.adapter import limits
from bot.i18n import Language, t
from bot.models.tips import TipSettings


def problem_text(settings: TipSettings, language: Language) -> str | None:
    if not settings.last_problem:
        return None
    problem = settings.problem
    if problem is None:  # recorded by an older version, as plain English
        return limits.clip(settings.last_problem, limits.EMBED_FIELD_VALUE)
    values = {
        "date": problem.date.isoformat(),
        "channel": problem.channel_id or settings.channel_id,
        "attempts": problem.attempts,
    }
    key: str = problem.kind
    if problem.kind == "refused" and problem.cause in ("missing_permissions", "unknown_channel"):
        key = problem.cause
    lines = [t(f"tipcfg.problem.{key}", language, **values)]
    if problem.detail and problem.kind in ("refused", "gave_up", "no_thread"):
        lines.append(t("tipcfg.problem.detail", language, detail=limits.clip(problem.detail, 300)))
    return limits.clip("\n".join(lines), limits.EMBED_FIELD_VALUE)
