#!/usr/bin/env bash
# recordOrders on the partitioned sales_order (V13) beside the unpartitioned one (V12), in the same run (issue 16,
# docs/PERFORMANCE.md "Partitioned orders"). Two databases holding the same ORDERS stored orders (dataset.sql, over
# 24 months): BASE_DB migrated by BASE_JAR (main, V12), THIS_DB a copy of it migrated by JAR (V13: the conversion,
# timed from Flyway's log). Both jars run side by side (own redis-server, ports PORT_BASE+0…3); rounds alternate
# which one is measured first. Each phase fits in one locked job of the shared machine (≤ 10 min):
#   PHASE=data  BASE_JAR=… bash bench/orders/run.sh   # both databases, the conversion of THIS_DB timed
#   PHASE=bench BASE_JAR=… bash bench/orders/run.sh   # ROUNDS rounds of DURATION s per jar (after WARMUP s)
# Env: ORDERS (1000000), ROUNDS (4), DURATION (20), WARMUP (10), CLIENTS (4), BATCH (500), PORT_BASE (20080),
# BASE_DB (livetally_orders_v12), THIS_DB (livetally_orders_v13).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BASE_JAR=${BASE_JAR:?the jar of main, V12}
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
PHASE=${PHASE:?data or bench}
ORDERS=${ORDERS:-1000000}
BASE_DB=${BASE_DB:-livetally_orders_v12}
THIS_DB=${THIS_DB:-livetally_orders_v13}
PORT_BASE=${PORT_BASE:-20080}
REDIS_PORT=$((PORT_BASE + 9))
OUT=$ROOT/bench/out; mkdir -p "$OUT"
KEYS=$OUT/orders-keys; mkdir -p "$KEYS"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
[ -f "$KEYS/private.pem" ] || { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
PIDS+=($!)

# start_jar JAR DB PORT REDIS_DB LOG: runs it in the background, waits until ready
start_jar() {
  DB_HOST=127.0.0.1 DB_NAME=$2 DB_USER=postgres DB_PASSWORD= REDIS_URL=redis://127.0.0.1:$REDIS_PORT/$4 \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$3 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$(($3 + 1)) JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" LIVETALLY_LIMITS_ENABLED=false \
    java -Xmx1g -jar "$1" > "$5" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$(($3 + 1))/q/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "not ready: $5" >&2; exit 1
}

if [ "$PHASE" = data ]; then
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $BASE_DB" -c "DROP DATABASE IF EXISTS $THIS_DB" \
    -c "CREATE DATABASE $BASE_DB"
  start_jar "$BASE_JAR" "$BASE_DB" "$PORT_BASE" 0 "$OUT/orders-base-migrate.log"
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
  t0=$SECONDS
  "${PSQL[@]}" -d "$BASE_DB" -v orders="$ORDERS" -f bench/orders/dataset.sql
  "${PSQL[@]}" -d "$BASE_DB" -c "SELECT analytics_aggregate()" > /dev/null
  echo "loaded $ORDERS orders and folded them in $((SECONDS - t0)) s" >&2
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $THIS_DB TEMPLATE $BASE_DB"
  "${PSQL[@]}" -d "$THIS_DB" -Atc "SELECT pg_size_pretty(pg_total_relation_size('sales_order'))" | sed 's/^/sales_order before: /' >&2
  uptime >&2
  start_jar "$JAR" "$THIS_DB" "$((PORT_BASE + 2))" 1 "$OUT/orders-this-migrate.log"
  grep -i "migrat" "$OUT/orders-this-migrate.log" >&2 || true
  "${PSQL[@]}" -d "$THIS_DB" -Atc "SELECT version, execution_time FROM flyway_schema_history WHERE installed_rank >
      (SELECT max(installed_rank) FROM flyway_schema_history) - 3 ORDER BY installed_rank" | sed 's/^/applied (ms): /' >&2
  "${PSQL[@]}" -d "$THIS_DB" -Atc "SELECT count(*), count(DISTINCT tableoid) FROM sales_order" | sed 's/^/rows|partitions: /' >&2
  "${PSQL[@]}" -d "$THIS_DB" -Atc "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits
      WHERE inhparent = 'sales_order'::regclass" | sed 's/^/sales_order after: /' >&2
  "${PSQL[@]}" -d "$THIS_DB" -Atc "SELECT pg_size_pretty(pg_total_relation_size('order_key'))" | sed 's/^/order_key: /' >&2
  exit 0
fi

ADMIN_TOKEN=$(TTL=7200 bin/mint-token "$KEYS/private.pem" admin)
PLATFORM_TOKEN=$(TTL=7200 bin/mint-token "$KEYS/private.pem" platform platform=douyin)
start_jar "$BASE_JAR" "$BASE_DB" "$PORT_BASE" 0 "$OUT/orders-base.log"
start_jar "$JAR" "$THIS_DB" "$((PORT_BASE + 2))" 1 "$OUT/orders-this.log"
results=$(mktemp)
for round in $(seq 1 "${ROUNDS:-4}"); do
  order="base this"; [ $((round % 2)) = 0 ] && order="this base"
  for variant in $order; do
    port=$PORT_BASE; [ $variant = this ] && port=$((PORT_BASE + 2))
    line=$(PORT=$port RUN_ID="$round-$variant-$(date +%s)" ADMIN_TOKEN=$ADMIN_TOKEN PLATFORM_TOKEN=$PLATFORM_TOKEN \
      node bench/orders/bench.mjs)
    echo "round $round $variant $line $(uptime | sed 's/.*load/load/')" >&2
    echo "$variant $line" >> "$results"
  done
done
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => { const i = l.indexOf(" "); return [l.slice(0, i), JSON.parse(l.slice(i + 1))]; });
const of = (v, k) => lines.filter(([x]) => x === v).map(([, r]) => r[k]);
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const errors = lines.reduce((n, [, r]) => n + r.errors, 0);
console.log("| measure | V12 unpartitioned (mean) | V13 partitioned (mean) | V13 / V12 | rounds V12 | rounds V13 |");
console.log("|---|---|---|---|---|---|");
for (const [k, name] of [["ordersPerSecond", "recordOrders, orders/s (batches of 500)"], ["p50", "batch latency p50, ms"], ["p99", "batch latency p99, ms"]]) {
  const b = mean(of("base", k)), t = mean(of("this", k));
  console.log(`| ${name} | ${b.toFixed(0)} | ${t.toFixed(0)} | ${(100 * t / b).toFixed(1)}% | ${of("base", k).join(", ")} | ${of("this", k).join(", ")} |`);
}
console.log(`\nerrors: ${errors}`);
if (errors) process.exit(1);
' "$results" | tee "$OUT/orders-$(date +%Y%m%d-%H%M).md"
