-- sunbae schema v3: daily tips. Per server: the rotation deck, the tip decided for each local
-- date, posting settings, and one claim row per posted date. Guild 0 is the CLI's "global".
-- Queries live in bot/store/tips.py; the rules in bot/tips/.

-- The no-repeat rotation, one row per server (card lists as JSON arrays of entry ids).
CREATE TABLE tip_decks (
    guild_id   INTEGER PRIMARY KEY,
    seed       TEXT NOT NULL,
    cycle      INTEGER NOT NULL DEFAULT 0,
    remaining  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(remaining)),
    dealt      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dealt)),
    recent     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recent)),
    updated_at TEXT NOT NULL
) STRICT;

-- The tip of a server's local date, decided once (no foreign key: history outlives entries).
CREATE TABLE daily_tips (
    guild_id   INTEGER NOT NULL,
    local_date TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    entry_id   TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, local_date)
) STRICT, WITHOUT ROWID;

CREATE TABLE tip_settings (
    guild_id     INTEGER PRIMARY KEY,
    channel_id   INTEGER,
    post_time    TEXT NOT NULL DEFAULT '09:00' CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    timezone     TEXT NOT NULL,
    enabled      INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    open_thread  INTEGER NOT NULL DEFAULT 0 CHECK (open_thread IN (0, 1)),
    skip_date    TEXT,
    last_problem TEXT,
    problem_at   TEXT,
    active_since TEXT NOT NULL,     -- slots before this instant were never scheduled
    updated_at   TEXT NOT NULL
) STRICT;

-- Exactly one post per server per local date: the row is claimed (pending) before the send.
CREATE TABLE tip_posts (
    guild_id    INTEGER NOT NULL,
    local_date  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    nonce       TEXT NOT NULL CHECK (length(nonce) <= 25),
    slot_at     TEXT NOT NULL,
    channel_id  INTEGER,
    entry_id    TEXT,
    message_id  INTEGER,
    thread_id   INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0,
    retry_at    TEXT,               -- pending: not before this instant
    lease_until TEXT,               -- pending: an attempt is in flight until this instant
    reason      TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, local_date)
) STRICT, WITHOUT ROWID;

CREATE INDEX tip_posts_pending ON tip_posts (guild_id) WHERE status = 'pending';
