-- sunbae schema v21: a bulk write's topic links bump the search generation once, not once a link.
--
-- Every row written to entry_topics ran an UPDATE of search_meta (migration 0002): 100,000 of
-- them in a cold 10,000-file ingest, a quarter of the time it holds the write lock. A bulk
-- writer pauses the triggers (search_meta.paused, migration 0005) and its `index_bulk` bumps the
-- generation once; every other writer still bumps it row by row.

DROP TRIGGER search_entry_topic_insert;
DROP TRIGGER search_entry_topic_delete;

CREATE TRIGGER search_entry_topic_insert AFTER INSERT ON entry_topics
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;

CREATE TRIGGER search_entry_topic_delete AFTER DELETE ON entry_topics
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    UPDATE search_meta SET value = value + 1 WHERE key = 'generation';
END;
