-- sunbae schema v6: cohorts (기수) and their discussion threads. Everything carries its server.
-- Queries live in bot/store/cohorts.py; the rules in bot/cohorts/.

CREATE TABLE cohorts (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id             INTEGER NOT NULL,
    name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    name_key             TEXT NOT NULL CHECK (name_key <> ''),  -- casefolded, spaces removed
    program              TEXT,
    number               INTEGER,
    channel_id           INTEGER NOT NULL,
    channel_kind         TEXT NOT NULL CHECK (channel_kind IN ('text', 'forum')),
    role_id              INTEGER,
    starts_on            TEXT CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    ends_on              TEXT CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    state                TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'archived')),
    auto_archive_minutes INTEGER NOT NULL DEFAULT 10080
                         CHECK (auto_archive_minutes IN (60, 1440, 4320, 10080)),
    last_problem         TEXT,
    created_by           INTEGER,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (guild_id, name_key),
    UNIQUE (guild_id, id)           -- lets discussions name their cohort together with the server
) STRICT;

-- One record per thread opened for (cohort, subject); subject is `entry:<id>` or `tip:<date>`.
-- A record is claimed (pending, no thread yet, with a lease) before the Discord call.
CREATE TABLE discussions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id           INTEGER NOT NULL,
    cohort_id          INTEGER NOT NULL,
    subject            TEXT NOT NULL
                       CHECK (subject GLOB 'entry:?*'
                              OR subject GLOB 'tip:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    state              TEXT NOT NULL
                       CHECK (state IN ('pending', 'open', 'archived', 'locked', 'deleted')),
    channel_id         INTEGER NOT NULL,
    nonce              TEXT NOT NULL CHECK (length(nonce) <= 25),
    thread_id          INTEGER,
    starter_message_id INTEGER,
    opened_by          INTEGER NOT NULL,
    opened_at          TEXT NOT NULL,
    last_active_at     TEXT NOT NULL,
    closed_by          INTEGER,
    attempts           INTEGER NOT NULL DEFAULT 1,
    lease_until        TEXT,            -- pending: the Discord call is in flight until then
    updated_at         TEXT NOT NULL,
    CHECK ((state = 'pending') = (thread_id IS NULL)),
    FOREIGN KEY (guild_id, cohort_id) REFERENCES cohorts (guild_id, id) ON DELETE CASCADE
) STRICT;

-- Never two live discussions of one subject in one cohort: the claim's guarantee.
CREATE UNIQUE INDEX discussions_live ON discussions (guild_id, cohort_id, subject)
    WHERE state IN ('pending', 'open', 'archived', 'locked');
CREATE INDEX discussions_thread ON discussions (guild_id, thread_id);
CREATE INDEX discussions_recent ON discussions (guild_id, cohort_id, last_active_at);
