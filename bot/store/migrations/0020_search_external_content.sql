-- sunbae schema v20: the FTS indexes keep no copy of the text (external content).
--
-- search_fts and search_titles stored every indexed text again beside `entries` (about 850 bytes
-- an entry of 4.4 KB at 100k entries). Both now read their text from the view search_rows
-- (migration 0005) by its `doc`: same tokens, same rowids, same bm25, so every answer is the
-- same. What an external-content index cannot do is find the old text of a row by itself: it
-- reads it from search_rows, which after a write already shows the new text. So a row is always
-- taken out of the index with FTS5's 'delete' command and the text it was indexed with:
-- - the triggers give it OLD's values (AFTER UPDATE / DELETE);
-- - a bulk write (search_index.pause_triggers) takes its rows out, and logs their old text,
--   before it writes `entries`, while search_rows still shows what was indexed.
-- Any other write to the indexed columns of `entries` must go through these triggers (never
-- with the triggers paused), or the index and search_rows drift apart.

DROP TRIGGER search_entry_insert;
DROP TRIGGER search_entry_update;
DROP TRIGGER search_entry_delete;
DROP VIEW search_old;
DROP TABLE search_fts;
DROP TABLE search_titles;

CREATE VIRTUAL TABLE search_fts USING fts5 (
    entry_id UNINDEXED,
    title,                -- title
    keys,                 -- title_en, aliases, tags
    body,                 -- body, summary, tip
    content = 'search_rows',
    content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE VIRTUAL TABLE search_titles USING fts5 (
    title,
    keys,
    content = 'search_rows',
    content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

INSERT INTO search_fts (rowid, entry_id, title, keys, body)
SELECT doc, entry_id, title, keys, body FROM search_rows ORDER BY doc;
INSERT INTO search_titles (rowid, title, keys)
SELECT doc, title, keys FROM search_rows ORDER BY doc;
INSERT INTO search_fts (search_fts) VALUES ('optimize');
INSERT INTO search_titles (search_titles) VALUES ('optimize');

-- What the index holds for an entry (search_changes.old), read while it is still indexed.
CREATE VIEW search_old AS
SELECT entry_id, title || ' ' || keys || ' ' || body AS old FROM search_rows;

CREATE TRIGGER search_entry_insert AFTER INSERT ON entries
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    INSERT INTO search_changes (entry_id, old) VALUES (NEW.id, NULL);
    DELETE FROM search_changes WHERE seq <= last_insert_rowid() - 10000;
    INSERT OR IGNORE INTO search_docs (entry_id) SELECT NEW.id WHERE NEW.retired = 0;
    INSERT INTO search_fts (rowid, entry_id, title, keys, body)
    SELECT doc, entry_id, title, keys, body FROM search_rows WHERE entry_id = NEW.id;
    INSERT INTO search_titles (rowid, title, keys)
    SELECT doc, title, keys FROM search_rows WHERE entry_id = NEW.id;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_entry_update
AFTER UPDATE OF id, title, title_en, body, summary, tip, aliases, tags, retired ON entries
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    INSERT INTO search_changes (entry_id, old)
    VALUES (OLD.id, (SELECT OLD.title || ' ' || OLD.title_en || ' ' || OLD.aliases || ' '
                            || OLD.tags || ' ' || OLD.body || ' ' || OLD.summary || ' '
                            || coalesce(OLD.tip, '')
                     FROM search_docs WHERE entry_id = OLD.id AND OLD.retired = 0));
    INSERT INTO search_changes (entry_id, old) SELECT NEW.id, NULL WHERE NEW.id IS NOT OLD.id;
    DELETE FROM search_changes WHERE seq <= last_insert_rowid() - 10000;
    INSERT INTO search_fts (search_fts, rowid, entry_id, title, keys, body)
    SELECT 'delete', doc, OLD.id, OLD.title, OLD.title_en || ' ' || OLD.aliases || ' ' || OLD.tags,
           OLD.body || ' ' || OLD.summary || ' ' || coalesce(OLD.tip, '')
    FROM search_docs WHERE entry_id = OLD.id AND OLD.retired = 0;
    INSERT INTO search_titles (search_titles, rowid, title, keys)
    SELECT 'delete', doc, OLD.title, OLD.title_en || ' ' || OLD.aliases || ' ' || OLD.tags
    FROM search_docs WHERE entry_id = OLD.id AND OLD.retired = 0;
    DELETE FROM search_docs WHERE entry_id = OLD.id AND (OLD.id IS NOT NEW.id OR NEW.retired = 1);
    INSERT OR IGNORE INTO search_docs (entry_id) SELECT NEW.id WHERE NEW.retired = 0;
    INSERT INTO search_fts (rowid, entry_id, title, keys, body)
    SELECT doc, entry_id, title, keys, body FROM search_rows WHERE entry_id = NEW.id;
    INSERT INTO search_titles (rowid, title, keys)
    SELECT doc, title, keys FROM search_rows WHERE entry_id = NEW.id;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_entry_delete AFTER DELETE ON entries BEGIN
    INSERT INTO search_changes (entry_id, old)
    VALUES (OLD.id, (SELECT OLD.title || ' ' || OLD.title_en || ' ' || OLD.aliases || ' '
                            || OLD.tags || ' ' || OLD.body || ' ' || OLD.summary || ' '
                            || coalesce(OLD.tip, '')
                     FROM search_docs WHERE entry_id = OLD.id AND OLD.retired = 0));
    DELETE FROM search_changes WHERE seq <= last_insert_rowid() - 10000;
    INSERT INTO search_fts (search_fts, rowid, entry_id, title, keys, body)
    SELECT 'delete', doc, OLD.id, OLD.title, OLD.title_en || ' ' || OLD.aliases || ' ' || OLD.tags,
           OLD.body || ' ' || OLD.summary || ' ' || coalesce(OLD.tip, '')
    FROM search_docs WHERE entry_id = OLD.id AND OLD.retired = 0;
    INSERT INTO search_titles (search_titles, rowid, title, keys)
    SELECT 'delete', doc, OLD.title, OLD.title_en || ' ' || OLD.aliases || ' ' || OLD.tags
    FROM search_docs WHERE entry_id = OLD.id AND OLD.retired = 0;
    DELETE FROM search_docs WHERE entry_id = OLD.id;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
