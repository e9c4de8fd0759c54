-- Benchmark dataset for the live path (issue 3), generated set-based on top of the migrated schema:
-- 400 suppliers, 3000 products, 1000 hosts, :sessions ENDED sessions over the past year with
-- :orders orders in all (70% livestream inside their sessions' windows, 30% other channels), and
-- the LIVE sessions the benchmark drives: 'bench-live-read' (with :live_orders orders already) and
-- 'bench-live-ingest' (empty). Run with psql -v orders=10000000 -v sessions=20000 -v live_orders=200000.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- the monthly partitions of the orders' months (V13), so that none lands in the default partition
SELECT sales_order_make_partitions(3, now() - interval '13 months');

INSERT INTO supplier (name, region_code, certified, households_benefited)
SELECT 'bench supplier ' || s, r.code, true, 10 + s % 300
FROM generate_series(1, 400) s
JOIN LATERAL (SELECT code FROM region WHERE level = 'DISTRICT' ORDER BY code OFFSET s % 38 LIMIT 1) r ON true;

INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price, reference_price)
SELECT 'bench product ' || p, (ARRAY['水果', '茶叶', '干货', '肉制品', '蜂蜜', '粮油'])[1 + p % 6], s.region_code, s.id,
       round((9.90 + (p % 200) * 1.37)::numeric, 2), round((9.90 + (p % 200) * 1.37)::numeric, 2)
FROM generate_series(1, 3000) p
JOIN supplier s ON s.name = 'bench supplier ' || (1 + p % 400);

INSERT INTO streamer (handle, display_name, kind, platform, home_region_code)
SELECT 'bench-host-' || h, 'Bench host ' || h, (ARRAY['INFLUENCER', 'OFFICIAL', 'ENTREPRENEUR', 'FARMER'])[1 + h % 4],
       (ARRAY['douyin', 'kuaishou', 'taobao-live', '832'])[1 + h % 4],
       (SELECT code FROM region WHERE level = 'DISTRICT' ORDER BY code OFFSET h % 38 LIMIT 1)
FROM generate_series(1, 1000) h;

-- ENDED sessions: two hours each, spread over the past year.
INSERT INTO live_session (title, streamer_id, region_code, status, scheduled_start, started_at, ended_at)
SELECT 'bench session ' || n, st.id, st.home_region_code, 'ENDED', t, t, t + interval '2 hours'
FROM generate_series(1, :sessions) n
CROSS JOIN LATERAL (SELECT now() - interval '365 days' + (n * interval '365 days' / :sessions) AS t) times
JOIN streamer st ON st.handle = 'bench-host-' || (1 + n % 1000);

INSERT INTO live_session (title, streamer_id, region_code, status, scheduled_start, started_at)
SELECT title, st.id, st.home_region_code, 'LIVE', now() - interval '2 hours', now() - interval '2 hours'
FROM (VALUES ('bench-live-read'), ('bench-live-ingest')) v(title)
JOIN streamer st ON st.handle = 'bench-host-1';

-- Five featured products per session.
INSERT INTO live_session_product (session_id, product_id, position)
SELECT ls.id, p.id, k
FROM live_session ls
CROSS JOIN generate_series(0, 4) k
JOIN product p ON p.name = 'bench product ' || (1 + (ls.id * 5 + k) % 3000)
WHERE ls.title LIKE 'bench%';

-- Orders. The secondary indexes are dropped for the load and re-created from their own definitions.
CREATE TEMP TABLE bench_index AS
SELECT indexname, indexdef FROM pg_indexes
WHERE tablename = 'sales_order' AND indexname NOT IN ('sales_order_pkey', 'sales_order_platform_external_id_key');
DO $$ DECLARE i record; BEGIN
  FOR i IN SELECT indexname FROM bench_index LOOP EXECUTE 'DROP INDEX ' || quote_ident(i.indexname); END LOOP;
END $$;
-- Bulk load without triggers (superuser; consistent by construction: every supplier is certified, so is every
-- order): V13's statement trigger that writes each new order's idempotency key did not finish in 11 minutes on
-- 700,000 rows here; the keys are written in one INSERT after the orders.
SET session_replication_role = replica;

