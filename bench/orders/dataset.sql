-- Orders already stored before the benchmark of recordOrders on the partitioned table (bench/orders/run.sh), loaded
-- into a database migrated to V12 (unpartitioned sales_order): :orders orders over the 24 months up to now, of 300
-- products from 30 suppliers, every channel but LIVESTREAM, 2% refunded. Deterministic (setseed).
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
SET work_mem = '128MB';
-- bulk load: skips the foreign-key and certified triggers (superuser); consistent by construction
SET session_replication_role = replica;
SELECT setseed(0.16);

INSERT INTO supplier (name, region_code, certified, households_benefited)
SELECT '订单基准供应商' || s, d.code, s % 10 <> 0, s
FROM generate_series(1, 30) s
JOIN LATERAL (SELECT code FROM region WHERE level = 'DISTRICT' ORDER BY code OFFSET s % 38 LIMIT 1) d ON true;
INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price, reference_price)
SELECT '订单基准产品' || p, '水果', s.region_code, s.id, round((5 + random() * 95)::numeric, 2), NULL
FROM generate_series(1, 300) p
JOIN supplier s ON s.name = '订单基准供应商' || (1 + p % 30);
CREATE TEMP TABLE prods AS SELECT row_number() OVER (ORDER BY p.id) AS n, p.id, p.origin_region_code, p.unit_price,
    s.certified FROM product p JOIN supplier s ON s.id = p.supplier_id WHERE p.name LIKE '订单基准产品%';

INSERT INTO sales_order (platform, external_id, channel, product_id, origin_region_code, quantity, unit_price, amount,
                         buyer_province, buyer_ref, status, placed_at, refunded_at, price_alert, buyer_type, certified)
SELECT 'preload', 'pre-' || g, (ARRAY['ONLINE_PLATFORM', 'SMART_CABINET', 'SUPERMARKET', 'FAIR'])[1 + g % 4],
       pr.id, pr.origin_region_code, q, pr.unit_price, q * pr.unit_price,
       (ARRAY['370000', '500000', '110000', NULL])[1 + g % 4], 'buyer-' || (g % 50000),
       CASE WHEN g % 50 = 0 THEN 'REFUNDED' ELSE 'PAID' END, t, CASE WHEN g % 50 = 0 THEN t + interval '1 hour' END,
       false, 'CONSUMER', pr.certified
FROM generate_series(1, :orders) g
CROSS JOIN LATERAL (SELECT 1 + (g * 7) % 5 AS q, now() - interval '730 days' * random() AS t) x
JOIN prods pr ON pr.n = 1 + (g * 31) % 300;
ANALYZE;
