-- sunbae schema v4: a title-only FTS index beside search_fts.
--
-- FTS5 reads a term's whole posting list even under a column filter, so "this word in a title"
-- cost as much as "this word anywhere". search_titles holds titles, English titles, aliases and
-- tags only (an eighth of the postings), for the searches that look at titles alone. Its rowid is
-- search_docs.doc, like search_fts. The entry triggers are recreated to keep both in step (one
-- trigger per event, so the order of statements is certain).

CREATE VIRTUAL TABLE search_titles USING fts5 (
    title,
    keys,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

INSERT INTO search_titles (rowid, title, keys)
SELECT d.doc, e.title, e.title_en || ' ' || e.aliases || ' ' || e.tags
FROM search_docs d JOIN entries e ON e.id = d.entry_id;

DROP TRIGGER search_entry_insert;
DROP TRIGGER search_entry_update;
DROP TRIGGER search_entry_delete;

CREATE TRIGGER search_entry_insert AFTER INSERT ON entries BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    INSERT OR IGNORE INTO search_docs (entry_id) SELECT NEW.id WHERE NEW.retired = 0;
    INSERT INTO search_fts (rowid, entry_id, title, keys, body)
    SELECT doc, NEW.id, NEW.title, NEW.title_en || ' ' || NEW.aliases || ' ' || NEW.tags,
           NEW.body || ' ' || NEW.summary || ' ' || coalesce(NEW.tip, '')
    FROM search_docs WHERE entry_id = NEW.id AND NEW.retired = 0;
    INSERT INTO search_titles (rowid, title, keys)
    SELECT doc, NEW.title, NEW.title_en || ' ' || NEW.aliases || ' ' || NEW.tags
    FROM search_docs WHERE entry_id = NEW.id AND NEW.retired = 0;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_entry_update
AFTER UPDATE OF id, title, title_en, body, summary, tip, aliases, tags, retired ON entries BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = NEW.id);
    DELETE FROM search_docs WHERE entry_id = OLD.id AND (OLD.id IS NOT NEW.id OR NEW.retired = 1);
    INSERT OR IGNORE INTO search_docs (entry_id) SELECT NEW.id WHERE NEW.retired = 0;
    INSERT INTO search_fts (rowid, entry_id, title, keys, body)
    SELECT doc, NEW.id, NEW.title, NEW.title_en || ' ' || NEW.aliases || ' ' || NEW.tags,
           NEW.body || ' ' || NEW.summary || ' ' || coalesce(NEW.tip, '')
    FROM search_docs WHERE entry_id = NEW.id AND NEW.retired = 0;
    INSERT INTO search_titles (rowid, title, keys)
    SELECT doc, NEW.title, NEW.title_en || ' ' || NEW.aliases || ' ' || NEW.tags
    FROM search_docs WHERE entry_id = NEW.id AND NEW.retired = 0;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_entry_delete AFTER DELETE ON entries BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_titles WHERE rowid = (SELECT doc FROM search_docs WHERE entry_id = OLD.id);
    DELETE FROM search_docs WHERE entry_id = OLD.id;
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
