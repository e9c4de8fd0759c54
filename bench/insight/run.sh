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
# run's own (port REDIS_PORT, db 0 for this jar, 1 for the base); DB_PREFIX names them instead (DB_PREFIX, DB_PREFIX_base). Limits off on both (LIVETALLY_LIMITS_ENABLED=false):
# the request-cost gate is bench/security's subject. Ports 21000-21999 (this helper's range) unless given.
#   JAR (target/quarkus-app/quarkus-run.jar)  BASE_JAR (built from BASE_COMMIT into /tmp/livetally-insight-base)
#   ROUNDS (2)  DURATION (10 s per measure)  WARMUP (5 s)  RATE (1000)  ALERTS_DURATION (20 s: 100 alerts)
#   PARTS ("reads events alerts"): the parts to run. ALERTS_ON (this): "both" runs (c) on the base jar too, in every
#   round (a bisection: BASE_JAR an earlier jar with the alerts, BASE_FULL=1 so its session gets every event kind);
#   otherwise (c) runs on this jar in the last round. BASE_ENV / THIS_ENV, BASE_JAVA_OPTS / THIS_JAVA_OPTS: common.sh.
#   Each measure reports the CPU per read / per order of the jar and of its database's PostgreSQL backends.
#   MAIN_JAR: a third jar (main's, beside a branch's), measured as this one is, between base and this in each round.
#   PG_SAMPLE=1: during (c) and this jar's reads (new fields), the jar's active PostgreSQL statements are sampled every 20 ms (pg_stat_activity) and
#   counted by statement (bench/out/insight-pgsample-VARIANT-ROUND.txt). KEEP_DBS=1 keeps both databases.
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
PARTS=" ${PARTS:-reads events alerts} " ALERTS_ON=${ALERTS_ON:-this} BASE_FULL=${BASE_FULL:-0}
part() { [[ $PARTS == *" $1 "* ]]; }
OUT=$ROOT/bench/out; mkdir -p "$OUT"
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[ -f "$JAR" ] || { echo "no jar at $JAR (./mvnw package -DskipTests)" >&2; exit 1; }
if [ ! -f "$BASE_JAR" ]; then
  log "building the base jar of $BASE_COMMIT into $BASE_DIR"
  rm -rf "$BASE_DIR"; mkdir -p "$BASE_DIR"
  git archive "$BASE_COMMIT" | tar -x -C "$BASE_DIR"
  (cd "$BASE_DIR" && ./mvnw -B -o -q package -DskipTests >&2)
fi
DB_PREFIX=${DB_PREFIX:-livetally_bench_insight}
DB_THIS=$DB_PREFIX DB_BASE=${DB_PREFIX}_base LOG_NAME=insight
MAIN_JAR=${MAIN_JAR:-} DB_MAIN=; [ -z "$MAIN_JAR" ] || DB_MAIN=${DB_PREFIX}_main
source bench/insight/common.sh

results=$(mktemp) alerts=$(mktemp)
log "uptime: $(uptime)"
for round in $(seq 1 "$ROUNDS"); do
  for variant in base ${MAIN_JAR:+main} this; do
    start $variant
    if [ "$round" = 1 ]; then
      s=$(bench setup RUN_ID="s$variant$(date +%s)" FULL=$([ $variant != base ] || [ "$BASE_FULL" = 1 ] && echo 1 || echo 0))
      declare "SETUP_$variant=$s"
    fi
    s=SETUP_$variant; s=${!s}
    session=$(json "$s" session); supplier=$(json "$s" supplier)
    products=$(node -e 'console.log(JSON.parse(process.argv[1]).products.join(","))' "$s")
    if [ $variant = base ]; then
      if part reads; then
        r=$(bench reads SESSION="$session" FIELDS=old RUN_ID="r$round$variant"); echo "base readsOld $(json "$r" readsPerSecond) $(json "$r" errors)" >> "$results"
        log "round $round base: reads (old fields) $r"
      fi
    else
      if part reads; then
        [ "${PG_SAMPLE:-0}" = 1 ] && pg_sample_start "$OUT/insight-pgsample-reads-$variant-$round.txt"
        r=$(bench reads SESSION="$session" FIELDS=new RUN_ID="r$round$variant"); echo "$variant readsNew $(json "$r" readsPerSecond) $(json "$r" errors)" >> "$results"
        log "round $round $variant: reads (new fields) $r"
        if [ "${PG_SAMPLE:-0}" = 1 ]; then pg_sample_stop; log "round $round $variant: PostgreSQL's active statements during the reads (new fields), every 20 ms:"; pg_sample_summary "$OUT/insight-pgsample-reads-$variant-$round.txt" >&2; fi
        r=$(bench reads SESSION="$session" FIELDS=old RUN_ID="o$round$variant"); echo "$variant readsOld $(json "$r" readsPerSecond) $(json "$r" errors)" >> "$results"
        log "round $round $variant: reads (old fields) $r"
      fi
      if part events; then
        r=$(bench events SESSION="$session" PRODUCTS="$products" RUN_ID="e$round$variant"); echo "$variant events $(json "$r" eventsPerSecond) $(json "$r" errors)" >> "$results"
        log "round $round $variant: recordViewerEvents $r"
        rb=$(redis_benchmark "$DURATION"); echo "redis events $rb 0" >> "$results"
        log "round $round redis-benchmark: $rb events/s"
      fi
    fi
    if part alerts && { [ "$ALERTS_ON" = both ] || { [ $variant != base ] && [ "$round" = "$ROUNDS" ]; }; }; then
      [ "${PG_SAMPLE:-0}" = 1 ] && pg_sample_start "$OUT/insight-pgsample-$variant-$round.txt"
      r=$(bench alerts SESSION="$session" PRODUCTS="$products" SUPPLIER="$supplier" RUN_ID="a$round$variant$(date +%s)" DURATION="$ALERTS_DURATION")
      echo "$variant $r" >> "$alerts"
      log "round $round $variant: alerts $r"
      if [ "${PG_SAMPLE:-0}" = 1 ]; then pg_sample_stop; log "round $round $variant: PostgreSQL's active statements, sampled every 20 ms:"; pg_sample_summary "$OUT/insight-pgsample-$variant-$round.txt" >&2; fi
    fi
    stop
  done
