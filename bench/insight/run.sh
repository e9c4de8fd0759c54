#!/usr/bin/env bash
# The live-insight benchmark (issue 14), one command:   bash bench/insight/run.sh      (about 7 minutes)
# Side by side in one run, rounds alternating (base, this, base, this, …), one jar at a time:
#   (a) recordViewerEvents, batches of 500, every event kind mixed, events/s (this jar), beside redis-benchmark running
#       the same script (viewer_events.lua, loaded with SCRIPT LOAD and called with EVALSHA as the jar calls it) with a
#       batch of the same 500 events (the same kinds in the same order, random viewers and event ids) on the same
#       redis-server, right after it in the same round;
#   (b) stats reads of a LIVE session: this jar with every live-insight field, beside the jar before the insight merge
#       (BASE_COMMIT, 598ae23, the first parent of 41a2b04 "Merge branch 'insight'") reading the fields it serves —
#       and, as a second figure, this jar reading only those old fields;
#   (c) price-gouging orders at RATE (1,000) orders/s through this jar: order acknowledged → alert received by an
#       official's `alerts` subscriber on the same jar, p50/p99/max (bench.mjs, PART=alerts), in the last round.
# Each jar has a database of its own (the base cannot start on a schema with V11/V12: Flyway refuses unknown
# migrations): livetally_bench_insight and livetally_bench_insight_base, made again each run; one redis-server of the
# run's own (port REDIS_PORT, db 0 for this jar, 1 for the base). Limits off on both (LIVETALLY_LIMITS_ENABLED=false):
# the request-cost gate is bench/security's subject. Ports 21000-21999 (this helper's range) unless given.
#   JAR (target/quarkus-app/quarkus-run.jar)  BASE_JAR (built from BASE_COMMIT into /tmp/livetally-insight-base)
#   ROUNDS (2)  DURATION (10 s per measure)  WARMUP (5 s)  RATE (1000)  ALERTS_DURATION (20 s: 100 alerts)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
BASE_COMMIT=${BASE_COMMIT:-598ae23}
BASE_DIR=${BASE_DIR:-/tmp/livetally-insight-base}
BASE_JAR=${BASE_JAR:-$BASE_DIR/target/quarkus-app/quarkus-run.jar}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-21080}; MANAGEMENT_PORT=${MANAGEMENT_PORT:-21081}; REDIS_PORT=${REDIS_PORT:-21379}
export DURATION=${DURATION:-10} WARMUP=${WARMUP:-5} RATE=${RATE:-1000}
ALERTS_DURATION=${ALERTS_DURATION:-20}
OUT=$ROOT/bench/out; mkdir -p "$OUT"
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[ -f "$JAR" ] || { echo "no jar at $JAR (./mvnw package -DskipTests)" >&2; exit 1; }
if [ ! -f "$BASE_JAR" ]; then
  log "building the base jar of $BASE_COMMIT into $BASE_DIR"
  rm -rf "$BASE_DIR"; mkdir -p "$BASE_DIR"
  git archive "$BASE_COMMIT" | tar -x -C "$BASE_DIR"
  (cd "$BASE_DIR" && ./mvnw -B -o -q package -DskipTests >&2)
fi
DB_THIS=livetally_bench_insight DB_BASE=livetally_bench_insight_base LOG_NAME=insight
source bench/insight/common.sh

results=$(mktemp)
log "uptime: $(uptime)"
for round in $(seq 1 "$ROUNDS"); do
  for variant in base this; do
    start $variant
    if [ "$round" = 1 ]; then
      s=$(bench setup RUN_ID="s$variant$(date +%s)" FULL=$([ $variant = this ] && echo 1 || echo 0))
      declare "SETUP_$variant=$s"
    fi
    s=SETUP_$variant; s=${!s}
    session=$(json "$s" session); supplier=$(json "$s" supplier)
    products=$(node -e 'console.log(JSON.parse(process.argv[1]).products.join(","))' "$s")
    if [ $variant = base ]; then
      r=$(bench reads SESSION="$session" FIELDS=old RUN_ID="r$round$variant"); echo "base readsOld $(json "$r" readsPerSecond) $(json "$r" errors)" >> "$results"
      log "round $round base: reads (old fields) $r"
    else
      r=$(bench reads SESSION="$session" FIELDS=new RUN_ID="r$round$variant"); echo "this readsNew $(json "$r" readsPerSecond) $(json "$r" errors)" >> "$results"
      log "round $round this: reads (new fields) $r"
      r=$(bench reads SESSION="$session" FIELDS=old RUN_ID="o$round$variant"); echo "this readsOld $(json "$r" readsPerSecond) $(json "$r" errors)" >> "$results"
      log "round $round this: reads (old fields) $r"
      r=$(bench events SESSION="$session" PRODUCTS="$products" RUN_ID="e$round$variant"); echo "this events $(json "$r" eventsPerSecond) $(json "$r" errors)" >> "$results"
      log "round $round this: recordViewerEvents $r"
      rb=$(redis_benchmark "$DURATION"); echo "redis events $rb 0" >> "$results"
      log "round $round redis-benchmark: $rb events/s"
      if [ "$round" = "$ROUNDS" ]; then
        r=$(bench alerts SESSION="$session" PRODUCTS="$products" SUPPLIER="$supplier" RUN_ID="a$round" DURATION="$ALERTS_DURATION")
        echo "$r" > "$OUT/insight-alerts.json"
        log "alerts: $r"
      fi
    fi
    stop
  done
done
log "uptime: $(uptime)"
node -e '
const fs = require("fs");
const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split(" "));
const of = (v, k) => rows.filter((r) => r[0] === v && r[1] === k).map((r) => Number(r[2]));
const mean = (xs) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);
const errors = rows.reduce((n, r) => n + Number(r[3]), 0);
const line = (name, a, b, goal) => console.log(`| ${name} | ${mean(a)} (${a.join(", ")}) | ${mean(b)} (${b.join(", ")}) | ${(100 * mean(a) / mean(b)).toFixed(1)}% | ${goal} |`);
console.log("| measure | this (mean; rounds) | baseline (mean; rounds) | ratio | goal |");
console.log("|---|---|---|---|---|");
line("recordViewerEvents, batches of 500, every kind, events/s vs redis-benchmark EVALSHA of the same script and batch", of("this", "events"), of("redis", "events"), "≥ 50%");
line("stats reads/s, every live-insight field vs the jar before the insight merge (old fields)", of("this", "readsNew"), of("base", "readsOld"), "≥ 80%");
line("stats reads/s, every live-insight field vs this jar, old fields only", of("this", "readsNew"), of("this", "readsOld"), "—");
const a = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
console.log(`\nprice-gouging order acknowledged → alert received (official subscribed on the same jar), ${a.ordersPerSecond} orders/s offered: ${a.alerts} alerts, ${a.missing} not received; ack → alert p50 ${a.fromAck.p50} ms, p99 ${a.fromAck.p99} ms, max ${a.fromAck.max} ms (${a.beforeAck} arrived before their ack); request sent → alert p50 ${a.fromSend.p50} ms, p99 ${a.fromSend.p99} ms (goal: ack → alert p99 ≤ 1,000 ms)`);
console.log(`\nerrors: ${errors + a.errors}`);
' "$results" "$OUT/insight-alerts.json" | tee "$OUT/insight-$(date -u +%Y%m%d-%H%M).md"
for db in livetally_bench_insight livetally_bench_insight_base; do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db" || true
done
