-- sunbae schema v22: a revision keeps a copy of the entry only once the entry has changed.
--
-- Every revision held the whole entry as written (a quarter of the disk at 100k entries, the
-- entry's text a second time), though the latest revision of an entry is the entry itself. A
-- NULL snapshot now means "the entry as it is now", as the view entry_snapshots renders it:
-- every write leaves its revision NULL, and the triggers below copy the entry into its NULL
-- revisions just before the entry or its topics change (a bulk write, with the triggers paused,
-- does the same for its rows in one statement: EntryRepository.upsert_rows). Readers take
-- coalesce(snapshot, the entry_snapshots row) (bot/store/content.py, entries.py).
-- The existing latest revision of each entry is made NULL where it shows the entry as it is
-- (every field a Snapshot reads, topics as a set: entries list them sorted).

-- The snapshot of a stored row: enough to show, diff and restore a revision.
CREATE VIEW entry_snapshots AS
SELECT e.id AS entry_id,
       json_object('aliases', json(e.aliases), 'body', e.body, 'id', coalesce(e.base_id, e.id),
                   'kind', e.kind, 'language', e.language, 'position', e.position,
                   'retired', json(CASE e.retired WHEN 1 THEN 'true' ELSE 'false' END),
                   'source', json_object('cohort', e.source_cohort, 'date', e.source_date,
                                         'event', e.source_event, 'file', e.source_file,
                                         'post', e.source_post, 'speaker', e.source_speaker,
                                         'url', e.source_url),
                   'summary', e.summary, 'tags', json(e.tags), 'tip', e.tip, 'title', e.title,
                   'title_en', e.title_en,
                   'topics', (SELECT json_group_array(topic_id) FROM
                                (SELECT topic_id FROM entry_topics t WHERE t.entry_id = e.id
                                 ORDER BY topic_id))) AS snapshot
FROM entries e;

CREATE TABLE entry_revisions_v22 (
    id         INTEGER PRIMARY KEY,
    entry_id   TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,  -- the row key
    action     TEXT NOT NULL
               CHECK (action IN ('add', 'edit', 'file_update', 'retire', 'restore', 'revert')),
    actor      TEXT NOT NULL,        -- 'ingest', 'cli' or a moderator's Discord user id
    actor_name TEXT NOT NULL DEFAULT '',
    reason     TEXT,
    snapshot   TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),  -- NULL: the entry now
    at         TEXT NOT NULL
) STRICT;

INSERT INTO entry_revisions_v22 (id, entry_id, action, actor, actor_name, reason, snapshot, at)
SELECT r.id, r.entry_id, r.action, r.actor, r.actor_name, r.reason,
       CASE WHEN r.id = (SELECT max(p.id) FROM entry_revisions p WHERE p.entry_id = r.entry_id)
             AND EXISTS (
                 SELECT 1 FROM entries e, entry_snapshots n
                 WHERE e.id = r.entry_id AND n.entry_id = e.id
                   AND json_type(r.snapshot, '$.title') = 'text'
                   AND json_type(r.snapshot, '$.body') = 'text'
                   AND json_extract(r.snapshot, '$.id') = coalesce(e.base_id, e.id)
                   AND json_extract(r.snapshot, '$.title') = e.title
                   AND json_extract(r.snapshot, '$.body') = e.body
                   AND coalesce(json_extract(r.snapshot, '$.title_en'), '') = e.title_en
                   AND coalesce(json_extract(r.snapshot, '$.summary'), '') = e.summary
                   AND json_extract(r.snapshot, '$.tip') IS e.tip
                   AND coalesce(nullif(json_extract(r.snapshot, '$.kind'), ''), 'insight') = e.kind
                   AND coalesce(nullif(json_extract(r.snapshot, '$.language'), ''), 'ko')
                       = e.language
                   AND coalesce(json_extract(r.snapshot, '$.position'), e.position) = e.position
                   AND coalesce(json_extract(r.snapshot, '$.retired'), 0) = e.retired
                   AND coalesce(json_extract(r.snapshot, '$.aliases'), '[]') = json(e.aliases)
                   AND coalesce(json_extract(r.snapshot, '$.tags'), '[]') = json(e.tags)
                   AND json_extract(r.snapshot, '$.source.file') IS e.source_file
                   AND json_extract(r.snapshot, '$.source.post') IS e.source_post
                   AND json_extract(r.snapshot, '$.source.event') IS e.source_event
                   AND json_extract(r.snapshot, '$.source.speaker') IS e.source_speaker
                   AND json_extract(r.snapshot, '$.source.cohort') IS e.source_cohort
                   AND json_extract(r.snapshot, '$.source.date') IS e.source_date
                   AND json_extract(r.snapshot, '$.source.url') IS e.source_url
                   AND (SELECT json_group_array(value) FROM
                          (SELECT value FROM json_each(r.snapshot, '$.topics') ORDER BY value))
                       = json_extract(n.snapshot, '$.topics'))
            THEN NULL ELSE r.snapshot END,
       r.at
FROM entry_revisions r;

DROP TABLE entry_revisions;
ALTER TABLE entry_revisions_v22 RENAME TO entry_revisions;
CREATE INDEX entry_revisions_by_entry ON entry_revisions (entry_id, id);

-- Copy the entry into its NULL revisions before it changes (not while a bulk write has paused
-- the triggers: it has done so for its rows already).
CREATE TRIGGER revisions_keep_entry
BEFORE UPDATE OF id, base_id, title, title_en, body, summary, tip, kind, language, aliases, tags,
                 source_file, source_post, source_event, source_speaker, source_cohort,
                 source_date, source_url, position, retired ON entries
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    UPDATE entry_revisions
    SET snapshot = (SELECT snapshot FROM entry_snapshots WHERE entry_id = OLD.id)
    WHERE entry_id = OLD.id AND snapshot IS NULL;
END;

CREATE TRIGGER revisions_keep_filed BEFORE INSERT ON entry_topics
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    UPDATE entry_revisions
    SET snapshot = (SELECT snapshot FROM entry_snapshots WHERE entry_id = NEW.entry_id)
    WHERE entry_id = NEW.entry_id AND snapshot IS NULL;
END;

CREATE TRIGGER revisions_keep_unfiled BEFORE DELETE ON entry_topics
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    UPDATE entry_revisions
    SET snapshot = (SELECT snapshot FROM entry_snapshots WHERE entry_id = OLD.entry_id)
    WHERE entry_id = OLD.entry_id AND snapshot IS NULL;
END;

CREATE TRIGGER revisions_keep_refiled BEFORE UPDATE ON entry_topics
WHEN (SELECT value FROM search_meta WHERE key = 'paused') = 0 BEGIN
    UPDATE entry_revisions
    SET snapshot = (SELECT snapshot FROM entry_snapshots WHERE entry_id = OLD.entry_id)
    WHERE entry_id = OLD.entry_id AND snapshot IS NULL;
    UPDATE entry_revisions
    SET snapshot = (SELECT snapshot FROM entry_snapshots WHERE entry_id = NEW.entry_id)
    WHERE entry_id = NEW.entry_id AND snapshot IS NULL;
END;
