#!/usr/bin/env bash
# Security-overhead benchmark (issues 5 and 15), one command:   bench/security/run.sh
#   PARTS="auth cost" (default both): "auth" is issue 5's pairs below, "cost" issue 15's (bench/security/cost.mjs):
#   the request cost and rate limits A/B — a second copy of the jar with the limits on beside the first (limits
#   off, also for issue 5's pairs, whose answers must not vary), on the same database and Redis db: per-request
#   overhead of a read and recordOrders throughput, A B A B; then ingest beside 32 connections of an official's
#   analytics (throttled) and beside the same load without limits, next to ingest alone.
#
# What authentication (JWT signature verification) and authorization (scope checks, narrowed lists)
# cost per request, measured side by side in one run against the prod jar (docs/SECURITY.md):
#   a. { __typename } without a token vs with an admin token;
#   b. session(id) { stats { orderCount gmv } } as admin vs as the session's host;
#   c. region(code: <district>) { totals { orderCount gmv } } as admin vs as that district's official;
#   d. orders(first: 20, filter: { sessionId }) { edges { node { id amount } } } as admin vs as the official.
# Each pair runs A B A B (to share the machine's noise), DURATION s each (default 10) at CONNECTIONS
# connections (default 32), right after WARMUP s (default 15: the JIT needs long on a busy machine) of each of its sides, unmeasured.
# Per run: a key pair in a temporary directory, JWT_PUBLIC_KEY_LOCATION for the jar, database
# livetally_bench_sec (re-created: a small dataset of ORDERS orders, default 5000, in one session of
# district 500236, made through the API, then VACUUM ANALYZE), Redis db 8, port PORT (default 18095;
# health on MANAGEMENT_PORT, default 18096). autocannon is installed into a temporary directory, never
# into the repository. Every answer is checked; any refused request or unexpected answer fails the run.
# Needs: JDK 17, PostgreSQL and Redis on 127.0.0.1 (postgres user, trust auth), node + npm, openssl.
# SKIP_BUILD=1 skips packaging. Prints a markdown report (also saved in bench/out/security-<date>.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-15}
ORDERS=${ORDERS:-5000}
PORT=${PORT:-18095}
# Health and metrics are on the management interface, not on the public port.
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18096}
PARTS=${PARTS:-auth cost}
# Port of the second copy (limits on), and its management port.
ON_PORT=${ON_PORT:-18097}
ON_MANAGEMENT_PORT=${ON_MANAGEMENT_PORT:-18098}
# PAIRS (default "1 2 3") selects the cost parts, ROUNDS (default 2) the A B rounds of each. NOPRIO_PORT (with its
# NOPRIO_MANAGEMENT_PORT) starts a third copy for part 3: limits on, ingest priority off (livetally.admission.enabled=false).
# ON_JAVA_OPTS: JVM options of the limits-on copy only (e.g. a JFR recording of it).
NOPRIO_PORT=${NOPRIO_PORT:-}
NOPRIO_MANAGEMENT_PORT=${NOPRIO_MANAGEMENT_PORT:-}
DB=${BENCH_DB:-livetally_bench_sec}
REDIS_DB=${BENCH_REDIS_DB:-8}
OUT=$ROOT/bench/out/security
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1; then
  echo "something already serves port $MANAGEMENT_PORT (a previous run?): stop it first" >&2; exit 1
fi
[ "${SKIP_BUILD:-0}" = 1 ] || { log "packaging"; ./mvnw -B -q package -DskipTests; }
mkdir -p "$OUT"
# run a copy, so that a build in the work tree meanwhile cannot change the jar under the service
rm -rf "$OUT/app"
cp -r target/quarkus-app "$OUT/app"

JAR_PID=
ON_PID=
NOPRIO_PID=
KEYS=$(mktemp -d)
TOOLS=$(mktemp -d)
cleanup() {
  if [ -n "$JAR_PID" ]; then kill "$JAR_PID" 2>/dev/null || true; wait "$JAR_PID" 2>/dev/null || true; fi
  if [ -n "$ON_PID" ]; then kill "$ON_PID" 2>/dev/null || true; wait "$ON_PID" 2>/dev/null || true; fi
  if [ -n "$NOPRIO_PID" ]; then kill "$NOPRIO_PID" 2>/dev/null || true; wait "$NOPRIO_PID" 2>/dev/null || true; fi
  rm -rf "$KEYS" "$TOOLS"
}
trap cleanup EXIT
# A key pair for this run only: the jar verifies with the public half, bench.mjs mints with the private one.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"

log "re-creating $DB, flushing Redis db $REDIS_DB"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
redis-cli -n $REDIS_DB flushdb >/dev/null

