"""Load benchmark: the real bot under concurrent mixed traffic, with an external ingest writing
to its database and gateway drops, through the local emulator.

    python bench/load.py                            # 200 at once x 20 rounds (issue 11's targets)
    python bench/load.py --width 50 --rounds 4      # a quick look
    python bench/load.py --json

Each round sends `--width` interactions at once, mixed like a busy server: /advice lookups (50%),
autocomplete keystrokes (20%), a page button on an earlier /advice reply (15%) and a write,
/tip-config set by a moderator (15%). Every `--ingest-every` rounds an external
`python -m bot ingest` (another process, as an operator would run it) re-reads the content
after 10% of its files changed, holding the database's write lock for its write phase; every
`--drop-every` rounds the gateway is dropped mid-round and the bot RESUMEs.

Printed: p50/p95/max from INTERACTION_CREATE to the callback (the emulator's clock; for
autocomplete, the round trip), late (> 3 s: Discord would have dropped it), lost (never
answered), errors, and the process's RSS growth after the warm-up rounds. Targets: 0 late,
0 lost, RSS growth <= 10% over 8,000 interactions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.adapter.live_views import DEFAULT_LIMIT  # noqa: E402
from bot.emulator import Channel, DiscordEmulator, EmulatorError, Member, Perm  # noqa: E402
from bot.sandbox.harness import SANDBOX_TOKEN  # noqa: E402

DISCORD_LIMIT_S = 3.0
QUERIES = ["대학원", "포트폴리오", "코딩테스트 준비", "기술 면접", "이력서", "캐글", "인턴",
           "비전공자 취업", "LLM 공부", "portfolio", "interview", "대학언", "포폴", "스타트업"]  # fmt: skip
TYPING = ["대", "대학", "포", "포트", "면", "면접", "이력", "ka", "por", "인"]
KINDS = ("advice", "autocomplete", "button", "write")
WEIGHTS = (50, 20, 15, 15)


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident memory now (not the peak)."""
    pages = int(Path(f"/proc/{pid}/statm").read_text(encoding="ascii").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def percentiles(data: Sequence[float]) -> dict[str, float]:
    if not data:
        return {"count": 0, "p50": 0.0, "p95": 0.0, "max": 0.0}
    ordered = sorted(data)
    q = (
        statistics.quantiles(ordered, n=100, method="inclusive")
        if len(ordered) > 1
        else ordered * 99
    )
    return {"count": len(ordered), "p50": q[49], "p95": q[94], "max": ordered[-1]}


class Load:
    def __init__(
        self, emu: DiscordEmulator, channel: Channel, campers: list[Member], mods: list[Member]
    ) -> None:
        self.emu = emu
        self.channel = channel
        self.campers = campers
        self.mods = mods
        self.latency: dict[str, list[float]] = {k: [] for k in KINDS}
        self.late = 0
        self.lost = 0
        self.errors: list[str] = []
        # The latest /advice results, whose page buttons campers click.
        self.replies: deque[Any] = deque(maxlen=50)
        self.views = 0

    async def one(self, kind: str, n: int) -> None:
        emu, rng = self.emu, random.Random(n)
        camper = self.campers[n % len(self.campers)]
        try:
            if kind == "autocomplete":
                start = time.perf_counter()
                await emu.autocomplete(
                    "advice", {"query": rng.choice(TYPING)}, focused="query", user=camper,
                    channel=self.channel, within=10,
                )  # fmt: skip
                self.latency[kind].append(time.perf_counter() - start)
                return
            if kind == "button" and self.replies:
                # A recent reply, its buttons as the camper sees them now (an expired view's
                # are disabled).
                reply = self.replies[n % len(self.replies)]
                message = reply.message or {}
                buttons = [
                    c for row in message.get("components", []) for c in row.get("components", [])
                    if c.get("custom_id") and not c.get("disabled")
                ]  # fmt: skip
                if buttons:
                    res = await emu.click(reply, custom_id=buttons[0]["custom_id"], within=10)
                    self._record(kind, res)
                    return
                kind = "advice"
            if kind == "write":
                mod = self.mods[n % len(self.mods)]
                options = {"time": f"{n % 24:02d}:{n % 60:02d}"}
                res = await emu.slash(
                    "tip-config set", options, user=mod, channel=self.channel, within=10
                )
                self._record(kind, res)
                return
            res = await emu.slash(
                "advice",
                {"query": rng.choice(QUERIES)},
                user=camper,
                channel=self.channel,
                within=10,
            )
            self._record("advice", res)
            if res.components:  # a view: the bot keeps it live (up to its cap)
                self.views += 1
                self.replies.append(res)
        except EmulatorError as exc:
            if "3 s" in str(exc) or "late" in str(exc).lower():
                self.late += 1
            else:
                self.lost += 1
                self.errors.append(f"{kind}: {exc}"[:200])
        except Exception as exc:
            self.errors.append(f"{kind}: {type(exc).__name__}: {exc}"[:200])

    def _record(self, kind: str, res: Any) -> None:
        if res.latency is None:
            self.lost += 1
            return
        self.latency[kind].append(res.latency)
        if res.latency > DISCORD_LIMIT_S:
            self.late += 1


def edit_some(content: Path, rng: random.Random) -> None:
    """Change 10% of the files, so the ingest has something to write."""
    files = sorted(content.rglob("*.md"))
    for file in rng.sample(files, max(1, len(files) // 10)):
        text = file.read_text(encoding="utf-8")
        file.write_text(f"{text}\n\n<!-- {rng.random()} -->\n", encoding="utf-8")


async def external_ingest(content: Path, db: Path, rng: random.Random) -> float:
    await asyncio.to_thread(edit_some, content, rng)
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "ingest", str(content), "--db", str(db),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    _, err = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"external ingest failed: {err.decode()[-300:]}")
    return time.perf_counter() - start


class BotProcess:
    """The bot as an operator runs it (`python -m bot run`), in a process of its own, against the
    emulator in this one: the RSS measured is the bot's alone, not the emulator's records."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    @classmethod
    async def start(
        cls, emu: DiscordEmulator, folder: Path, content: Path, db: Path, env: dict[str, str]
    ) -> BotProcess:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            cwd=folder,  # no .env of the checkout's
            stdout=asyncio.subprocess.DEVNULL, stderr=(folder / "bot.log").open("wb"),
            env={
                **os.environ, "PYTHONPATH": str(REPO), "DISCORD_TOKEN": SANDBOX_TOKEN,
                "DISCORD_API_BASE": emu.api_base, "DISCORD_GATEWAY_URL": emu.gateway_url,
                "SUNBAE_DB": str(db), "SUNBAE_CONTENT": str(content),
                "SUNBAE_LOOKUP_COOLDOWN": "0", "SUNBAE_LOG_LEVEL": "WARNING", **env,
            },
        )  # fmt: skip
        bot = cls(proc)
        try:
            await emu.wait_until_identified(within=120)
            for _ in range(600):  # the global command sync follows READY
                if any(c["name"] == "advice" for c in emu.state.commands.get(None)):
                    break
                await asyncio.sleep(0.05)
            else:
                raise RuntimeError("the bot never registered its commands")
            await asyncio.sleep(1.0)  # the tip scheduler's start-up round
        except BaseException:
            await bot.stop()
            raise
        return bot

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)

    async def stop(self) -> int:
        if self.proc.returncode is None:
            self.proc.terminate()
        try:
            return await asyncio.wait_for(self.proc.wait(), 30)
        except TimeoutError:
            self.proc.kill()
            return await self.proc.wait()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sunbae-load-") as name:
        folder = Path(name)
        content = folder / "content"
        shutil.copytree(REPO / "content", content)
        db = folder / "load.db"
        emu = await DiscordEmulator(timeout=30).start()
        guild = emu.add_guild("AI 부트캠프", locale="ko")
        channel = emu.state.channels[guild.system_channel_id or 0]
        campers = [emu.add_member(guild, f"camper{i}", locale="ko") for i in range(20)]
        mods = [
            emu.add_member(guild, f"mod{i}", permissions=Perm.MANAGE_GUILD, locale="ko")
            for i in range(5)
        ]
        env = {"SUNBAE_MAX_VIEWS": str(args.max_views)} if args.max_views else {}
        bot = await BotProcess.start(emu, folder, content, db, env)
        try:
            load = Load(emu, channel, campers, mods)
            rng = random.Random(11)
            ingests: list[float] = []
            drops = 0
            rss = [bot.rss_mb()]  # at the start, then after each round
            views = [0]  # replies with buttons so far, after each round
            counter = 0
            started = time.perf_counter()
            for round_no in range(args.rounds):
                kinds = rng.choices(KINDS, WEIGHTS, k=args.width)
                tasks = [load.one(kind, counter + i) for i, kind in enumerate(kinds)]
                counter += args.width
                extra: list[asyncio.Task[Any]] = []
                if args.ingest_every and round_no % args.ingest_every == 1:
                    extra.append(asyncio.create_task(external_ingest(content, db, rng)))
                if args.drop_every and round_no % args.drop_every == 2:
                    drops += 1
                    extra.append(asyncio.create_task(emu.drop_gateway(wait_resume=True, within=30)))
                await asyncio.gather(*tasks)
                for task in extra:
                    result = await task
                    if isinstance(result, float):
                        ingests.append(result)
                if args.pause:
                    await asyncio.sleep(args.pause)
                rss.append(bot.rss_mb())
                views.append(load.views)
            elapsed = time.perf_counter() - started
        finally:
            code = await bot.stop()
            await emu.stop()
        if code not in (0, -15):
            raise RuntimeError(f"the bot exited {code}: {(folder / 'bot.log').read_text()[-500:]}")
    everything = [x for values in load.latency.values() for x in values]
    # Warm-up: at least --warmup rounds, and until the bot has had as many replies with buttons
    # as it keeps live (SUNBAE_MAX_VIEWS): before that, its bounded retention is still filling.
    cap = args.max_views or DEFAULT_LIMIT
    full = next((n for n, seen in enumerate(views) if seen >= cap), len(views) - 1)
    warm = min(max(args.warmup, full), len(rss) - 1)
    fixed = min(args.warmup, len(rss) - 1)
    baseline = rss[warm]
    per_round = args.width
    return {
        "interactions": counter,
        "width": args.width,
        "rounds": args.rounds,
        "seconds": elapsed,
        "all": percentiles(everything),
        "by_kind": {k: percentiles(v) for k, v in load.latency.items()},
        "late": load.late,
        "lost": load.lost,
        "errors": load.errors[:10],
        "error_count": len(load.errors),
        "ingests": ingests,
        "gateway_drops": drops,
        "max_views": args.max_views or None,
        "rss_mb": {
            "start": rss[0],
            "after_warmup": baseline,
            f"after_round_{fixed}": rss[fixed],
            "end": rss[-1],
            "by_1k": {
                str(round_no * per_round): value
                for round_no, value in enumerate(rss)
                if (round_no * per_round) % 1000 == 0
            },
        },
        "warmup_rounds": warm,
        "views_cap": cap,
        "rss_growth": (rss[-1] - baseline) / baseline if baseline else 0.0,
        "rss_growth_from_round": {
            str(fixed): (rss[-1] - rss[fixed]) / rss[fixed] if rss[fixed] else 0.0
        },
    }


def print_table(r: dict[str, Any]) -> None:
    print(f"{r['interactions']} interactions, {r['width']} at once x {r['rounds']} rounds"
          f" in {r['seconds']:.1f} s; {len(r['ingests'])} external ingests"
          f" ({', '.join(f'{s:.1f}' for s in r['ingests'])} s), {r['gateway_drops']} gateway drops")  # fmt: skip
    print(f"{'kind':<13}{'count':>7}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind, p in [("all", r["all"]), *r["by_kind"].items()]:
        print(f"{kind:<13}{p['count']:>7}{p['p50'] * 1000:>10.1f}{p['p95'] * 1000:>10.1f}"
              f"{p['max'] * 1000:>10.1f}")  # fmt: skip
    rss = r["rss_mb"]
    print(f"late (> 3 s): {r['late']}   lost: {r['lost']}   errors: {r['error_count']}")
    print("the bot's RSS by interactions: "
          + ", ".join(f"{int(n):,}: {mb:.0f} MB" for n, mb in rss["by_1k"].items()))  # fmt: skip
    [(fixed, from_fixed)] = r["rss_growth_from_round"].items()
    print(f"RSS at the start {rss['start']:.0f} MB, after warm-up (round {r['warmup_rounds']}:"
          f" {r['views_cap']} views kept) {rss['after_warmup']:.0f} MB, at the end"
          f" {rss['end']:.0f} MB ({r['rss_growth']:+.1%} after warm-up; target <= +10%;"
          f" {from_fixed:+.1%} from round {fixed})")  # fmt: skip
    for error in r["errors"]:
        print(f"  ✗ {error}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--width", type=int, default=200, help="interactions in flight at once")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5, help="rounds before the RSS baseline")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between rounds")
    parser.add_argument(
        "--max-views", type=int, default=0, help="the bot's SUNBAE_MAX_VIEWS (0: its default)"
    )
    parser.add_argument("--ingest-every", type=int, default=5, help="0: no external ingest")
    parser.add_argument("--drop-every", type=int, default=4, help="0: no gateway drops")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = asyncio.run(run(args))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    ok = report["late"] == 0 and report["lost"] == 0 and report["rss_growth"] <= 0.10
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
