-- sunbae schema v13: a server's audit channel for content changes (/content settings).
--
-- Each change a moderator makes from Discord is posted there with what it was before and after.
-- NULL: no audit channel.

ALTER TABLE content_settings ADD COLUMN log_channel_id INTEGER;
