"""The store layer: the only code that holds SQL."""

from bot.store.database import Database, StoreError

__all__ = ["Database", "StoreError"]
