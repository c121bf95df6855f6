-- sunbae schema v11: a tip deck is a few numbers, and the cards a cycle dealt are rows.
--
-- A deck was three JSON arrays of every tip id (1.4 MB a server at 100k tips, rewritten on each
-- draw, and every draw read every tip). Now a draw picks a random point along the live tips
-- (through entries_live_tips, in rowid order) and deals the first card from there the cycle has
-- not dealt (bot/tips/deck.py): tip_decks keeps the seed, the cycle, how many cards the cycle
-- dealt, how many first draws keep the last dealt away, and those last five; tip_dealt holds
-- the cards dealt in the current cycle, one row a day.
-- Each server keeps its place: its seed and cycle, its count dealt, its recent cards, and the
-- cards it dealt this cycle, none of which it deals again before the cycle ends. The order of
-- the cards it had left is not kept (the new draws pick among them at random).

CREATE TABLE tip_decks_v11 (
    guild_id   INTEGER PRIMARY KEY,
    seed       TEXT NOT NULL,
    cycle      INTEGER NOT NULL DEFAULT 0,
    dealt      INTEGER NOT NULL DEFAULT 0,
    keep_away  INTEGER NOT NULL DEFAULT 0,
    recent     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recent)),
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE tip_dealt (
    guild_id INTEGER NOT NULL,
    entry_id TEXT NOT NULL,
    PRIMARY KEY (guild_id, entry_id)
) STRICT, WITHOUT ROWID;

-- A cycle's first draws kept the recent cards away from the top of the shuffle: what is left of
-- that promise is kept (keep_away counts draws from the start of the cycle).
INSERT INTO tip_decks_v11 (guild_id, seed, cycle, dealt, keep_away, recent, updated_at)
SELECT guild_id, seed, cycle, json_array_length(dealt),
       CASE WHEN cycle > 0
            THEN min(5, (json_array_length(dealt) + json_array_length(remaining)) / 2) ELSE 0 END,
       recent, updated_at
FROM tip_decks;

INSERT OR IGNORE INTO tip_dealt (guild_id, entry_id)
SELECT d.guild_id, j.value FROM tip_decks d, json_each(d.dealt) j;

DROP TABLE tip_decks;
ALTER TABLE tip_decks_v11 RENAME TO tip_decks;

CREATE INDEX entries_live_tips ON entries ((tip IS NOT NULL)) WHERE retired = 0 AND tip IS NOT NULL;
