"""Point discord.py at another API and gateway (an HTTP/gateway proxy, or the local emulator).

discord.py keeps these as class attributes, so this is the one place that changes them, and it
hands back a function that restores the previous values (tests run several bots in one process).
"""

from __future__ import annotations

from collections.abc import Callable

import discord.gateway
import discord.http
import yarl


def use_endpoints(api_base: str | None, gateway_url: str | None) -> Callable[[], None]:
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)

    def restore() -> None:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    return restore
