-- sunbae schema v1: topics, entries, their sources and history, ingest bookkeeping, bot state.

CREATE TABLE topics (
    id             TEXT PRIMARY KEY,
    name_ko        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    aliases        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE entries (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    title_en       TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,
    summary        TEXT NOT NULL DEFAULT '',
    tip            TEXT,
    kind           TEXT NOT NULL DEFAULT 'insight' CHECK (kind IN ('qa', 'tip', 'insight')),
    language       TEXT NOT NULL DEFAULT 'ko',
    aliases        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
    tags           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    -- where it came from
    source_file    TEXT,            -- display path of the file ('corpus/000.txt'); NULL for moderator entries
    source_root    TEXT,            -- absolute folder the file was ingested from (scopes retirement)
    source_post    TEXT,
    source_event   TEXT,
    source_speaker TEXT,
    source_cohort  TEXT,
    source_date    TEXT,
    source_url     TEXT,
    position       INTEGER NOT NULL DEFAULT 0,
    content_hash   TEXT NOT NULL,
    origin         TEXT NOT NULL CHECK (origin IN ('file', 'moderator')),
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX entries_by_file ON entries (source_root, source_file) WHERE origin = 'file';
CREATE INDEX entries_live ON entries (retired, kind);

CREATE TABLE entry_topics (
    entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    topic_id TEXT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, topic_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX entry_topics_by_topic ON entry_topics (topic_id);

-- Every change to an entry, by ingestion or by a moderator: the content history.
CREATE TABLE entry_revisions (
    id        INTEGER PRIMARY KEY,
    entry_id  TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    action    TEXT NOT NULL CHECK (action IN ('add', 'update', 'retire', 'restore')),
    actor     TEXT NOT NULL,        -- 'ingest' or a moderator's Discord user id
    snapshot  TEXT NOT NULL CHECK (json_valid(snapshot)),
    at        TEXT NOT NULL
) STRICT;

CREATE INDEX entry_revisions_by_entry ON entry_revisions (entry_id, id);

-- The files seen by ingestion: size and mtime let an unchanged file cost one stat().
CREATE TABLE source_files (
    root         TEXT NOT NULL,
    path         TEXT NOT NULL,     -- relative to root
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    file_hash    TEXT NOT NULL,
    entry_count  INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL,
    PRIMARY KEY (root, path)
) STRICT, WITHOUT ROWID;

CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    roots       TEXT NOT NULL CHECK (json_valid(roots)),
    files       INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    retired     INTEGER NOT NULL,
    errors      TEXT NOT NULL CHECK (json_valid(errors))
) STRICT;

-- Small pieces of bot state, e.g. the hash of the last synced command tree.
CREATE TABLE bot_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
