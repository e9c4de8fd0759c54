-- A session's sales per minute from its orders: the minute (since the epoch), orders, gross and
-- refunded amounts.
--
-- $1 session_id  bigint  the session
SELECT (extract(epoch FROM date_trunc('minute', placed_at)) / 60)::bigint AS minute, count(*) AS orders,
       sum(amount) AS gross, coalesce(sum(amount) FILTER (WHERE status = 'REFUNDED'), 0) AS refunded
FROM sales_order WHERE session_id = $1 GROUP BY 1
