"""Start-up and shutdown: command sync (hash-gated, dev guild), localized command names, DMs,
and a clean close."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.adapter.client import tree_hash_key
from bot.emulator import DiscordEmulator, EmulatorError
from bot.i18n import COMMAND_TEXT
from bot.models.tips import GLOBAL_GUILD
from tests.helpers_bot import bot_settings, start_harness

# Each test starts its own bots; the `emulator` fixture lives on the test's own loop.
pytestmark = pytest.mark.usefixtures("no_errors_logged")

GLOBAL_PUT = r"^/applications/\d+/commands$"
COMMANDS = {
    "advice", "entry", "topics", "tip", "tip-config", "about", "cohort", "discuss", "content",
    "insights",
}  # fmt: skip


async def test_sync_runs_once_per_tree_change(tmp_path: Path, emulator: DiscordEmulator) -> None:
    settings = bot_settings(tmp_path / "sync.db")
    async with start_harness(settings, emulator=emulator, ingest=False) as first:
        assert first.bot.sync_outcome == "global"
        assert len(emulator.calls_to("PUT", GLOBAL_PUT)) == 1
        assert {c["name"] for c in emulator.synced_commands()} == COMMANDS
        digest = await first.bot.tree_hash()
        key = tree_hash_key(first.bot.application_id, emulator.api_base)
        assert await first.services.state.get(key) == digest

    # A restart with the same commands: no PUT (Discord rate-limits and re-propagates syncs).
    async with start_harness(settings, emulator=emulator, ingest=False) as second:
        assert second.bot.sync_outcome == "unchanged"
        assert len(emulator.calls_to("PUT", GLOBAL_PUT)) == 1
        res = await emulator.slash("about", user=second.camper, channel=second.channel)
        assert res.embeds  # the commands registered by the first start still work
        # The tree changed (here: the stored hash no longer matches): the next start syncs.
        await second.services.state.set(key, "stale", now="2025-01-01T00:00:00+00:00")

    async with start_harness(settings, emulator=emulator, ingest=False) as third:
        assert third.bot.sync_outcome == "global"
        assert len(emulator.calls_to("PUT", GLOBAL_PUT)) == 2
        assert await third.services.state.get(key) == digest


async def test_a_sandbox_run_never_makes_a_later_start_skip_its_sync(tmp_path: Path) -> None:
    """The README's order: the sandbox first (here on a kept database), then again, then `run`
    against another application and API (Discord): each registers its commands."""
    settings = bot_settings(tmp_path / "kept.db")
    for _ in range(2):  # a fresh emulator each time, as `python -m bot sandbox --db kept.db` does
        async with start_harness(settings, ingest=False) as sandbox:
            assert sandbox.bot.sync_outcome == "global"
            res = await sandbox.emu.slash("about", user=sandbox.camper, channel=sandbox.channel)
            assert res.embeds, res.content  # not "unknown command": the commands were synced
    other = DiscordEmulator()  # "Discord": another application id at another API base
    await other.start()
    try:
        async with start_harness(settings, emulator=other, ingest=False) as real:
            assert real.bot.sync_outcome == "global"
            assert {c["name"] for c in other.synced_commands()} == COMMANDS
    finally:
        await other.stop()


async def test_dev_guild_syncs_to_that_guild_only(
    tmp_path: Path, emulator: DiscordEmulator
) -> None:
    dev = emulator.add_guild("dev server", locale="ko")
    dev_channel = emulator.state.channels[dev.system_channel_id or 0]
    tester = emulator.add_member(dev, "tester", locale="ko")
    settings = bot_settings(tmp_path / "dev.db", dev_guild=dev.id)
    async with start_harness(settings, emulator=emulator) as h:
        assert h.bot.sync_outcome == "guild"
        assert emulator.calls_to("PUT", GLOBAL_PUT) == []
        assert len(emulator.calls_to("PUT", rf"^/applications/\d+/guilds/{dev.id}/commands$")) == 1
        assert emulator.synced_commands() == []
        assert {c["name"] for c in emulator.synced_commands(dev)} == COMMANDS
        res = await emulator.slash("advice", {"query": "대학원"}, user=tester, channel=dev_channel)
        assert res.embeds
        with pytest.raises(EmulatorError, match="not registered"):
            await emulator.slash("about", user=h.camper, channel=h.channel)


async def test_commands_carry_korean_and_english_names(tmp_path: Path) -> None:
    async with start_harness(bot_settings(tmp_path / "names.db"), ingest=False) as h:
        synced = {c["name"]: c for c in h.emu.synced_commands()}
    advice = synced["advice"]
    assert advice["name_localizations"]["ko"] == COMMAND_TEXT["advice.name"]["ko"]
    assert advice["description"] == COMMAND_TEXT["advice.description"]["ko"]
    for english in ("en-US", "en-GB"):  # both English clients read English, as replies do
        assert (
            advice["description_localizations"][english] == COMMAND_TEXT["advice.description"]["en"]
        )
    query = next(o for o in advice["options"] if o["name"] == "query")
    assert query["name_localizations"]["ko"] == "질문" and query["autocomplete"] is True
    assert (query["min_length"], query["max_length"]) == (1, 200)
    for command in synced.values():
        assert command["name_localizations"].get("ko"), command["name"]
        assert 1 <= len(command["description"]) <= 100


async def test_lookups_and_the_tip_work_in_a_dm(tmp_path: Path) -> None:
    async with start_harness(bot_settings(tmp_path / "dm.db")) as h:
        dm = h.emu.dm_channel(h.camper)
        res = await h.emu.slash("advice", {"query": "포트폴리오"}, channel=dm, locale="ko")
        assert res.embeds
        tip = await h.emu.slash("tip", channel=dm, locale="ko")
        assert tip.embeds[0]["title"].startswith("오늘의 팁 · ")
        # Outside a server, /tip shares the CLI's rotation (`python -m bot tip`'s default).
        shared = await h.services.tips.today(GLOBAL_GUILD)
        assert tip.embeds[0]["footer"]["text"] == f"id: {shared.entry_id}"
        with pytest.raises(EmulatorError, match="not available in DMs"):
            await h.emu.slash("tip-config show", channel=dm)


async def test_close_stops_everything_cleanly(tmp_path: Path, emulator: DiscordEmulator) -> None:
    async with start_harness(bot_settings(tmp_path / "close.db"), emulator=emulator) as h:
        await emulator.slash("advice", {"query": "대학원"}, user=h.camper, channel=h.channel)
        names = {t.get_name() for t in asyncio.all_tasks()}
        assert {"sandbox-gateway", "sunbae-tip-scheduler"} <= names
        bot, task = h.bot, h._task
    assert bot.is_closed()
    assert task.done()
    await asyncio.sleep(0)
    leftovers = {
        t.get_name()
        for t in asyncio.all_tasks()
        if not t.done() and t.get_name() in {"sandbox-gateway", "sunbae-tip-scheduler"}
    }
    assert leftovers == set()
    assert bot.get_cog("TipsCog") is None  # extensions unloaded: the scheduler was stopped
    with pytest.raises(ValueError, match="no active connection"):  # database closed
        await h.services.db.reader.execute("SELECT 1")
    assert emulator.gateway.session is None or not emulator.gateway.live.is_set()


async def test_the_tips_extension_unloads_and_reloads_with_its_commands(
    tmp_path: Path, emulator: DiscordEmulator
) -> None:
    """/tip-config is declared on a cog of the tips extension, not added to the tree on the side:
    removing the extension's cogs takes their commands away, loading and reloading bring each
    back once, and /tip-config answers as before."""
    settings = bot_settings(tmp_path / "reload.db")
    async with start_harness(settings, emulator=emulator, ingest=False) as h:
        tree = h.bot.tree
        cogs = [c for c in h.bot.cogs.values() if c.__module__.startswith("cogs.tips.")]
        declared = [c for cog in cogs for c in (cog.app_command, *cog.get_app_commands()) if c]
        assert sorted(c.name for c in declared) == ["tip", "tip-config"]
        for cog in cogs:
            await h.bot.remove_cog(cog.qualified_name)
        assert {c.name for c in tree.get_commands()} == COMMANDS - {"tip", "tip-config"}
        await h.bot.reload_extension("cogs.tips")
        await h.bot.unload_extension("cogs.tips")
        assert {c.name for c in tree.get_commands()} == COMMANDS - {"tip", "tip-config"}
        await h.bot.load_extension("cogs.tips")
        assert sorted(c.name for c in tree.get_commands()) == sorted(COMMANDS)
        await tree.sync()
        res = await emulator.slash("tip-config show", user=h.moderator, channel=h.channel)
        assert res.ephemeral and res.embeds[0]["title"] == "오늘의 팁 설정"


async def test_closing_lets_an_answered_command_finish_its_posts(
    tmp_path: Path, emulator: DiscordEmulator
) -> None:
    """A retire replies, then posts to the audit channel: a close right after the reply (a
    deploy's SIGTERM, the end of a sandbox script) lost that post and logged an error."""
    async with start_harness(bot_settings(tmp_path / "drain.db"), emulator=emulator) as h:
        log_channel = h.channel
        await h.emu.slash("content settings", {"log-channel": log_channel}, user=h.moderator)
        before = len(emulator.channel_messages(log_channel))
        # The audit post waits out a rate limit: still on its way when the reply is seen.
        emulator.fail(
            "POST", rf"^/channels/{log_channel.id}/messages$", status=429, retry_after=1.0
        )
        retired = await h.emu.slash(
            "content retire", {"entry": "portfolio-few-and-deep"}, user=h.moderator
        )
        answer = await retired.wait_final()
        assert answer is not None and answer["content"].startswith("🗄️")
    # The bot is closed: its audit post made it.
    posts = emulator.channel_messages(log_channel)[before:]
    assert len(posts) == 1 and "portfolio-few-and-deep" in str(posts[0]["embeds"])
