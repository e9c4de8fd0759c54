-- Sums the sales of hosts or of products (a batch of ids, keys numbered from 1) over periods, split
-- into time slots. One statement for both: at load time /*ID*/ becomes streamer_id or product_id, and
-- the one clause that differs, which rollup holds the whole buckets, is chosen by /*STREAMERS*/ and
-- /*PRODUCTS*/ becoming true or false (the planner drops the branch that is false).
-- Answers (ki, slot, channel, the six sums); slot n is the one starting at slot_starts[n].
--
-- $1 piece_keys    int[]          the key (the id's position in ids) of each piece
-- $2 piece_grains  text[]         each piece's grain: H, D or M (whole rollup buckets) or R (raw orders)
-- $3 piece_starts  timestamptz[]  each piece's start (inclusive)
-- $4 piece_ends    timestamptz[]  each piece's end (exclusive)
-- $5 slot_starts   timestamptz[]  the start of each time slot, ascending
-- $6 ids           bigint[]       the hosts' or products' ids
-- held: sales_order named in the statement itself, so that it takes the table's lock before its snapshot (the
-- functions that read it, analytics_tail() and analytics_raw(), lock it only when they run, after the snapshot:
-- a month moved out of the default partition meanwhile would be planned as moved and read as not; ANALYTICS.md).
WITH held AS (SELECT FROM sales_order WHERE false),
k AS (SELECT k.ki::int AS ki, k.id FROM unnest($6::bigint[]) WITH ORDINALITY AS k (id, ki)),
p AS (SELECT p.ki, p.grain::"char" AS grain, p.s, p.e
      FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS p (ki, grain, s, e)),
tail AS MATERIALIZED (SELECT t.*, rg.path FROM analytics_tail() t JOIN region rg ON rg.code = t.origin_region_code
                      WHERE t./*ID*/ = ANY($6)),
r AS (
    -- whole buckets of hosts: rollup_streamer's rows of every region ('*')
    SELECT p.ki, r.bucket AS t, r.channel, r.gmv, r.refunds, r.order_count, r.refund_count, r.items, r.alert_count
    FROM p JOIN k ON k.ki = p.ki
    JOIN rollup_streamer r ON r.streamer_id = k.id AND r.region_code = '*'
         AND r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e
    WHERE /*STREAMERS*/ AND p.grain <> 'R'
    UNION ALL
    -- whole buckets of products
    SELECT p.ki, r.bucket, r.channel, r.gmv, r.refunds, r.order_count, r.refund_count, r.items, r.alert_count
    FROM p JOIN k ON k.ki = p.ki
    JOIN rollup_product r ON r.product_id = k.id AND r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e
    WHERE /*PRODUCTS*/ AND p.grain <> 'R'
    UNION ALL
    -- what the rollups do not hold yet, inside those buckets
    SELECT p.ki, t.placed_at, t.channel, /*@tail_measures*/
    FROM tail t JOIN k ON k.id = t./*ID*/
    JOIN p ON p.ki = k.ki AND p.grain <> 'R' AND t.placed_at >= p.s AND t.placed_at < p.e
    UNION ALL
    -- ragged edges: the raw orders
    SELECT p.ki, o.placed_at, o.channel, /*@raw_measures*/
    FROM p JOIN k ON k.ki = p.ki
    CROSS JOIN LATERAL analytics_raw(p.s, p.e, of_/*ID*/ => k.id) o
    WHERE p.grain = 'R')
SELECT ki, width_bucket(t, $5::timestamptz[]) AS slot, channel,
       sum(gmv) AS gmv, sum(refunds) AS refunds, sum(order_count) AS order_count,
       sum(refund_count) AS refund_count, sum(items) AS items, sum(alert_count) AS alert_count
FROM r GROUP BY ki, slot, channel
