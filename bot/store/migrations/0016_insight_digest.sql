-- sunbae schema v16: the weekly insights digest (issue 17): where and when each server wants its
-- overview posted, and one row per server and week claimed before the post (posted exactly once
-- across restarts, as the daily tip). Queries live in bot/store/insights.py.

CREATE TABLE insight_digest_settings (
    guild_id     INTEGER PRIMARY KEY,
    channel_id   INTEGER NOT NULL,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Monday
    post_time    TEXT NOT NULL CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    timezone     TEXT NOT NULL,
    enabled      INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    active_since TEXT NOT NULL,   -- slots before this are never posted (no back-fill)
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE insight_digest_posts (
    guild_id    INTEGER NOT NULL,
    slot_date   TEXT NOT NULL,    -- the local date of the week's slot
    status      TEXT NOT NULL CHECK (status IN ('pending', 'posted')),
    channel_id  INTEGER NOT NULL,
    nonce       TEXT NOT NULL CHECK (length(nonce) <= 25),
    message_id  INTEGER,
    lease_until TEXT NOT NULL,    -- pending: the post is in flight until then
    claimed_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, slot_date),
    CHECK ((status = 'posted') = (message_id IS NOT NULL))
) STRICT;
