-- Regional analytics (issue 4): rollups of sales_order maintained off the write path.
-- See docs/ANALYTICS.md for the design; in short:
--
-- * Every order row records the id of the transaction that inserted it (xid, a column default, so
--   the write path is unchanged) and a refund records the id of the refunding transaction
--   (refund_xid, set by a trigger on UPDATE).
-- * An aggregator (analytics_aggregate(), called every second by the service) folds into the
--   rollups every order and refund whose transaction id lies below a horizon, and advances the
--   horizon. The horizon is the xmin of a snapshot: every transaction below it has finished, so no
--   row below it can still appear later (identity ids, by contrast, commit out of order).
-- * Readers add the raw rows at or above the horizon (the tail) and the raw rows of a period's
--   ragged edges to the rollups, in one statement, so every figure is exact at every instant.
-- * Rollups are keyed by the order's ORIGINAL period (placed_at): a refund updates the bucket the
--   order was placed in.
-- * analytics_rebuild() recomputes everything from scratch; it agrees with the incremental state.

---------------------------------------------------------------------------- change tracking
-- Existing rows get this migration's transaction id: the first aggregation picks them up.
ALTER TABLE sales_order ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE sales_order ADD COLUMN refund_xid xid8;
CREATE INDEX sales_order_xid_idx ON sales_order (xid);
CREATE INDEX sales_order_refund_xid_idx ON sales_order (refund_xid) WHERE refund_xid IS NOT NULL;

-- Orders are facts: once recorded, only a PAID -> REFUNDED transition may change them. This keeps
-- the rollups exact whoever writes (the API, a script, psql), and stamps the refund's transaction.
-- It fires on UPDATE only: the insert path pays nothing.
CREATE FUNCTION sales_order_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.placed_at, NEW.amount, NEW.quantity, NEW.channel, NEW.origin_region_code, NEW.product_id,
        NEW.buyer_province, NEW.price_alert, NEW.xid)
       IS DISTINCT FROM
       (OLD.placed_at, OLD.amount, OLD.quantity, OLD.channel, OLD.origin_region_code, OLD.product_id,
        OLD.buyer_province, OLD.price_alert, OLD.xid)
       OR NEW.streamer_id IS DISTINCT FROM OLD.streamer_id
       OR (OLD.status = 'REFUNDED' AND NEW.status <> 'REFUNDED') THEN
        RAISE EXCEPTION 'sales_order % is a recorded fact: only a refund (PAID -> REFUNDED) may change it', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'PAID' AND NEW.status = 'REFUNDED' THEN
        NEW.refund_xid := pg_current_xact_id();
    ELSE
        NEW.refund_xid := OLD.refund_xid;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER sales_order_guard_update BEFORE UPDATE ON sales_order
    FOR EACH ROW EXECUTE FUNCTION sales_order_guard_update();

------------------------------------------------------------------------------------ rollups
-- grain: 'H' hour, 'D' day, 'M' month, in the business time zone (bucket = the instant the hour,
-- day or month starts). Which grains a rollup keeps depends on how much they compress (see
-- docs/ANALYTICS.md and io.livetally.analytics.Grains, which must agree with analytics_fold):
--   rollup_region           depth <= 2 (municipality, district): H D M; deeper: D M
--   rollup_region_province  depth <= 2: D M; deeper: M
--   rollup_streamer         '*' (all regions): H D M; depth 1 and 2: D M; deeper: none (raw)
--   rollup_product          M
-- region_code is the ANCESTOR (the origin region itself included): a region's row covers its
-- whole subtree. depth = position in the path: 1 municipality, 2 district, 3 township, 4 village.
-- Keys INCLUDE the measures: reads are index-only scans (a period's rows lie together in the index
-- but scattered over the heap).

CREATE TABLE rollup_region (
    region_code  varchar(12)    NOT NULL,
    grain        "char"         NOT NULL,
    bucket       timestamptz    NOT NULL,
    channel      text           NOT NULL,
    gmv          numeric(18, 2) NOT NULL,
    refunds      numeric(18, 2) NOT NULL,
    order_count  bigint         NOT NULL,
    refund_count bigint         NOT NULL,
    items        bigint         NOT NULL,
    alert_count  bigint         NOT NULL,
    PRIMARY KEY (region_code, grain, bucket, channel)
        INCLUDE (gmv, refunds, order_count, refund_count, items, alert_count)
);