CREATE TEMP TABLE bench_session AS
SELECT ls.id, ls.streamer_id, ls.started_at, ls.ended_at, row_number() OVER (ORDER BY ls.id) AS k,
       array_agg(sp.product_id ORDER BY sp.position) AS products
FROM live_session ls JOIN live_session_product sp ON sp.session_id = ls.id
WHERE ls.title LIKE 'bench session %' GROUP BY ls.id;
CREATE TEMP TABLE bench_product AS
SELECT id, origin_region_code, unit_price, row_number() OVER (ORDER BY id) AS k FROM product WHERE name LIKE 'bench product %';

-- 70% livestream orders inside their sessions' windows.
INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code,
                         quantity, unit_price, amount, buyer_province, buyer_ref, status, placed_at, refunded_at,
                         price_alert, certified)
SELECT 'bench', 'l-' || n, 'LIVESTREAM', s.id, s.streamer_id, p.id, p.origin_region_code, q, p.unit_price,
       p.unit_price * q, (ARRAY['500000', '370000', '110000', '440000'])[1 + n % 4], 'b' || (n * 7919 % 2000000),
       CASE WHEN n % 33 = 0 THEN 'REFUNDED' ELSE 'PAID' END,
       s.started_at + (n % 7200) * interval '1 second',
       CASE WHEN n % 33 = 0 THEN s.started_at + interval '3 hours' END, false, true
FROM generate_series(1, (:orders * 7 / 10)::bigint) n
CROSS JOIN LATERAL (SELECT 1 + n % 5 AS q) qq
JOIN bench_session s ON s.k = 1 + n % :sessions
JOIN product p ON p.id = s.products[1 + (n / :sessions) % 5];

-- 30% other channels over the past year.
INSERT INTO sales_order (platform, external_id, channel, product_id, origin_region_code, quantity, unit_price,
                         amount, buyer_province, buyer_ref, status, placed_at, refunded_at, price_alert, certified)
SELECT 'bench', 'o-' || n, (ARRAY['ONLINE_PLATFORM', 'SMART_CABINET', 'SUPERMARKET', 'FAIR'])[1 + n % 4], p.id,
       p.origin_region_code, 1 + n % 3, p.unit_price, p.unit_price * (1 + n % 3), '500000', 'b' || (n % 500000),
       'PAID', now() - interval '365 days' + (n % 31536000) * interval '1 second', NULL, false, true
FROM generate_series(1, (:orders * 3 / 10)::bigint) n
JOIN bench_product p ON p.k = 1 + n % 3000;

-- The read session: a big LIVE session, its orders placed since it started.
INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code,
                         quantity, unit_price, amount, buyer_ref, status, placed_at, refunded_at, price_alert, certified)
SELECT 'bench', 'r-' || n, 'LIVESTREAM', ls.id, ls.streamer_id, p.id, p.origin_region_code, 1 + n % 3, p.unit_price,
       p.unit_price * (1 + n % 3), 'b' || (n % 50000), CASE WHEN n % 50 = 0 THEN 'REFUNDED' ELSE 'PAID' END,
       ls.started_at + (n % 7000) * interval '1 second', CASE WHEN n % 50 = 0 THEN now() END, false, true
FROM generate_series(1, :live_orders) n
JOIN live_session ls ON ls.title = 'bench-live-read'
JOIN live_session_product sp ON sp.session_id = ls.id AND sp.position = n % 5
JOIN product p ON p.id = sp.product_id;
SET session_replication_role = origin;
DO $$ BEGIN
  IF to_regclass('order_key') IS NOT NULL THEN
    INSERT INTO order_key (platform, external_id, order_id, placed_at)
    SELECT platform, external_id, id, placed_at FROM sales_order WHERE platform = 'bench';
  END IF;
END $$;

DO $$ DECLARE i record; BEGIN
  -- pg_indexes defines a partitioned table's index ON ONLY the parent: run as it is, it leaves the index invalid
  -- and none on the monthly partitions (every index-driven read then scans the table: see PERFORMANCE.md, issue 17)
  FOR i IN SELECT indexdef FROM bench_index LOOP EXECUTE replace(i.indexdef, ' ON ONLY ', ' ON '); END LOOP;
END $$;
ANALYZE;
SELECT count(*) AS orders FROM sales_order;
