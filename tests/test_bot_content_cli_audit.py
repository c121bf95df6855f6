"""Content changes made from the shell (`python -m bot content retire|restore|revert|import`, a
separate process, as on an operator's machine) reach the server's audit channel through the
running bot: each once, in the server's language, only in that server, also when the bot was
down at the time or died between its post and its record of it."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import bootstrap
from bot.emulator import DiscordEmulator, Guild, Perm
from bot.models.audit import AuditNote
from bot.models.content import Revision
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_cohorts import Crash
from tests.helpers_ingest import REPO
from tests.helpers_messages import fields, footer
from tests.helpers_tips import ManualClock

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("no_errors_logged")]

SHARED = "portfolio-few-and-deep"
IMPORTED = "---\nid: cli-imported\ntitle: Imported from the shell\nkind: tip\n---\n\nA body.\n"


async def cli(db: Path, *argv: str) -> str:
    """`python -m bot content …` in its own process on the bot's database file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUNBAE_", "DISCORD_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "content", *argv, "--db", str(db), "--actor", "운영자",
        cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode()


async def log_channel(h: Harness, guild: Guild, name: str = "content-log") -> int:
    """A channel the server's moderator makes its audit channel with /content settings."""
    channel = h.emu.add_text_channel(guild, name)
    await eventually(lambda: h.bot.get_channel(channel.id))
    moderator = h.emu.add_member(guild, f"{guild.name}-mod", permissions=Perm.MANAGE_GUILD)
    general = h.emu.state.channels[guild.system_channel_id or 0]
    res = await h.emu.slash(
        "content settings", {"log-channel": channel}, user=moderator, channel=general
    )
    await res.wait_final()
    assert f"<#{channel.id}>" in res.content, res.content
    return channel.id


def posts(h: Harness, channel_id: int) -> list[dict[str, Any]]:
    return [m["embeds"][0] for m in h.emu.channel_messages(channel_id)]


async def test_cli_changes_are_posted_by_the_running_bot_once_in_their_server_only(
    tmp_path: Path,
) -> None:
    settings = bot_settings(tmp_path / "cli-audit.db", audit_outbox_seconds=0.2)
    async with start_harness(settings) as h:
        korean = await log_channel(h, h.guild)
        english_guild = h.emu.add_guild("English camp", locale="en-US", owner="en-owner")
        await eventually(lambda: h.bot.get_guild(english_guild.id))
        english = await log_channel(h, english_guild)
        # A server without an audit channel.
        quiet_guild = h.emu.add_guild("No log", locale="ko", owner="quiet-owner")
        await eventually(lambda: h.bot.get_guild(quiet_guild.id))
        shared = await h.services.entries.get(SHARED)
        assert shared is not None

        db = settings.db_path
        said = await cli(db, "retire", SHARED, "--guild", str(h.guild.id), "--reason", "낡은 내용")
        assert said.splitlines() == [
            f"retire: {SHARED} in guild {h.guild.id} is now retired",
            f"  the running bot posts it to the audit channel {korean}",
        ]
        upload = tmp_path / "one.md"
        upload.write_text(IMPORTED, encoding="utf-8")
        await cli(db, "import", str(upload), "--guild", str(english_guild.id))
        said = await cli(db, "retire", SHARED, "--guild", str(quiet_guild.id))
        assert "audit" not in said

        # The bot's own loop posts them: Korean in the Korean server, English in the English one.
        (retired,) = await eventually(lambda: posts(h, korean))
        assert retired["title"] == f"내림 · {shared.title}"
        assert retired["author"]["name"] == "운영자"
        assert retired["description"] == "사유: 낡은 내용"
        assert "(내려짐)" in fields(retired)["이후"]
        assert footer(retired).startswith(f"id: {SHARED} · 수정 #")
        assert "· 명령줄에서 · au" in footer(retired)
        (imported,) = await eventually(lambda: posts(h, english))
        assert imported["description"] == "📥 운영자 imported `one.md`: 1 added, 0 updated."
        assert footer(imported).startswith("from the CLI · au")

        # Once: later rounds post nothing more, and nothing went to another server's channel.
        await asyncio.sleep(0.6)
        assert len(posts(h, korean)) == 1 and len(posts(h, english)) == 1
        quiet_messages = [
            m for c in h.emu.state.channels.values() if c.guild_id == quiet_guild.id
            for m in h.emu.channel_messages(c.id)
        ]  # fmt: skip
        assert quiet_messages == []
        assert all(not m["mention_everyone"] for m in h.emu.channel_messages(korean))


