-- Generates the benchmark's orders :lo..:hi (psql variables) into the unlogged table bench_staged_order, in no
-- particular order (dataset.sql and build-chunked.sh then store them in the order they happen). Deterministic for a
-- given seed (the caller's setseed) and range; run after catalogue.sql.
CREATE TEMP TABLE IF NOT EXISTS prods AS SELECT row_number() OVER (ORDER BY p.id) AS n, p.id, p.origin_region_code,
    p.unit_price, p.reference_price, s.certified FROM product p JOIN supplier s ON s.id = p.supplier_id;
CREATE TEMP TABLE IF NOT EXISTS sess AS SELECT row_number() OVER (ORDER BY id) AS n, id, streamer_id, started_at
    FROM live_session;
ANALYZE prods;
ANALYZE sess;
CREATE UNLOGGED TABLE IF NOT EXISTS bench_staged_order (g bigint, external_id text, channel text, session_id bigint,
    streamer_id bigint, product_id bigint, origin_region_code text, quantity integer, unit_price numeric,
    amount numeric, buyer_province text, status text, placed_at timestamptz, refunded_at timestamptz,
    price_alert boolean, buyer_type text, certified boolean);

INSERT INTO bench_staged_order
SELECT o.g, 'b-' || o.g,
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
    FROM generate_series(:lo::bigint, :hi::bigint) g,
         LATERAL (SELECT random() + g * 0 AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                         random() AS r6, random() AS r7, random() AS r8, random() AS r9, random() AS r10) r
) o
JOIN prods pr ON pr.n = o.pn
JOIN sess s ON s.n = o.sn
CROSS JOIN LATERAL (SELECT CASE WHEN o.alert THEN round(pr.reference_price * 1.45, 2) ELSE pr.unit_price END AS price) x
-- a live order falls inside its session (3 hours); the others anywhere in 2025
CROSS JOIN LATERAL (SELECT CASE WHEN o.live THEN s.started_at + (o.micros % 10800000000) * interval '1 microsecond'
                                ELSE timestamptz '2025-01-01 00:00+08' + o.micros * interval '1 microsecond' END AS t) w
-- stored in the order they happen, as orders arrive from the platforms;
