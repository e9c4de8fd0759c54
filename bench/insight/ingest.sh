#!/usr/bin/env bash
# Viewer-event ingest before/after (issue 14), one command:   bash bench/insight/ingest.sh      (about 5 minutes)
# Side by side in one run, rounds alternating (base, this, base, this, …), one jar at a time: recordViewerEvents in
# batches of 500, every event kind mixed (bench.mjs, PART=events), on BASE_JAR (main's jar before the change) and on
# JAR; after each jar's measure, in the same round on the same redis-server, redis-benchmark running the same script
# (viewer_events.lua by EVALSHA) with a batch of the same 500 events, as run.sh does (the ratio's denominator).
# Each jar has a database of its own (made again each run) and a Redis db of its own on the run's redis-server.
#   JAR (target/quarkus-app/quarkus-run.jar)  BASE_JAR (required)  ROUNDS (3)  DURATION (10 s)  WARMUP (5 s)
#   PORT (18180) MANAGEMENT_PORT (18181) REDIS_PORT (18182)  DB_PREFIX (livetally_insight_ingest)
# Besides events/s, each measure's CPU per batch (/proc): the jar, its database's PostgreSQL backends, the run's
# redis-server and the driver itself (bench.mjs, process.cpuUsage).
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

DB_THIS=${DB_PREFIX}_this DB_BASE=${DB_PREFIX}_base LOG_NAME=insight-ingest
source bench/insight/common.sh

results=$(mktemp) cpus=$(mktemp)
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
    r=$(bench events SESSION="$session" PRODUCTS="$products" RUN_ID="e$round$variant" REDIS_CPU_PID="$REDIS_PID")
    echo "$variant events $(json "$r" eventsPerSecond) $(json "$r" errors)" >> "$results"
    echo "$round $variant $(json "$r" cpuPerBatch.jarMsPerUnit) $(json "$r" cpuPerBatch.pgMsPerUnit) $(json "$r" cpuPerBatch.redisMsPerUnit) $(json "$r" cpuPerBatch.driverMsPerUnit) $(json "$r" cpuPerBatch.jarCores)" >> "$cpus"
    log "round $round $variant: recordViewerEvents $r"
    stop
    RB_CPU_OUT=$(mktemp); rb=$(redis_benchmark "$DURATION"); echo "redis events $rb 0" >> "$results"
    echo "$round redis-benchmark - - $(cat "$RB_CPU_OUT") - -" >> "$cpus"; rm -f "$RB_CPU_OUT"
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
{ echo
  echo "| round | jar | jar CPU ms/batch | PostgreSQL ms/batch | redis-server ms/batch | driver ms/batch | jar cores |"
  echo "|---|---|---|---|---|---|---|"
  while read -r round v jar pg rs drv cores; do echo "| $round | $v | $jar | $pg | $rs | $drv | $cores |"; done < "$cpus"
} | tee -a "$OUT/insight-ingest-$(date -u +%Y%m%d-%H%M).md"
for v in base this; do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS ${DB_PREFIX}_$v" || true
done
