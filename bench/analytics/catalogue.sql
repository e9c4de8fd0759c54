-- The benchmark's regions, catalogue, hosts and sessions (part of dataset.sql; build-chunked.sh runs it alone).
-- Needs the session settings and the seed of its caller (session_replication_role = replica, setseed).
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

