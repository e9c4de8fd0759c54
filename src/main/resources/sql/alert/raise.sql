-- Raises one alert about a LIVE session unless the same kind already fired for it in the same window, and tells
-- every instance (pg_notify, delivered at commit) when it is new.
--
-- $1 kind        text    the AlertKind
-- $2 session_id  bigint  the session (its host and region are copied)
-- $3 window_key  text    the window the situation was seen in
-- $4 message     text    what happened, for a person
-- $5 value       float8  the measured figure
-- $6 threshold   float8  the configured threshold it crossed
WITH raised AS (
    INSERT INTO alert (kind, subject, window_key, session_id, streamer_id, region_code, message, value, threshold)
    SELECT $1, 's' || s.id, $3, s.id, s.streamer_id, s.region_code, $4, $5, $6
    FROM live_session s WHERE s.id = $2
    ON CONFLICT ON CONSTRAINT alert_once DO NOTHING
    RETURNING id)
SELECT id, pg_notify('livetally_alerts', id::text) FROM raised
