-- Sales of every host, or of every product, over one period (key 1), counting the orders that
-- originate in a region's subtree (everywhere: key '*', path '/'), for topStreamers and topProducts.
-- One statement for both rankings: at load time /*ID*/ becomes streamer_id or product_id, and the one
-- clause that differs, which rollup holds the whole buckets, is chosen by /*STREAMERS*/ and /*PRODUCTS*/
-- becoming true or false (the planner drops the branch that is false). An order's origin is its
-- product's (recorded with the order, never changed), so the tail and the raw edges are narrowed by
-- the order's region for both. Answers (id, channel, the six sums).
--
-- $1 piece_keys    int[]          1 for every piece (one key)
-- $2 piece_grains  text[]         each piece's grain: H, D or M (whole rollup buckets) or R (raw orders)
-- $3 piece_starts  timestamptz[]  each piece's start (inclusive)
-- $4 piece_ends    timestamptz[]  each piece's end (exclusive)
-- $5 region_key    text           the region's code, '*' for everywhere (the region key of rollup_streamer)
-- $6 region_path   text           the region's path, such as /500000/500236/; '/' for everywhere
-- $7 wide_raw      boolean        whether raw edges are read by time (true) or by the subtree's region codes
-- held: sales_order named in the statement itself, so that it takes the table's lock before its snapshot (the
-- functions that read it, analytics_tail() and analytics_raw(), lock it only when they run, after the snapshot:
-- a month moved out of the default partition meanwhile would be planned as moved and read as not; ANALYTICS.md).
WITH held AS (SELECT FROM sales_order WHERE false),
p AS (SELECT p.ki, p.grain::"char" AS grain, p.s, p.e
           FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS p (ki, grain, s, e)),
tail AS MATERIALIZED (SELECT t.*, rg.path FROM analytics_tail() t JOIN region rg ON rg.code = t.origin_region_code
                      WHERE t./*ID*/ IS NOT NULL),
-- the regions of the subtree, as a range on region_path_idx (only when edges are read by region code)
sub AS MATERIALIZED (SELECT rg.code FROM region rg
                     WHERE NOT $7 AND rg.path ~>=~ $6::text AND rg.path ~<~ (left($6::text, -1) || '0')),
r AS (
    -- whole buckets of hosts: rollup_streamer keeps them by region
    SELECT r.streamer_id AS id, r.channel, r.gmv, r.refunds, r.order_count, r.refund_count, r.items, r.alert_count
    FROM p JOIN rollup_streamer r ON r.region_code = $5 AND r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e
    WHERE /*STREAMERS*/ AND p.grain <> 'R'
    UNION ALL
    -- whole buckets of products: rollup_product, for the products originating in the subtree
    SELECT r.product_id, r.channel, r.gmv, r.refunds, r.order_count, r.refund_count, r.items, r.alert_count
    FROM p JOIN rollup_product r ON r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e
    WHERE /*PRODUCTS*/ AND p.grain <> 'R'
      AND r.product_id IN (SELECT pr.id FROM product pr JOIN region rg ON rg.code = pr.origin_region_code
                           WHERE rg.path LIKE $6 || '%')
    UNION ALL
    -- what the rollups do not hold yet, inside those buckets
    SELECT t./*ID*/, t.channel, /*@tail_measures*/
    FROM tail t JOIN p ON p.grain <> 'R' AND t.placed_at >= p.s AND t.placed_at < p.e
    WHERE t.path LIKE $6 || '%'
    UNION ALL
    -- ragged edges read by time: every order of the edge, matched by path
    SELECT o./*ID*/, o.channel, /*@raw_measures*/
    FROM p CROSS JOIN LATERAL (SELECT o.*, rg.path FROM analytics_raw(p.s, p.e) o
                               JOIN region rg ON rg.code = o.origin_region_code) o
    WHERE $7 AND p.grain = 'R' AND o./*ID*/ IS NOT NULL AND o.path LIKE $6 || '%'
    UNION ALL
    -- ragged edges read by region code
    SELECT o./*ID*/, o.channel, /*@raw_measures*/
    FROM p CROSS JOIN sub
    CROSS JOIN LATERAL analytics_raw(p.s, p.e, of_region => sub.code) o
    WHERE NOT $7 AND p.grain = 'R' AND o./*ID*/ IS NOT NULL)
SELECT id, channel, sum(gmv) AS gmv, sum(refunds) AS refunds, sum(order_count) AS order_count,
       sum(refund_count) AS refund_count, sum(items) AS items, sum(alert_count) AS alert_count
FROM r GROUP BY id, channel
