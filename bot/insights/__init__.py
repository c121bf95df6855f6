"""Insights for moderators: what campers look up, what finds nothing, and what gets shared.

Plain async domain (no Discord, no SQL): the recorder batches lookups off the reply path, the
service reads them back per server; `bot/store/insights.py` holds the SQL.
"""
