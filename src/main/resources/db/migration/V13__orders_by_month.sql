-- Orders partitioned by month of placed_at (issue 16; docs/SCALING.md, "Orders partitioned by month").
--
-- * sales_order becomes a table partitioned by range of placed_at, one partition per calendar month in UTC
--   (sales_order_YYYY_MM) and a default partition (sales_order_default) for any month that has none yet, so no
--   order is ever refused for its month. sales_order_make_partitions() (R__orders_partitions.sql, called by the
--   service's job) makes the coming months ahead and moves a month out of the default partition into its own.
-- * The primary key is (id, placed_at): a unique key of a partitioned table must hold the partition key. id comes
--   from a sequence (sales_order_id_seq) as a column default: PostgreSQL 15 has no identity column on a
--   partitioned table.
-- * The idempotency key (platform, external_id) cannot be unique across partitions without placed_at, and a
--   replay may carry another placed_at. It moves to the unpartitioned table order_key (platform, external_id) →
--   (order_id, placed_at), written by the write path in the same statement as the order (insert_orders.sql:
--   ON CONFLICT on order_key), and by a statement trigger for any other writer (R__orders_partitions.sql).
-- * alert.order_id referenced sales_order (id), which is no longer unique on its own: it references order_key
--   (order_id), unique, whose rows go with their orders (a statement trigger on DELETE).
--
-- The copy: every row keeps its id, xid and refund_xid, so the rollups and the aggregator's horizon stay valid as
-- they are (nothing is re-folded, nothing is folded twice). Measured: docs/SCALING.md.

ALTER TABLE alert DROP CONSTRAINT IF EXISTS alert_order_id_fkey;

-- The old table, read once by the copy below, keeps no constraint, index or trigger: their names go to the new one.
ALTER TABLE sales_order RENAME TO sales_order_unpartitioned;
DO $$
DECLARE
    c text;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'sales_order_unpartitioned'::regclass LOOP
        EXECUTE format('ALTER TABLE sales_order_unpartitioned DROP CONSTRAINT %I', c);
    END LOOP;
END
$$;
DROP INDEX sales_order_placed_idx, sales_order_session_idx, sales_order_streamer_idx, sales_order_product_idx,
    sales_order_region_idx, sales_order_alert_idx, sales_order_xid_idx, sales_order_refund_xid_idx;

CREATE SEQUENCE sales_order_id_seq_p AS bigint;

-- The columns in the order of the table they replace (V1, V3, V9).
CREATE TABLE sales_order (
    id                 bigint         NOT NULL DEFAULT nextval('sales_order_id_seq_p'),
    platform           text           NOT NULL,
    external_id        text           NOT NULL,
    channel            text           NOT NULL CHECK (channel IN ('LIVESTREAM', 'ONLINE_PLATFORM', 'SMART_CABINET', 'SUPERMARKET', 'FAIR')),
    session_id         bigint REFERENCES live_session (id),
    streamer_id        bigint REFERENCES streamer (id),
    product_id         bigint         NOT NULL REFERENCES product (id),
    origin_region_code varchar(12)    NOT NULL REFERENCES region (code),
    quantity           integer        NOT NULL CHECK (quantity > 0),
    unit_price         numeric(12, 2) NOT NULL CHECK (unit_price > 0),
    amount             numeric(14, 2) NOT NULL CHECK (amount > 0),
    buyer_province     varchar(6),
    buyer_ref          text,
    status             text           NOT NULL DEFAULT 'PAID' CHECK (status IN ('PAID', 'REFUNDED')),
    placed_at          timestamptz    NOT NULL,
    refunded_at        timestamptz,
    price_alert        boolean        NOT NULL,
    received_at        timestamptz    NOT NULL DEFAULT now(),
    xid                xid8           NOT NULL DEFAULT pg_current_xact_id(),
    refund_xid         xid8,
    buyer_type         text           NOT NULL DEFAULT 'CONSUMER'
        CONSTRAINT sales_order_buyer_type_check CHECK (buyer_type IN ('CONSUMER', 'BUDGET_UNIT', 'PAIRING_UNIT',
            'EAST_WEST_COOPERATION', 'ASSISTANCE_GROUP', 'ENTERPRISE')),
    certified          boolean        NOT NULL,
    CONSTRAINT sales_order_pkey PRIMARY KEY (id, placed_at),
    CHECK ((status = 'REFUNDED') = (refunded_at IS NOT NULL)),
    CHECK (channel <> 'LIVESTREAM' OR session_id IS NOT NULL)
) PARTITION BY RANGE (placed_at);
ALTER SEQUENCE sales_order_id_seq_p OWNED BY sales_order.id;

-- The indexes of the table it replaces, on every partition (each partition's copy is named after the parent's
-- index with the partition's suffix: sales_order_placed_idx_2026_12).
CREATE INDEX sales_order_placed_idx ON sales_order (placed_at DESC, id DESC);
CREATE INDEX sales_order_session_idx ON sales_order (session_id, placed_at DESC, id DESC);
CREATE INDEX sales_order_streamer_idx ON sales_order (streamer_id, placed_at DESC, id DESC);
CREATE INDEX sales_order_product_idx ON sales_order (product_id, placed_at DESC, id DESC);
CREATE INDEX sales_order_region_idx ON sales_order (origin_region_code, placed_at DESC, id DESC);
CREATE INDEX sales_order_alert_idx ON sales_order (placed_at DESC, id DESC) WHERE price_alert;
CREATE INDEX sales_order_xid_idx ON sales_order (xid);
CREATE INDEX sales_order_refund_xid_idx ON sales_order (refund_xid) WHERE refund_xid IS NOT NULL;

-- The idempotency key of every order, whatever its partition. placed_at finds the order's partition.
CREATE TABLE order_key (
    platform    text        NOT NULL,
    external_id text        NOT NULL,
    order_id    bigint      NOT NULL CONSTRAINT order_key_order_id_key UNIQUE,
    placed_at   timestamptz NOT NULL,
    CONSTRAINT order_key_pkey PRIMARY KEY (platform, external_id)
);

-- Partitions for every month the stored orders span, made before the copy so that nothing lands in the default.
CREATE TABLE sales_order_default PARTITION OF sales_order DEFAULT;
DO $$
DECLARE
    month timestamptz := date_trunc('month', (SELECT min(placed_at) FROM sales_order_unpartitioned), 'UTC');
    last  timestamptz := (SELECT max(placed_at) FROM sales_order_unpartitioned);
BEGIN
    WHILE month <= last LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF sales_order FOR VALUES FROM (%L) TO (%L)',
                       'sales_order_' || to_char(month AT TIME ZONE 'UTC', 'YYYY_MM'), month,
                       (month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC');
        month := (month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
    END LOOP;
END
$$;

INSERT INTO sales_order (id, platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code,
                         quantity, unit_price, amount, buyer_province, buyer_ref, status, placed_at, refunded_at,
                         price_alert, received_at, xid, refund_xid, buyer_type, certified)
SELECT id, platform, external_id, channel, session_id, streamer_id, product_id, origin_region_code, quantity,
       unit_price, amount, buyer_province, buyer_ref, status, placed_at, refunded_at, price_alert, received_at, xid,
       refund_xid, buyer_type, certified
FROM sales_order_unpartitioned;

INSERT INTO order_key (platform, external_id, order_id, placed_at)
SELECT platform, external_id, id, placed_at FROM sales_order_unpartitioned;

SELECT setval('sales_order_id_seq_p', coalesce((SELECT max(id) FROM sales_order_unpartitioned), 0) + 1, false);
DROP TABLE sales_order_unpartitioned;
ALTER SEQUENCE sales_order_id_seq_p RENAME TO sales_order_id_seq;

ALTER TABLE alert ADD CONSTRAINT alert_order_id_fkey FOREIGN KEY (order_id) REFERENCES order_key (order_id)
    ON DELETE CASCADE;

-- The triggers of the table it replaces, on the parent (row triggers are cloned to every partition). Their
-- functions are in R__analytics_functions.sql; the key's triggers in R__orders_partitions.sql.
CREATE TRIGGER sales_order_guard_update BEFORE UPDATE ON sales_order
    FOR EACH ROW EXECUTE FUNCTION sales_order_guard_update();
-- Its function comes from R__analytics_functions.sql: on a new database it does not exist yet (that file, applied
-- after every versioned migration, makes the trigger then).
DO $$
BEGIN
    IF to_regproc('sales_order_certified_at_insert') IS NOT NULL THEN
        CREATE TRIGGER sales_order_certified_at_insert BEFORE INSERT ON sales_order
            FOR EACH ROW WHEN (NEW.certified IS NULL) EXECUTE FUNCTION sales_order_certified_at_insert();
    END IF;
END
$$;

ANALYZE sales_order;
ANALYZE order_key;
