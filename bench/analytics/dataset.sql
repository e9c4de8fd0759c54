-- Benchmark dataset for regional analytics (issue 4), set-based and deterministic (setseed).
-- Run by run.sh with psql -v orders=N on a database the service has already migrated.
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

INSERT INTO region (code, name, level, parent_code, poverty_focus, path)
SELECT d.code || lpad(t::text, 3, '0'), d.name || '第' || t || '镇', 'TOWNSHIP', d.code, t = 1,
       d.path || d.code || lpad(t::text, 3, '0') || '/'
FROM region d CROSS JOIN generate_series(101, 108) t
WHERE d.level = 'DISTRICT';
INSERT INTO region (code, name, level, parent_code, poverty_focus, path)
SELECT tw.code || lpad(v::text, 3, '0'), tw.name || v || '村', 'VILLAGE', tw.code, v = 201,
       tw.path || tw.code || lpad(v::text, 3, '0') || '/'
FROM region tw CROSS JOIN generate_series(201, 204) v
WHERE tw.level = 'TOWNSHIP';

CREATE TEMP TABLE places AS
SELECT row_number() OVER (ORDER BY code) AS n, code, level FROM region WHERE level IN ('TOWNSHIP', 'VILLAGE');

INSERT INTO supplier (name, region_code, certified, households_benefited)
SELECT '供应商' || s, (SELECT code FROM places WHERE n = 1 + (s * 7919) % (SELECT count(*) FROM places)), s % 20 <> 0,
       (s * 31) % 400
FROM generate_series(1, 1000) s;

INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price, reference_price)
SELECT '产品' || p, (ARRAY['水果', '茶叶', '肉制品', '干货', '粮油'])[1 + p % 5], s.region_code, s.id,
       round((5 + random() * 195)::numeric, 2), NULL
FROM generate_series(1, 3000) p
JOIN supplier s ON s.id = 1 + (p * 13) % 1000;
UPDATE product SET reference_price = round(unit_price * 0.95, 2);

INSERT INTO streamer (handle, display_name, kind, platform, home_region_code)
SELECT 'bench-host-' || h, '主播' || h, (ARRAY['INFLUENCER', 'OFFICIAL', 'ENTREPRENEUR', 'FARMER'])[1 + h % 4],
       (ARRAY['douyin', 'kuaishou', 'taobao-live', '832'])[1 + h % 4], '500236'
FROM generate_series(1, 500) h;

INSERT INTO live_session (title, streamer_id, region_code, status, scheduled_start, started_at, ended_at)
SELECT '直播' || s, 1 + (s * 17) % 500, '500236', 'ENDED', t, t, t + interval '3 hours'
FROM generate_series(1, 20000) s
CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01 00:00+08' + (s - 1) * interval '26 minutes' AS t) x;

-- the BEFORE INSERT trigger that sets in_focus does not fire in replica mode: set it for the new regions here
UPDATE region r SET in_focus = EXISTS (SELECT 1 FROM region a WHERE a.poverty_focus AND r.path LIKE a.path || '%');

CREATE TEMP TABLE prods AS SELECT row_number() OVER (ORDER BY p.id) AS n, p.id, p.origin_region_code, p.unit_price,
    p.reference_price, s.certified FROM product p JOIN supplier s ON s.id = p.supplier_id;
CREATE TEMP TABLE sess AS SELECT row_number() OVER (ORDER BY id) AS n, id, streamer_id, started_at FROM live_session;
ANALYZE prods;
ANALYZE sess;

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

INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code,
                         quantity, unit_price, amount, buyer_province, status, placed_at, refunded_at, price_alert,
                         buyer_type, certified)
SELECT 'bench', 'b-' || o.g,
       CASE WHEN o.live THEN 'LIVESTREAM' ELSE o.other_channel END,
       CASE WHEN o.live THEN s.id END, CASE WHEN o.live THEN s.streamer_id END,
       pr.id, pr.origin_region_code, o.q, x.price, o.q * x.price, o.province,
       CASE WHEN o.refunded THEN 'REFUNDED' ELSE 'PAID' END, w.t,
       CASE WHEN o.refunded THEN w.t + interval '1 hour' END,
       x.price > 1.3 * pr.reference_price, o.buyer_type, pr.certified
FROM (
    SELECT g, r1 < 0.4 AS live,
           (ARRAY['ONLINE_PLATFORM', 'SMART_CABINET', 'SUPERMARKET', 'FAIR'])[1 + floor(r2 * 4)::int] AS other_channel,
           1 + floor(r3 * 3000)::bigint AS pn, 1 + floor(r4 * 20000)::bigint AS sn,
           1 + floor(r5 * 5)::int AS q, r6 < 0.02 AS alert, r7 < 0.03 AS refunded,
           (ARRAY['500000', '500000', '370000', '110000', '310000', '440000'])[1 + floor(r8 * 6)::int] AS province,
           floor(r9 * 365 * 86400 * 1000000)::bigint AS micros,
           -- who bought: mostly consumers, then units' procurement and assistance buying
           (ARRAY['CONSUMER', 'CONSUMER', 'CONSUMER', 'CONSUMER', 'CONSUMER', 'CONSUMER', 'CONSUMER', 'BUDGET_UNIT',
                  'PAIRING_UNIT', 'EAST_WEST_COOPERATION', 'ASSISTANCE_GROUP', 'ENTERPRISE'])[1 + floor(r10 * 12)::int]
               AS buyer_type
    FROM generate_series(1, :orders) g,
         LATERAL (SELECT random() + g * 0 AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                         random() AS r6, random() AS r7, random() AS r8, random() AS r9, random() AS r10) r
) o
JOIN prods pr ON pr.n = o.pn
JOIN sess s ON s.n = o.sn
CROSS JOIN LATERAL (SELECT CASE WHEN o.alert THEN round(pr.reference_price * 1.45, 2) ELSE pr.unit_price END AS price) x
-- a live order falls inside its session (3 hours); the others anywhere in 2025
CROSS JOIN LATERAL (SELECT CASE WHEN o.live THEN s.started_at + (o.micros % 10800000000) * interval '1 microsecond'
                                ELSE timestamptz '2025-01-01 00:00+08' + o.micros * interval '1 microsecond' END AS t) w
-- stored in the order they happen, as orders arrive from the platforms
ORDER BY w.t;

-- the idempotency keys (V13: the key table's primary key checks them), which the replica mode's skipped triggers
-- did not write
INSERT INTO order_key (platform, external_id, order_id, placed_at)
SELECT platform, external_id, id, placed_at FROM sales_order;
DO $$
DECLARE i record;
BEGIN
    FOR i IN SELECT indexdef FROM saved_indexes LOOP
        EXECUTE i.indexdef;
    END LOOP;
END $$;
RESET session_replication_role;
SELECT sales_order_make_partitions();   -- names the partitions' new indexes after the parent's
VACUUM ANALYZE sales_order;
