"""Settings read once at start-up from the environment and an optional `.env` file.

Every value is validated here so a bad configuration stops start-up with one line that names the
variable and says what to fix (`ConfigError`), instead of failing later inside Discord code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.corpus.files import DEFAULT_MAX_FILE_BYTES

DEFAULT_DB = Path("data/sunbae.db")
# Where the wheel puts the repository's content/ inside the package (pyproject's force-include).
SHIPPED_CONTENT = Path("shipped") / "content"
_PACKAGE = Path(__file__).resolve().parent


def shipped_content(package: Path = _PACKAGE) -> Path:
    """The advice sunbae ships with, wherever it runs from: packaged in an installed wheel, else
    the checkout's own content/ beside `bot/` (an editable install, the tests, the image)."""
    packaged = package / SHIPPED_CONTENT
    return packaged if packaged.is_dir() else package.parent / "content"


DEFAULT_CONTENT = (shipped_content(),)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_\-.]{20,}$")


class ConfigError(ValueError):
    """A configuration value is wrong; the message is one line that names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None = None
    db_path: Path = DEFAULT_DB
    content_paths: tuple[Path, ...] = DEFAULT_CONTENT
    timezone: str = "Asia/Seoul"
    dev_guild: int | None = None
    log_level: str = "INFO"
    api_base: str | None = None
    gateway_url: str | None = None
    lookup_cooldown: float = 3.0
    tip_grace_hours: float = 3.0
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # Insights (issue 17): record lookups per server, keep them this many days.
    insights: bool = True
    insights_retention_days: int = 90
    # How often the bot posts content changes made from the CLI to the audit channels.
    audit_outbox_seconds: float = 10.0
    # Buttons listening at once (each view holds its pages 10 minutes); past it the oldest expire.
    max_live_views: int = 1000

    def with_overrides(self, **changes: Any) -> Settings:
        """CLI flags win over the environment; `None` means "flag not given"."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def read_dotenv(path: Path) -> dict[str, str]:
    """A small `.env` reader: KEY=VALUE lines, `#` comments, optional quotes, `export ` prefix."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    try:  # utf-8-sig: an editor's byte-order mark would otherwise stick to the first key
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (save it as UTF-8)") from None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE, got {raw.strip()!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        else:
            value = value.split(" #", 1)[0].rstrip()
        values[key.strip()] = value
    return values


def load_settings(
    environ: Mapping[str, str] | None = None, *, dotenv: Path | None = Path(".env")
) -> Settings:
    """Build settings from `.env` then the environment (the environment wins)."""
    merged: dict[str, str] = {}
    if dotenv is not None:
        merged.update(read_dotenv(dotenv))
    merged.update(os.environ if environ is None else environ)
    return parse_settings(merged)


def _get(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_settings(env: Mapping[str, str]) -> Settings:
    token = _get(env, "DISCORD_TOKEN")
    if token is not None and not _TOKEN_SHAPE.match(token):
        raise ConfigError(
            "DISCORD_TOKEN: does not look like a bot token (copy it from the Developer Portal's Bot page)"
        )
    db = _get(env, "SUNBAE_DB")
    content = _get(env, "SUNBAE_CONTENT")
    return Settings(
        token=token,
        db_path=Path(db) if db else DEFAULT_DB,
        content_paths=parse_paths(content, "SUNBAE_CONTENT") if content else DEFAULT_CONTENT,
        timezone=parse_timezone(_get(env, "SUNBAE_TIMEZONE") or "Asia/Seoul", "SUNBAE_TIMEZONE"),
        dev_guild=parse_snowflake(_get(env, "SUNBAE_DEV_GUILD"), "SUNBAE_DEV_GUILD"),
        log_level=parse_log_level(_get(env, "SUNBAE_LOG_LEVEL") or "INFO", "SUNBAE_LOG_LEVEL"),
        api_base=parse_url(_get(env, "DISCORD_API_BASE"), "DISCORD_API_BASE", ("http", "https")),
        gateway_url=parse_url(
            _get(env, "DISCORD_GATEWAY_URL"), "DISCORD_GATEWAY_URL", ("ws", "wss")
        ),
        lookup_cooldown=parse_number(
            _get(env, "SUNBAE_LOOKUP_COOLDOWN"), "SUNBAE_LOOKUP_COOLDOWN", 3.0, 0, 3600
        ),
        tip_grace_hours=parse_number(
            _get(env, "SUNBAE_TIP_GRACE_HOURS"), "SUNBAE_TIP_GRACE_HOURS", 3.0, 0, 23
        ),
        max_file_bytes=int(
            parse_number(
                _get(env, "SUNBAE_MAX_FILE_BYTES"),
                "SUNBAE_MAX_FILE_BYTES",
                DEFAULT_MAX_FILE_BYTES,
                1024,
                1 << 30,
            )
        ),
        insights=parse_switch(_get(env, "SUNBAE_INSIGHTS"), "SUNBAE_INSIGHTS", default=True),
        insights_retention_days=int(
            parse_number(
                _get(env, "SUNBAE_INSIGHTS_RETENTION_DAYS"),
                "SUNBAE_INSIGHTS_RETENTION_DAYS",
                90,
                1,
                3650,
            )
        ),
        audit_outbox_seconds=parse_number(
            _get(env, "SUNBAE_AUDIT_OUTBOX_SECONDS"), "SUNBAE_AUDIT_OUTBOX_SECONDS", 10.0, 0.1, 3600
        ),
        max_live_views=int(
            parse_number(_get(env, "SUNBAE_MAX_VIEWS"), "SUNBAE_MAX_VIEWS", 1000, 1, 1_000_000)
        ),
    )


def parse_switch(value: str | None, name: str, *, default: bool) -> bool:
    if value is None:
        return default
    if value.lower() in ("1", "on", "true", "yes"):
        return True
    if value.lower() in ("0", "off", "false", "no"):
        return False
    raise ConfigError(f"{name}: expected on or off, got {value!r}")


def parse_paths(value: str, name: str) -> tuple[Path, ...]:
    # Several folders: separated by the OS path separator or commas.
    parts = [p.strip() for chunk in value.split(os.pathsep) for p in chunk.split(",")]
    paths = tuple(Path(p) for p in parts if p)
    if not paths:
        raise ConfigError(f"{name}: give at least one folder")
    return paths


def parse_timezone(value: str, name: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{name}: unknown time zone {value!r} (use an IANA name such as Asia/Seoul)"
        ) from None
    return value


def parse_snowflake(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or not 15 <= len(value) <= 21:
        raise ConfigError(f"{name}: expected a Discord server id (15-21 digits), got {value!r}")
    return int(value)


def parse_log_level(value: str, name: str) -> str:
    level = value.upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"{name}: expected one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def parse_url(value: str | None, name: str, schemes: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not parsed.netloc:
        wanted = " or ".join(f"{s}://" for s in schemes)
        raise ConfigError(f"{name}: expected a {wanted} URL, got {value!r}")
    return value.rstrip("/")


def parse_number(value: str | None, name: str, default: float, low: float, high: float) -> float:
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name}: expected a number, got {value!r}") from None
    if not low <= number <= high:
        raise ConfigError(
            f"{name}: expected a number from {_plain(low)} to {_plain(high)}, got {value!r}"
        )
    return number


def _plain(bound: float) -> str:
    """A bound as people write it: 1073741824, not {:g}'s 1.07374e+09; 0.1 stays 0.1."""
    return str(int(bound)) if float(bound).is_integer() else f"{bound:g}"
