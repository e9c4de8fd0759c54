-- Raises PRICE_GOUGING alerts for the price-flagged orders among the given ones (just committed): once per
-- product, origin region and minute of placement (the first flagged order of that minute is the alert's order),
-- and tells every instance (pg_notify, delivered at commit) which alerts are new.
--
-- $1 order_ids  bigint[]  orders just recorded
-- $2 ratio      numeric   the flag's threshold: unit price over reference price
WITH raised AS (
    INSERT INTO alert (kind, subject, window_key, session_id, streamer_id, region_code, order_id, message, value,
                       threshold)
    SELECT DISTINCT ON (o.origin_region_code, o.product_id, date_trunc('minute', o.placed_at))
           'PRICE_GOUGING', 'r' || o.origin_region_code || ':p' || o.product_id,
           to_char(o.placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'),
           o.session_id, o.streamer_id, o.origin_region_code, o.id,
           format('%s sold at %s, %s%% above its reference price %s', p.name, o.unit_price,
                  round((o.unit_price / p.reference_price - 1) * 100), p.reference_price),
           (o.unit_price / p.reference_price)::float8, $2::float8
    FROM sales_order o JOIN product p ON p.id = o.product_id
    WHERE o.id = ANY($1) AND o.price_alert AND p.reference_price > 0
    ORDER BY o.origin_region_code, o.product_id, date_trunc('minute', o.placed_at), o.id
    ON CONFLICT ON CONSTRAINT alert_once DO NOTHING
    RETURNING id)
SELECT id, pg_notify('livetally_alerts', id::text) FROM raised
