-- The analytics functions as they are now (docs/ARCHITECTURE.md, "Migrations"). Versioned migrations
-- that have shipped are never edited: a function changes here, and Flyway re-applies this file whenever
-- its checksum changes, after every versioned migration. V3 and V4 created the first versions; on a new
-- database this file then replaces them with the same definitions.

-- Orders are facts: once recorded, only a PAID -> REFUNDED transition may change them. This keeps
-- the rollups exact whoever writes (the API, a script, psql), and stamps the refund's transaction.
-- It fires on UPDATE only: the insert path pays nothing. The key (platform, external_id) is guarded too: its
-- copy in order_key (V13) must stay the order's.
CREATE OR REPLACE FUNCTION sales_order_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.placed_at, NEW.amount, NEW.quantity, NEW.channel, NEW.origin_region_code, NEW.product_id,
        NEW.buyer_province, NEW.price_alert, NEW.xid, NEW.buyer_type, NEW.certified, NEW.platform, NEW.external_id)
       IS DISTINCT FROM
       (OLD.placed_at, OLD.amount, OLD.quantity, OLD.channel, OLD.origin_region_code, OLD.product_id,
        OLD.buyer_province, OLD.price_alert, OLD.xid, OLD.buyer_type, OLD.certified, OLD.platform, OLD.external_id)
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

