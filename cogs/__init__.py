"""The Discord side of each feature, one package per feature.

A feature's package holds its cog (`cog.py`: parse the interaction, call a service, render), and
beside it whatever only that feature uses: command groups, views, modals, embeds, texts, and the
Discord implementation of a port its domain declares (the tips' poster). Its `__init__.py` has the
`setup` discord.py calls. What every feature shares (client, tree, views, locale, limits, entry
rendering) lives in `bot.adapter`. A new feature is a new package here plus one line in
`bot.adapter.client.EXTENSIONS`.
"""
