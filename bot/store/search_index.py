"""SQL for search: FTS5 matches, the index vocabulary and what the in-memory structures load.

The FTS rows are written by the triggers of migrations 0002-0020; this module reads them, and
writes them only for maintenance (`rebuild`, `optimize`) and for bulk writes, which pause the
triggers and index their rows in a few statements (`pause_triggers`, `index_bulk`). The FTS
tables hold no text of their own (migration 0020): they read it from the view search_rows. Every FTS
expression is built here by `fts_expression` (quoted terms only) and bound as a parameter; a
malformed one still cannot raise past this module. `SqliteSearchStore` is what the search domain
gets (the `SearchStore` of bot/search/ports.py); the functions below are its SQL.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import aiosqlite

from bot.models import Entry, Topic
from bot.models.search import Candidate, Change, TitleRow
from bot.store import scope
from bot.store.database import Database
from bot.store.rows import ENTRY_COLUMNS, entry_from_row, loads

log = logging.getLogger(__name__)

# bm25 column weights: entry_id (unindexed), title, keys (title_en, aliases, tags), body; and
# for the title-only index (migration 0004), title and keys.
_BM25 = "bm25(search_fts, 0.0, 8.0, 5.0, 1.0)"
_BM25_TITLES = "bm25(search_titles, 8.0, 5.0)"
_CHUNK = 500
# Seconds a generation is trusted while the database files show no write: bounds how late a
# write another process made could be seen, had the file system's clock step hidden it.
TRUST_MARK = 0.25


Reader = aiosqlite.Connection | Database  # a Database reads on the loop when it can (`fetch`)


async def _fetch(conn: Reader, sql: str, params: Sequence[object]) -> list[aiosqlite.Row]:
    if isinstance(conn, Database):
        return await conn.fetch(sql, params)
    return list(await conn.execute_fetchall(sql, params))


def fts_expression(forms: Iterable[str], *, columns: str | None = None) -> str:
    """An FTS5 MATCH string: every form quoted (so `AND`, `*`, `title:` in it are plain words)
    and searched as a prefix, OR-ed; optionally only in `columns` ("title keys")."""
    body = " OR ".join(f'"{f.replace(chr(34), chr(34) * 2)}"*' for f in forms if f)
    if not body:
        return ""
    return f"{{{columns}}} : ({body})" if columns else body


# With each returned row (after LIMIT) only: its topics, and the raw post section a curated
# entry was written from (folded into it); correlated subqueries on at most 100 rows, which
# save the reranker further round trips.
_ROW = (
    "f.entry_id, f.title, f.keys, f.body,"
    " (SELECT group_concat(topic_id, ' ') FROM entry_topics t WHERE t.entry_id = f.entry_id),"
    " (SELECT s.section_id FROM entry_sources s WHERE s.entry_id = f.entry_id)"
)


def _candidate(row: Sequence[Any], bm25: float) -> Candidate:
    topics = tuple(row[4].split()) if row[4] else ()
    return Candidate(row[0], row[1], row[2], row[3], bm25, topics, row[5])


async def taxonomy(conn: aiosqlite.Connection) -> int:
    """Moves when the topics table changes."""
    row = await (
        await conn.execute("SELECT value FROM search_meta WHERE key = 'taxonomy'")
    ).fetchone()
    return int(row[0]) if row else 0


async def instance(conn: aiosqlite.Connection) -> int:
    """A random number naming this database (migration 0010): never changes."""
    row = await (
        await conn.execute("SELECT value FROM search_meta WHERE key = 'instance'")
    ).fetchone()
    return int(row[0]) if row else 0


async def last_change(conn: aiosqlite.Connection) -> int:
    """The number of the latest change ever logged (`changes_since` reads from it on)."""
    row = await (
        await conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'")
    ).fetchone()
    return int(row[0]) if row else 0


async def changes_since(conn: aiosqlite.Connection, seq: int) -> tuple[list[Change], int] | None:
    """The entries written after change `seq`, in order, and the last change's number; None when
    the log no longer reaches back to `seq` (the reader must rebuild). Call it in a snapshot
    (`Database.snapshot`)."""
    rows = list(
        await (
            await conn.execute(
                "SELECT c.seq, c.entry_id, c.old, d.doc, e.title, e.title_en, e.aliases,"
                " (SELECT f.title || ' ' || f.keys || ' ' || f.body FROM search_rows f"
                "  WHERE f.doc = d.doc)"  # not a LEFT JOIN: that reads the whole view first
                " FROM search_changes c LEFT JOIN search_docs d ON d.entry_id = c.entry_id"
                " LEFT JOIN entries e ON e.id = d.entry_id WHERE c.seq > ? ORDER BY c.seq",
                (seq,),
            )
        ).fetchall()
    )
    last = await last_change(conn)
    if (rows and rows[0][0] != seq + 1) or (not rows and last > seq):
        return None
    changes = [
        Change(
            r[1],
            r[2],
            None if r[3] is None else TitleRow(r[3], r[1], r[4], r[5], loads(r[6])),
            r[7],
        )
        for r in rows
    ]
    return changes, (rows[-1][0] if rows else seq)


async def topic_counts(conn: aiosqlite.Connection) -> dict[str, int]:
    """Live entries filed under each topic that has any."""
    rows = await (
        await conn.execute("SELECT topic_id, count(*) FROM search_topic_docs GROUP BY topic_id")
    ).fetchall()
    return {r[0]: int(r[1]) for r in rows}


class Tokenizer:
    """The index's own tokenizer (FTS5 unicode61, as migration 0002 declares it), on a private
    in-memory database: the terms a text adds to `search_vocab`, exactly."""

    def __init__(self) -> None:
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.execute(
            "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2')"
        )
        self._conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance')")

    def terms(self, texts: Sequence[str]) -> list[set[str]]:
        """The distinct terms of each text."""
        found: list[set[str]] = [set() for _ in texts]
        with self._conn:
            self._conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", list(enumerate(texts)))
            for term, doc in self._conn.execute("SELECT term, doc FROM v"):
                found[doc].add(term)
            self._conn.execute("DELETE FROM t")
        return found

    def close(self) -> None:
        self._conn.close()


async def generation(conn: Reader) -> int:
    """Bumped on every change to entries, topics or entry topics (triggers, or a bulk write)."""
    rows = await _fetch(conn, "SELECT value FROM search_meta WHERE key = 'generation'", ())
    return int(rows[0][0]) if rows else 0


async def load_topics(conn: aiosqlite.Connection) -> list[tuple[Topic, int]]:
    """Every topic with its number of live entries, most entries first."""
    rows = await (
        await conn.execute(
            "SELECT t.id, t.name_ko, t.name_en, t.description, t.description_en, t.aliases,"
            " (SELECT count(*) FROM search_topic_docs s WHERE s.topic_id = t.id) AS n"
            " FROM topics t ORDER BY n DESC, t.id"
        )
    ).fetchall()
    return [(Topic(r[0], r[1], r[2], r[3], r[4], loads(r[5])), int(r[6])) for r in rows]


async def load_vocabulary(conn: aiosqlite.Connection) -> dict[str, int]:
    """Every token in the index -> the number of live entries containing it.

    Read in batches straight into the dict: a big index has hundreds of thousands of tokens,
    and a list of rows first would double the memory this takes.
    """
    vocabulary: dict[str, int] = {}
    cursor = await conn.execute("SELECT term, doc FROM search_vocab")
    try:
        while rows := await cursor.fetchmany(10_000):
            vocabulary.update((r[0], r[1]) for r in rows)
    finally:
        await cursor.close()
    return vocabulary


async def load_titles(conn: aiosqlite.Connection) -> list[TitleRow]:
    """Indexed entries' titles by document number (the order they were indexed in, corpus
    order for an ingestion): the autocomplete universe."""
    rows = await (
        await conn.execute(
            "SELECT d.doc, e.id, e.title, e.title_en, e.aliases FROM search_docs d"
            " JOIN entries e ON e.id = d.entry_id ORDER BY d.doc"
        )
    ).fetchall()
    return [TitleRow(r[0], r[1], r[2], r[3], loads(r[4])) for r in rows]


def _topic_filter(table: str, topics: Sequence[str]) -> tuple[str, tuple[object, ...]]:
    """A filter on the entries filed under any of `topics`, checked on each FTS match.

    A correlated probe of `search_topic_docs` (migration 0015) per match: offered `rowid IN
    (...)` instead, FTS5's planner runs the whole MATCH once per listed row (~4k rows a topic at
    100k entries: 1 s and more a query), and a `+rowid IN` list costs a temporary index of the
    topic's every entry on each query.
    """
    if not topics:
        return "", ()
    marks = ",".join("?" * len(topics))
    return (
        f" AND EXISTS (SELECT 1 FROM search_topic_docs s WHERE s.doc = {table}.rowid"
        f" AND s.topic_id IN ({marks}))",
        tuple(topics),
    )


def _filed(table: str, topics: Sequence[str]) -> tuple[str, tuple[object, ...]]:
    """1 for the FTS matches filed under any of `topics` (probed per match, as above), else 0."""
    if not topics:
        return "0", ()
    marks = ",".join("?" * len(topics))
    return (
        f"EXISTS (SELECT 1 FROM search_topic_docs s WHERE s.doc = {table}.rowid"
        f" AND s.topic_id IN ({marks}))",
        tuple(topics),
    )


def _guild_filter(guild_id: int | None) -> str:
    """The entries server `guild_id` does not see, left out of each FTS match (scope.py)."""
    return (
        " AND +rowid NOT IN (SELECT d.doc FROM search_docs d"
        f" WHERE d.entry_id IN ({scope.hidden_keys(guild_id)}))"
    )


async def ranked_docs(
    conn: Reader,
    expression: str,
    *,
    topic: str | None = None,
    guild_id: int | None = None,
    limit: int = 100,
    titles_only: bool = False,
    filed_first: Sequence[str] = (),
    ranked: bool = True,
) -> list[tuple[int, float]]:
    """The `limit` best documents for an FTS expression and their bm25 (higher is better), best
    first; [] if it cannot be parsed. Numbers only: the text of those not held already is read
    after (`rows_by_doc`), so a search reads no text it has read before.

    `titles_only` searches the title index (titles, English titles, aliases, tags): a fraction
    of the postings of the full index, so common words cost a fraction as much there.
    `filed_first`: entries filed under one of these topics come before the others.
    `ranked=False`: the newest `limit` matches, unranked (bm25 0): FTS5 stops after them, where
    ranking reads every match.
    """
    table, bm25 = ("search_titles", _BM25_TITLES) if titles_only else ("search_fts", _BM25)
    order = "filed DESC, rank"
    if not ranked:
        bm25, filed_first, order = "0.0", (), f"{table}.rowid DESC"
    where, params = _topic_filter(table, [topic] if topic is not None else [])
    where += _guild_filter(guild_id)
    filed, filed_params = _filed(table, filed_first)
    sql = (
        f"SELECT doc, -rank FROM (SELECT rowid AS doc, {bm25} AS rank, {filed} AS filed"
        f" FROM {table} WHERE {table} MATCH ?{where} ORDER BY {order} LIMIT ?)"
        " ORDER BY filed DESC, rank, doc DESC"
    )
    try:
        rows = await _fetch(conn, sql, (*filed_params, expression, *params, limit))
    except sqlite3.OperationalError as exc:
        log.warning("FTS query %r failed: %s", expression, exc)
        return []
    return [(int(r[0]), float(r[1])) for r in rows]


async def rows_by_doc(conn: Reader, docs: Sequence[int]) -> dict[int, Candidate]:
    """The indexed text of live documents by number (bm25 0); retired ones are left out."""
    found: dict[int, Candidate] = {}
    for start in range(0, len(docs), _CHUNK):
        chunk = list(docs[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = await _fetch(
            conn, f"SELECT {_ROW}, f.doc FROM search_rows f WHERE f.doc IN ({marks})", chunk
        )
        found.update((int(r[6]), _candidate(r, 0.0)) for r in rows)
    return found


async def match(conn: Reader, expression: str, **options: Any) -> list[Candidate]:
    """`ranked_docs` with their text: the `limit` best entries for an FTS expression."""
    docs = await ranked_docs(conn, expression, **options)
    rows = await rows_by_doc(conn, [d for d, _ in docs])
    return [_with_bm25(rows[d], bm25) for d, bm25 in docs if d in rows]


def _with_bm25(row: Candidate, bm25: float) -> Candidate:
    return Candidate(row.entry_id, row.title, row.keys, row.body, bm25, row.topics, row.section)


async def count_matches(
    conn: aiosqlite.Connection,
    expression: str,
    *,
    topic: str | None = None,
    guild_id: int | None = None,
) -> int:
    where, params = _topic_filter("search_fts", [topic] if topic is not None else [])
    where += _guild_filter(guild_id)
    try:
        row = await (
            await conn.execute(
                f"SELECT count(*) FROM search_fts WHERE search_fts MATCH ?{where}",
                (expression, *params),
            )
        ).fetchone()
    except sqlite3.OperationalError as exc:
        log.warning("FTS count %r failed: %s", expression, exc)
        return 0
    return int(row[0]) if row else 0


async def documents(conn: Reader, entry_ids: Sequence[str]) -> list[Candidate]:
    """Indexed text of live entries by id (no BM25: they were found another way)."""
    found: list[Candidate] = []
    for start in range(0, len(entry_ids), _CHUNK):
        chunk = list(entry_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = await _fetch(
            conn,
            f"SELECT {_ROW} FROM search_rows f WHERE f.entry_id IN ({marks})",
            chunk,
        )
        found.extend(_candidate(r, 0.0) for r in rows)
    return found


async def live_entries(conn: Reader, entry_ids: Sequence[str]) -> list[Entry]:
    """Live entries for `entry_ids` (row keys, as the index holds them), in that order (missing
    or retired ones skipped).

    `+e.retired` keeps SQLite on the primary key: without ANALYZE statistics it otherwise picks
    the (retired, kind) index for `retired = 0 AND id IN (...)` and scans every live entry.
    """
    found: dict[str, Entry] = {}
    for start in range(0, len(entry_ids), _CHUNK):
        chunk = list(entry_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = await _fetch(
            conn,
            f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id IN ({marks}) AND +e.retired = 0",
            chunk,
        )
        found.update((r["key"], entry_from_row(r)) for r in rows)
    return [found[i] for i in entry_ids if i in found]


async def topic_entries(
    conn: Reader,
    topic_ids: Sequence[str],
    *,
    limit: int,
    guild_id: int | None = None,
) -> list[str]:
    """Live entries filed under any of `topic_ids` (corpus order), at most `limit`."""
    if not topic_ids:
        return []
    marks = ",".join("?" * len(topic_ids))
    rows = await _fetch(
        conn,
        "SELECT DISTINCT et.entry_id FROM entry_topics et JOIN search_docs d"
        f" ON d.entry_id = et.entry_id WHERE et.topic_id IN ({marks})"
        f" AND et.entry_id NOT IN ({scope.hidden_keys(guild_id)}) LIMIT ?",
        (*topic_ids, limit),
    )
    return [r[0] for r in rows]


async def visible_ids(conn: Reader, keys: Sequence[str], *, guild_id: int | None) -> dict[str, str]:
    """Row key -> entry id, for the live rows among `keys` that `guild_id` sees."""
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    rows = await _fetch(
        conn,
        "SELECT e.id, coalesce(e.base_id, e.id) FROM entries e"
        f" WHERE e.id IN ({marks}) AND +e.retired = 0 AND {scope.visible('e', guild_id)}",
        tuple(keys),
    )
    return {r[0]: r[1] for r in rows}


async def hides_any(conn: Reader, guild_id: int | None) -> bool:
    """Whether some live row is hidden from `guild_id` (another server's own entry, or a shared
    one this server has its own version of)."""
    rows = await _fetch(conn, f"SELECT EXISTS ({scope.hidden_keys(guild_id)})", ())
    return bool(rows[0][0])


async def seen_word(conn: Reader, word: str, *, guild_id: int | None) -> bool:
    """Whether an entry `guild_id` sees has a term starting with `word`."""
    expression = fts_expression([word])
    if not expression:
        return False
    sql = (
        "SELECT EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH ?"
        f"{_guild_filter(guild_id)})"
    )
    try:
        rows = await _fetch(conn, sql, (expression,))
    except sqlite3.OperationalError as exc:
        log.warning("FTS query %r failed: %s", expression, exc)
        return False
    return bool(rows[0][0])


# -- maintenance (inside a write transaction) -------------------------------------------------


async def rebuild(conn: aiosqlite.Connection) -> int:
    """Re-create every FTS row from `entries` (after a restore or a manual edit of the index)."""
    # 'delete-all': the index alone, whatever it holds (a plain DELETE would read search_rows).
    await conn.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    await conn.execute("INSERT INTO search_titles (search_titles) VALUES ('delete-all')")
    await conn.execute("DELETE FROM search_docs")
    # Readers must find a gap in the log and read the index again: a log merely emptied shows
    # a reader that followed it to the end nothing to do. A change numbered and dropped does.
    await conn.execute("INSERT INTO search_changes (entry_id, old) VALUES ('', NULL)")
    await conn.execute("DELETE FROM search_changes")
    await conn.execute(
        "INSERT INTO search_docs (entry_id) SELECT id FROM entries WHERE retired = 0 ORDER BY rowid"
    )
    await _index_rows(conn, "")
    # 'taxonomy' too: every reader (and a saved index) rebuilds rather than follow the log.
    await conn.execute(
        "UPDATE search_meta SET value = value + 1 WHERE key IN ('generation', 'taxonomy')"
    )
    row = await (await conn.execute("SELECT count(*) FROM search_docs")).fetchone()
    return int(row[0]) if row else 0


async def _index_rows(conn: aiosqlite.Connection, where: str) -> None:
    await conn.execute(
        "INSERT INTO search_fts (rowid, entry_id, title, keys, body)"
        f" SELECT doc, entry_id, title, keys, body FROM search_rows {where} ORDER BY doc"
    )
    await conn.execute(
        "INSERT INTO search_titles (rowid, title, keys)"
        f" SELECT doc, title, keys FROM search_rows {where} ORDER BY doc"
    )


async def pause_triggers(conn: aiosqlite.Connection, written_ids: str) -> None:
    """Stop the entry triggers from indexing row by row, for a bulk write in this transaction of
    the entries `written_ids` selects (a constant of the store: a staging table), and take those
    entries out of the index now, while search_rows still shows the text they were indexed with
    (migration 0020); the change log records that text.

    The writer must call `index_bulk` for the rows it wrote before the transaction ends; if it
    fails first, the rollback takes the pause back with the rest.
    """
    await conn.execute(  # a subquery, not a LEFT JOIN (that would read the whole view first)
        "INSERT INTO search_changes (entry_id, old) SELECT w.id,"
        f" (SELECT o.old FROM search_old o WHERE o.entry_id = w.id) FROM ({written_ids}) w"
    )
    await conn.execute(
        "DELETE FROM search_changes WHERE seq <= (SELECT max(seq) FROM search_changes) - 10000"
    )
    rows = f"FROM search_rows WHERE entry_id IN ({written_ids})"
    await conn.execute(
        "INSERT INTO search_fts (search_fts, rowid, entry_id, title, keys, body)"
        f" SELECT 'delete', doc, entry_id, title, keys, body {rows}"
    )
    await conn.execute(
        "INSERT INTO search_titles (search_titles, rowid, title, keys)"
        f" SELECT 'delete', doc, title, keys {rows}"
    )
    await conn.execute("UPDATE search_meta SET value = 1 WHERE key = 'paused'")


async def index_bulk(conn: aiosqlite.Connection, written_ids: str) -> None:
    """Index the live entries written while paused, and let the triggers work again.

    `written_ids` is the SELECT `pause_triggers` was given.
    """
    where = f"WHERE entry_id IN ({written_ids})"
    await conn.execute(
        "INSERT OR IGNORE INTO search_docs (entry_id) SELECT id FROM entries"
        f" WHERE +retired = 0 AND id IN ({written_ids}) ORDER BY rowid"
    )
    await _index_rows(conn, where)
    await conn.execute(
        "UPDATE search_meta SET value = CASE key WHEN 'generation' THEN value + 1 ELSE 0 END"
        " WHERE key IN ('generation', 'paused')"
    )


async def optimize(conn: aiosqlite.Connection) -> None:
    """Merge the FTS b-trees into one: worth it after a large ingestion."""
    await conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    await conn.execute("INSERT INTO search_titles (search_titles) VALUES ('optimize')")


class SearchReads:
    """Index reads on one connection: the shared reader, or inside `SqliteSearchStore.one_read()`
    a snapshot connection of its own, on which they all see one
    state of the database."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._bound = conn

    @property
    def _conn(self) -> aiosqlite.Connection:
        return self._bound

    async def instance(self) -> int:
        return await instance(self._conn)

    async def generation(self) -> int:
        return await generation(self._conn)

    async def taxonomy(self) -> int:
        return await taxonomy(self._conn)

    async def last_change(self) -> int:
        return await last_change(self._conn)

    async def changes_since(self, seq: int) -> tuple[list[Change], int] | None:
        return await changes_since(self._conn, seq)

    async def topic_counts(self) -> dict[str, int]:
        return await topic_counts(self._conn)

    async def load_topics(self) -> list[tuple[Topic, int]]:
        return await load_topics(self._conn)

    async def load_vocabulary(self) -> dict[str, int]:
        return await load_vocabulary(self._conn)

    async def load_titles(self) -> list[TitleRow]:
        return await load_titles(self._conn)


