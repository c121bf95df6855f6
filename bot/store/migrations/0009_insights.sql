-- sunbae schema v9: insights (issue 17): what campers look up, per server, for its moderators.
-- No user id is stored: `asker` is a hash keyed by a salt of that day (insight_salts keeps only
-- the last two days' salts), good for counting distinct askers within a day. Rows older than the
-- retention are pruned by the recorder. Queries live in bot/store/insights.py.

CREATE TABLE insight_lookups (
    id        INTEGER PRIMARY KEY,  -- chosen by the recorder, so follow-ups can name it at once
    guild_id  INTEGER NOT NULL,
    at        TEXT NOT NULL,        -- UTC, ISO seconds
    day       TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    command   TEXT NOT NULL CHECK (command IN ('advice', 'entry', 'autocomplete', 'topics')),
    query     TEXT NOT NULL CHECK (length(query) BETWEEN 1 AND 200),
    query_key TEXT NOT NULL,        -- content words' stems: similar wordings share it
    outcome   TEXT NOT NULL CHECK (outcome IN ('shown', 'suggested', 'none')),
    topic     TEXT,                 -- the topic filter, or the top result's first topic
    asker     INTEGER
) STRICT;
CREATE INDEX insight_lookups_time ON insight_lookups (guild_id, at);
CREATE INDEX insight_lookups_age ON insight_lookups (at);

-- The entries a lookup showed, best first.
CREATE TABLE insight_results (
    lookup_id INTEGER NOT NULL REFERENCES insight_lookups (id) ON DELETE CASCADE,
    rank      INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 10),
    guild_id  INTEGER NOT NULL,
    at        TEXT NOT NULL,
    entry_id  TEXT NOT NULL,
    PRIMARY KEY (lookup_id, rank)
) STRICT, WITHOUT ROWID;
CREATE INDEX insight_results_entry ON insight_results (guild_id, entry_id, at);
CREATE INDEX insight_results_time ON insight_results (guild_id, at, rank);

-- What campers did next. lookup_id has no foreign key: a discussion opened from a button on an
-- old message is tied to no lookup, and a follow-up may be written before a lost lookup.
CREATE TABLE insight_actions (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id  INTEGER NOT NULL,
    lookup_id INTEGER,
    action    TEXT NOT NULL CHECK (action IN ('page', 'did_you_mean', 'share', 'discuss')),
    entry_id  TEXT,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX insight_actions_time ON insight_actions (guild_id, at);
CREATE INDEX insight_actions_lookup ON insight_actions (lookup_id) WHERE lookup_id IS NOT NULL;
CREATE INDEX insight_actions_entry ON insight_actions (guild_id, entry_id, at);
CREATE INDEX insight_actions_age ON insight_actions (at);

CREATE TABLE insight_salts (
    day  TEXT PRIMARY KEY,
    salt BLOB NOT NULL CHECK (length(salt) = 32)
) STRICT;
