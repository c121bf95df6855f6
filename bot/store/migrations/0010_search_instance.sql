-- sunbae schema v10: a random number naming this database, for the saved search index.
--
-- The in-memory search index is saved to a file beside the database (bot/search/saved.py) and
-- read back at start-up when it holds this database's state. The generation alone cannot say
-- so: another database put at the same path can have reached the same number. 'instance' is
-- drawn once here and never changes. `search_index.rebuild` now also moves 'taxonomy', so a
-- saved index (and any reader's) is rebuilt after a rebuild of the FTS rows.

INSERT OR IGNORE INTO search_meta (key, value) VALUES ('instance', abs(random() >> 1));