class _Held:
    """Rows and entries read at one generation of the database, kept while it stands: most
    searches rank entries other searches ranked already, and their text costs more to read
    (the view's join, the topic and source lookups) than to find. A small corpus is held whole;
    past the budgets the oldest read go first."""

    ROW_CHARS = 1_000_000  # indexed text held (2-3 MB of str: 1-2 bytes a character)
    ENTRY_CHARS = 1_000_000  # ... and the text of whole entries (pages of 10)

    def __init__(self, generation: int | None = None) -> None:
        self.generation = generation
        # Ordered: the oldest dropped in O(1) (a plain dict's first key, after many deletions
        # from its front, is found by walking past their holes).
        self.rows: OrderedDict[int, Candidate] = OrderedDict()
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self._chars = 0
        self._entry_chars = 0
        self.hides: dict[int | None, bool] = {}  # by server: whether any row is hidden from it

    def keep_rows(self, rows: dict[int, Candidate]) -> None:
        for doc, row in rows.items():
            self.rows[doc] = row
            self._chars += _chars(row)
        while self._chars > self.ROW_CHARS and self.rows:
            self._chars -= _chars(self.rows.popitem(last=False)[1])

    def entries_missing(self, keys: Sequence[str]) -> list[str]:
        return [k for k in keys if k not in self.entries]

    def keep_entries(self, entries: dict[str, Entry]) -> None:
        for key, entry in entries.items():
            self.entries[key] = entry
            self._entry_chars += _entry_chars(entry)
        while self._entry_chars > self.ENTRY_CHARS and self.entries:
            self._entry_chars -= _entry_chars(self.entries.popitem(last=False)[1])


