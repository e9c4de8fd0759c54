#!/usr/bin/env bash
# Builds the analytics benchmark's database (the dataset of dataset.sql) in locked steps of at most a few minutes
# each, instead of one load and one analytics_rebuild() of 20+ minutes (10M orders):
#
#   bench/analytics/build-chunked.sh <db> <orders>        e.g. livetally_reports_10m 10000000
#
# The work, in order, each piece resumable (a piece already done is skipped when the script is run again):
# 1. create the database and migrate it (the packaged service, BENCH_APP or target/quarkus-app, started once);
#    regions, catalogue, hosts, sessions;
# 2. the orders generated into an unlogged staging table in two halves (the second with another seed: the dataset's
#    shape, not the same rows as a one-shot build);
# 3. one month of 2025 (Asia/Shanghai) at a time: its orders stored in the order they happen, then folded into the
#    rollups as the service's aggregator folds them (analytics_aggregate(): everything committed below the horizon
#    of finished transactions; the first month through analytics_rebuild(), horizon 0), repeated until no order is
#    left in the tail — so the rollups equal a rebuild (the aggregator's exactness, RollupAggregationTest);
# 4. the staging table dropped, VACUUM ANALYZE.
# Each locked step (`flock $BENCH_LOCK`, default /tmp/livetally-heavy.lock) runs pieces until BENCH_STEP_BUDGET
# seconds (default 200) have passed, then releases the lock for the others; no piece takes more than ~3 minutes on
# 10M orders, so no step holds the lock for 10.
# BENCH_REDIS_DB, BENCH_PORT, BENCH_MANAGEMENT_PORT: the service started for the migration.
set -euo pipefail
cd "$(dirname "$0")/../.."
STEP=
if [ "${1:-}" = --step ]; then STEP=1; shift; fi
DB=$1 N=$2
LOCK=${BENCH_LOCK:-/tmp/livetally-heavy.lock}
APP=${BENCH_APP:-target/quarkus-app}
PORT=${BENCH_PORT:-18481}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18483}
BUDGET=${BENCH_STEP_BUDGET:-200}
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
BULK="SET synchronous_commit = off; SET work_mem = '256MB'; SET session_replication_role = replica;"
log() { printf '== %s: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
q() { "${PSQL[@]}" -d "$DB" -tAc "$1"; }
month_from() { printf '2025-%02d-01 00:00+08' "$1"; }
month_to() { if [ "$1" = 12 ]; then echo '2026-01-01 00:00+08'; else printf '2025-%02d-01 00:00+08' $(($1 + 1)); fi; }

# the staging table holds orders of that condition, or it is gone and the orders are stored
staged() {
  if [ "$(q "SELECT to_regclass('bench_staged_order') IS NOT NULL")" = t ]; then
    [ "$(q "SELECT EXISTS (SELECT 1 FROM bench_staged_order WHERE $1)")" = t ]
  else
    [ "$(q "SELECT EXISTS (SELECT 1 FROM sales_order)")" = t ]
  fi
}
# the pieces, in order; each prints nothing and fails on error
piece_done() { # name → 0 when already done
  case $1 in
    migrate) [ -n "$("${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ] \
               && [ "$(q "SELECT to_regclass('supplier') IS NOT NULL AND EXISTS (SELECT 1 FROM supplier)")" = t ] ;;
    half1) staged "g <= $((N / 2))" ;;
    half2) staged "g > $((N / 2))" ;;
    month*) local m=${1#month}
            [ "$(q "SELECT EXISTS (SELECT 1 FROM sales_order WHERE placed_at >= '$(month_from "$m")'
                      AND placed_at < '$(month_to "$m")') AND horizon <> '0' AND NOT EXISTS (SELECT 1 FROM sales_order
                      WHERE xid >= horizon OR refund_xid >= horizon) FROM analytics_state")" = t ] ;;
    finish) [ "$(q "SELECT to_regclass('bench_staged_order') IS NULL AND
                    (SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'rollup_region_buyer')")" = t ] ;;
  esac
}
piece() {
  case $1 in
    migrate)
      "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
      # the prod profile needs a key to verify tokens (none is minted here): a throwaway one
      local keys
      keys=$(mktemp -d)
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
      openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
      JWT_PUBLIC_KEY_LOCATION="$keys/public.pem" DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres REDIS_URL=redis://127.0.0.1:6379/${BENCH_REDIS_DB:-4} \
        QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
        QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT java -jar "$APP/quarkus-run.jar" > "/tmp/build-chunked-$DB.log" 2>&1 &
      local pid=$!
      for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" > /dev/null 2>&1 && break
        kill -0 "$pid" 2>/dev/null || { tail -30 "/tmp/build-chunked-$DB.log"; exit 1; }
        sleep 1
      done
      kill "$pid"; wait "$pid" || true
      rm -rf "$keys"
      "${PSQL[@]}" -d "$DB" -c "$BULK SELECT setseed(0.42);" -f bench/analytics/catalogue.sql
      # the orders' months get their own partitions (V13), so that none lands in the default partition
      q "SELECT sales_order_make_partitions(3, timestamptz '2024-12-01 00:00Z')" > /dev/null ;;
    half1)
      "${PSQL[@]}" -d "$DB" -c "$BULK SELECT setseed(0.42);" -v lo=1 -v hi=$((N / 2)) \
        -f bench/analytics/staged_orders.sql ;;
    half2)
      "${PSQL[@]}" -d "$DB" -c "$BULK SELECT setseed(0.43);" -v lo=$((N / 2 + 1)) -v hi="$N" \
        -f bench/analytics/staged_orders.sql ;;
    month*)
      local m=${1#month}
      if [ "$(q "SELECT EXISTS (SELECT 1 FROM sales_order WHERE placed_at >= '$(month_from "$m")'
                 AND placed_at < '$(month_to "$m")')")" = f ]; then
        "${PSQL[@]}" -d "$DB" -c "$BULK" -v from="$(month_from "$m")" -v to="$(month_to "$m")" \
          -f bench/analytics/store_orders.sql
        # the month's idempotency keys (V13), which the replica mode's skipped triggers did not write
        q "INSERT INTO order_key (platform, external_id, order_id, placed_at)
           SELECT platform, external_id, id, placed_at FROM sales_order
           WHERE placed_at >= '$(month_from "$m")' AND placed_at < '$(month_to "$m")'" > /dev/null
      fi
      if [ "$(q "SELECT horizon = '0' FROM analytics_state")" = t ]; then
        q "SELECT analytics_rebuild()" > /dev/null
      fi
      # another transaction on the server may hold the horizon back: fold until nothing is left in the tail
      until [ "$(q "SELECT NOT EXISTS (SELECT 1 FROM sales_order WHERE xid >= (SELECT horizon FROM analytics_state)
          OR refund_xid >= (SELECT horizon FROM analytics_state))")" = t ]; do
        q "SELECT analytics_aggregate()" > /dev/null
        sleep 1
      done
      q "ANALYZE sales_order" ;;
    finish)
      q "DROP TABLE IF EXISTS bench_staged_order"
      q "SELECT sales_order_make_partitions()" > /dev/null   # names the partitions' indexes after the parent's
      "${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE" ;;
  esac
}
PIECES=(migrate half1 half2 month1 month2 month3 month4 month5 month6 month7 month8 month9 month10 month11 month12
  finish)

if [ -n "$STEP" ]; then
  # inside the lock: pieces until the budget is spent
  start=$(date +%s)
  for p in "${PIECES[@]}"; do
    piece_done "$p" 2>/dev/null && continue
    if [ $(( $(date +%s) - start )) -ge "$BUDGET" ]; then
      log "$DB: budget spent, the lock is released before $p"
      exit 0
    fi
    t0=$(date +%s)
    piece "$p"
    log "$DB: $p done in $(( $(date +%s) - t0 )) s"
  done
  log "$DB: built"
  exit 0
fi

while ! { piece_done finish 2>/dev/null && piece_done month12 2>/dev/null; }; do
  log "$DB: waiting for the lock"
  flock -o "$LOCK" "$0" --step "$DB" "$N"
done
q "SELECT 'orders', count(*) FROM sales_order"
