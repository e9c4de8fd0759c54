-- For the reconciler, per LIVE session: its orders and refunds in all, and how many of them are
-- younger than the grace period (those may still be on their way to Redis).
--
-- $1 grace_millis  bigint  the grace period, in milliseconds
SELECT ls.id, c.orders, c.recent_orders, c.refunds, c.recent_refunds
FROM live_session ls
CROSS JOIN LATERAL (
    SELECT count(*) AS orders,
           count(*) FILTER (WHERE o.received_at >= now() - $1 * interval '1 millisecond') AS recent_orders,
           count(*) FILTER (WHERE o.status = 'REFUNDED') AS refunds,
           count(*) FILTER (WHERE o.refunded_at >= now() - $1 * interval '1 millisecond') AS recent_refunds
    FROM sales_order o WHERE o.session_id = ls.id) c
WHERE ls.status = 'LIVE'