done
log "uptime: $(uptime)"
node -e '
const fs = require("fs");
const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map((l) => l.split(" "));
const of = (v, k) => rows.filter((r) => r[0] === v && r[1] === k).map((r) => Number(r[2]));
const mean = (xs) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);
const errors = rows.reduce((n, r) => n + Number(r[3]), 0);
const line = (name, a, b, goal) => a.length && b.length && console.log(`| ${name} | ${mean(a)} (${a.join(", ")}) | ${mean(b)} (${b.join(", ")}) | ${(100 * mean(a) / mean(b)).toFixed(1)}% | ${goal} |`);
if (rows.length) {
  console.log("| measure | this (mean; rounds) | baseline (mean; rounds) | ratio | goal |");
  console.log("|---|---|---|---|---|");
  line("recordViewerEvents, batches of 500, every kind, events/s vs redis-benchmark EVALSHA of the same script and batch", of("this", "events"), of("redis", "events"), "≥ 50%");
  line("stats reads/s, every live-insight field vs the jar before the insight merge (old fields)", of("this", "readsNew"), of("base", "readsOld"), "≥ 80%");
  line("stats reads/s, every live-insight field vs this jar, old fields only", of("this", "readsNew"), of("this", "readsOld"), "—");
  line("main: recordViewerEvents events/s vs redis-benchmark", of("main", "events"), of("redis", "events"), "≥ 50%");
  line("main: stats reads/s, every live-insight field vs the jar before the insight merge (old fields)", of("main", "readsNew"), of("base", "readsOld"), "≥ 80%");
  line("main: stats reads/s, every live-insight field vs main, old fields only", of("main", "readsNew"), of("main", "readsOld"), "—");
  line("stats reads/s, every live-insight field: this vs main", of("this", "readsNew"), of("main", "readsNew"), "—");
  line("recordViewerEvents events/s: this vs main", of("this", "events"), of("main", "events"), "—");
}
let alertErrors = 0;
for (const l of fs.readFileSync(process.argv[2], "utf8").trim().split("\n").filter(Boolean)) {
  const variant = l.slice(0, l.indexOf(" ")), a = JSON.parse(l.slice(l.indexOf(" ") + 1));
  alertErrors += a.errors;
  console.log(`\n${variant}: price-gouging order acknowledged → alert received (official subscribed on the same jar), ${a.ordersPerSecond} orders/s reached: ${a.alerts} alerts, ${a.missing} not received; ack → alert p50 ${a.fromAck.p50} ms, p99 ${a.fromAck.p99} ms, max ${a.fromAck.max} ms (${a.beforeAck} arrived before their ack); request sent → alert p50 ${a.fromSend.p50} ms, p99 ${a.fromSend.p99} ms; batch ack p50 ${a.batchAck.p50} ms, p99 ${a.batchAck.p99} ms; CPU per order: jar ${a.cpuPerOrder?.jarMsPerUnit} ms, PostgreSQL ${a.cpuPerOrder?.pgMsPerUnit} ms (goal: ack → alert p99 ≤ 1,000 ms)`);
}
console.log(`\nerrors: ${errors + alertErrors}`);
' "$results" "$alerts" | tee "$OUT/insight-$(date -u +%Y%m%d-%H%M).md"
[ "${KEEP_DBS:-0}" = 1 ] || for db in "$DB_THIS" "$DB_BASE" ${DB_MAIN:+"$DB_MAIN"}; do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db" || true
done
