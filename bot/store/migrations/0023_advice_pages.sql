-- sunbae schema v23: the pages of a public /advice answer, kept per message.
--
-- A public answer stays in the channel; its Previous/Next buttons name this row and the page
-- they were drawn on in their custom_id (cogs/advice/paging.py), so they work after a restart.
-- What does not fit a custom_id is here: the results shown, in order (a page is made again
-- from them when turned to, skipping any retired since), the query and topic filter asked,
-- who may page, in which language the answer was written, and the insights lookup it
-- belongs to. A row answers only in its own server, and only on its own message.

CREATE TABLE advice_pages (
    id         INTEGER PRIMARY KEY,  -- in the buttons' custom_id
    guild_id   INTEGER NOT NULL,
    message_id INTEGER,              -- the answer, once sent
    owner_id   INTEGER NOT NULL,     -- the member who asked: only they page
    language   TEXT NOT NULL CHECK (language IN ('ko', 'en')),
    query      TEXT NOT NULL,
    topic_id   TEXT,
    entry_ids  TEXT NOT NULL CHECK (json_valid(entry_ids) AND json_type(entry_ids) = 'array'),
    lookup_id  INTEGER,              -- insights: the lookup its page turns follow
    reached    INTEGER NOT NULL DEFAULT 0,  -- the furthest result paged to (counted once)
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX advice_pages_by_guild ON advice_pages (guild_id, created_at);
