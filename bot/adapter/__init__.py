"""The Discord adapter: the client, its command tree, rendering, views. Only here and in cogs/
does `discord` get imported."""