CREATE TABLE rollup_region_province (
    region_code    varchar(12)    NOT NULL,
    buyer_province varchar(6)     NOT NULL, -- '' when the buyer's province is unknown
    grain          "char"         NOT NULL,
    bucket         timestamptz    NOT NULL,
    channel        text           NOT NULL,
    gmv            numeric(18, 2) NOT NULL,
    refunds        numeric(18, 2) NOT NULL,
    order_count    bigint         NOT NULL,
    refund_count   bigint         NOT NULL,
    items          bigint         NOT NULL,
    alert_count    bigint         NOT NULL,
    PRIMARY KEY (region_code, buyer_province, grain, bucket, channel)
        INCLUDE (gmv, refunds, order_count, refund_count, items, alert_count)
);

CREATE TABLE rollup_streamer (
    region_code  varchar(12)    NOT NULL, -- '*' = every region
    grain        "char"         NOT NULL,
    bucket       timestamptz    NOT NULL,
    streamer_id  bigint         NOT NULL,
    channel      text           NOT NULL,
    gmv          numeric(18, 2) NOT NULL,
    refunds      numeric(18, 2) NOT NULL,
    order_count  bigint         NOT NULL,
    refund_count bigint         NOT NULL,
    items        bigint         NOT NULL,
    alert_count  bigint         NOT NULL,
    PRIMARY KEY (region_code, grain, bucket, streamer_id, channel)
        INCLUDE (gmv, refunds, order_count, refund_count, items, alert_count)
);
CREATE INDEX rollup_streamer_streamer_idx ON rollup_streamer (streamer_id, grain, bucket)
    INCLUDE (channel, gmv, refunds, order_count, refund_count, items, alert_count) WHERE region_code = '*';

CREATE TABLE rollup_product (
    product_id   bigint         NOT NULL,
    grain        "char"         NOT NULL,
    bucket       timestamptz    NOT NULL,
    channel      text           NOT NULL,
    gmv          numeric(18, 2) NOT NULL,
    refunds      numeric(18, 2) NOT NULL,
    order_count  bigint         NOT NULL,
    refund_count bigint         NOT NULL,
    items        bigint         NOT NULL,
    alert_count  bigint         NOT NULL,
    PRIMARY KEY (product_id, grain, bucket, channel)
        INCLUDE (gmv, refunds, order_count, refund_count, items, alert_count)
);
CREATE INDEX rollup_product_bucket_idx ON rollup_product (grain, bucket)
    INCLUDE (product_id, channel, gmv, refunds, order_count, refund_count, items, alert_count);

-- One row: everything whose transaction id is below horizon is in the rollups; the D and M
-- buckets are days and months of time_zone.
CREATE TABLE analytics_state (
    singleton boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    horizon   xid8        NOT NULL,
    time_zone text        NOT NULL,
    folded_at timestamptz
);
INSERT INTO analytics_state (horizon, time_zone) VALUES ('0', 'Asia/Shanghai');

