-- sunbae schema v2: full-text search over live entries, kept in sync by triggers.
--
-- search_fts holds one row per live (not retired) entry. Its rowid is search_docs.doc, not
-- entries.rowid: VACUUM may renumber the implicit rowid of `entries`, never an INTEGER PRIMARY
-- KEY. The triggers fire on every write path (ingestion, moderators, plain SQL), so the index
-- cannot drift; search_meta.generation tells the in-memory search structures to reload.
-- Queries live in bot/store/search_index.py.

CREATE TABLE search_docs (
    doc      INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL UNIQUE
) STRICT;

-- unicode61 splits on spaces and punctuation only, so Korean words keep their particles
-- (대학원에): queries use prefix terms ("대학원"*), which the prefix indexes make cheap.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    entry_id UNINDEXED,
    title,                -- title
    keys,                 -- title_en, aliases, tags
    body,                 -- body, summary, tip
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_fts, 'row');

CREATE TABLE search_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

INSERT INTO search_meta (key, value) VALUES ('generation', 1);

-- Index what already exists.
INSERT INTO search_docs (entry_id) SELECT id FROM entries WHERE retired = 0 ORDER BY rowid;
INSERT INTO search_fts (rowid, entry_id, title, keys, body)
SELECT d.doc, e.id, e.title, e.title_en || ' ' || e.aliases || ' ' || e.tags,
       e.body || ' ' || e.summary || ' ' || coalesce(e.tip, '')
FROM search_docs d JOIN entries e ON e.id = d.entry_id;

CREATE TRIGGER search_entry_insert AFTER INSERT ON entries BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    INSERT OR IGNORE INTO search_docs (entry_id) SELECT NEW.id WHERE NEW.retired = 0;
    INSERT INTO search_fts (rowid, entry_id, title, keys, body)
    SELECT doc, NEW.id, NEW.title, NEW.title_en || ' ' || NEW.aliases || ' ' || NEW.tags,
           NEW.body || ' ' || NEW.summary || ' ' || coalesce(NEW.tip, '')
    FROM search_docs WHERE entry_id = NEW.id AND NEW.retired = 0;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_entry_update
AFTER UPDATE OF id, title, title_en, body, summary, tip, aliases, tags, retired ON entries BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    DELETE FROM search_docs WHERE entry_id = OLD.id AND (OLD.id IS NOT NEW.id OR NEW.retired = 1);
    INSERT OR IGNORE INTO search_docs (entry_id) SELECT NEW.id WHERE NEW.retired = 0;
    INSERT INTO search_fts (rowid, entry_id, title, keys, body)
    SELECT doc, NEW.id, NEW.title, NEW.title_en || ' ' || NEW.aliases || ' ' || NEW.tags,
           NEW.body || ' ' || NEW.summary || ' ' || coalesce(NEW.tip, '')
    FROM search_docs WHERE entry_id = NEW.id AND NEW.retired = 0;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_entry_delete AFTER DELETE ON entries BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_docs WHERE entry_id = OLD.id;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

-- Topics and entry topics are not in the FTS rows (topic matches are ranked in Python), but the
-- in-memory taxonomy and topic counts must reload when they change.
CREATE TRIGGER search_topic_insert AFTER INSERT ON topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
CREATE TRIGGER search_topic_update AFTER UPDATE ON topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
CREATE TRIGGER search_topic_delete AFTER DELETE ON topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
CREATE TRIGGER search_entry_topic_insert AFTER INSERT ON entry_topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
CREATE TRIGGER search_entry_topic_delete AFTER DELETE ON entry_topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
