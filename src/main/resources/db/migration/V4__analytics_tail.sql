-- Regional analytics (issue 4), second step.
--
-- 1. The tail (orders and refunds not yet folded into the rollups) as a function. Inlined in the
--    readers' statements, the horizon was a sub-select whose value the planner cannot see: it
--    assumed a third of sales_order is newer and, at 10M orders, scanned the table. The function
--    plans its query with the horizon as a literal, so the xid indexes are used; being STABLE, it
--    reads the snapshot of the statement that calls it, so rollups, horizon and tail stay consistent.
-- 2. analytics_rebuild(tz, upto): rebuild up to a given (earlier) horizon, e.g. to compare a rebuild
--    with the incremental state while a long transaction elsewhere holds the horizon back.

CREATE FUNCTION analytics_tail()
RETURNS TABLE (placed_at timestamptz, channel text, origin_region_code varchar(12), buyer_province varchar(6),
               streamer_id bigint, product_id bigint, amount numeric(14, 2), quantity integer, price_alert boolean,
               refunded boolean, counted boolean)
LANGUAGE plpgsql STABLE ROWS 100 AS $$
DECLARE
    h xid8 := (SELECT horizon FROM analytics_state);
BEGIN
    -- counted: the order itself is not folded yet; refunded: its refund (if any) is not folded either
    RETURN QUERY EXECUTE format(
        'SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id, o.product_id,'
        || ' o.amount, o.quantity, o.price_alert, o.status = ''REFUNDED'', true'
        || ' FROM sales_order o WHERE o.xid >= %1$L::xid8'
        || ' UNION ALL SELECT o.placed_at, o.channel, o.origin_region_code, o.buyer_province, o.streamer_id,'
        || ' o.product_id, o.amount, o.quantity, o.price_alert, true, false'
        || ' FROM sales_order o WHERE o.refund_xid >= %1$L::xid8 AND o.xid < %1$L::xid8', h);
END
$$;

DROP FUNCTION analytics_rebuild(text);
-- Recomputes every rollup from the raw orders (month by month, to bound memory) and sets the
-- horizon; the business time zone becomes tz when given. Reads wait while it runs (TRUNCATE).
-- upto rebuilds up to an earlier horizon (e.g. the current one, to compare with the incremental
-- state whatever else runs on the server).
-- Usage: SELECT analytics_rebuild();   or   SELECT analytics_rebuild('Asia/Shanghai');
CREATE FUNCTION analytics_rebuild(tz text DEFAULT NULL, upto xid8 DEFAULT NULL) RETURNS bigint
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
    TRUNCATE rollup_region, rollup_region_province, rollup_streamer, rollup_product;
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
    UPDATE analytics_state SET horizon = hi, time_zone = zone, folded_at = now();
    RETURN n;
END
$$;