--------------------------------------------------------------------------------- aggregation
-- Adds to the rollups every order whose xid is in [lo, hi) and every refund whose transaction id
-- (refund_xid, or the order's own xid when it was inserted already refunded) is in [lo, hi),
-- optionally only for orders placed in [from_t, to_t). Returns the number of source rows read.
CREATE FUNCTION analytics_fold(lo xid8, hi xid8, tz text, from_t timestamptz, to_t timestamptz)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    WITH src AS MATERIALIZED (
        SELECT o.origin_region_code, o.channel, o.streamer_id, o.product_id,
               coalesce(o.buyer_province, '') AS buyer_province,
               date_trunc('hour', o.placed_at, tz) AS h,
               (o.xid >= lo AND o.xid < hi) AS counted,
               (o.status = 'REFUNDED' AND coalesce(o.refund_xid, o.xid) >= lo
                    AND coalesce(o.refund_xid, o.xid) < hi) AS refund_counted,
               o.amount, o.quantity, o.price_alert
        FROM sales_order o
        WHERE ((o.xid >= lo AND o.xid < hi) OR (o.refund_xid >= lo AND o.refund_xid < hi))
          AND (from_t IS NULL OR o.placed_at >= from_t)
          AND (to_t IS NULL OR o.placed_at < to_t)
    ),
    -- one row per hour and full key; day and month buckets derive from the (local) hour
    base AS MATERIALIZED (
        SELECT s.origin_region_code, s.channel, s.streamer_id, s.product_id, s.buyer_province, s.h,
               date_trunc('day', s.h, tz) AS d, date_trunc('month', s.h, tz) AS m,
               sum(CASE WHEN s.counted THEN s.amount ELSE 0 END) AS gmv,
               sum(CASE WHEN s.refund_counted THEN s.amount ELSE 0 END) AS refunds,
               count(*) FILTER (WHERE s.counted) AS order_count,
               count(*) FILTER (WHERE s.refund_counted) AS refund_count,
               coalesce(sum(s.quantity) FILTER (WHERE s.counted), 0) AS items,
               count(*) FILTER (WHERE s.counted AND s.price_alert) AS alert_count
        FROM src s
        GROUP BY s.origin_region_code, s.channel, s.streamer_id, s.product_id, s.buyer_province, s.h
    ),
    -- the same rows once per ancestor of the origin region (the region itself included)
    anc AS MATERIALIZED (
        SELECT a.code AS region_code, a.depth, b.*
        FROM base b
        JOIN region rg ON rg.code = b.origin_region_code
        CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM rg.path), '/'))
            WITH ORDINALITY AS a (code, depth)
    ),
    to_region AS (
        INSERT INTO rollup_region AS r (region_code, grain, bucket, channel, gmv, refunds, order_count,
                                        refund_count, items, alert_count)
        SELECT a.region_code, g.grain, g.bucket, a.channel, sum(a.gmv), sum(a.refunds), sum(a.order_count),
               sum(a.refund_count), sum(a.items), sum(a.alert_count)
        FROM anc a
        CROSS JOIN LATERAL (VALUES ('H'::"char", a.h), ('D', a.d), ('M', a.m)) AS g (grain, bucket)
        WHERE g.grain <> 'H' OR a.depth <= 2
        GROUP BY a.region_code, g.grain, g.bucket, a.channel
        ON CONFLICT (region_code, grain, bucket, channel) DO UPDATE SET
            gmv = r.gmv + EXCLUDED.gmv, refunds = r.refunds + EXCLUDED.refunds,
            order_count = r.order_count + EXCLUDED.order_count,
            refund_count = r.refund_count + EXCLUDED.refund_count,
            items = r.items + EXCLUDED.items, alert_count = r.alert_count + EXCLUDED.alert_count
        RETURNING 1
    ),
    to_province AS (
        INSERT INTO rollup_region_province AS r (region_code, buyer_province, grain, bucket, channel, gmv,
                                                 refunds, order_count, refund_count, items, alert_count)
        SELECT a.region_code, a.buyer_province, g.grain, g.bucket, a.channel, sum(a.gmv), sum(a.refunds),
               sum(a.order_count), sum(a.refund_count), sum(a.items), sum(a.alert_count)
        FROM anc a
        CROSS JOIN LATERAL (VALUES ('D'::"char", a.d), ('M', a.m)) AS g (grain, bucket)
        WHERE g.grain <> 'D' OR a.depth <= 2
        GROUP BY a.region_code, a.buyer_province, g.grain, g.bucket, a.channel
        ON CONFLICT (region_code, buyer_province, grain, bucket, channel) DO UPDATE SET
            gmv = r.gmv + EXCLUDED.gmv, refunds = r.refunds + EXCLUDED.refunds,
            order_count = r.order_count + EXCLUDED.order_count,
            refund_count = r.refund_count + EXCLUDED.refund_count,
            items = r.items + EXCLUDED.items, alert_count = r.alert_count + EXCLUDED.alert_count
        RETURNING 1
    ),
    to_streamer AS (
        INSERT INTO rollup_streamer AS r (region_code, grain, bucket, streamer_id, channel, gmv, refunds,
                                          order_count, refund_count, items, alert_count)
        SELECT x.region_code, g.grain, g.bucket, x.streamer_id, x.channel, sum(x.gmv), sum(x.refunds),
               sum(x.order_count), sum(x.refund_count), sum(x.items), sum(x.alert_count)
        FROM (SELECT a.region_code, a.depth, a.streamer_id, a.channel, a.h, a.d, a.m, a.gmv, a.refunds,
                     a.order_count, a.refund_count, a.items, a.alert_count
              FROM anc a WHERE a.streamer_id IS NOT NULL AND a.depth <= 2
              UNION ALL
              SELECT '*', 0, b.streamer_id, b.channel, b.h, b.d, b.m, b.gmv, b.refunds, b.order_count,
                     b.refund_count, b.items, b.alert_count
              FROM base b WHERE b.streamer_id IS NOT NULL) x
        CROSS JOIN LATERAL (VALUES ('H'::"char", x.h), ('D', x.d), ('M', x.m)) AS g (grain, bucket)
        WHERE g.grain <> 'H' OR x.depth = 0
        GROUP BY x.region_code, g.grain, g.bucket, x.streamer_id, x.channel
        ON CONFLICT (region_code, grain, bucket, streamer_id, channel) DO UPDATE SET
            gmv = r.gmv + EXCLUDED.gmv, refunds = r.refunds + EXCLUDED.refunds,
            order_count = r.order_count + EXCLUDED.order_count,
            refund_count = r.refund_count + EXCLUDED.refund_count,
            items = r.items + EXCLUDED.items, alert_count = r.alert_count + EXCLUDED.alert_count
        RETURNING 1
    ),
    to_product AS (
        INSERT INTO rollup_product AS r (product_id, grain, bucket, channel, gmv, refunds, order_count,
                                         refund_count, items, alert_count)
        SELECT b.product_id, g.grain, g.bucket, b.channel, sum(b.gmv), sum(b.refunds), sum(b.order_count),
               sum(b.refund_count), sum(b.items), sum(b.alert_count)
        FROM base b
        CROSS JOIN LATERAL (VALUES ('M'::"char", b.m)) AS g (grain, bucket)
        GROUP BY b.product_id, g.grain, g.bucket, b.channel
        ON CONFLICT (product_id, grain, bucket, channel) DO UPDATE SET
            gmv = r.gmv + EXCLUDED.gmv, refunds = r.refunds + EXCLUDED.refunds,
            order_count = r.order_count + EXCLUDED.order_count,
            refund_count = r.refund_count + EXCLUDED.refund_count,
            items = r.items + EXCLUDED.items, alert_count = r.alert_count + EXCLUDED.alert_count
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM src)
           + 0 * ((SELECT count(*) FROM to_region) + (SELECT count(*) FROM to_province)
                  + (SELECT count(*) FROM to_streamer) + (SELECT count(*) FROM to_product))
    INTO n;
    RETURN n;
