-- sunbae schema v17: which raw post section each curated entry was written from
-- (bot/corpus/lineage.py decides; ingest rewrites the table after every run that changed
-- entries). Search folds a section into its curated entry instead of answering twice, and the
-- entry offers the section as its original text.

CREATE TABLE entry_sources (
    entry_id   TEXT PRIMARY KEY,  -- the curated entry
    section_id TEXT NOT NULL,     -- the raw post section it was written from
    score      REAL NOT NULL      -- how clearly (lineage.MIN_SCORE and up)
) STRICT;

CREATE INDEX entry_sources_section ON entry_sources (section_id);
