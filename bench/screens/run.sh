#!/usr/bin/env bash
# Big screens benchmark (issue 12), one command:   bench/screens/run.sh
#
# Against the prod jar, with security on as deployed (a key pair per run, the tokens real screens hold):
#   1. latency: one host screen open in Chromium (the real page); ORDERS_LATENCY orders (default 250) recorded
#      one by one at RATE_LATENCY orders/s (default 50); for each, the time from its acknowledgement to the
#      page showing an order count that includes it (a MutationObserver in the page timestamps every change);
#   2. first load: each screen (host, official's municipal map) opened LOADS times (default 5) in a fresh
#      browser context (nothing cached) and once more with the cache: bytes transferred (encoded, as on the
#      wire, gzip where the browser asked) and the time from navigation start to the first figures;
#   3. capacity: N graphql-ws clients (graphql-ws 5.16's own client, from the jar) doing what a host screen does
#      — liveStats of one of SESSIONS live sessions (default 200) with the host's token, and the feed and
#      minute trend refetched over HTTP at the screen's throttle (FEED_MS 5 s / TREND_MS 30 s, as host.js) while orders change — while
#      orders arrive at ORDER_RATE a second (default 1000, batches of 100); for N in SCREENS (default
#      "0 500 1000 2000 3000"; 0 is the baseline: the orders alone): how late each screen sees each acknowledged order (p50/p99/max, share ≤ 1 s),
#      measured over MEASURE s (default 30) after the screens are connected. MODES (default "full figures")
#      also runs the same with figures only (no refetches), to show what the refetches cost.
#      The screens are held by GEN_PROCS node processes (default 4, bench/screens/screens-worker.mjs), the orders sent by
#      the parent, which stamps each acknowledgement with Date.now() (one system clock for all of them); the table
#      shows the worst process's event-loop delay and the generator's CPU beside each figure.
#      SUBJECTS: screen (default; each screen a person of its own with the host's scope, so one person holds one
#      screen, as the per-caller limits expect) or host (all the screens of a session hold its host's token).
#      FULL_SCREENS: other steps for mode full. WARMUP screens (default 1000; in WARMUP_MODE, default the first step's) for WARMUP_S s (20) first, not
#      reported (the JVM's compilers warm up). PARTS: which of latency, load, capacity to run (all).
#      REFETCH: how the screens refetch, ws (over their socket, as host.js does; default) or http (POST /graphql, as
#      host.js did before the refetches were shared).
#   BASELINE_APP=<a quarkus-app directory> (BASELINE_NAME, BASELINE_PARTS default capacity): another build, e.g. main's,
#      measured first in the same run, on a fresh database, for a side-by-side comparison; its screens refetch as
#      BASELINE_REFETCH says (default http, what main's host.js does). JAVA_OPTS: for the service.
# Database BENCH_DB (default livetally_bench_screens; re-created), Redis db REDIS_DB (default 10), port PORT (default 18097;
# management MANAGEMENT_PORT, 18098). Needs JDK 17, PostgreSQL and Redis on 127.0.0.1, node 20+, openssl,
# Debian's chromium (e2e/run.sh installs it) and e2e's node_modules (npm ci). SKIP_BUILD=1 skips packaging.
# Prints a markdown report (also saved in bench/out/screens-<date>.md). Run it under the machine's lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PORT=${PORT:-18097}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18098}
REDIS_DB=${REDIS_DB:-10}
DB=${BENCH_DB:-livetally_bench_screens}
OUT=$ROOT/bench/out/screens
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1; then
  echo "something already serves port $MANAGEMENT_PORT (a previous run?): stop it first" >&2; exit 1
fi
[ "${SKIP_BUILD:-0}" = 1 ] || { log "packaging"; ./mvnw -B -q package -DskipTests; }
# Chromium (playwright-core) only for the page parts; the capacity part needs node alone
case " ${PARTS:-latency load capacity} ${BASELINE_PARTS:-} " in *" latency "*|*" load "*)
  [ -d e2e/node_modules/playwright-core ] || (cd e2e && npm ci --no-audit --no-fund) ;; esac
