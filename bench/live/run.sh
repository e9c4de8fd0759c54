#!/usr/bin/env bash
# Live-path benchmark (issue 3), one command:   bench/live/run.sh
#
# Loads a database of ORDERS orders (default 10,000,000) across SESSIONS live sessions into
# PostgreSQL database livetally_bench_live on this machine (re-used when it is already loaded; set
# FRESH=1 to rebuild it), packages and starts the jar (prod profile) against it and Redis db 7, and
# measures side by side: recordOrders/recordOrder against pgbench inserts, session stats reads
# against PostGraphile (+ @graphile/pg-aggregates), and liveStats fan-out to 1,000 subscribers.
# Needs: JDK 17, PostgreSQL and Redis on 127.0.0.1 (postgres user, trust auth), node + npm, pgbench, openssl.
# Security on, as deployed (docs/SECURITY.md): a key pair made for this run in a temporary directory,
# JWT_PUBLIC_KEY_LOCATION for the jar, and every request with the token of the role a real client has:
# the platform's own token for recordOrder(s), the session host's token for stats reads and liveStats.
# The run fails when any request of the service (or of a baseline) was refused or answered errors.
# PARTS=ingest,reads,fanout picks the measurements (default all).
# Prints a markdown report (also saved in bench/out/live-<date>.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ORDERS=${ORDERS:-10000000}
SESSIONS=${SESSIONS:-20000}
LIVE_ORDERS=${LIVE_ORDERS:-200000}
DURATION=${DURATION:-20}
DB=livetally_bench_live
PORT=${PORT:-18090}
# Health and metrics are on the management interface, not on the public port.
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18091}
REDIS_DB=7
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[ "${SKIP_BUILD:-0}" = 1 ] || { log "packaging"; ./mvnw -B -q package -DskipTests; }

loaded=$("${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" || true)
if [ "${FRESH:-0}" = 1 ] || [ "$loaded" != 1 ]; then
  log "creating $DB"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  loaded=0
fi
redis-cli -n $REDIS_DB flushdb >/dev/null

# A key pair for this run only: the jar verifies with the public half, bench.mjs mints with the private one.
KEYS=$(mktemp -d)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
trap 'rm -rf "$KEYS"' EXIT

start_jar() {
  DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB QUARKUS_HTTP_PORT=$PORT \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" \
    java -Xmx2g -jar target/quarkus-app/quarkus-run.jar > bench/out/live-server.log 2>&1 &
  JAR_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 $JAR_PID 2>/dev/null || { cat bench/out/live-server.log >&2; exit 1; }
    sleep 1
  done
  echo "the jar did not become ready" >&2; exit 1
}
mkdir -p bench/out
log "starting the jar (migrations)"
start_jar
trap 'kill $JAR_PID 2>/dev/null || true; rm -rf "$KEYS"' EXIT
if [ "$loaded" != 1 ] || [ "$("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM live_session WHERE title = 'bench-live-read'")" != 1 ]; then
  log "loading $ORDERS orders (set-based SQL; several minutes for 10M)"
  time "${PSQL[@]}" -d $DB -v orders=$ORDERS -v sessions=$SESSIONS -v live_orders=$LIVE_ORDERS -f bench/live/dataset.sql >&2
fi
# Earlier runs' streamed orders and inserts: keep the dataset as loaded.
"${PSQL[@]}" -d $DB -c "DELETE FROM sales_order WHERE platform = 'pgbench' OR external_id ~ '^(ib|is|rs|fo|wu)-'" \
  -c "UPDATE live_session SET status = 'LIVE', ended_at = NULL WHERE title LIKE 'bench-live-%'" -c "VACUUM ANALYZE sales_order" >&2

TOOLS=$(mktemp -d)
log "installing the load tools and PostGraphile into $TOOLS"
cp bench/live/bench.mjs "$TOOLS"/
cp bench/lib/postgraphilerc.js "$TOOLS/.postgraphilerc.js"
(cd "$TOOLS" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund autocannon@8 ws@8 graphql-ws@6 \
  postgraphile@4.14.1 @graphile/pg-aggregates@0.1.1 >&2)

log "measuring (DURATION=${DURATION}s per run)"
report=$(cd "$TOOLS" && API_URL="http://127.0.0.1:$PORT/graphql" METRICS_URL="http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" \
  PG_URL="postgres://postgres@127.0.0.1:5432/$DB" \
  DB_NAME=$DB DURATION=$DURATION JAR_PID=$JAR_PID PARTS=${PARTS:-ingest,reads,fanout} \
  MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" node bench.mjs)
header="## Live path (issue 3) — $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
Dataset: $("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM sales_order") orders, $("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM live_session") sessions."
printf '%s\n\n%s\n' "$header" "$report" | tee "bench/out/live-$(date -u +%Y%m%d-%H%M).md"
