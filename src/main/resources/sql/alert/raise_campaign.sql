-- Raises a CAMPAIGN_BEHIND_PACE alert about a campaign unless it fired for it on the same business day already,
-- and tells every instance (pg_notify, delivered at commit) when it is new. The alert belongs to the campaign's
-- origin region (officials of its subtree see it), to no session or host.
--
-- $1 campaign_id  bigint  the campaign
-- $2 window_key   text    the business day it was seen behind on (YYYY-MM-DD)
-- $3 message      text    what happened, for a person
-- $4 value        float8  points behind: share of the period elapsed - share of the target achieved
-- $5 threshold    float8  the configured gap it reached
WITH raised AS (
    INSERT INTO alert (kind, subject, window_key, region_code, message, value, threshold)
    SELECT 'CAMPAIGN_BEHIND_PACE', 'c' || c.id, $2, c.origin_region_code, $3, $4, $5
    FROM campaign c WHERE c.id = $1
    ON CONFLICT ON CONSTRAINT alert_once DO NOTHING
    RETURNING id)
SELECT id, pg_notify('livetally_alerts', id::text) FROM raised