log "installing autocannon into $TOOLS"
cp bench/security/bench.mjs bench/security/cost.mjs "$TOOLS"/
(cd "$TOOLS" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund autocannon@8 >&2)

# Other work on the machine (it is shared): load average, other JVMs (Maven builds, other services).
others() {
  printf 'load average %s, %s other JVMs (%s Maven)' "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(ps -eo pid=,args= | awk -v self="$JAR_PID" '$1 != self && /java/ && !/awk/' | grep -c . || true)" \
    "$(ps -eo args= | grep -c '[p]lexus-classworlds' || true)"
}
log "starting the jar (prod profile, migrations)"
BEFORE=$(others)
DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" LIVETALLY_LIMITS_ENABLED=false \
  java -Xmx1g -jar "$OUT/app/quarkus-run.jar" > "$OUT/server.log" 2>&1 &
JAR_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $JAR_PID 2>/dev/null || { tail -50 "$OUT/server.log" >&2; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null || { echo "the jar did not become ready" >&2; exit 1; }

STARTED=$(date -u +'%Y-%m-%d %H:%M UTC')
report=
if [[ " $PARTS " == *" auth "* ]]; then
  report=$(cd "$TOOLS" && API_URL="http://127.0.0.1:$PORT/graphql" DB_NAME=$DB DURATION=$DURATION CONNECTIONS=$CONNECTIONS \
    WARMUP=$WARMUP ORDERS=$ORDERS MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" node bench.mjs)
fi
if [[ " $PARTS " == *" cost "* ]]; then
  start_on() { # port, management port, log, extra environment...
    local port=$1 mport=$2 logfile=$3; shift 3
    env DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB QUARKUS_HTTP_PORT=$port \
      QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$mport \
      JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" QUARKUS_FLYWAY_MIGRATE_AT_START=false \
      LIVETALLY_LIMITS_ROLES_ADMIN_CAPACITY=1000000000 LIVETALLY_LIMITS_ROLES_ADMIN_RESTORE_RATE=1000000000 "$@" \
      java ${COPY_JAVA_OPTS:-} -Xmx1g -jar "$OUT/app/quarkus-run.jar" > "$logfile" 2>&1 &
  }
  ready() { # management port, pid, log
    for _ in $(seq 1 120); do
      curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0
      kill -0 "$2" 2>/dev/null || { tail -50 "$3" >&2; exit 1; }
      sleep 1
    done
    echo "a copy did not become ready" >&2; exit 1
  }
  log "starting the second copy (limits on) on port $ON_PORT"
  COPY_JAVA_OPTS="${ON_JAVA_OPTS:-}" start_on "$ON_PORT" "$ON_MANAGEMENT_PORT" "$OUT/server-on.log"
  ON_PID=$!
  ready "$ON_MANAGEMENT_PORT" "$ON_PID" "$OUT/server-on.log"
  NOPRIO_URL=
  if [ -n "$NOPRIO_PORT" ]; then
    log "starting the third copy (limits on, ingest priority off) on port $NOPRIO_PORT"
    start_on "$NOPRIO_PORT" "$NOPRIO_MANAGEMENT_PORT" "$OUT/server-noprio.log" LIVETALLY_ADMISSION_ENABLED=false
    NOPRIO_PID=$!
    ready "$NOPRIO_MANAGEMENT_PORT" "$NOPRIO_PID" "$OUT/server-noprio.log"
    NOPRIO_URL="http://127.0.0.1:$NOPRIO_PORT/graphql"
  fi
  cost=$(cd "$TOOLS" && OFF_URL="http://127.0.0.1:$PORT/graphql" ON_URL="http://127.0.0.1:$ON_PORT/graphql" NOPRIO_URL=$NOPRIO_URL \
    PAIRS="${PAIRS:-1 2 3}" ROUNDS=${ROUNDS:-2} DURATION=$DURATION \
    CONNECTIONS=$CONNECTIONS WARMUP=$WARMUP MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" node cost.mjs)
  report=$(printf '%s\n\n### Cost and rate limits (issue 15)\n\n%s' "$report" "$cost")
fi
header="## Security overhead (issues 5, 15) — $STARTED
Machine: $(nproc) cores ($(lscpu | grep 'Model name' | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB; \
PostgreSQL $("${PSQL[@]}" -d postgres -tAc 'SHOW server_version' | cut -d' ' -f1), Redis $(redis-server --version | grep -o 'v=[0-9.]*' | cut -d= -f2); \
before the run: $BEFORE; after: $(others)."
printf '%s\n\n%s\n' "$header" "$report" | tee "$ROOT/bench/out/security-$(date -u +%Y%m%d-%H%M).md"
