"""Wall-clock arithmetic for daily slots: local dates, slot instants, validation, nonces.

Pure functions over aware datetimes. A slot is a local date plus a local HH:MM in an IANA zone;
it is turned into one UTC instant (`fold=0`), so DST days still have exactly one slot:
- spring forward: a wall time in the gap (02:30 in New York) lands on the shifted time (03:30);
- fall back: a repeated wall time (01:30) means its first occurrence.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.tips.errors import TipConfigError

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
NONCE_LIMIT = 25  # Discord's limit for a message nonce


def parse_time(text: str) -> str:
    """'9:05' -> '09:05'; anything that is not a 24-hour HH:MM raises TipConfigError."""
    match = _HHMM.match(text.strip())
    if not match:
        raise TipConfigError(
            "bad_time",
            f"time must be HH:MM on a 24-hour clock (e.g. 09:00), got {text!r}",
            value=text,
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_day(text: str) -> dt.date:
    """'2026-12-24' -> a date; anything else raises TipConfigError."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise TipConfigError(
            "bad_date", f"date must be YYYY-MM-DD (e.g. 2026-12-24), got {text!r}", value=text
        ) from None


def parse_zone(name: str) -> str:
    """An IANA zone name that exists here (tzdata ships with the bot), else TipConfigError."""
    name = name.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TipConfigError(
            "bad_zone",
            f"unknown time zone {name!r}: use an IANA name such as Asia/Seoul or America/New_York",
            value=name,
        ) from None
    return name


def local_date(moment: dt.datetime, zone: str) -> dt.date:
    return moment.astimezone(ZoneInfo(zone)).date()


def slot_at(day: dt.date, hhmm: str, zone: str) -> dt.datetime:
    """The UTC instant of `day`'s slot (see the module note for DST gaps and repeats)."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    wall = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(zone))
    # Round-tripping normalises a wall time in a spring-forward gap to the real instant.
    return wall.astimezone(dt.UTC)


def nonce_for(guild_id: int, day: dt.date) -> str:
    """Deterministic per (server, date): a retry after a crash sends the same nonce."""
    digits, n = "", guild_id
    while True:
        n, r = divmod(n, 36)
        digits = _BASE36[r] + digits
        if n == 0:
            break
    nonce = f"tip{day:%Y%m%d}{digits}"  # 3 + 8 + at most 13 characters for a 64-bit id
    assert len(nonce) <= NONCE_LIMIT
    return nonce