--------------------------------------------------------------------------------- aggregation
-- Adds to the rollups every order whose xid is in [lo, hi) and every refund whose transaction id
-- (refund_xid, or the order's own xid when it was inserted already refunded) is in [lo, hi),
-- optionally only for orders placed in [from_t, to_t). Returns the number of source rows read.
-- buyers_only adds to the buyers' rollups (rollup_region_buyer) only: the backfill of V10.
-- V10 added buyers_only: the function of five arguments goes first (a new argument makes another function).
DROP FUNCTION IF EXISTS analytics_fold(xid8, xid8, text, timestamptz, timestamptz);
CREATE OR REPLACE FUNCTION analytics_fold(lo xid8, hi xid8, tz text, from_t timestamptz, to_t timestamptz,
                                          buyers_only boolean DEFAULT false)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    WITH src AS MATERIALIZED (
        SELECT o.origin_region_code, o.channel, o.streamer_id, o.product_id,
               coalesce(o.buyer_province, '') AS buyer_province, o.buyer_type, o.certified,
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
        SELECT s.origin_region_code, s.channel, s.streamer_id, s.product_id, s.buyer_province, s.buyer_type,
               s.certified, s.h, date_trunc('day', s.h, tz) AS d, date_trunc('month', s.h, tz) AS m,
               sum(CASE WHEN s.counted THEN s.amount ELSE 0 END) AS gmv,
               sum(CASE WHEN s.refund_counted THEN s.amount ELSE 0 END) AS refunds,
               count(*) FILTER (WHERE s.counted) AS order_count,
               count(*) FILTER (WHERE s.refund_counted) AS refund_count,
               coalesce(sum(s.quantity) FILTER (WHERE s.counted), 0) AS items,
               count(*) FILTER (WHERE s.counted AND s.price_alert) AS alert_count
        FROM src s
        GROUP BY s.origin_region_code, s.channel, s.streamer_id, s.product_id, s.buyer_province, s.buyer_type,
                 s.certified, s.h
    ),
    -- the same rows once per ancestor of the origin region (the region itself included); and, for an
    -- order of a poverty-focus subtree (region.in_focus), once per ancestor above the topmost focus
    -- region with the key 'F' || code: that ancestor's poverty-focus orders, each order once
    anc AS MATERIALIZED (
        SELECT a.code::text AS region_code, a.depth, b.*
        FROM base b
        JOIN region rg ON rg.code = b.origin_region_code
        CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM rg.path), '/'))
            WITH ORDINALITY AS a (code, depth)
        UNION ALL
        SELECT 'F' || a.code, a.depth, b.*
        FROM base b
        JOIN region rg ON rg.code = b.origin_region_code AND rg.in_focus
        CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM rg.path), '/'))
            WITH ORDINALITY AS a (code, depth)
        JOIN region ar ON ar.code = a.code AND NOT ar.in_focus
    ),
    to_region AS (
        INSERT INTO rollup_region AS r (region_code, grain, bucket, channel, gmv, refunds, order_count,
                                        refund_count, items, alert_count)
        SELECT a.region_code, g.grain, g.bucket, a.channel, sum(a.gmv), sum(a.refunds), sum(a.order_count),
               sum(a.refund_count), sum(a.items), sum(a.alert_count)
        FROM anc a
        CROSS JOIN LATERAL (VALUES ('H'::"char", a.h), ('D', a.d), ('M', a.m)) AS g (grain, bucket)
        WHERE (g.grain <> 'H' OR a.depth <= 2) AND NOT buyers_only
        GROUP BY a.region_code, g.grain, g.bucket, a.channel
        ON CONFLICT (region_code, grain, bucket, channel) DO UPDATE SET
            gmv = r.gmv + EXCLUDED.gmv, refunds = r.refunds + EXCLUDED.refunds,
            order_count = r.order_count + EXCLUDED.order_count,
            refund_count = r.refund_count + EXCLUDED.refund_count,
            items = r.items + EXCLUDED.items, alert_count = r.alert_count + EXCLUDED.alert_count
        RETURNING 1
    ),
    -- the buyers' cells: by province, buyer type and certified; hours for the municipality only
    -- (Grains.regionProvince)
    cross_cells AS MATERIALIZED (
        SELECT a.region_code, g.grain, g.bucket, a.channel, a.buyer_province, a.buyer_type, a.certified,
               sum(a.gmv) AS gmv, sum(a.refunds) AS refunds, sum(a.order_count) AS order_count,
               sum(a.refund_count) AS refund_count, sum(a.items) AS items, sum(a.alert_count) AS alert_count
        FROM anc a
        CROSS JOIN LATERAL (VALUES ('H'::"char", a.h), ('D', a.d), ('M', a.m)) AS g (grain, bucket)
        WHERE g.grain = 'M' OR (g.grain = 'D' AND a.depth <= 2) OR a.depth <= 1
        GROUP BY a.region_code, g.grain, g.bucket, a.channel, a.buyer_province, a.buyer_type, a.certified
    ),
    -- the full cross (a campaign's province, the mix within one province)
    to_province AS (
        INSERT INTO rollup_region_province AS r (region_code, grain, bucket, channel, buyer_province, buyer_type,
                                                 certified, gmv, refunds, order_count, refund_count, items,
                                                 alert_count)
        SELECT c.region_code, c.grain, c.bucket, c.channel, c.buyer_province, c.buyer_type, c.certified, c.gmv,
               c.refunds, c.order_count, c.refund_count, c.items, c.alert_count
        FROM cross_cells c
        WHERE NOT buyers_only
        ON CONFLICT (region_code, grain, bucket, channel, buyer_province, buyer_type, certified) DO UPDATE SET
            gmv = r.gmv + EXCLUDED.gmv, refunds = r.refunds + EXCLUDED.refunds,
            order_count = r.order_count + EXCLUDED.order_count,
            refund_count = r.refund_count + EXCLUDED.refund_count,
            items = r.items + EXCLUDED.items, alert_count = r.alert_count + EXCLUDED.alert_count
        RETURNING 1
    ),
    -- the narrow buyers' rollup (V10, without the channel since V15): one row per value of one dimension:
    -- T buyer type (every order once), P buyer province (orders with one), C certified at the time of sale
    -- ('' only; uncertified: no row)
    to_buyer AS (
        INSERT INTO rollup_region_buyer AS r (region_code, grain, bucket, dimension, value, gmv, refunds,
                                              order_count, refund_count, items, alert_count)
        SELECT c.region_code, c.grain, c.bucket, d.dimension, d.value, sum(c.gmv), sum(c.refunds),
               sum(c.order_count), sum(c.refund_count), sum(c.items), sum(c.alert_count)
        FROM cross_cells c
        CROSS JOIN LATERAL (VALUES ('T'::"char", c.buyer_type), ('P', nullif(c.buyer_province, '')),
                                   ('C', CASE WHEN c.certified THEN '' END)) AS d (dimension, value)
        WHERE d.value IS NOT NULL
        GROUP BY c.region_code, c.grain, c.bucket, d.dimension, d.value
        ON CONFLICT (region_code, grain, bucket, dimension, value) DO UPDATE SET
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
              FROM anc a WHERE a.streamer_id IS NOT NULL AND a.depth <= 2 AND a.region_code NOT LIKE 'F%'
              UNION ALL
              SELECT '*', 0, b.streamer_id, b.channel, b.h, b.d, b.m, b.gmv, b.refunds, b.order_count,
                     b.refund_count, b.items, b.alert_count
              FROM base b WHERE b.streamer_id IS NOT NULL) x
        CROSS JOIN LATERAL (VALUES ('H'::"char", x.h), ('D', x.d), ('M', x.m)) AS g (grain, bucket)
        WHERE (g.grain <> 'H' OR x.depth = 0) AND NOT buyers_only
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
        WHERE NOT buyers_only
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
                  + (SELECT count(*) FROM to_buyer) + (SELECT count(*) FROM to_streamer) + (SELECT count(*) FROM to_product))
    INTO n;
    RETURN n;
