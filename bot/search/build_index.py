"""Build the search index in a process of its own and save it beside the database.

    python -m bot.search.build_index DB_FILE INDEX_FILE

A bot whose index must be rebuilt while it runs (the change log no longer reaches back to what
it holds) has this process build it: the build's memory and CPU are not the bot's, the bot
then reads the saved file in tenths of a second (`SearchService`, `build_elsewhere`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

log = logging.getLogger(__name__)


async def build(db_path: Path, index_file: Path) -> None:
    from bot.search.service import SearchService
    from bot.store.database import Database
    from bot.store.entries import EntryRepository
    from bot.store.search_index import SqliteSearchStore

    db = await Database.open(db_path, migrate=False)
    try:
        service = SearchService(SqliteSearchStore(db), entries=EntryRepository(db))
        await service.build_and_save(index_file)
    finally:
        await db.close()


def elsewhere(db_path: Path, index_file: Path) -> Callable[[], Awaitable[bool]]:
    """What runs this module for the database at `db_path`: True when the index was saved."""

    async def run() -> bool:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.search.build_index", str(db_path), str(index_file),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            _, errors = await process.communicate()
        except BaseException:  # cancelled (the bot is closing): the build is not wanted
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            raise
        if process.returncode != 0:
            log.warning("building the search index elsewhere failed: %s", errors.decode()[-500:])
        return process.returncode == 0

    return run


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)  # the bot's own work first
    asyncio.run(build(Path(argv[0]), Path(argv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