END
$$;

-- Only one aggregation or rebuild at a time, across every instance of the service.
CREATE FUNCTION analytics_lock_key() RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT 4242000004::bigint';

-- Recomputes every rollup from the raw orders (month by month, to bound memory) and sets the
-- horizon; the business time zone becomes tz when given. Reads wait while it runs (TRUNCATE).
-- Usage: SELECT analytics_rebuild();   or   SELECT analytics_rebuild('Asia/Shanghai');
CREATE FUNCTION analytics_rebuild(tz text DEFAULT NULL) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    zone  text;
    hi    xid8;
    first timestamptz;
    last  timestamptz;
    month timestamptz;
    n     bigint := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(analytics_lock_key());
    zone := coalesce(tz, (SELECT time_zone FROM analytics_state));
    PERFORM now() AT TIME ZONE zone; -- fails here on an unknown zone, before anything changes
    TRUNCATE rollup_region, rollup_region_province, rollup_streamer, rollup_product;
    hi := pg_snapshot_xmin(pg_current_snapshot());
    SELECT min(placed_at), max(placed_at) INTO first, last FROM sales_order;
    month := date_trunc('month', first, zone);
    WHILE month <= last LOOP
        n := n + analytics_fold('0', hi, zone, month, date_trunc('month', month + interval '32 days', zone));
        month := date_trunc('month', month + interval '32 days', zone);
    END LOOP;
    UPDATE analytics_state SET horizon = hi, time_zone = zone, folded_at = now();
    RETURN n;
END
$$;

-- One aggregation step: folds what finished since the last step and advances the horizon. With
-- wait = false it returns -1 at once when another step holds the lock. A tz other than the
-- rollups' own zone rebuilds them in that zone. The first step after this migration rebuilds, month
-- by month, instead of folding a possibly huge backlog in one go.
CREATE FUNCTION analytics_aggregate(wait boolean DEFAULT true, tz text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    state analytics_state;
    hi    xid8;
    n     bigint;
BEGIN
    IF wait THEN
        PERFORM pg_advisory_xact_lock(analytics_lock_key());
    ELSIF NOT pg_try_advisory_xact_lock(analytics_lock_key()) THEN
        RETURN -1;
    END IF;
    SELECT * INTO state FROM analytics_state;
    IF state.horizon = '0' OR (tz IS NOT NULL AND tz <> state.time_zone) THEN
        RETURN analytics_rebuild(coalesce(tz, state.time_zone));
    END IF;
    -- Every transaction below the snapshot's xmin has finished: rows below it can no longer appear.
    hi := pg_snapshot_xmin(pg_current_snapshot());
    IF hi <= state.horizon THEN
        RETURN 0;
    END IF;
    n := analytics_fold(state.horizon, hi, state.time_zone, NULL, NULL);
    UPDATE analytics_state SET horizon = hi, folded_at = now();
    RETURN n;
END
$$;
