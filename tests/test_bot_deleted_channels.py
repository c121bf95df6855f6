"""A channel a setting names, deleted in Discord: the moderator reading that setting is told,
in their language, instead of seeing the dead channel as if all were well."""

from __future__ import annotations

import pytest

from bot.emulator import Perm
from bot.sandbox.harness import Harness
from tests.helpers_async import eventually

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]


@pytest.mark.parametrize(
    ("locale", "said"), [("ko", "채널이 삭제됐어요"), ("en-US", "was deleted")]
)
async def test_settings_name_a_deleted_channel_as_deleted(
    harness: Harness, locale: str, said: str
) -> None:
    # /tip-config show, /insights digest and /content settings went on naming the deleted
    # channel (a dead link) as where the tip, the digest and the audit log go: nothing posted
    # there again, and nothing said so until the next post failed (the tip), or ever.
    h = harness
    guild = h.emu.add_guild(f"deleted-{locale}", locale=locale, owner=f"deleted-{locale}-owner")
    mod = h.emu.add_member(
        guild, f"deleted-{locale}-mod", permissions=Perm.MANAGE_GUILD, locale=locale
    )
    general = h.emu.state.channels[guild.system_channel_id or 0]
    tips, digest, log = (h.emu.add_text_channel(guild, n) for n in ("tips", "digest", "log"))
    await eventually(lambda: h.bot.get_channel(log.id))

    async def run(command: str, options: dict[str, object]) -> dict[str, object]:
        res = await h.emu.slash(command, options, user=mod, channel=general)
        message = await res.wait_final()
        assert message is not None
        return message

    await run("tip-config set", {"channel": tips, "time": "09:00"})
    await run("insights digest", {"channel": digest, "day": 0})
    await run("content settings", {"log-channel": log})
    shown = await run("tip-config show", {})
    assert said not in str(shown)

    for channel in (tips, digest, log):
        await h.emu.delete_channel(channel)
    await eventually(lambda: h.bot.get_channel(log.id) is None)

    shown = await run("tip-config show", {})
    assert f"<#{tips.id}>" in str(shown) and said in str(shown["embeds"])
    digest_said = await run("insights digest", {})
    assert f"<#{digest.id}>" in digest_said["content"] and said in digest_said["content"]
    settings = await run("content settings", {})
    assert f"<#{log.id}>" in settings["content"] and said in settings["content"]
