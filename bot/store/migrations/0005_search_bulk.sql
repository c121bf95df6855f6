-- sunbae schema v5: the search rows as one view, and triggers a bulk write can pause.
--
-- A cold ingestion writes tens of thousands of entries in a few statements; the per-row
-- triggers then ran six statements a row and cost a third of its time. A bulk writer now sets
-- search_meta.paused inside its transaction, writes, updates the index for all its rows in a
-- few set-based statements, and clears the flag before the transaction ends (a failure rolls
-- the flag back with everything else). Every other write path is still kept in step row by row
-- (deletes are never bulk: their trigger stays as it was).
-- search_rows is the one place that says what of an entry is indexed, for the triggers, the
-- bulk path and the rebuild alike.

CREATE VIEW search_rows AS
SELECT d.doc AS doc,
       e.id AS entry_id,
       e.title AS title,
       e.title_en || ' ' || e.aliases || ' ' || e.tags AS keys,
       e.body || ' ' || e.summary || ' ' || coalesce(e.tip, '') AS body
FROM search_docs d JOIN entries e ON e.id = d.entry_id
WHERE +e.retired = 0;  -- "+": find rows by id, never by scanning the entries_live index

INSERT INTO search_meta (key, value) VALUES ('paused', 0);

DROP TRIGGER search_entry_insert;
DROP TRIGGER search_entry_update;

CREATE TRIGGER search_entry_insert AFTER INSERT ON entries
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
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