class CrashAfterPost:
    """The bot's poster, in a process killed right after Discord took the post."""

    def __init__(self, real: Any) -> None:
        self.real = real

    async def find(self, note: AuditNote, channel_id: int) -> int | None:
        return await self.real.find(note, channel_id)  # type: ignore[no-any-return]

    async def post(self, note: AuditNote, channel_id: int, revision: Revision | None) -> int:
        await self.real.post(note, channel_id, revision)
        raise Crash


@contextlib.asynccontextmanager
async def bot_on(db: Path, emulator: DiscordEmulator, clock: ManualClock) -> AsyncIterator[Harness]:
    """A bot process whose outbox loop made its start-up round (the next one is an hour away:
    the test ticks it)."""
    settings = bot_settings(db, audit_outbox_seconds=3600)
    services = await bootstrap(settings, clock=clock)
    async with start_harness(settings, emulator=emulator, services=services) as h:
        await asyncio.wait_for(h.services.audit_outbox.idle(), 10)
        yield h


def outbox_poster(h: Harness) -> Any:
    cog = h.bot.get_cog("ContentCog")
    assert cog is not None
    return cog.outbox_poster  # type: ignore[attr-defined]


async def test_a_change_made_while_the_bot_is_down_or_dying_is_posted_once(
    tmp_path: Path, emulator: DiscordEmulator
) -> None:
    db = tmp_path / "restart.db"
    clock = ManualClock(dt.datetime.now(dt.UTC))
    async with bot_on(db, emulator, clock) as first:
        guild = first.guild
        channel = await log_channel(first, guild)

    # No bot runs: the change waits, and the next bot's start-up round posts it.
    await cli(db, "retire", SHARED, "--guild", str(guild.id))
    async with bot_on(db, emulator, clock) as second:
        (retired,) = posts(second, channel)
        assert retired["title"].startswith("내림 · ")

        # Killed between Discord's answer and the record of it: the next claim, once the
        # lease ran out, finds the post by its nonce instead of posting again.
        await cli(db, "restore", SHARED, "--guild", str(guild.id))
        with pytest.raises(Crash):
            await second.services.audit_outbox.tick(CrashAfterPost(outbox_poster(second)))
        assert len(posts(second, channel)) == 2
        assert await second.services.audit_outbox.tick(outbox_poster(second)) == []  # leased
        clock.advance(minutes=3)
        emulator.state.nonce_ttl = 0.0  # Discord forgot the nonce: only the channel tells
        assert len(await second.services.audit_outbox.tick(outbox_poster(second))) == 1
        assert await second.services.audit_outbox.tick(outbox_poster(second)) == []
        restored = posts(second, channel)
        assert len(restored) == 2 and restored[1]["title"].startswith("복원 · ")


async def test_a_post_buried_under_a_busy_channel_is_found_after_a_restart(
    tmp_path: Path, emulator: DiscordEmulator
) -> None:
    """The bot died right after posting a CLI change; by the time another bot takes the row
    over, far more than a page of messages came after the post: it is found, not posted again."""
    db = tmp_path / "busy.db"
    clock = ManualClock(dt.datetime.now(dt.UTC))
    async with bot_on(db, emulator, clock) as first:
        guild = first.guild
        channel = await log_channel(first, guild)
        await cli(db, "retire", SHARED, "--guild", str(guild.id))
        with pytest.raises(Crash):
            await first.services.audit_outbox.tick(CrashAfterPost(outbox_poster(first)))
        moderator = first.emu.add_member(guild, "busy-mod", permissions=Perm.MANAGE_GUILD)
        for n in range(120):
            await first.emu.post_message(channel, f"확인했어요 {n}", user=moderator)

    clock.advance(minutes=3)  # the dead bot's lease ran out
    # and so did Discord's memory of the nonce (minutes): only the channel can tell it was posted.
    emulator.state.nonce_ttl = 0.0
    async with bot_on(db, emulator, clock) as second:  # its start-up round takes the row over
        bot_posts = [m for m in second.emu.channel_messages(channel) if m["embeds"]]
        assert len(bot_posts) == 1 and bot_posts[0]["embeds"][0]["title"].startswith("내림 · ")
        assert len(second.emu.channel_messages(channel)) == 121
        assert await second.services.audit_outbox.tick(outbox_poster(second)) == []
