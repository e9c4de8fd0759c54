-- For each given LIVE or ENDED session: the same host's previous ENDED session (the latest that started before
-- it), the whole minutes elapsed since the given one started (to now, or to its end) and the previous session's
-- orders and GMV placed within as many minutes of its own start; its unique viewers only once that many minutes
-- cover it whole (viewer figures are kept per session, not per minute).
--
-- $1 session_ids  bigint[]     the sessions compared
-- $2 now          timestamptz  the moment a LIVE session is compared at
SELECT c.id AS current_id, c.at_minute, p.*,
       (SELECT count(*) FROM sales_order o WHERE o.session_id = p.id
          AND o.placed_at < p.started_at + c.at_minute * interval '1 minute') AS orders_then,
       (SELECT coalesce(sum(o.amount), 0) FROM sales_order o WHERE o.session_id = p.id
          AND o.placed_at < p.started_at + c.at_minute * interval '1 minute') AS gmv_then,
       CASE WHEN p.ended_at <= p.started_at + c.at_minute * interval '1 minute'
            THEN (SELECT v.unique_viewers FROM session_viewer_snapshot v WHERE v.session_id = p.id) END
           AS unique_viewers_then
FROM (SELECT s.id, s.streamer_id, s.started_at,
             floor(extract(epoch FROM (coalesce(s.ended_at, $2) - s.started_at)) / 60)::int AS at_minute
      FROM live_session s
      WHERE s.id = ANY($1) AND s.status IN ('LIVE', 'ENDED') AND s.started_at IS NOT NULL) c
CROSS JOIN LATERAL (SELECT /*SESSION_COLUMNS*/ FROM live_session q
                    WHERE q.streamer_id = c.streamer_id AND q.status = 'ENDED' AND q.id <> c.id
                      AND q.started_at < c.started_at
                    ORDER BY q.started_at DESC, q.id DESC LIMIT 1) p
