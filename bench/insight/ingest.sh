#!/usr/bin/env bash
# Viewer-event ingest before/after (issue 14), one command:   bash bench/insight/ingest.sh      (about 5 minutes)
# Side by side in one run, rounds alternating (base, this, base, this, …), one jar at a time: recordViewerEvents in
# batches of 500, every event kind mixed (bench.mjs, PART=events), on BASE_JAR (main's jar before the change) and on
# JAR; after each jar's measure, in the same round on the same redis-server, redis-benchmark running the same script
# (viewer_events.lua by EVALSHA) with a batch of the same 500 events, as run.sh does (the ratio's denominator).
# Each jar has a database of its own (made again each run) and a Redis db of its own on the run's redis-server.
#   JAR (target/quarkus-app/quarkus-run.jar)  BASE_JAR (required)  ROUNDS (3)  DURATION (10 s)  WARMUP (5 s)
#   PORT (18180) MANAGEMENT_PORT (18181) REDIS_PORT (18182)  DB_PREFIX (livetally_insight_ingest)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
BASE_JAR=${BASE_JAR:?BASE_JAR: the jar to compare with}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18180}; MANAGEMENT_PORT=${MANAGEMENT_PORT:-18181}; REDIS_PORT=${REDIS_PORT:-18182}
DB_PREFIX=${DB_PREFIX:-livetally_insight_ingest}
export DURATION=${DURATION:-10} WARMUP=${WARMUP:-5}
OUT=$ROOT/bench/out; mkdir -p "$OUT"
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

KEYS=$(mktemp -d)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
REDIS_PID=$!
JAR_PID=
trap 'kill $JAR_PID 2>/dev/null || true; kill $REDIS_PID 2>/dev/null || true; rm -rf "$KEYS"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
for v in base this; do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS ${DB_PREFIX}_$v" -c "CREATE DATABASE ${DB_PREFIX}_$v"
done

start() { # variant
  local jar=$JAR rdb=0
  [ "$1" = base ] && jar=$BASE_JAR rdb=1
  DB_HOST=127.0.0.1 DB_NAME=${DB_PREFIX}_$1 DB_USER=postgres DB_PASSWORD= REDIS_URL=redis://127.0.0.1:$REDIS_PORT/$rdb \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" LIVETALLY_LIMITS_ENABLED=false \
    java -Xmx512m -jar "$jar" >> "$OUT/insight-ingest-$1.log" 2>&1 &
  JAR_PID=$!
  for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "the $1 jar did not become ready" >&2; tail -n 30 "$OUT/insight-ingest-$1.log" >&2; exit 1
}
stop() { kill "$JAR_PID"; wait "$JAR_PID" 2>/dev/null || true; JAR_PID=; }
bench() { # part, more NAME=value
  env PORT=$PORT MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" PART=$1 "${@:2}" \
    node --experimental-websocket --no-warnings bench/insight/bench.mjs
}
json() { node -e 'const o = JSON.parse(process.argv[1]); console.log(process.argv[2].split(".").reduce((x, k) => x[k], o))' "$1" "$2"; }

# redis-benchmark as run.sh runs it: the same script, EVALSHA with the jar's keys (a session of its own) and a batch of
# 500 events of the same kinds in the same order, viewers and event ids drawn by __rand_int__.
SHA=$(redis-cli -p "$REDIS_PORT" -x SCRIPT LOAD < src/main/resources/lua/viewer_events.lua)
RB_ARGS=(EVALSHA "$SHA" 10)
for k in stats present uv ev prod vsrc src jt early owed; do RB_ARGS+=("lt:{srb}:$k"); done
RB_ARGS+=("$(date +%s%3N)" 604800)
KINDS=(JOIN LEAVE LIKE PRODUCT_IMPRESSION PRODUCT_CLICK ADD_TO_CART FOLLOW SHARE COMMENT)
SOURCES=(FEED FOLLOWING SEARCH SHARE ADS)
for n in $(seq 0 499); do
  kind=${KINDS[$((n % 9))]} product= source=
  case $kind in PRODUCT_*|ADD_TO_CART) product=$((1 + n % 5)) ;; JOIN) source=${SOURCES[$((n % 5))]} ;; esac
  RB_ARGS+=("$kind" "v__rand_int__" "rb__rand_int____rand_int__" "$product" "$source" "")
done
redis_benchmark() { # seconds → events/s
  local calib n rps
  calib=$(redis-benchmark -p "$REDIS_PORT" -c 4 -n 100 -r 100000 -q "${RB_ARGS[@]}" | tr '\r' '\n' | grep -oE '[0-9.]+ requests per second' | tail -n 1 | cut -d' ' -f1)
  n=$(node -e "console.log(Math.max(100, Math.round($calib * $1)))")
  rps=$(redis-benchmark -p "$REDIS_PORT" -c 4 -n "$n" -r 100000 -q "${RB_ARGS[@]}" | tr '\r' '\n' | grep -oE '[0-9.]+ requests per second' | tail -n 1 | cut -d' ' -f1)
  node -e "console.log(Math.round($rps * 500))"
}

results=$(mktemp)
log "uptime: $(uptime)"
for round in $(seq 1 "$ROUNDS"); do
  for variant in base this; do
    start $variant
    if [ "$round" = 1 ]; then
      declare "SETUP_$variant=$(bench setup RUN_ID="s$variant$(date +%s)" FULL=1)"
    fi
    s=SETUP_$variant; s=${!s}
    session=$(json "$s" session)
    products=$(node -e 'console.log(JSON.parse(process.argv[1]).products.join(","))' "$s")
    r=$(bench events SESSION="$session" PRODUCTS="$products" RUN_ID="e$round$variant")
    echo "$variant events $(json "$r" eventsPerSecond) $(json "$r" errors)" >> "$results"
    log "round $round $variant: recordViewerEvents $r"
    stop
    rb=$(redis_benchmark "$DURATION"); echo "redis events $rb 0" >> "$results"
    log "round $round redis-benchmark (after $variant): $rb events/s"
  done
done
log "uptime: $(uptime)"
node -e '
const fs = require("fs");
const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split(" "));
const of = (v) => rows.filter((r) => r[0] === v).map((r) => Number(r[2]));
const mean = (xs) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);
const errors = rows.reduce((n, r) => n + Number(r[3]), 0);
const [t, b, r] = [of("this"), of("base"), of("redis")];
console.log("| recordViewerEvents, batches of 500, every kind | events/s (mean; rounds) | vs redis-benchmark |");
console.log("|---|---|---|");
console.log(`| this jar | ${mean(t)} (${t.join(", ")}) | ${(100 * mean(t) / mean(r)).toFixed(1)}% |`);
console.log(`| base jar | ${mean(b)} (${b.join(", ")}) | ${(100 * mean(b) / mean(r)).toFixed(1)}% |`);
console.log(`| redis-benchmark, EVALSHA of the same script and batch, -c 4 | ${mean(r)} (${r.join(", ")}) | 100% |`);
console.log(`\nthis / base: ${(mean(t) / mean(b)).toFixed(2)}×; errors: ${errors}`);
' "$results" | tee "$OUT/insight-ingest-$(date -u +%Y%m%d-%H%M).md"
for v in base this; do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS ${DB_PREFIX}_$v" || true
done
