"""A server's version of a shared entry against its file: a re-ingest of a changed file never
overwrites it, history shows the file update, and one revert takes the new file version; the
other server follows the file. Through the emulator, on a small content folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.emulator import Perm
from tests.helpers_async import eventually
from tests.helpers_bot import bot_settings, start_harness
from tests.helpers_content import curated, write_content

pytestmark = pytest.mark.usefixtures("no_errors_logged")


async def test_a_servers_version_survives_a_changed_file_and_one_revert_takes_it(
    tmp_path: Path,
) -> None:
    folder = write_content(tmp_path)
    settings = bot_settings(tmp_path / "sunbae.db", content_paths=(folder,))
    async with start_harness(settings) as h:
        emu = h.emu
        a = emu.add_guild("files-a", locale="ko", owner="a-owner")
        b = emu.add_guild("files-b", locale="ko", owner="b-owner")
        mod = emu.add_member(a, "a-mod", permissions=Perm.MANAGE_GUILD, locale="ko")
        campers = {g.id: emu.add_member(g, f"{g.name}-camper", locale="ko") for g in (a, b)}
        await eventually(lambda: h.bot.get_guild(a.id) and h.bot.get_guild(b.id))
        general = {g.id: emu.state.channels[g.system_channel_id or 0] for g in (a, b)}

        async def body_seen(guild_id: int) -> str:
            res = await emu.slash(
                "entry", {"id": "portfolio-depth"}, user=campers[guild_id],
                channel=general[guild_id],
            )  # fmt: skip
            message = await res.wait_final()
            assert message is not None and message["embeds"], message
            return str(message["embeds"][0]["description"])

        async def as_mod(command: str, options: dict[str, object]) -> dict[str, object]:
            res = await emu.slash(command, options, user=mod, channel=general[a.id])
            if res.modal is not None:
                return {"modal": res.modal}
            message = await res.wait_final()
            assert message is not None
            return message

        opened = await as_mod("content edit", {"entry": "portfolio-depth"})
        saved = await emu.submit_modal(opened["modal"], {"body": "A 서버만의 포트폴리오 조언."})  # type: ignore[arg-type]
        await saved.wait_final()
        assert saved.content.startswith("✅ `portfolio-depth`를 고쳤어요.")

        (folder / "portfolio.md").write_text(
            curated("portfolio-depth", "포트폴리오 새 판", "파일이 새로 바뀌었어요.", tip="새 팁"),
            encoding="utf-8",
        )
        report = await h.services.ingest.ingest([folder])
        assert report.updated == 1 and not report.errors

        assert await body_seen(a.id) == "A 서버만의 포트폴리오 조언."  # never overwritten
        assert await body_seen(b.id) == "파일이 새로 바뀌었어요."  # the other server follows

        history = await as_mod("content history", {"entry": "portfolio-depth"})
        names = [f["name"] for f in history["embeds"][0]["fields"]]  # type: ignore[index]
        assert [n.split(" · ")[1] for n in names] == ["파일 갱신", "수정", "추가"]
        assert "파일 (공유 콘텐츠)" in names[0]
        file_revision = int(re.match(r"#(\d+)", names[0]).group(1))  # type: ignore[union-attr]

        reverted = await as_mod(
            "content revert", {"entry": "portfolio-depth", "revision": file_revision}
        )
        assert str(reverted["content"]).startswith("⏪ `portfolio-depth`를 수정 #")
        assert await body_seen(a.id) == "파일이 새로 바뀌었어요."
        entry = await h.services.entries.get("portfolio-depth", guild_id=a.id)
        assert entry is not None and entry.title == "포트폴리오 새 판" and entry.tip == "새 팁"
