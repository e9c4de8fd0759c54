-- A session's order figures computed from its orders: counts, items, GMV, refunds, distinct buyers,
-- by_product, a JSON array of [product_id, orders, items, gmv as text], and by_province, a JSON array of
-- [buyer province, orders, gmv as text].
--
-- $1 session_id  bigint  the session
SELECT count(*) AS orders, coalesce(sum(quantity), 0) AS items, coalesce(sum(amount), 0) AS gmv,
       coalesce(sum(amount) FILTER (WHERE status = 'REFUNDED'), 0) AS refunds,
       count(*) FILTER (WHERE status = 'REFUNDED') AS refund_count, count(DISTINCT buyer_ref) AS buyers,
       coalesce((SELECT jsonb_agg(jsonb_build_array(p.product_id, p.orders, p.items, p.gmv::text))
                 FROM (SELECT product_id, count(*) AS orders, sum(quantity) AS items, sum(amount) AS gmv
                       FROM sales_order WHERE session_id = $1 GROUP BY product_id) p), '[]'::jsonb) AS by_product,
       (SELECT coalesce(jsonb_agg(jsonb_build_array(v.buyer_province, v.orders, v.gmv::text)), '[]'::jsonb)
        FROM (SELECT buyer_province, count(*) AS orders, sum(amount) AS gmv FROM sales_order
              WHERE session_id = $1 AND buyer_province IS NOT NULL GROUP BY buyer_province) v) AS by_province
FROM sales_order WHERE session_id = $1
