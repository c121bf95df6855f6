-- sunbae schema v14: review mode for a server's content (/content settings review).
--
-- With review on, an add or edit by an editor-role member is kept here, pending, instead of
-- being written: campers never see it (search and every read of entries know nothing of this
-- table). A Manage-Server moderator approves it (it is then written as an ordinary revision by
-- its author, based on the revision the author saw) or rejects it. Rows stay as the record.

ALTER TABLE content_settings ADD COLUMN review INTEGER NOT NULL DEFAULT 0 CHECK (review IN (0, 1));

CREATE TABLE content_pending (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    entry_id   TEXT,                       -- NULL: a new entry
    based_on   INTEGER NOT NULL DEFAULT 0, -- the revision the author edited
    input      TEXT NOT NULL CHECK (json_valid(input)),  -- what the author wrote (EntryInput)
    actor      TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by TEXT,
    decided_at TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX content_pending_open ON content_pending (guild_id, id) WHERE state = 'pending';
