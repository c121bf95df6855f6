-- sunbae schema v8: a log of the entries each write changed, so that the in-memory search index
-- can follow a write in time proportional to it instead of reloading everything.
--
-- A row per entry written (by the triggers, or by `index_bulk` for a bulk write) holds what the
-- index had for that entry before the write (`old`: title, keys and body as search_fts held
-- them; NULL when it was not indexed). The current text is in search_rows. A reader that has
-- applied every change up to `seq` reads the rows after it; the log keeps the latest
-- 10,000 rows, and a reader that finds a gap (AUTOINCREMENT: a seq is never reused) rebuilds.
-- search_meta.taxonomy moves with the topics table only: the taxonomy is rebuilt, not patched.

CREATE TABLE search_changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id TEXT NOT NULL,
    old      TEXT
) STRICT;

INSERT INTO search_meta (key, value) VALUES ('taxonomy', 1);

DROP TRIGGER search_entry_insert;
DROP TRIGGER search_entry_update;
DROP TRIGGER search_entry_delete;
DROP TRIGGER search_topic_insert;
DROP TRIGGER search_topic_update;
DROP TRIGGER search_topic_delete;

CREATE VIEW search_old AS
SELECT d.entry_id AS entry_id, f.title || ' ' || f.keys || ' ' || f.body AS old
FROM search_docs d JOIN search_fts f ON f.rowid = d.doc;

CREATE TRIGGER search_entry_insert AFTER INSERT ON entries
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    INSERT INTO search_changes (entry_id, old)
    VALUES (NEW.id, (SELECT old FROM search_old WHERE entry_id = NEW.id));
    DELETE FROM search_changes WHERE seq <= last_insert_rowid() - 10000;
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
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
    VALUES (OLD.id, (SELECT old FROM search_old WHERE entry_id = OLD.id));
    INSERT INTO search_changes (entry_id, old)
    SELECT NEW.id, (SELECT old FROM search_old WHERE entry_id = NEW.id) WHERE NEW.id IS NOT OLD.id;
    DELETE FROM search_changes WHERE seq <= last_insert_rowid() - 10000;
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
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
    VALUES (OLD.id, (SELECT old FROM search_old WHERE entry_id = OLD.id));
    DELETE FROM search_changes WHERE seq <= last_insert_rowid() - 10000;
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_docs WHERE entry_id = OLD.id;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_topic_insert AFTER INSERT ON topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key IN ('generation', 'taxonomy');
END;
CREATE TRIGGER search_topic_update AFTER UPDATE ON topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key IN ('generation', 'taxonomy');
END;
CREATE TRIGGER search_topic_delete AFTER DELETE ON topics BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key IN ('generation', 'taxonomy');
END;
