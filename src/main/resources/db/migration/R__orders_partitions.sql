-- The monthly partitions of sales_order and its idempotency key (V13; docs/SCALING.md, "Orders partitioned by
-- month"). Repeatable: Flyway re-applies this file whenever it changes, after every versioned migration.

-------------------------------------------------------------------------------------------- partitions
-- Partition of the UTC month starting at `month`: sales_order_YYYY_MM, [month, month + 1 month).
CREATE OR REPLACE FUNCTION sales_order_partition_name(month timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT 'sales_order_' || to_char(month AT TIME ZONE 'UTC', 'YYYY_MM') $$;

CREATE OR REPLACE FUNCTION sales_order_next_month(month timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$ SELECT (month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC' $$;

-- Makes the partitions of the current UTC month and the `ahead` next ones (from the month of `since` when given: a
-- bulk load of past orders makes their months first), and of every month that has orders in
-- the default partition (a backfill, an order placed beyond the months made ahead, a database restored from
-- before the job ran): those rows move into their month's new partition, in this transaction. Then names every
-- partition's indexes after the parent's (sales_order_placed_idx_2026_12). Returns the number of partitions
-- made. One run at a time across the instances (advisory lock); a run that finds the lock taken returns -1.
--
-- Locks: a partition is made as a table of its own and then attached (ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE
-- on sales_order, where CREATE TABLE … PARTITION OF would take ACCESS EXCLUSIVE): orders keep being written and read
-- meanwhile. Attaching takes ACCESS EXCLUSIVE on the default partition (PostgreSQL checks that none of its rows
-- belongs to the new month): small by design, so held for a moment. A run that moves rows out of the default
-- partition takes ACCESS EXCLUSIVE on the whole of sales_order first, until it commits (why: in the function).
-- lock_wait bounds the wait for those locks (a long export holding the default partition): past it the run fails and
-- the next one retries, instead of queueing every reader of the orders behind it.
CREATE OR REPLACE FUNCTION sales_order_make_partitions(ahead integer DEFAULT 3, since timestamptz DEFAULT NULL,
                                                       lock_wait interval DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    current timestamptz := date_trunc('month', now(), 'UTC');
    first   timestamptz := date_trunc('month', least(coalesce(since, now()), now()), 'UTC');
    month   timestamptz;
    name    text;
    made    integer := 0;
    idx     record;
BEGIN
    IF NOT pg_try_advisory_xact_lock(4242000016) THEN
        RETURN -1;
    END IF;
    IF lock_wait IS NOT NULL THEN
        PERFORM set_config('lock_timeout', (extract(epoch FROM lock_wait) * 1000)::bigint::text, true);
    END IF;
    -- Orders in the default partition move into their month's new partition below: every reader and writer of the
    -- orders is kept out until this commits (the whole table, not only the default partition). A statement planned
    -- with the partitions as they were but reading with a snapshot taken after the move would find the month neither
    -- in the default partition (its rows gone) nor in the new one (not in its plan): a total read meanwhile missed
    -- orders (MonthMovedWhileReadTest). Taken first, before any other lock on the table, so that no reader holding
    -- it waits for a partition this run holds. Only when rows move: a backfill of a month without a partition.
    IF EXISTS (SELECT 1 FROM sales_order_default) THEN
        LOCK TABLE sales_order IN ACCESS EXCLUSIVE MODE;
    END IF;
    FOR month IN
        SELECT g AT TIME ZONE 'UTC'
        FROM generate_series(first AT TIME ZONE 'UTC', (current AT TIME ZONE 'UTC') + ahead * interval '1 month',
                             interval '1 month') g
        UNION
        SELECT DISTINCT date_trunc('month', d.placed_at, 'UTC') FROM sales_order_default d
        ORDER BY 1
    LOOP
        name := sales_order_partition_name(month);
        CONTINUE WHEN to_regclass(quote_ident(name)) IS NOT NULL;
        EXECUTE format('CREATE TABLE %I (LIKE sales_order INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
        IF EXISTS (SELECT 1 FROM sales_order_default d
                   WHERE d.placed_at >= month AND d.placed_at < sales_order_next_month(month)) THEN
            -- its rows leave the default partition for the new one before it is attached (the table is locked, above)
            EXECUTE format('WITH moved AS (DELETE FROM sales_order_default WHERE placed_at >= $1 AND placed_at < $2'
                           || ' RETURNING *) INSERT INTO %I SELECT * FROM moved', name)
                USING month, sales_order_next_month(month);
        END IF;
        EXECUTE format('ALTER TABLE sales_order ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, month,
                       sales_order_next_month(month));
        made := made + 1;
    END LOOP;
    -- each partition's index is named after its parent index, with the partition's suffix
    FOR idx IN
        SELECT ci.relname AS child, pi.relname AS parent, substr(part.relname, length('sales_order_') + 1) AS suffix
        FROM pg_inherits i
        JOIN pg_class ci ON ci.oid = i.inhrelid
        JOIN pg_class pi ON pi.oid = i.inhparent
        JOIN pg_index x ON x.indexrelid = ci.oid
        JOIN pg_class part ON part.oid = x.indrelid
        WHERE pi.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'sales_order'::regclass)
          AND ci.relname <> pi.relname || '_' || substr(part.relname, length('sales_order_') + 1)
    LOOP
        EXECUTE format('ALTER INDEX %I RENAME TO %I', idx.child, idx.parent || '_' || idx.suffix);
    END LOOP;
    RETURN made;
END
$$;

-------------------------------------------------------------------------------------------- the key
-- The write path (insert_orders.sql) writes each new order's key in the same statement, ON CONFLICT on order_key.
-- Any other writer (a backfill, psql, the demo data, a test) gets its orders' keys here, at the end of its
-- statement; a key already stored for another order fails the statement as the unique constraint on
-- sales_order (platform, external_id) did before V13. The write path's keys are found already there.
CREATE OR REPLACE FUNCTION order_key_of_new_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO order_key (platform, external_id, order_id, placed_at)
    SELECT n.platform, n.external_id, n.id, n.placed_at FROM new_orders n
    WHERE NOT EXISTS (SELECT 1 FROM order_key k WHERE k.platform = n.platform AND k.external_id = n.external_id);
    IF EXISTS (SELECT 1 FROM new_orders n
               JOIN order_key k ON k.platform = n.platform AND k.external_id = n.external_id
               WHERE k.order_id <> n.id OR k.placed_at <> n.placed_at) THEN
        RAISE EXCEPTION 'an order with this (platform, external_id) is stored already'
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'order_key_pkey', TABLE = 'order_key';
    END IF;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS order_key_of_new_orders ON sales_order;
CREATE TRIGGER order_key_of_new_orders AFTER INSERT ON sales_order
    REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION order_key_of_new_orders();

-- A deleted order's key goes with it (and its alerts, by order_key's foreign key). Orders are facts: this is for
-- benchmarks' and tests' clean-ups. Rows moved out of the default partition are deleted from the partition
-- itself: this trigger, on the parent, does not fire for them.
CREATE OR REPLACE FUNCTION order_key_of_deleted_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM order_key k USING old_orders o WHERE k.order_id = o.id;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS order_key_of_deleted_orders ON sales_order;
CREATE TRIGGER order_key_of_deleted_orders AFTER DELETE ON sales_order
    REFERENCING OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION order_key_of_deleted_orders();

SELECT sales_order_make_partitions();
