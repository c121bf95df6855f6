"""The sandbox prompt: type `/advice query:대학원`, see the reply as text, type a button's label.

Reads one command per line; when stdin is not a terminal it runs the lines as a script and
exits at the end.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import shlex
import sys
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.emulator import (
    CommandHidden,
    EmulatorError,
    InteractionResult,
    InteractionTimeout,
    ModalPrompt,
)
from bot.emulator.render import button_text
from bot.models.tips import Outcome
from bot.sandbox.clock import (
    ClockError,
    SandboxClock,
    describe,
    parse_duration,
    parse_moment,
    travel,
)
from bot.sandbox.harness import Harness

HELP = """\
  /advice query:대학원             run a slash command (options as name:value)
  /tip-config set time:09:00       subcommands: words before the first option
  ?/advice query:대학ㅇ             show the autocomplete choices for the last option
  다음   or   [다음]                 click a button on the last reply by its label
  커리어 방향                        pick an option of the last reply's select menu
  as moderator /tip-config show    run as the moderator (Manage Server) instead of the camper
                                   (as camper …: the camper, who runs a line by default)
  submit title:"제목" topics:a,b     fill and submit the open modal (inputs by custom_id or label;
                                   a select takes comma-separated options)
  /content import file:./a.zip     an attachment option takes a local file's path
  :advance 1d    :advance 2h30m    move the clock; the daily tip is posted when its time comes
  :time 2026-12-02T09:00           set the clock (in the bot's timezone); :time shows it
  help, quit"""

_OPTION = re.compile(r"(?:^|\s)([A-Za-z_][\w-]*):")
_TRUE = {"true", "yes", "y", "1", "on", "예", "네"}
_FALSE = {"false", "no", "n", "0", "off", "아니오", "아니요"}
_OPTION_TYPES = {
    3: "string", 4: "integer", 5: "boolean", 6: "user", 7: "channel", 8: "role", 10: "number",
    11: "attachment",
}  # fmt: skip
_CHANNEL_MENTION = re.compile(r"<#(\d+)>")


class SandboxError(Exception):
    """A line the sandbox cannot run; the message says why."""


def split_command(line: str) -> tuple[list[str], dict[str, str]]:
    """`/tip-config set time:09:00 channel:#general` -> (["tip-config", "set"], {...})."""
    body = line.strip().lstrip("/")
    matches = list(_OPTION.finditer(body))
    head = body[: matches[0].start()] if matches else body
    path = head.split()
    options: dict[str, str] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        value = body[m.end() : end].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = shlex.split(value)[0]
        options[m.group(1)] = value
    if not path:
        raise SandboxError("type a command after /, e.g. /advice query:대학원")
    return path, options


# How long a deferred interaction may take before the transcript moves on without its answer.
SETTLE_SECONDS = 30.0


class Session:
    def __init__(
        self,
        harness: Harness,
        *,
        locale: str,
        as_json: bool,
        out: TextIO,
        clock: SandboxClock | None = None,
    ) -> None:
        self.h = harness
        self.locale = locale
        self.as_json = as_json
        self.out = out
        self.clock = clock
        self.last: dict[str, Any] | None = None  # the last message with components
        self.modal: ModalPrompt | None = None  # the last modal the bot opened, until submitted

    # -- output ----------------------------------------------------------------------------------

    def show(self, result: InteractionResult) -> None:
        if result.modal is not None:
            self.modal = result.modal
            self.emit({"modal": result.modal.custom_id, "fields": result.modal.fields},
                      result.modal.text)  # fmt: skip
            return
        message = result.message
        if message is None and result.choices is not None:
            self.emit({"choices": result.choices}, self._choices(result.choices))
            return
        if message is None:
            self.emit({"error": result.error or "no reply"}, f"(no reply: {result.error or '?'})")
            return
        if message.get("components"):
            self.last = message
        self.emit(message, self.h.emu.render(message))

    def emit(self, payload: Mapping[str, Any], text: str) -> None:
        if self.as_json:
            print(json.dumps(payload, ensure_ascii=False), file=self.out)
        else:
            print(_CHANNEL_MENTION.sub(self._channel_name, text), file=self.out)
        self.out.flush()

    def _channel_name(self, match: re.Match[str]) -> str:
        """`<#id>` as a Discord client shows it: `#name`."""
        channel = self.h.emu.state.channels.get(int(match.group(1)))
        return f"#{channel.name}" if channel is not None else match.group(0)

    def show_new_threads(self, before: set[int], *, shown: Collection[str] = ()) -> None:
        """Threads the last command opened, each with its starter message (unless `shown`)."""
        for thread in self.h.emu.threads():
            if thread.id in before or thread.id in map(int, shown):
                continue  # old, or its starter was shown with the thread's name under it
            parent = self.h.emu.state.channels.get(thread.parent_id or 0)
            starter = self.h.emu.starter_message(thread)
            where = f"#{parent.name}" if parent else "?"
            self.emit(
                {"thread": thread.payload(), "starter": starter},
                f"🧵 new thread in {where}: {thread.name}\n"
                + (self.h.emu.render(starter) if starter else "(no starter message)"),
            )

    def show_new_posts(self, floor: int) -> set[str]:
        """Messages the bot posted on its own (not answering a command) since message `floor`:
        the daily tip. Returns their ids."""
        shown: set[str] = set()
        for mid, msg in list(self.h.emu.state.messages.items()):
            if mid <= floor or msg.get("_deleted") or msg.get("webhook_id") or msg["flags"] & 64:
                continue
            channel = self.h.emu.state.channels.get(int(msg["channel_id"]))
            if channel is None or channel.is_thread:
                continue
            message = self.h.emu.message(mid) or msg
            if message.get("components"):
                self.last = message
            self.emit(
                {"posted": message}, f"📌 posted in #{channel.name}:\n{self.h.emu.render(message)}"
            )
            shown.add(str(mid))
        return shown

    @staticmethod
    def _choices(choices: list[dict[str, Any]]) -> str:
        if not choices:
            return "  (no choices)"
        return "\n".join(f"  {c['name']}  →  {c['value']}" for c in choices)

    # -- commands --------------------------------------------------------------------------------

    def _schema(self, path: list[str]) -> list[Mapping[str, Any]]:
        for command in self.h.emu.synced_commands():
            if command["name"] != path[0]:
                continue
            options = command.get("options") or []
            for part in path[1:]:
                sub = next((o for o in options if o["name"] == part and o["type"] in (1, 2)), None)
                if sub is None:
                    raise SandboxError(f"/{path[0]} has no subcommand {part!r}")
                options = sub.get("options") or []
            return options
        names = ", ".join(sorted("/" + c["name"] for c in self.h.emu.synced_commands()))
        raise SandboxError(f"unknown command /{path[0]} (try {names})")

    def _coerce(self, schema: list[Mapping[str, Any]], options: dict[str, str]) -> dict[str, Any]:
        typed: dict[str, Any] = {}
        for name, raw in options.items():
            spec = next((o for o in schema if o["name"] == name), None)
            if spec is None:
                known = ", ".join(o["name"] for o in schema) or "none"
                raise SandboxError(f"no option {name!r} (options: {known})")
            kind = _OPTION_TYPES.get(spec["type"], "string")
            typed[name] = self._value(kind, raw, name)
        return typed

    def _value(self, kind: str, raw: str, name: str) -> Any:
        if kind == "boolean":
            if raw.lower() in _TRUE:
                return True
            if raw.lower() in _FALSE:
                return False
            raise SandboxError(f"{name} takes true or false")
        if kind in ("integer", "number"):
            try:
                return int(raw) if kind == "integer" else float(raw)
            except ValueError:
                raise SandboxError(f"{name} takes a number") from None
        if kind == "channel":
            wanted = raw.lstrip("#<>")
            for channel in self.h.emu.state.channels.values():
                if channel.guild_id == self.h.guild.id and wanted in (
                    channel.name,
                    str(channel.id),
                ):
                    return channel
            raise SandboxError(f"no channel {raw!r} (try #{self.h.channel.name})")
        if kind == "role":
            wanted = raw.lstrip("@&<>")
            for role in self.h.guild.roles.values():
                if wanted in (role.name, str(role.id)):
                    return role
            raise SandboxError(f"no role {raw!r}")
        if kind == "attachment":
            path = Path(raw).expanduser()
            try:
                return (path.name, path.read_bytes())
            except OSError as exc:
                raise SandboxError(f"{name}: cannot read {raw}: {exc.strerror}") from None
        if kind == "user":
            return self.h.camper if raw.lstrip("@") == "camper" else self.h.moderator
        return raw

    async def run_line(self, line: str) -> bool:
        """Run one line; False when the session should end."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        if line in {"quit", "exit", ":q"}:
            return False
        if line in {"help", "?"}:
            print(HELP, file=self.out)
            return True
        user = self.h.camper
        if line.startswith("as "):  # `as moderator /tip-config show`, `as camper 다음`
            who, _, rest = line.removeprefix("as ").strip().partition(" ")
            members = {"moderator": self.h.moderator, "camper": self.h.camper}
            if who not in members or not rest.strip():
                message = f"`as` takes moderator or camper and a line to run, got {line!r}"
                self.emit({"error": message}, f"! {message}")
                return True
            user, line = members[who], rest.strip()
        before = {thread.id for thread in self.h.emu.threads()}
        try:
            if line.startswith(":"):
                await self._clock_command(line, before)
                return True
            if line == "submit" or line.startswith("submit "):
                await self._submit(line.removeprefix("submit"), user)
            elif line.startswith("?/"):
                await self._complete(line[1:], user)
            elif line.startswith("/"):
                path, options = split_command(line)
                typed = self._coerce(self._schema(path), options)
                self.show(await self._settled(await self._slash(path, typed, user)))
            else:
                await self._component(line.strip("[]"), user)
            self.show_new_threads(before)
        except (SandboxError, EmulatorError, InteractionTimeout) as exc:
            self.emit({"error": str(exc)}, f"! {exc}")
        return True

    async def _slash(
        self, path: list[str], options: dict[str, Any], user: Any
    ) -> InteractionResult:
        try:
            return await self.h.emu.slash(
                path, options=options, user=user, channel=self.h.channel, locale=self.locale
            )
        except CommandHidden:
            # Discord lists the command only for members with its default permissions, but a
            # server admin can show it to anyone: then the bot's own check answers. Show that.
            self.emit(
                {"note": "hidden"},
                f"(Discord hides /{path[0]} from members without its permissions; when it is"
                " shown to them anyway, the bot answers:)",
            )
            return await self.h.emu.slash(
                path, options=options, user=user, channel=self.h.channel, locale=self.locale,
                check_permissions=False,
            )  # fmt: skip

    async def _clock_command(self, line: str, threads_before: set[int]) -> None:
        """`:advance 1d`, `:time 2026-12-02T09:00`, `:time`: move the clock, then show what
        the tip scheduler did on the way (posts, threads, skipped days)."""
        if self.clock is None:
            raise SandboxError("this session has no clock to move")
        zone = self.h.services.settings.timezone
        verb, _, arg = line[1:].strip().partition(" ")
        try:
            if verb == "advance":
                target = self.clock() + parse_duration(arg or "1d")
            elif verb == "time" and arg.strip():
                target = parse_moment(arg, zone)
            elif verb == "time":
                self.emit({"now": self.clock().isoformat()}, f"🕘 {describe(self.clock(), zone)}")
                return
            else:
                raise SandboxError(f"unknown clock command :{verb} (try :advance 1d or :time)")
        except ClockError as exc:
            raise SandboxError(str(exc)) from None
        floor = max(self.h.emu.state.messages, default=0)
        start = self.clock()
        forward = target > start
        services = self.h.services
        outcomes = await travel(self.clock, services.tip_scheduler, target, services.digests)
        self.emit({"now": self.clock().isoformat()}, f"🕘 {describe(self.clock(), zone)}")
        shown = self.show_new_posts(floor)
        self.show_new_threads(threads_before, shown=shown)
        for outcome in outcomes:
            if outcome.kind not in ("sent", "recovered"):
                self.emit(_outcome_payload(outcome), _outcome_text(outcome))
        if forward and not outcomes:
            await self._explain_no_post(start, target, zone)

    async def _explain_no_post(self, start: dt.datetime, target: dt.datetime, zone: str) -> None:
        """Say why a slot passed on the way posted nothing, since the sandbox lets the clock go
        back: the schedule was set later than the clock now shows (a schedule starts when it
        is set), or that day was settled already (each day is posted once, whatever the clock
        does: a run that started later than the slot recorded it as missed)."""
        for s in await self.h.services.tip_store.active_settings():
            if s.guild_id != self.h.guild.id:
                continue
            if s.active_since > target:
                since = describe(s.active_since, zone)
                self.emit(
                    {"note": "schedule_later", "active_since": s.active_since.isoformat()},
                    f"(no daily tip: the schedule was set at {since}, later than the clock;"
                    " with the clock there, /tip-config off then set starts it again)",
                )
                continue
            local = ZoneInfo(s.timezone)
            day = start.astimezone(local).date()
            while day <= target.astimezone(local).date():
                record = await self.h.services.tip_store.post(s.guild_id, day)
                if record is not None and start < record.slot_at <= target:
                    why = f": {record.reason}" if record.reason else ""
                    self.emit(
                        {"note": "day_settled", "date": day.isoformat(), "status": record.status},
                        f"(no daily tip: {day.isoformat()} was settled before, {record.status}"
                        f"{why}; each day is posted once, whatever the clock does)",
                    )
                day += dt.timedelta(days=1)

    async def _settled(self, result: InteractionResult) -> InteractionResult:
        """A deferred reply (or a deferred update of a clicked message, as Confirm does) is
        followed by an edit: wait for it. Two seconds were too few for an import of a thousand
        entries, and the transcript showed the preview again as if Confirm had done nothing."""
        if result.deferred:
            try:
                await result.wait_final(within=SETTLE_SECONDS)
            except InteractionTimeout:
                self.emit(
                    {"note": "still_working", "seconds": SETTLE_SECONDS},
                    f"(still working after {SETTLE_SECONDS:.0f} s: the message as it is now)",
                )
        return result

    async def _submit(self, line: str, user: Any) -> None:
        if self.modal is None or self.modal.submitted:
            raise SandboxError("no open modal; a command like /content add opens one")
        _, options = split_command("submit " + line)
        kinds = {str(f.get("custom_id")): f.get("type") for f in self.modal.fields}
        labels = {str(f.get("label")): str(f.get("custom_id")) for f in self.modal.fields}
        values: dict[str, Any] = {}
        for name, raw in options.items():
            key = name if name in kinds else labels.get(name, name)
            is_text = kinds.get(key) == 4
            values[name] = raw if is_text else [v.strip() for v in raw.split(",") if v.strip()]
        modal, self.modal = self.modal, None
        result = await self.h.emu.submit_modal(modal, values, user=user, locale=self.locale)
        self.show(await self._settled(result))

    async def _complete(self, line: str, user: Any) -> None:
        path, options = split_command(line)
        if not options:
            raise SandboxError("name the option to complete, e.g. ?/advice query:대학ㅇ")
        focused = list(options)[-1]
        schema = self._schema(path)
        typed = {k: v for k, v in options.items() if k != focused}
        typed = self._coerce(schema, typed) | {focused: options[focused]}
        choices = await self.h.emu.autocomplete(
            path, options=typed, focused=focused, user=user, channel=self.h.channel,
            locale=self.locale,
        )  # fmt: skip
        listed = choices.choices if isinstance(choices, InteractionResult) else choices
        self.emit({"choices": listed}, self._choices(list(listed or [])))

    async def _component(self, label: str, user: Any) -> None:
        if self.last is None:
            raise SandboxError("nothing to click yet; start with a /command (type help)")
        message = self.h.emu.message(self.last["id"]) or self.last
        for row in message.get("components") or []:
            for item in row.get("components") or []:
                # A button answers to its label, its emoji, or both as the sandbox prints them.
                if item.get("type") == 2 and label in (
                    item.get("label"),
                    item.get("emoji", {}).get("name"),
                    button_text(item),
                ):
                    result = await self.h.emu.click(
                        message, label=item.get("label"), user=user, locale=self.locale
                    )
                    self.show(await self._settled(result))
                    return
                if item.get("type") == 3:
                    for option in item.get("options") or []:
                        shown = str(option.get("label", ""))
                        # "커리어 방향" picks "커리어 방향 (27)": counts are decoration.
                        if label in (shown, option.get("value")) or shown.startswith(label + " ("):
                            result = await self.h.emu.select(
                                message, [option["value"]], custom_id=item["custom_id"],
                                user=user, locale=self.locale,
                            )  # fmt: skip
                            self.show(await self._settled(result))
                            return
        raise SandboxError(f"no button or menu option {label!r} on the last reply")


def _outcome_payload(outcome: Outcome) -> dict[str, Any]:
    return {"tip": outcome.kind, "date": outcome.date.isoformat(), "reason": outcome.reason}


def _outcome_text(outcome: Outcome) -> str:
    """A day the scheduler did not post: `⏭ 2026-12-03 daily tip skipped: skipped by a ...`."""
    return f"⏭ {outcome.date.isoformat()} daily tip {outcome.kind}: {outcome.reason or '?'}"


async def run_session(
    harness: Harness,
    *,
    locale: str,
    as_json: bool,
    stdin: TextIO,
    clock: SandboxClock | None = None,
) -> None:
    session = Session(harness, locale=locale, as_json=as_json, out=sys.stdout, clock=clock)
    interactive = stdin.isatty()
    if interactive:
        stats = await harness.services.entries.stats()
        print(
            f"sunbae sandbox: the real bot on a local Discord emulator · {stats['entries']} entries,"
            f" {stats['tips']} tips. Type help, or /advice query:대학원",
        )
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        if not interactive and not as_json:
            print(f"> {line.rstrip()}")
        if not await session.run_line(line):
            break