END
$$;


-- Only one aggregation or rebuild at a time, across every instance of the service.
CREATE OR REPLACE FUNCTION analytics_lock_key() RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT 4242000004::bigint';

-- One aggregation step: folds what finished since the last step and advances the horizon. With
-- wait = false it returns -1 at once when another step holds the lock. A tz other than the
-- rollups' own zone rebuilds them in that zone. The first step after this migration rebuilds, month
-- by month, instead of folding a possibly huge backlog in one go.
CREATE OR REPLACE FUNCTION analytics_aggregate(wait boolean DEFAULT true, tz text DEFAULT NULL) RETURNS bigint
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

-- The tail: orders and refunds not yet folded into the rollups (see V4 for why a function). Its
-- columns grew with buyer_type and certified (V9): a changed result type needs a DROP first.
--
-- Planned once per connection, not once per call. Since sales_order is partitioned by month (V13), planning this
-- UNION over every partition and its nine indexes cost 10–13 ms per analytics statement at 1M orders (execution:
-- under 1 ms with the tail empty), more than the rest of a small totals query (PERFORMANCE.md). The query is static
-- with the horizon as a parameter, and the SET clauses make PL/pgSQL keep ONE generic plan for the session:
-- force_generic_plan, and the scans that plan may choose knowing nothing of the horizon's value limited to index
-- scans (a generic `xid >= $1` is estimated at a third of the rows, for which a custom plan would scan the table;
-- the horizon is the aggregator's, a few seconds old, so the rows at or above it are few). The refund branch's
-- `xid < h` is written so that no index serves it (coalesce): with it indexable, the generic plan walked the xid
-- index of every partition for the older orders and filtered them on refund_xid — all the orders, every call
-- (AnalyticsTailPlanTest). jit = off as the pool sets it (the disabled scans' cost would turn it on in psql).
DROP FUNCTION IF EXISTS analytics_tail();
CREATE FUNCTION analytics_tail()
RETURNS TABLE (placed_at timestamptz, channel text, origin_region_code varchar(12), buyer_province varchar(6),
               streamer_id bigint, product_id bigint, amount numeric(14, 2), quantity integer, price_alert boolean,
               refunded boolean, counted boolean, buyer_type text, certified boolean)
LANGUAGE plpgsql STABLE ROWS 100
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_bitmapscan = off SET jit = off AS $$
DECLARE
    h xid8 := (SELECT horizon FROM analytics_state);
BEGIN
    -- counted: the order itself is not folded yet; refunded: its refund (if any) is not folded either
    RETURN QUERY
        SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id, o.product_id,
               o.amount, o.quantity, o.price_alert, o.status = 'REFUNDED', true, o.buyer_type, o.certified
        FROM sales_order o WHERE o.xid >= h
        UNION ALL
        SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id,
               o.product_id, o.amount, o.quantity, o.price_alert, true, false, o.buyer_type, o.certified
        FROM sales_order o WHERE o.refund_xid >= h AND coalesce(o.xid, o.xid) < h;
END
$$;

-- The raw orders of a ragged edge [s, e): every order of the period, or only those of one region, host or product
-- (the readers' statements call it in a LATERAL join: slices.sql, ranking.sql, entity_totals.sql,
-- entity_raw.sql). Planned once per connection, like analytics_tail(), for the same reason: written inline, each
-- of these joins made PostgreSQL plan a scan of every monthly partition and weigh its nine indexes each time a
-- statement was planned — about 5 ms of the ~6 ms planning of a small totals statement whose execution takes
-- 0.2 ms (PERFORMANCE.md, "Planned once per connection"). Each branch is a static query with one generic plan: an
-- index range scan of the partitions, those outside [s, e) pruned when it starts (initial pruning of the generic
-- plan with the call's values), the same index the inline form used (placed, region, streamer or product).
-- CREATE OR REPLACE, not DROP and CREATE: a DROP of a function the schema being migrated does not hold yet would
-- find, through the search path, the one of another schema (the upgrade tests migrate a schema of their own).
CREATE OR REPLACE FUNCTION analytics_raw(s timestamptz, e timestamptz, of_region text DEFAULT NULL,
                              of_streamer_id bigint DEFAULT NULL, of_product_id bigint DEFAULT NULL)
RETURNS TABLE (placed_at timestamptz, channel text, origin_region_code varchar(12), buyer_province varchar(6),
               streamer_id bigint, product_id bigint, amount numeric(14, 2), quantity integer, price_alert boolean,
               status text, buyer_type text, certified boolean)
LANGUAGE plpgsql STABLE ROWS 1000
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET jit = off AS $$
BEGIN
    IF of_region IS NOT NULL THEN
        RETURN QUERY SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id, o.product_id,
                            o.amount, o.quantity, o.price_alert, o.status, o.buyer_type, o.certified
                     FROM sales_order o WHERE o.origin_region_code = of_region AND o.placed_at >= s AND o.placed_at < e;
    ELSIF of_streamer_id IS NOT NULL THEN
        RETURN QUERY SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id, o.product_id,
                            o.amount, o.quantity, o.price_alert, o.status, o.buyer_type, o.certified
                     FROM sales_order o WHERE o.streamer_id = of_streamer_id AND o.placed_at >= s AND o.placed_at < e;
    ELSIF of_product_id IS NOT NULL THEN
        RETURN QUERY SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id, o.product_id,
                            o.amount, o.quantity, o.price_alert, o.status, o.buyer_type, o.certified
                     FROM sales_order o WHERE o.product_id = of_product_id AND o.placed_at >= s AND o.placed_at < e;
    ELSE
        RETURN QUERY SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id, o.product_id,
                            o.amount, o.quantity, o.price_alert, o.status, o.buyer_type, o.certified
                     FROM sales_order o WHERE o.placed_at >= s AND o.placed_at < e;
    END IF;
END
$$;

-- Recomputes every rollup from the raw orders (month by month, to bound memory) and sets the
-- horizon; the business time zone becomes tz when given. Reads wait while it runs (TRUNCATE).
-- upto rebuilds up to an earlier horizon (e.g. the current one, to compare with the incremental
-- state whatever else runs on the server).
-- Usage: SELECT analytics_rebuild();   or   SELECT analytics_rebuild('Asia/Shanghai');
CREATE OR REPLACE FUNCTION analytics_rebuild(tz text DEFAULT NULL, upto xid8 DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql AS $$
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
    TRUNCATE rollup_region, rollup_region_province, rollup_region_buyer, rollup_streamer, rollup_product;
    hi := pg_snapshot_xmin(pg_current_snapshot());
    IF upto IS NOT NULL THEN
        IF upto > hi THEN
            RAISE EXCEPTION 'analytics_rebuild: % is above the horizon of finished transactions %', upto, hi;
        END IF;
        hi := upto;
    END IF;
    SELECT min(placed_at), max(placed_at) INTO first, last FROM sales_order;
    month := date_trunc('month', first, zone);
    WHILE month <= last LOOP
        n := n + analytics_fold('0', hi, zone, month, date_trunc('month', month + interval '32 days', zone));
        month := date_trunc('month', month + interval '32 days', zone);
    END LOOP;
    UPDATE analytics_state SET horizon = hi, time_zone = zone, folded_at = now(), buyers_backfill = false;
    RETURN n;
END
$$;

--------------------------------------------------------------------- region subtrees

-- The codes of a region's subtree, the region itself included (none for an unknown code), for the condition of
-- RegionRepository.inSubtree: `column IN (SELECT unnest(region_subtree_codes($n)))`. Why a STABLE function: when
-- PostgreSQL plans a statement with its parameters' values (a custom plan), it evaluates STABLE functions of
-- constants while it estimates, and unnest's row estimate reads the array's length, so it knows how many regions
-- the subtree holds and estimates the orders they hold from the column's statistics. The sub-select it replaces
-- (`IN (SELECT code FROM region WHERE path LIKE (SELECT path …) || '%')`) hid the pattern in an InitPlan: ~0.5% of
-- the orders for any subtree, so a village's first page walked every order by time (PERFORMANCE.md). At run time
-- it is evaluated once per statement (a function scan). The range on region_path_idx selects the same rows as
-- `path LIKE root_path || '%'` (paths end with '/', which '0' follows in byte order).
CREATE OR REPLACE FUNCTION region_subtree_codes(root text) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(d.code::text), '{}')
    FROM region r
    JOIN region d ON d.path ~>=~ r.path AND d.path ~<~ (left(r.path, -1) || '0') AND d.path LIKE r.path || '%'
    WHERE r.code = root
$$;

--------------------------------------------------------------------- official reports (V9)

-- An order's certified flag is a fact of the sale. The write path (OrderStore) states it from the facts it
-- read for the batch; a writer that leaves it out (a backfill in psql, the demo data, a test) gets the
-- supplier's certification as it stands when the row is inserted. The WHEN clause keeps the write path's
-- inserts free of the trigger's cost.
CREATE OR REPLACE FUNCTION sales_order_certified_at_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT s.certified AND NOT s.blacklisted INTO NEW.certified
    FROM product p JOIN supplier s ON s.id = p.supplier_id
    WHERE p.id = NEW.product_id;
    NEW.certified := coalesce(NEW.certified, false);
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS sales_order_certified_at_insert ON sales_order;
CREATE TRIGGER sales_order_certified_at_insert BEFORE INSERT ON sales_order
    FOR EACH ROW WHEN (NEW.certified IS NULL) EXECUTE FUNCTION sales_order_certified_at_insert();

-- region.in_focus: the region or an ancestor is poverty-focus. A new region inherits its parent's.
CREATE OR REPLACE FUNCTION region_in_focus_at_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.in_focus := NEW.poverty_focus
        OR coalesce((SELECT p.in_focus FROM region p WHERE p.code = NEW.parent_code), false);
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS region_in_focus_at_insert ON region;
CREATE TRIGGER region_in_focus_at_insert BEFORE INSERT ON region
    FOR EACH ROW EXECUTE FUNCTION region_in_focus_at_insert();

-- A changed poverty_focus flag changes which orders are poverty-focus, so the whole tree's in_focus is
-- recomputed and the rollups (whose 'F' rows depend on it) are rebuilt in the same transaction: the new
-- flags and the figures they imply commit together. Flags are reference data (migrations): this is rare.
CREATE OR REPLACE FUNCTION region_focus_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE region r SET in_focus = f.in_focus
    FROM (SELECT x.code, EXISTS (SELECT 1 FROM region a WHERE a.poverty_focus AND x.path LIKE a.path || '%')
                 AS in_focus
          FROM region x) f
    WHERE f.code = r.code AND r.in_focus IS DISTINCT FROM f.in_focus;
    PERFORM analytics_rebuild();
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS region_focus_changed ON region;
CREATE TRIGGER region_focus_changed AFTER UPDATE OF poverty_focus ON region
    FOR EACH STATEMENT EXECUTE FUNCTION region_focus_changed();

--------------------------------------------------------------------- the narrow buyers' rollup (V10)

-- Fills rollup_region_buyer (created empty by V10) with every order and refund below the current horizon,
-- month by month, when V10 has left it owed (analytics_state.buyers_backfill): the table then holds exactly
-- what the other rollups hold, and the tail the rest. Under the aggregator's lock: no fold moves the horizon
-- meanwhile. A database whose rollups are not built yet (horizon 0) gets it from its first rebuild.
CREATE OR REPLACE FUNCTION analytics_backfill_buyers() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    state analytics_state;
    first timestamptz;
    last  timestamptz;
    month timestamptz;
    n     bigint := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(analytics_lock_key());
    SELECT * INTO state FROM analytics_state;
    IF NOT state.buyers_backfill THEN
        RETURN 0;
    END IF;
    IF state.horizon <> '0' THEN
        DELETE FROM rollup_region_buyer;
        SELECT min(placed_at), max(placed_at) INTO first, last FROM sales_order;
        month := date_trunc('month', first, state.time_zone);
        WHILE month <= last LOOP
            n := n + analytics_fold('0', state.horizon, state.time_zone, month,
                                    date_trunc('month', month + interval '32 days', state.time_zone), true);
            month := date_trunc('month', month + interval '32 days', state.time_zone);
        END LOOP;
    END IF;
    UPDATE analytics_state SET buyers_backfill = false;
    RETURN n;
END
$$;
SELECT analytics_backfill_buyers();
