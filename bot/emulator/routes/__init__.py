"""REST route handlers, grouped by what they serve."""

from __future__ import annotations

from bot.emulator.rest import Backend, Router
from bot.emulator.routes import application, channels, roles, threads, webhooks


def build_router(backend: Backend, *, owner_id: int) -> Router:
    router = Router()
    application.register(router, backend, owner_id=owner_id)
    channels.register(router, backend)
    threads.register(router, backend)
    roles.register(router, backend)
    webhooks.register(router, backend)
    return router
