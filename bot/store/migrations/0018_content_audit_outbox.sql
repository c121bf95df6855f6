-- sunbae schema v18: content changes made away from Discord (the CLI: `python -m bot content
-- revert|retire|restore|import`) wait here to be posted to the server's audit channel by the
-- running bot, which may be another process on another machine. Written in the change's own
-- transaction (only when the server has an audit channel); the bot claims a row with a lease,
-- posts it and marks it sent (a row claimed before a crash is looked for in the channel before
-- it is posted again: exactly once across restarts). Queries live in bot/store/audit_outbox.py.

CREATE TABLE content_audit_outbox (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('change', 'import')),
    entry_id    TEXT,             -- change: the entry as the server names it
    revision    INTEGER,          -- change: its entry_revisions id
    file_name   TEXT,             -- import: the file
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    actor_name  TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dropped')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    lease_until TEXT,             -- pending and claimed: in flight until then
    message_id  INTEGER,
    created_at  TEXT NOT NULL,
    done_at     TEXT,
    CHECK ((kind = 'change') = (entry_id IS NOT NULL AND revision IS NOT NULL)),
    CHECK ((status = 'sent') = (message_id IS NOT NULL))
) STRICT;

CREATE INDEX content_audit_outbox_due ON content_audit_outbox (id) WHERE status = 'pending';
