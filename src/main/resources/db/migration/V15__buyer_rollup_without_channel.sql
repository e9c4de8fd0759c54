-- The narrow buyers' rollup (V10) without the channel: one row per bucket and value of ONE buyer dimension (buyer
-- type, buyer province, certified) instead of one per channel too, ~12 rows per municipality bucket instead of ~56
-- (docs/PERFORMANCE.md, "Official reports"). A region's mix statement reads its totals and its split by channel
-- from rollup_region over the same pieces, and the mix from this table; a slice of one channel with its mix reads
-- the full cross (rollup_region_province), which keeps the channel. See docs/ANALYTICS.md "The buyers' rollups".
--
-- The rows are the old ones summed over the channel: exact, no order read again, the horizon untouched. Under the
-- aggregator's lock (analytics_lock_key()), so no fold of a running instance adds to the old table meanwhile; a fold
-- of the old code after this commits fails (no channel column) and rolls back, and the next one, with the new
-- functions (R__analytics_functions.sql, applied after this), folds the same orders.

SELECT pg_advisory_xact_lock(4242000004);

CREATE TABLE rollup_region_buyer_v15 (
    region_code  varchar(13)    NOT NULL,
    grain        "char"         NOT NULL,
    bucket       timestamptz    NOT NULL,
    dimension    "char"         NOT NULL CHECK (dimension IN ('T', 'P', 'C')),
    value        text           NOT NULL,
    gmv          numeric(18, 2) NOT NULL,
    refunds      numeric(18, 2) NOT NULL,
    order_count  bigint         NOT NULL,
    refund_count bigint         NOT NULL,
    items        bigint         NOT NULL,
    alert_count  bigint         NOT NULL
);

INSERT INTO rollup_region_buyer_v15 (region_code, grain, bucket, dimension, value, gmv, refunds, order_count,
                                     refund_count, items, alert_count)
SELECT region_code, grain, bucket, dimension, value, sum(gmv), sum(refunds), sum(order_count), sum(refund_count),
       sum(items), sum(alert_count)
FROM rollup_region_buyer
GROUP BY region_code, grain, bucket, dimension, value;

DROP TABLE rollup_region_buyer;
ALTER TABLE rollup_region_buyer_v15 RENAME TO rollup_region_buyer;
ALTER TABLE rollup_region_buyer ADD CONSTRAINT rollup_region_buyer_pkey
    PRIMARY KEY (region_code, grain, bucket, dimension, value)
    INCLUDE (gmv, refunds, order_count, refund_count, items, alert_count);
ALTER TABLE rollup_region_buyer RENAME CONSTRAINT rollup_region_buyer_v15_dimension_check
    TO rollup_region_buyer_dimension_check;
