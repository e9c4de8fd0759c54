-- The buyers' figures of a region (certified, byBuyerType, byBuyerProvince) from narrow rollups, one row per
-- bucket, channel and value of ONE buyer dimension, instead of the full cross province × type × certified of
-- rollup_region_province (up to 360 rows per bucket at 10M orders; docs/PERFORMANCE.md, "Official reports").
-- See docs/ANALYTICS.md "The buyers' rollups".
--
-- rollup_region_buyer: region (ancestor, or 'F' || code for the poverty-focus orders of its subtree), grain,
-- bucket, channel, dimension and value:
--   dimension 'T': value = the buyer type      (every order in exactly one row: these rows also sum to the totals)
--   dimension 'P': value = the buyer province  (orders without a province in none)
--   dimension 'C': value = ''                  (the orders certified at the time of sale; the others in none)
-- Grains as the cross (Grains.regionProvince): municipality H D M, districts D M, deeper M. The cross stays,
-- for the slices of one buyer province (campaigns) and the mix within a province.
--
-- Filled like the other rollups by analytics_fold (R__analytics_functions.sql), the same horizon. Existing
-- orders: R__analytics_functions.sql ends with analytics_backfill_buyers(), which folds every order and
-- refund below the current horizon into this table only (buyers_backfill marks that it is owed), under the
-- aggregator's lock, so the table holds exactly what the other rollups hold and the tail the rest.

CREATE TABLE rollup_region_buyer (
    region_code  varchar(13)    NOT NULL,
    grain        "char"         NOT NULL,
    bucket       timestamptz    NOT NULL,
    channel      text           NOT NULL,
    dimension    "char"         NOT NULL CHECK (dimension IN ('T', 'P', 'C')),
    value        text           NOT NULL,
    gmv          numeric(18, 2) NOT NULL,
    refunds      numeric(18, 2) NOT NULL,
    order_count  bigint         NOT NULL,
    refund_count bigint         NOT NULL,
    items        bigint         NOT NULL,
    alert_count  bigint         NOT NULL,
    PRIMARY KEY (region_code, grain, bucket, channel, dimension, value)
        INCLUDE (gmv, refunds, order_count, refund_count, items, alert_count)
);

ALTER TABLE analytics_state ADD COLUMN buyers_backfill boolean NOT NULL DEFAULT true;
