-- Freezes a session's figures (session_figures.sql, computed now) into session_stats, replacing
-- any frozen before.
--
-- $1 session_id  bigint  the session
INSERT INTO session_stats (session_id, order_count, items_sold, gmv, refunds, refund_count, distinct_buyers,
                           by_product, computed_at)
SELECT $1, f.orders, f.items, f.gmv, f.refunds, f.refund_count, f.buyers, f.by_product, now()
FROM (/*@session_figures*/) f
ON CONFLICT (session_id) DO UPDATE SET order_count = excluded.order_count, items_sold = excluded.items_sold,
    gmv = excluded.gmv, refunds = excluded.refunds, refund_count = excluded.refund_count,
    distinct_buyers = excluded.distinct_buyers, by_product = excluded.by_product, computed_at = excluded.computed_at
