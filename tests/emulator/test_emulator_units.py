"""The emulator on its own: REST shapes and errors over plain HTTP, validation, rendering."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio

from bot.emulator import DiscordEmulator, render_message, render_modal
from bot.emulator.errors import RestError
from bot.emulator.modals import check_modal


@pytest_asyncio.fixture
async def http(emulator: DiscordEmulator) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(emulator.api_base + "/") as session:
        yield session


async def test_json_content_type_is_exact(
    emulator: DiscordEmulator, http: aiohttp.ClientSession
) -> None:
    async with http.get("users/@me") as resp:
        assert resp.headers["Content-Type"] == "application/json"
        assert (await resp.json())["id"] == str(emulator.bot_user.id)
    async with http.get("gateway/bot") as resp:
        assert (await resp.json())["url"] == emulator.gateway_url


async def test_unknown_route_and_wrong_method(
    emulator: DiscordEmulator, http: aiohttp.ClientSession
) -> None:
    async with http.post("does/not/exist", json={"a": 1}) as resp:
        assert resp.status == 404
        assert await resp.json() == {"message": "Unknown route", "code": 0}
    assert emulator.unknown_routes[-1].json == {"a": 1}
    async with http.delete("users/@me") as resp:
        assert resp.status == 405


async def test_faults_answer_with_discord_errors(
    emulator: DiscordEmulator, http: aiohttp.ClientSession
) -> None:
    guild = emulator.add_guild("g")
    channel_id = guild.system_channel_id
    emulator.fail("POST", r"/messages$", status=403)
    emulator.fail("GET", r"^/channels/", status=404)
    emulator.fail("*", r"/messages$", status=429, retry_after=1.5, times=2)
    async with http.post(f"channels/{channel_id}/messages", json={"content": "x"}) as resp:
        assert resp.status == 403 and (await resp.json())["code"] == 50013
    async with http.get(f"channels/{channel_id}") as resp:
        assert resp.status == 404 and await resp.json() == {
            "message": "Unknown Channel",
            "code": 10003,
        }
    async with http.post(f"channels/{channel_id}/messages", json={"content": "x"}) as resp:
        assert resp.status == 429
        body = await resp.json()
        assert body["retry_after"] == 1.5 and body["global"] is False
        for header in ("Retry-After", "X-RateLimit-Reset-After", "X-RateLimit-Scope", "Via"):
            assert header in resp.headers
    emulator.clear_faults()
    async with http.post(f"channels/{channel_id}/messages", json={"content": "x"}) as resp:
        assert resp.status == 200


async def test_message_limits_are_checked(
    emulator: DiscordEmulator, http: aiohttp.ClientSession
) -> None:
    channel_id = emulator.add_guild("g").system_channel_id
    async with http.post(f"channels/{channel_id}/messages", json={"content": "가" * 2001}) as resp:
        body = await resp.json()
        assert resp.status == 400 and body["code"] == 50035
        assert "content" in body["errors"]
    async with http.post(f"channels/{channel_id}/messages", json={"content": ""}) as resp:
        assert (await resp.json())["code"] == 50006
    embed = {"title": "t", "fields": [{"name": "n", "value": "v" * 1025}]}
    async with http.post(f"channels/{channel_id}/messages", json={"embeds": [embed]}) as resp:
        assert "value" in (await resp.json())["errors"]["embeds"]["0"]["fields"]["0"]


async def test_command_registration_rules(
    emulator: DiscordEmulator, http: aiohttp.ClientSession
) -> None:
    app = emulator.application_id
    bad = [{"name": "Advice", "description": "x", "type": 1}]
    async with http.put(f"applications/{app}/commands", json=bad) as resp:
        assert resp.status == 400
    async with http.put(f"applications/{app}/guilds/123/commands", json=[]) as resp:
        assert resp.status == 403 and (await resp.json())["code"] == 50001
    good = [{"name": "advice", "description": "조언", "type": 1}]
    async with http.put(f"applications/{app}/commands", json=good) as resp:
        (stored,) = await resp.json()
    assert stored["application_id"] == str(app) and stored["id"]
    async with http.get(f"applications/{app}/commands/{stored['id']}") as resp:
        assert (await resp.json())["name"] == "advice"


async def test_file_upload_and_download(
    emulator: DiscordEmulator, http: aiohttp.ClientSession
) -> None:
    channel_id = emulator.add_guild("g").system_channel_id
    form = aiohttp.FormData(quote_fields=False)
    payload = {"content": "파일", "attachments": [{"id": 0, "filename": "note.txt"}]}
    form.add_field("payload_json", json.dumps(payload))
    form.add_field("files[0]", b"hello", filename="note.txt", content_type="text/plain")
    async with http.post(f"channels/{channel_id}/messages", data=form) as resp:
        (attachment,) = (await resp.json())["attachments"]
    assert attachment["filename"] == "note.txt" and attachment["size"] == 5
    async with aiohttp.ClientSession() as plain, plain.get(attachment["url"]) as resp:
        assert await resp.read() == b"hello"


async def test_token_is_checked_when_set() -> None:
    async with (
        DiscordEmulator(token="secret") as emu,
        aiohttp.ClientSession() as http,
    ):
        async with http.get(emu.api_base + "/users/@me") as resp:
            assert resp.status == 401
        headers = {"Authorization": "Bot secret"}
        async with http.get(emu.api_base + "/users/@me", headers=headers) as resp:
            assert resp.status == 200


def test_history_cursors() -> None:
    emu = DiscordEmulator()
    channel = emu.state.channels[emu.add_guild("g").system_channel_id or 0]
    ids = [
        int(emu.state.create_message(channel, {"content": str(i)}, author=emu.bot_user)["id"])
        for i in range(6)
    ]

    def contents(msgs: list[dict[str, object]]) -> list[object]:
        return [m["content"] for m in msgs]

    assert contents(emu.state.history(channel.id, limit=2)) == ["5", "4"]
    assert contents(emu.state.history(channel.id, limit=2, before=ids[3])) == ["2", "1"]
    assert contents(emu.state.history(channel.id, limit=2, after=ids[1])) == ["3", "2"]
    assert contents(emu.state.history(channel.id, limit=3, around=ids[3])) == ["4", "3", "2"]


def test_render_message() -> None:
    message = {
        "content": "안녕",
        "flags": 64,
        "embeds": [
            {
                "title": "제목",
                "description": "설명",
                "author": {"name": "선배"},
                "fields": [{"name": "이름", "value": "값"}],
                "footer": {"text": "꼬리"},
            }
        ],
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 2, "label": "다음", "style": 1, "custom_id": "n"},
                    {"type": 2, "label": "이전", "style": 2, "custom_id": "p", "disabled": True},
                    {"type": 2, "label": "문서", "style": 5, "url": "https://example.com"},
                ],
            },
            {
                "type": 1,
                "components": [
                    {
                        "type": 3,
                        "custom_id": "s",
                        "placeholder": "주제",
                        "options": [
                            {"label": "대학원", "value": "g"},
                            {"label": "취업", "value": "j"},
                        ],
                    }
                ],
            },
        ],
    }
    assert render_message(message).splitlines() == [
        "(ephemeral)",
        "안녕",
        "┃ 선배",
        "┃ **제목**",
        "┃ 설명",
        "┃ • 이름: 값",
        "┃ — 꼬리",
        "[다음] [이전 (disabled)] [문서 ↗ https://example.com]",
        "<select: 주제 | 대학원, 취업>",
    ]
    assert render_message({"content": "", "flags": 0}) == "(empty message)"


def test_render_modal() -> None:
    modal = {
        "title": "피드백",
        "components": [
            {
                "type": 1,
                "components": [{"type": 4, "custom_id": "body", "label": "내용", "style": 2}],
            },
            {
                "type": 18,
                "label": "점수",
                "component": {"type": 4, "custom_id": "r", "style": 1, "required": False},
            },
        ],
    }
    assert render_modal(modal).splitlines() == [
        "╭ modal: 피드백",
        "│ 내용 [paragraph] body: ",
        "│ 점수 (optional) [short] r: ",
        "╰",
    ]


@pytest.mark.parametrize("status", [500, 502])
async def test_server_errors_have_json_bodies(
    emulator: DiscordEmulator, http: aiohttp.ClientSession, status: int
) -> None:
    emulator.fail("GET", "^/users/@me$", status=status)
    async with http.get("users/@me") as resp:
        assert resp.status == status and resp.headers["Content-Type"] == "application/json"


def _label(label: str, **component: object) -> dict[str, object]:
    return {"type": 18, "label": label, "component": {"type": 4, "style": 1, **component}}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"custom_id": "m", "title": "x" * 46, "components": [_label("a", custom_id="a")]},
         "data.title"),
        ({"custom_id": "m", "title": "t", "components": [_label("a", custom_id=f"a{i}")
         for i in range(6)]}, "data.components"),
        ({"custom_id": "m", "title": "t", "components": [_label("x" * 46, custom_id="a")]},
         "data.components.0.label"),
        ({"custom_id": "m", "title": "t", "components": [_label("a", custom_id="a",
         max_length=4001)]}, "data.components.0.component.max_length"),
        ({"custom_id": "m", "title": "t", "components": [_label("a", custom_id="a",
         max_length=5, value="toolong")]}, "data.components.0.component.value"),
        ({"custom_id": "m", "title": "t", "components": [_label("a", custom_id="a"),
         _label("b", custom_id="a")]}, "data.components.1.component.custom_id"),
        ({"custom_id": "m", "title": "t", "components": [{"type": 18, "label": "s",
         "component": {"type": 3, "custom_id": "s", "options": []}}]},
         "data.components.0.component.options"),
        ({"custom_id": "m", "title": "t", "components": [{"type": 2, "custom_id": "b"}]},
         "data.components.0.type"),
    ],
)  # fmt: skip
def test_modals_discord_would_refuse_are_refused(data: dict[str, object], field: str) -> None:
    with pytest.raises(RestError) as caught:
        check_modal(data, data["components"])  # type: ignore[arg-type]
    assert field in caught.value.errors, caught.value.errors
