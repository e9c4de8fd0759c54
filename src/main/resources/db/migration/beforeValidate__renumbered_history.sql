-- Flyway runs this before it validates, at every start (a callback, not a migration).
-- The migrations were renumbered once, on 2026-12-04, into one contiguous sequence: V10__live_stats.sql,
-- committed before V3 and V4, became V5__live_stats.sql with the same content (and checksum). A database
-- migrated by an earlier release records it as version 10; this renames that row so the history matches
-- the files and the next migration (V6) applies. It changes nothing on any other database.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        UPDATE flyway_schema_history SET version = '5', script = 'db/migration/V5__live_stats.sql'
         WHERE version = '10' AND script = 'db/migration/V10__live_stats.sql';
    END IF;
END
$$;
