-- sunbae schema v25: a change waiting for review keeps its author's language (the locale of the
-- interaction that proposed it), so what the bot later tells the author by DM (a rejection) is
-- in their language. NULL: not known (rows older than this): the server's language.

ALTER TABLE content_pending ADD COLUMN author_language TEXT CHECK (author_language IN ('ko', 'en'));
