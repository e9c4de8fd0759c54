-- Inserts a batch of orders, one array element each, in one statement; an order whose
-- (platform, external_id) is already stored is skipped. Answers the inserted orders' /*COLUMNS*/
-- (Order.COLUMNS). The key is claimed in order_key (unpartitioned: unique whatever the month, V13) and only the
-- orders whose key was new are inserted into sales_order (partitioned by month), under the id drawn for them.
--
-- $1  platforms        text[]         the selling platform of each order
-- $2  external_ids     text[]         the platform's own order id
-- $3  channels         text[]         the channel (LIVESTREAM, ONLINE_PLATFORM, …)
-- $4  session_ids      bigint[]       the live session (LIVESTREAM orders), else null
-- $5  streamer_ids     bigint[]       the session's host, else null
-- $6  product_ids      bigint[]       the product
-- $7  origin_regions   text[]         the product's origin region code
-- $8  quantities       int[]          items ordered
-- $9  unit_prices      text[]         unit price, as exact decimal text
-- $10 amounts          text[]         quantity × unit price, as exact decimal text
-- $11 buyer_provinces  text[]         the buyer's province code, or null
-- $12 buyer_refs       text[]         the platform's buyer reference, or null
-- $13 placed_at        timestamptz[]  when the order was placed
-- $14 price_alerts     boolean[]      whether the unit price is above 1.3 × the reference price
-- $15 buyer_types      text[]         who bought (CONSUMER, BUDGET_UNIT, …)
-- $16 certified        boolean[]      whether the product's supplier is certified (and not blacklisted) now
WITH input AS MATERIALIZED (
    SELECT nextval('sales_order_id_seq') AS id, t.*
    FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::int[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::boolean[], $15::text[],
                $16::boolean[])
         AS t(p, e, c, s, st, pr, r, q, u, a, bp, br, t, al, bt, ce)
),
claimed AS (
    INSERT INTO order_key (platform, external_id, order_id, placed_at)
    SELECT p, e, id, t FROM input
    ON CONFLICT (platform, external_id) DO NOTHING
    RETURNING order_id
)
INSERT INTO sales_order (id, platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code,
                         quantity, unit_price, amount, buyer_province, buyer_ref, placed_at, price_alert, buyer_type,
                         certified)
SELECT i.id, p, e, c, s, st, pr, r, q, u::numeric, a::numeric, bp, br, t, al, bt, ce
FROM input i JOIN claimed k ON k.order_id = i.id
RETURNING /*COLUMNS*/
