-- sunbae schema v15: the index documents filed under each topic, as one ordered table.
--
-- A topic-filtered search limited FTS matches to `+rowid IN (SELECT d.doc FROM search_docs d
-- JOIN entry_topics t ...)`: 4,300 joined rows a topic at 100k entries, 5.5 ms on every topic
-- search (twice when a search is split). search_topic_docs holds the same pairs for the indexed
-- (live) entries, ordered by topic: the list is one index range. Triggers on search_docs (an
-- entry indexed or dropped, whatever wrote it: the entry triggers, the bulk path, a rebuild) and
-- on entry_topics (an entry filed or unfiled) keep it equal to that join.

CREATE TABLE search_topic_docs (
    topic_id TEXT NOT NULL,
    doc      INTEGER NOT NULL,
    PRIMARY KEY (topic_id, doc)
) STRICT, WITHOUT ROWID;

CREATE INDEX search_topic_docs_by_doc ON search_topic_docs (doc);

INSERT INTO search_topic_docs (topic_id, doc)
SELECT t.topic_id, d.doc FROM search_docs d JOIN entry_topics t ON t.entry_id = d.entry_id;

CREATE TRIGGER search_topic_docs_indexed AFTER INSERT ON search_docs BEGIN
    INSERT OR IGNORE INTO search_topic_docs (topic_id, doc)
    SELECT topic_id, NEW.doc FROM entry_topics WHERE entry_id = NEW.entry_id;
END;

CREATE TRIGGER search_topic_docs_dropped AFTER DELETE ON search_docs BEGIN
    DELETE FROM search_topic_docs WHERE doc = OLD.doc;
END;

CREATE TRIGGER search_topic_docs_filed AFTER INSERT ON entry_topics BEGIN
    INSERT OR IGNORE INTO search_topic_docs (topic_id, doc)
    SELECT NEW.topic_id, doc FROM search_docs WHERE entry_id = NEW.entry_id;
END;

CREATE TRIGGER search_topic_docs_unfiled AFTER DELETE ON entry_topics BEGIN
    DELETE FROM search_topic_docs WHERE topic_id = OLD.topic_id
    AND doc = (SELECT doc FROM search_docs WHERE entry_id = OLD.entry_id);
END;

CREATE TRIGGER search_topic_docs_refiled AFTER UPDATE ON entry_topics BEGIN
    DELETE FROM search_topic_docs WHERE topic_id = OLD.topic_id
    AND doc = (SELECT doc FROM search_docs WHERE entry_id = OLD.entry_id);
    INSERT OR IGNORE INTO search_topic_docs (topic_id, doc)
    SELECT NEW.topic_id, doc FROM search_docs WHERE entry_id = NEW.entry_id;
END;