def _chars(row: Candidate) -> int:
    return len(row.title) + len(row.keys) + len(row.body)


def _entry_chars(entry: Entry) -> int:
    return len(entry.title) + len(entry.body) + len(entry.summary) + len(entry.tip or "")


class SqliteSearchStore(SearchReads):
    """The search domain's storage on SQLite: FTS5 matches ranked by bm25, and the index state
    the in-memory structures load and follow."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._known: tuple[tuple[object, ...], int, float] | None = None  # mark, generation, when
        self._held_reads = _Held()

    @property
    def _conn(self) -> aiosqlite.Connection:
        return self._db.reader

    async def generation(self) -> int:
        """As `SearchReads.generation`, without a round trip while the database files show no
        write since the last read (`Database.write_mark`), for at most `TRUST_MARK` seconds:
        every query asks, and most find nothing written."""
        mark = self._db.write_mark()
        known = self._known
        now = time.monotonic()
        if (
            known is not None
            and mark is not None
            and known[0] == mark
            and now - known[2] < TRUST_MARK
        ):
            return known[1]
        value = await generation(self._db)
        self._known = None if mark is None else (mark, value, now)
        return value

    @asynccontextmanager
    async def one_read(self) -> AsyncIterator[SearchReads]:
        async with self._db.snapshot() as conn:
            yield SearchReads(conn)

    def tokenizer(self) -> Tokenizer:
        return Tokenizer()

    async def match(
        self,
        forms: Sequence[str],
        *,
        topic: str | None = None,
        guild_id: int | None = None,
        limit: int = 100,
        titles_only: bool = False,
        all_of: Sequence[Sequence[str]] = (),
        filed_first: Sequence[str] = (),
        ranked: bool = True,
        in_titles: bool = False,
    ) -> list[Candidate]:
        expression = fts_expression(forms)
        if in_titles and expression:  # a title has one; bm25 counts them in bodies too
            expression = f"{{title keys}} : ({expression}) AND ({expression})"
        for group in all_of:
            expression = f"({expression}) AND ({fts_expression(group)})"
        held = await self._held()
        docs = await self._ranked(
            expression,
            topic=topic,
            guild_id=guild_id,
            limit=limit,
            titles_only=titles_only,
            filed_first=filed_first,
            ranked=ranked,
        )
        read = await rows_by_doc(self._db, [d for d, _ in docs if d not in held.rows])
        held.keep_rows(read)
        found: list[Candidate] = []
        for doc, bm25 in docs:
            row = read.get(doc) or held.rows.get(doc)
            if row is not None:  # (None: retired between the two reads)
                found.append(_with_bm25(row, bm25))
        return found

    async def _ranked(self, expression: str, **options: Any) -> list[tuple[int, float]]:
        """`ranked_docs` (a seam: bench/search.py replays it to measure what a free
        retrieval would leave)."""
        return await ranked_docs(self._db, expression, **options)

    async def documents(self, entry_ids: Sequence[str]) -> list[Candidate]:
        return await documents(self._db, entry_ids)

    async def live_entries(self, entry_ids: Sequence[str]) -> list[Entry]:
        held = await self._held()
        read = {e.key: e for e in await live_entries(self._db, held.entries_missing(entry_ids))}
        held.keep_entries(read)
        found = (read.get(i) or held.entries.get(i) for i in entry_ids)
        return [e for e in found if e is not None]

    async def unseen_words(self, words: Sequence[str], *, guild_id: int | None) -> set[str]:
        held = await self._held()
        guild = scope.guild_key(guild_id)
        if guild not in held.hides:
            held.hides[guild] = await hides_any(self._db, guild)
        if not held.hides[guild]:  # most servers: every indexed word is one they see
            return set()
        return {w for w in words if not await seen_word(self._db, w, guild_id=guild)}

    async def _held(self) -> _Held:
        """What was read at the database's current generation (emptied when it moves)."""
        generation = await self.generation()
        if self._held_reads.generation != generation:
            self._held_reads = _Held(generation)
        return self._held_reads

    async def topic_entries(
        self, topic_ids: Sequence[str], *, limit: int, guild_id: int | None = None
    ) -> list[str]:
        return await topic_entries(self._db, topic_ids, limit=limit, guild_id=guild_id)

    async def visible_ids(self, keys: Sequence[str], *, guild_id: int | None) -> dict[str, str]:
        return await visible_ids(self._db, keys, guild_id=guild_id)
