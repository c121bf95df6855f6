-- sunbae schema v24: a kept /advice answer no longer keeps the words asked.
--
-- Nothing read them (a page is made again from the results kept), and a member's typed text
-- is not worth keeping 90 days for nothing. Kept rows are forgotten after 90 days
-- (bot/advice/service.py's KEEP_FOR).

ALTER TABLE advice_pages DROP COLUMN query;
