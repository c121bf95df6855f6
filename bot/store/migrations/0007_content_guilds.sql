-- sunbae schema v7: entries belong to servers, and every change to one is a full revision.
--
-- guild_id NULL: shared content (from files), seen by every server. A server's own entry carries
-- its guild id. A server's version of a shared entry (an edit or a retirement by its moderators)
-- is a row of its own, keyed '<shared id>@<guild id>' ('@' never occurs in an id), with base_id
-- naming the shared entry: that server sees it instead of the shared one, the others do not,
-- and ingestion (which writes file rows only) never touches it.
-- Which rows a server sees is one predicate: bot/store/scope.py.

ALTER TABLE entries ADD COLUMN guild_id INTEGER;
ALTER TABLE entries ADD COLUMN base_id TEXT;

CREATE INDEX entries_by_guild ON entries (guild_id) WHERE guild_id IS NOT NULL;
CREATE UNIQUE INDEX entries_versions ON entries (base_id, guild_id) WHERE base_id IS NOT NULL;

-- Revisions: the actions a moderator can take join ingestion's ('update' becomes 'file_update'),
-- with the actor's display name at the time (history shows names, never pings) and a reason.
-- The snapshot is the whole entry as written, so any revision can be restored.
CREATE TABLE entry_revisions_v6 (
    id         INTEGER PRIMARY KEY,
    entry_id   TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,  -- the row key
    action     TEXT NOT NULL
               CHECK (action IN ('add', 'edit', 'file_update', 'retire', 'restore', 'revert')),
    actor      TEXT NOT NULL,        -- 'ingest', 'cli' or a moderator's Discord user id
    actor_name TEXT NOT NULL DEFAULT '',
    reason     TEXT,
    snapshot   TEXT NOT NULL CHECK (json_valid(snapshot)),
    at         TEXT NOT NULL
) STRICT;

INSERT INTO entry_revisions_v6 (id, entry_id, action, actor, snapshot, at)
SELECT id, entry_id, CASE action WHEN 'update' THEN 'file_update' ELSE action END, actor,
       snapshot, at
FROM entry_revisions;

DROP TABLE entry_revisions;
ALTER TABLE entry_revisions_v6 RENAME TO entry_revisions;
CREATE INDEX entry_revisions_by_entry ON entry_revisions (entry_id, id);

-- Who may edit a server's content besides Manage Server: one role per server.
CREATE TABLE content_settings (
    guild_id       INTEGER PRIMARY KEY,
    editor_role_id INTEGER,
    updated_at     TEXT NOT NULL
) STRICT;
