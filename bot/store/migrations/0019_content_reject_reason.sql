-- sunbae schema v19: a moderator may say why they reject a change waiting for review; the author
-- is told, and the record keeps it. NULL: no reason given (or not rejected).

ALTER TABLE content_pending ADD COLUMN decided_reason TEXT;
