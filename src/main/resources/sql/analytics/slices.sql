-- Sums slices (a region's subtree, or the poverty-focus part of it, optionally one buyer province and one
-- channel) over periods: a batch of slices (keys, numbered from 1) in one statement, each with its own pieces
-- of period, split into time slots. Rollups, the not-yet-folded tail and the raw orders of ragged edges are
-- read in this one statement, so they all see one snapshot and the figures are exact (ANALYTICS.md).
-- /*MIX*/ is fixed at load time: false sums by channel (rollup_region, or the buyers' rollup
-- rollup_region_province for a slice of one province); true also answers by buyer province, buyer type and
-- certified (a slice's mix: SalesTotals.byBuyerType …), from rollup_region (totals by channel) beside the narrow
-- buyers' rollup rollup_region_buyer (one dimension per row, no channel) or, for a slice of one province or of one
-- channel, from the full cross rollup_region_province.
-- Answers (ki, slot, channel, dimension, buyer_province, buyer_type, certified, the six sums); slot n is the one
-- starting at slot_starts[n]. dimension is null for rows of whole orders (the three buyer columns then null
-- unless /*MIX*/); in a /*MIX*/ statement, S for rows of rollup_region (channel set, no buyer column: in the totals,
-- not in the mix) and T, P, C for a row of the narrow rollup (channel null, only that dimension's column set: the
-- buyer type; the province; certified = true: in the mix, not in the totals).
--
-- $1  piece_keys       int[]          the key (slice number) of each piece
-- $2  piece_grains     text[]         each piece's grain: H, D or M (whole rollup buckets) or R (raw orders)
-- $3  piece_starts     timestamptz[]  each piece's start (inclusive)
-- $4  piece_ends       timestamptz[]  each piece's end (exclusive)
-- $5  slot_starts      timestamptz[]  the start of each time slot, ascending
-- $6  slice_codes      text[]         each slice's region code
-- $7  slice_paths      text[]         each slice's region path, such as /500000/500236/
-- $8  slice_wide       bool[]         whether the slice's raw edges are read by time (true) or by region code
-- $9  slice_provinces  text[]         each slice's buyer province, null for all
-- $10 slice_channels   text[]         each slice's channel, null for all
-- $11 slice_focus      bool[]         whether the slice is only the poverty-focus orders of the subtree
-- held: sales_order named in the statement itself, so that it takes the table's lock before its snapshot (the
-- functions that read it, analytics_tail() and analytics_raw(), lock it only when they run, after the snapshot:
-- a month moved out of the default partition meanwhile would be planned as moved and read as not; ANALYTICS.md).
WITH held AS (SELECT FROM sales_order WHERE false),
k AS (SELECT k.ki::int AS ki, CASE WHEN k.focus THEN 'F' || k.code ELSE k.code END AS code, k.path, k.wide,
                  k.province, k.channel, k.focus
           FROM unnest($6::text[], $7::text[], $8::bool[], $9::text[], $10::text[], $11::bool[])
                WITH ORDINALITY AS k (code, path, wide, province, channel, focus, ki)),
p AS (SELECT p.ki, p.grain::"char" AS grain, p.s, p.e
      FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS p (ki, grain, s, e)),
tail AS MATERIALIZED (SELECT t.*, rg.path, rg.in_focus FROM analytics_tail() t
                      JOIN region rg ON rg.code = t.origin_region_code),
-- the regions of each small subtree, as a range on region_path_idx
ksub AS MATERIALIZED (SELECT k.ki, rg.code FROM k
                      JOIN region rg ON rg.path ~>=~ k.path AND rg.path ~<~ (left(k.path, -1) || '0')
                      WHERE NOT k.wide AND (NOT k.focus OR rg.in_focus)),
