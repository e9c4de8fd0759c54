-- Benchmark dataset for regional analytics (issue 4), set-based and deterministic (setseed).
-- Run by run.sh with psql -v orders=N on a database the service has already migrated. The orders are generated
-- into an unlogged staging table first (staged_orders.sql), then stored in the order they happen; build-chunked.sh
-- does the same in steps of a few minutes (10M orders: generation in halves, then one month at a time, folded).
--   * 重庆市 and its 38 districts (V2), 8 townships per district, 4 villages per township, with codes
--     that extend their parent's (as GB/T 2260 codes do): 304 townships, 1216 villages;
--   * 1000 suppliers, 3000 products (80% from villages), 500 hosts, 20000 ENDED live sessions;
--   * :orders orders over 2025 (Asia/Shanghai): 40% LIVESTREAM, placed inside their session's three
--     hours, the rest uniformly over the year; 2% price alerts, 3% refunded an hour later, buyers
--     from six provinces.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';
-- bulk load: skip foreign-key triggers for the load only (superuser); the data is consistent by construction
SET session_replication_role = replica;
SELECT setseed(0.42);

\ir catalogue.sql
\set lo 1
\set hi :orders
\ir staged_orders.sql

-- the monthly partitions of the orders' months (V13), so that none lands in the default partition
SELECT sales_order_make_partitions(3, timestamptz '2024-12-01 00:00Z');
-- indexes are built after the load (same definitions as the migrations)
CREATE TEMP TABLE saved_indexes AS
SELECT indexname, indexdef FROM pg_indexes
WHERE tablename = 'sales_order' AND indexname <> 'sales_order_pkey';
DO $$
DECLARE i record;
BEGIN
    FOR i IN SELECT indexname FROM saved_indexes LOOP
        EXECUTE 'DROP INDEX ' || quote_ident(i.indexname);
    END LOOP;
END $$;

\set from '2000-01-01 00:00+00'
\set to '2200-01-01 00:00+00'
\ir store_orders.sql
DROP TABLE bench_staged_order;


-- the idempotency keys (V13: the key table's primary key checks them), which the replica mode's skipped triggers
-- did not write
INSERT INTO order_key (platform, external_id, order_id, placed_at)
SELECT platform, external_id, id, placed_at FROM sales_order;
DO $$
DECLARE i record;
BEGIN
    -- pg_indexes defines a partitioned table's index ON ONLY the parent (invalid, none on the partitions): the
    -- whole table's here
    FOR i IN SELECT indexdef FROM saved_indexes LOOP
        EXECUTE replace(i.indexdef, ' ON ONLY ', ' ON ');
    END LOOP;
END $$;
RESET session_replication_role;
SELECT sales_order_make_partitions();   -- names the partitions' new indexes after the parent's
VACUUM ANALYZE sales_order;