mkdir -p "$OUT"
rm -rf "$OUT/app" "$OUT/graphql-ws"
cp -r target/quarkus-app "$OUT/app"
# graphql-ws' client, as the jar serves it to the pages
unzip -q -o "$OUT"/app/lib/main/org.webjars.npm.graphql-ws-*.jar 'META-INF/resources/webjars/graphql-ws/*/lib/*.mjs' -d "$OUT/graphql-ws"
GRAPHQL_WS=$(ls -d "$OUT"/graphql-ws/META-INF/resources/webjars/graphql-ws/*/lib/client.mjs)

JAR_PID=
KEYS=$(mktemp -d)
cleanup() {
  if [ -n "$JAR_PID" ]; then kill "$JAR_PID" 2>/dev/null || true; wait "$JAR_PID" 2>/dev/null || true; fi
  rm -rf "$KEYS"
}
trap cleanup EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
others() {
  printf 'load average %s, %s other JVMs' "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(ps -eo pid=,args= | awk -v self="$JAR_PID" '$1 != self && /java/ && !/awk/' | grep -c . || true)"
}
BEFORE=$(others)
STARTED=$(date -u +'%Y-%m-%d %H:%M UTC')

# One build after the other, each on a fresh database and Redis db: BASELINE_APP (a quarkus-app directory of
# another build, e.g. main's) first when given, then this one. BASELINE_PARTS: its parts (default capacity).
run_build() { # name app-dir parts refetch
  log "re-creating $DB, flushing Redis db $REDIS_DB"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  redis-cli -n "$REDIS_DB" flushdb >/dev/null
  log "starting the jar of $1 (prod profile)"
  DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB QUARKUS_HTTP_PORT=$PORT \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" \
    java -Xmx2g ${JAVA_OPTS:-} -jar "$2/quarkus-run.jar" > "$OUT/server-$1.log" 2>&1 &
  JAR_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 $JAR_PID 2>/dev/null || { tail -50 "$OUT/server-$1.log" >&2; exit 1; }
    sleep 1
  done
  printf '#### Build: %s\n\n' "$1"
  BASE_URL="http://127.0.0.1:$PORT" MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" \
    GRAPHQL_WS="$GRAPHQL_WS" SERVER_PID=$JAR_PID NODE_PATH="$ROOT/e2e/node_modules" PARTS="$3" BUILD="$1" REFETCH="$4" \
    node --experimental-websocket --max-old-space-size=4096 bench/screens/bench.mjs
  kill "$JAR_PID"; wait "$JAR_PID" 2>/dev/null || true
  JAR_PID=
  sleep 2
}
[ -z "${BASELINE_APP:-}" ] || run_build "${BASELINE_NAME:-baseline}" "$BASELINE_APP" "${BASELINE_PARTS:-capacity}" "${BASELINE_REFETCH:-http}" >> "$KEYS/report.md"
run_build "$(git rev-parse --abbrev-ref HEAD)@$(git rev-parse --short HEAD)" "$OUT/app" "${PARTS:-latency load capacity}" "${REFETCH:-ws}" >> "$KEYS/report.md"
report=$(cat "$KEYS/report.md")
header="## Big screens (issue 12) — $STARTED
Machine: $(nproc) cores ($(lscpu | grep 'Model name' | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB; \
PostgreSQL $("${PSQL[@]}" -d postgres -tAc 'SHOW server_version' | cut -d' ' -f1), Redis $(redis-server --version | grep -o 'v=[0-9.]*' | cut -d= -f2), \
$(/usr/bin/chromium --version 2>/dev/null | head -1); the load generator (node) and Chromium share the machine with the service, \
PostgreSQL and Redis; before the run: $BEFORE; after: $(others)."
printf '%s\n\n%s\n' "$header" "$report" | tee "$ROOT/bench/out/screens-$(date -u +%Y%m%d-%H%M).md"