r AS (
    -- whole buckets from the rollups: rollup_region (by channel); in a mix statement, its rows count in the totals
    -- only (dimension S): the mix of those buckets comes from the narrow buyers' rollup below
    SELECT p.ki, r.bucket AS t, r.channel, CASE WHEN /*MIX*/ THEN 'S' END AS dimension, NULL::text AS buyer_province,
           NULL::text AS buyer_type, NULL::boolean AS certified, r.gmv, r.refunds, r.order_count, r.refund_count, r.items, r.alert_count
    FROM p JOIN k ON k.ki = p.ki AND k.province IS NULL AND (NOT /*MIX*/ OR k.channel IS NULL)
    JOIN rollup_region r ON r.region_code = k.code AND r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e
    WHERE p.grain <> 'R' AND (k.channel IS NULL OR r.channel = k.channel)
    UNION ALL
    -- the full cross: a slice of one province, or a mix of one channel (the narrow rollup has no channel)
    SELECT p.ki, r.bucket, r.channel, NULL, CASE WHEN /*MIX*/ THEN r.buyer_province END,
           CASE WHEN /*MIX*/ THEN r.buyer_type END, CASE WHEN /*MIX*/ THEN r.certified END,
           r.gmv, r.refunds, r.order_count, r.refund_count, r.items, r.alert_count
    FROM p JOIN k ON k.ki = p.ki AND (k.province IS NOT NULL OR /*MIX*/ AND k.channel IS NOT NULL)
    JOIN rollup_region_province r ON r.region_code = k.code AND r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e
    WHERE p.grain <> 'R' AND (k.province IS NULL OR r.buyer_province = k.province)
      AND (k.channel IS NULL OR r.channel = k.channel)
    UNION ALL
    -- the mix of a slice of every province and channel: one row per bucket and value of each dimension (no channel:
    -- the totals by channel come from rollup_region above), summed per slot here (hashed, where the final GROUP BY
    -- would sort them all)
    SELECT b.ki, b.t, NULL, b.dimension::text, CASE WHEN b.dimension = 'P' THEN b.value END,
           CASE WHEN b.dimension = 'T' THEN b.value END, CASE WHEN b.dimension = 'C' THEN true END,
           b.gmv, b.refunds, b.order_count, b.refund_count, b.items, b.alert_count
    FROM (SELECT p.ki, min(r.bucket) AS t, r.dimension, r.value, sum(r.gmv) AS gmv,
                 sum(r.refunds) AS refunds, sum(r.order_count) AS order_count, sum(r.refund_count) AS refund_count,
                 sum(r.items) AS items, sum(r.alert_count) AS alert_count
          FROM p JOIN k ON k.ki = p.ki AND k.province IS NULL AND k.channel IS NULL AND /*MIX*/
          JOIN rollup_region_buyer r ON r.region_code = k.code AND r.grain = p.grain AND r.bucket >= p.s
                                     AND r.bucket < p.e
          WHERE p.grain <> 'R'
          GROUP BY p.ki, width_bucket(r.bucket, $5::timestamptz[]), r.dimension, r.value) b
    UNION ALL
    -- what the rollups do not hold yet, inside those buckets
    SELECT p.ki, t.placed_at, t.channel, NULL, CASE WHEN /*MIX*/ THEN coalesce(t.buyer_province, '') END,
           CASE WHEN /*MIX*/ THEN t.buyer_type END, CASE WHEN /*MIX*/ THEN t.certified END, /*@tail_measures*/
    FROM tail t JOIN p ON p.grain <> 'R' AND t.placed_at >= p.s AND t.placed_at < p.e
    JOIN k ON k.ki = p.ki AND t.path LIKE k.path || '%'
    WHERE (k.province IS NULL OR t.buyer_province = k.province) AND (k.channel IS NULL OR t.channel = k.channel)
      AND (NOT k.focus OR t.in_focus)
    UNION ALL
    -- ragged edges of wide regions: every order of the edge, once per distinct edge (analytics_raw: one index
    -- range scan per edge, planned once per connection)
    SELECT p.ki, o.placed_at, o.channel, NULL, CASE WHEN /*MIX*/ THEN coalesce(o.buyer_province, '') END,
           CASE WHEN /*MIX*/ THEN o.buyer_type END, CASE WHEN /*MIX*/ THEN o.certified END, /*@raw_measures*/
    FROM (SELECT DISTINCT p.s, p.e FROM p JOIN k ON k.ki = p.ki WHERE p.grain = 'R' AND k.wide) x
    CROSS JOIN LATERAL (SELECT o.*, rg.path, rg.in_focus FROM analytics_raw(x.s, x.e) o
                        JOIN region rg ON rg.code = o.origin_region_code) o
    JOIN p ON p.grain = 'R' AND p.s = x.s AND p.e = x.e
    JOIN k ON k.ki = p.ki AND k.wide AND o.path LIKE k.path || '%'
    WHERE (k.province IS NULL OR o.buyer_province = k.province) AND (k.channel IS NULL OR o.channel = k.channel)
      AND (NOT k.focus OR o.in_focus)
    UNION ALL
    -- ragged edges of small subtrees: by region code (ksub holds only focus regions for a focus slice)
    SELECT p.ki, o.placed_at, o.channel, NULL, CASE WHEN /*MIX*/ THEN coalesce(o.buyer_province, '') END,
           CASE WHEN /*MIX*/ THEN o.buyer_type END, CASE WHEN /*MIX*/ THEN o.certified END, /*@raw_measures*/
    FROM p JOIN k ON k.ki = p.ki JOIN ksub ON ksub.ki = p.ki
    CROSS JOIN LATERAL analytics_raw(p.s, p.e, of_region => ksub.code) o
    WHERE p.grain = 'R'
      AND (k.province IS NULL OR o.buyer_province = k.province) AND (k.channel IS NULL OR o.channel = k.channel))
SELECT ki, width_bucket(t, $5::timestamptz[]) AS slot, channel, dimension, buyer_province, buyer_type, certified,
       sum(gmv) AS gmv, sum(refunds) AS refunds, sum(order_count) AS order_count,
       sum(refund_count) AS refund_count, sum(items) AS items, sum(alert_count) AS alert_count
FROM r GROUP BY ki, slot, channel, dimension, buyer_province, buyer_type, certified
