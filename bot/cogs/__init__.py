"""The Discord side of each feature, one package per feature.

A feature's package holds its cog (`cog.py`: parse the interaction, call a service, render), and
beside it whatever only that feature uses: command groups, views, modals, embeds, texts, and the
Discord implementation of a port its domain declares (the tips' poster). Its `__init__.py` has the
`setup` discord.py calls. What every feature shares (client, tree, views, locale, limits, entry
rendering) lives in `bot.adapter`. A new feature is a new package here plus one line below.
"""

from __future__ import annotations

# Loaded in this order by `SunbaeBot.setup_hook`; one that fails to load stops start-up loudly.
EXTENSIONS: tuple[str, ...] = (
    "bot.cogs.advice",
    "bot.cogs.topics",
    "bot.cogs.tips",
    "bot.cogs.about",
    "bot.cogs.cohorts",
)
