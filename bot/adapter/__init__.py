"""What every feature's Discord side shares: the client and its extension loading, the
error-mapping command tree, owned views, locale, Discord's limits, entry rendering, the runner.
Only here and in `cogs` (one package per feature) does `discord` get imported."""
