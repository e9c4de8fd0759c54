-- Official reports (issue 13): who bought, the certified share, poverty-focus groups, buyer provinces.
-- See docs/ANALYTICS.md "Official reports". Functions and triggers of this step are in
-- R__analytics_functions.sql (its last section, and the fold, which fills the new keys).
--
-- 1. sales_order.buyer_type: who bought (消费扶贫 buyer mechanisms); CONSUMER unless the platform says.
-- 2. sales_order.certified: whether the product's supplier was certified (and not blacklisted) when the
--    order was recorded: a fact of the sale, never rewritten by a later certification or blacklisting.
--    Orders already stored take their supplier's certification as it stands now (nothing older is known).
-- 3. region.in_focus: the region or one of its ancestors is a poverty-focus area, so an order counts in
--    the poverty-focus group once however many focus regions nest above it.
-- 4. rollup_region_province becomes the rollup of buyers: keyed also by buyer type and certified (the
--    mix of a region's sales), with hourly buckets for the municipality; and both region rollups get
--    'F' || code rows, the poverty-focus orders of that region's subtree.
-- The rollups are emptied and the horizon reset: the next aggregation rebuilds them with the new keys.

ALTER TABLE sales_order ADD COLUMN buyer_type text NOT NULL DEFAULT 'CONSUMER'
    CONSTRAINT sales_order_buyer_type_check CHECK (buyer_type IN ('CONSUMER', 'BUDGET_UNIT', 'PAIRING_UNIT',
        'EAST_WEST_COOPERATION', 'ASSISTANCE_GROUP', 'ENTERPRISE'));

ALTER TABLE sales_order ADD COLUMN certified boolean;
-- the UPDATE guard (orders are facts) does not know the new column yet: it lets this backfill through
UPDATE sales_order o SET certified = s.certified
FROM product p JOIN supplier s ON s.id = p.supplier_id
WHERE p.id = o.product_id;
ALTER TABLE sales_order ALTER COLUMN certified SET NOT NULL;

ALTER TABLE region ADD COLUMN in_focus boolean NOT NULL DEFAULT false;
UPDATE region r SET in_focus = EXISTS (SELECT 1 FROM region a WHERE a.poverty_focus AND r.path LIKE a.path || '%');

TRUNCATE rollup_region, rollup_region_province, rollup_streamer, rollup_product;
-- room for 'F' || a village code
ALTER TABLE rollup_region ALTER COLUMN region_code TYPE varchar(13);
ALTER TABLE rollup_region_province ALTER COLUMN region_code TYPE varchar(13);
ALTER TABLE rollup_region_province DROP CONSTRAINT rollup_region_province_pkey;
ALTER TABLE rollup_region_province ADD COLUMN buyer_type text NOT NULL, ADD COLUMN certified boolean NOT NULL;
-- whole buckets of one region are read for every buyer (a region's mix) or for one province (a campaign)
ALTER TABLE rollup_region_province ADD PRIMARY KEY (region_code, grain, bucket, channel, buyer_province, buyer_type,
                                                    certified)
    INCLUDE (gmv, refunds, order_count, refund_count, items, alert_count);
UPDATE analytics_state SET horizon = '0';
