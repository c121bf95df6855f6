"""Daily tips: the per-server rotation, the tip of each local date, and its scheduled posting.

Modules: `deck` (rotation rules), `schedule` (slot times, DST), `service` (TipService, what the
commands call), `scheduler` (TipScheduler), `poster` (the TipPoster port the Discord adapter
implements), `models`, `errors`, `testing` (fakes). Import from the modules: this package
stays import-free so the store can use its records without a cycle.
"""
