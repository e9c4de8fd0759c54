-- What the rules need to judge a batch of orders, one row per distinct (product, session) pair:
-- the product (listed? reference price, origin, supplier, is it blacklisted? certified?), the session (status,
-- live window, host) and whether the session features the product. A product or session that does
-- not exist has nulls.
--
-- $1 product_ids  bigint[]  the product of each pair
-- $2 session_ids  bigint[]  the session of each pair (null for orders without one)
SELECT k.product_id, k.session_id, p.listed, p.reference_price, p.origin_region_code, p.supplier_id, s.blacklisted,
       s.certified,
       ls.status, ls.started_at, ls.ended_at, ls.streamer_id,
       EXISTS (SELECT 1 FROM live_session_product sp
               WHERE sp.session_id = k.session_id AND sp.product_id = k.product_id) AS featured
FROM unnest($1::bigint[], $2::bigint[]) AS k(product_id, session_id)
LEFT JOIN product p ON p.id = k.product_id
LEFT JOIN supplier s ON s.id = p.supplier_id
LEFT JOIN live_session ls ON ls.id = k.session_id
