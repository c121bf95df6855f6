-- sunbae schema v12: insights read from per-day counts kept as lookups are written (issue 17).
-- Reading the raw log grew with it (about 5 µs a lookup: 1M lookups took seconds per query);
-- the counts below are updated per batch by bot/store/insights.py and read in time that grows
-- with the days and distinct wordings, not the lookups. The raw log stays for one entry's
-- queries and for pruning. `day` is the local date in the bot's time zone.

CREATE TABLE insight_days (
    guild_id   INTEGER NOT NULL,
    day        TEXT NOT NULL,
    topic      TEXT NOT NULL,          -- '' when the lookup had none
    lookups    INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,       -- no result, or "did you mean" not (yet) clicked
    PRIMARY KEY (guild_id, day, topic)
) STRICT, WITHOUT ROWID;

CREATE TABLE insight_query_days (
    guild_id   INTEGER NOT NULL,
    day        TEXT NOT NULL,
    query_key  TEXT NOT NULL,
    query      TEXT NOT NULL,          -- the latest wording with that key
    lookups    INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,
    PRIMARY KEY (guild_id, day, query_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE insight_entry_days (
    guild_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    entry_id    TEXT NOT NULL,
    views       INTEGER NOT NULL,      -- shown first, or paged to
    shares      INTEGER NOT NULL,
    discussions INTEGER NOT NULL,
    PRIMARY KEY (guild_id, day, entry_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE insight_askers (
    guild_id INTEGER NOT NULL,
    day      TEXT NOT NULL,
    asker    INTEGER NOT NULL,
    PRIMARY KEY (guild_id, day, asker)
) STRICT, WITHOUT ROWID;

CREATE INDEX insight_lookups_day ON insight_lookups (guild_id, day);
ALTER TABLE insight_actions ADD COLUMN day TEXT;

-- What 0009's log already holds (a short-lived schema: little or nothing).
INSERT INTO insight_days (guild_id, day, topic, lookups, unanswered)
SELECT l.guild_id, l.day, COALESCE(l.topic, ''), COUNT(*),
       SUM(l.outcome = 'none' OR (l.outcome = 'suggested' AND NOT EXISTS (SELECT 1 FROM
           insight_actions AS a WHERE a.lookup_id = l.id AND a.action = 'did_you_mean')))
FROM insight_lookups AS l GROUP BY l.guild_id, l.day, COALESCE(l.topic, '');

INSERT INTO insight_query_days (guild_id, day, query_key, query, lookups, unanswered)
SELECT l.guild_id, l.day, l.query_key, MAX(l.query), COUNT(*),
       SUM(l.outcome = 'none' OR (l.outcome = 'suggested' AND NOT EXISTS (SELECT 1 FROM
           insight_actions AS a WHERE a.lookup_id = l.id AND a.action = 'did_you_mean')))
FROM insight_lookups AS l WHERE l.command <> 'topics' GROUP BY l.guild_id, l.day, l.query_key;

INSERT INTO insight_askers (guild_id, day, asker)
SELECT DISTINCT guild_id, day, asker FROM insight_lookups WHERE asker IS NOT NULL;

UPDATE insight_actions SET day = substr(at, 1, 10);

INSERT INTO insight_entry_days (guild_id, day, entry_id, views, shares, discussions)
SELECT guild_id, day, entry_id, SUM(views), SUM(shares), SUM(discussions) FROM (
    SELECT r.guild_id, l.day, r.entry_id, 1 AS views, 0 AS shares, 0 AS discussions
    FROM insight_results AS r JOIN insight_lookups AS l ON l.id = r.lookup_id WHERE r.rank = 1
    UNION ALL
    SELECT guild_id, day, entry_id, action = 'page', action = 'share', action = 'discuss'
    FROM insight_actions WHERE entry_id IS NOT NULL AND action IN ('page', 'share', 'discuss')
) GROUP BY guild_id, day, entry_id;
