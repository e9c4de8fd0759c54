-- Stores the staged orders placed in [:'from', :'to') into sales_order in the order they happen (as orders arrive
-- from the platforms). Needs session_replication_role = replica (no foreign-key triggers: consistent by construction).
INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code,
                         quantity, unit_price, amount, buyer_province, status, placed_at, refunded_at, price_alert,
                         buyer_type, certified)
SELECT 'bench', external_id, channel, session_id, streamer_id, product_id, origin_region_code, quantity, unit_price,
       amount, buyer_province, status, placed_at, refunded_at, price_alert, buyer_type, certified
FROM bench_staged_order
WHERE placed_at >= :'from' AND placed_at < :'to'
ORDER BY placed_at;
