-- Sums the sales of hosts or of products straight from the raw orders, by channel and buyer (province, type,
-- certified): for the figures no entity rollup holds, a host's or product's mix (SalesTotals.byBuyerType …) and
-- a host's sales of one region's products (a topStreamers row compared with another period). One statement,
-- one snapshot; it reads each entity's own orders of the period (sales_order_streamer_idx or
-- sales_order_product_idx), so it costs what the entity sold, not what the table holds. At load time /*ID*/
-- becomes streamer_id or product_id. Answers (ki, slot = 1, channel, buyer_province, buyer_type, certified,
-- the six sums).
--
-- $1 ids           bigint[]       the hosts' or products' ids, one per key
-- $2 starts        timestamptz[]  each key's period start (inclusive)
-- $3 ends          timestamptz[]  each key's period end (exclusive)
-- $4 region_paths  text[]         each key's region path (orders of products originating there), null for all
-- held: sales_order named in the statement itself, so that it takes the table's lock before its snapshot (the
-- functions that read it, analytics_tail() and analytics_raw(), lock it only when they run, after the snapshot:
-- a month moved out of the default partition meanwhile would be planned as moved and read as not; ANALYTICS.md).
WITH held AS (SELECT FROM sales_order WHERE false),
k AS (SELECT k.ki::int AS ki, k.id, k.s, k.e, k.path
           FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[], $4::text[]) WITH ORDINALITY
                AS k (id, s, e, path, ki)),
r AS (
    SELECT k.ki, o.channel, coalesce(o.buyer_province, '') AS buyer_province, o.buyer_type, o.certified,
           /*@raw_measures*/
    FROM k CROSS JOIN LATERAL analytics_raw(k.s, k.e, of_/*ID*/ => k.id) o
    LEFT JOIN region rg ON k.path IS NOT NULL AND rg.code = o.origin_region_code
    WHERE k.path IS NULL OR rg.path LIKE k.path || '%')
SELECT ki, 1 AS slot, channel, buyer_province, buyer_type, certified,
       sum(gmv) AS gmv, sum(refunds) AS refunds, sum(order_count) AS order_count,
       sum(refund_count) AS refund_count, sum(items) AS items, sum(alert_count) AS alert_count
FROM r GROUP BY ki, channel, buyer_province, buyer_type, certified
