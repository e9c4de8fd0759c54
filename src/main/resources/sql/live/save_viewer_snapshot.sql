-- Saves a session's viewer snapshot, replacing the previous one.
--
-- $1 session_id          bigint       the session
-- $2 current_viewers     int          viewers present when taken
-- $3 peak_viewers        int          the most viewers present at once
-- $4 unique_viewers      bigint       distinct viewers so far (the HyperLogLog's estimate)
-- $5 views               bigint       JOIN events so far
-- $6 likes               bigint       LIKE events so far
-- $7 unique_viewers_hll  bytea        the HyperLogLog itself (null when Redis had none)
-- $8 taken_at            timestamptz  when the snapshot was taken
-- $9 insight             jsonb        the live insight (InsightSnapshot), null when none
INSERT INTO session_viewer_snapshot (session_id, current_viewers, peak_viewers, unique_viewers, views, likes,
                                     unique_viewers_hll, taken_at, insight)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (session_id) DO UPDATE SET current_viewers = excluded.current_viewers,
    peak_viewers = excluded.peak_viewers, unique_viewers = excluded.unique_viewers, views = excluded.views,
    likes = excluded.likes, unique_viewers_hll = excluded.unique_viewers_hll, taken_at = excluded.taken_at,
    insight = excluded.insight
