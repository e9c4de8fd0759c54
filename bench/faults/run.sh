#!/usr/bin/env bash
# Ingest and live-stats-read throughput of two jars side by side in one run (issue 11: the repair machinery against
# the jar without it), one command:   BASE_JAR=/path/to/main/quarkus-run.jar bash bench/faults/run.sh
# Rounds alternate the jars (base, this, base, this, …; ORDER="this base" starts with this jar: a run's first round
# meets a fresh database and its last one the largest, so runs of both orders cancel the position's effect) against one database (livetally_bench_faults) and a
# redis-server of the run's own; each round (bench.mjs): DIRTY s (5) of reads of the session the previous round left
# LIVE, right after the start, then that session ended; a new LIVE session; WARMUP s (20) of ingest and reads mixed;
# DURATION s (20) of recordOrders batches from CLIENTS platforms, DURATION s of its stats reads. Both jars run with
# LIVETALLY_LIMITS_ENABLED=false (the request-cost gate is measured by bench/security; the base has none).
# JAVA_OPTS_THIS: extra JVM options of this jar's rounds, e.g. a JFR recording
# (-XX:StartFlightRecording=filename=bench/out/faults-%p.jfr,settings=profile); JAVA_OPTS_BASE: the same for the
# base's rounds. MODE=side starts both jars at once (one database, one Redis) and measures them in turn, the order
# alternating round by round (bench.mjs, SIDE): the fairest comparison on a shared machine. Prints the means and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BASE_JAR=${BASE_JAR:?the jar to compare with, e.g. main packaged}
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
ROUNDS=${ROUNDS:-3}
DB=${BENCH_DB:-livetally_bench_faults}   # dropped and made again
free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
KEYS=$(mktemp -d); OUT=$ROOT/bench/out; mkdir -p "$OUT"
REDIS_PORT=${REDIS_PORT:-$(free_port)}; PORT=${PORT:-$(free_port)}; MANAGEMENT_PORT=${MANAGEMENT_PORT:-$(free_port)}
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
REDIS_PID=$!
JAR_PIDS=
trap 'kill $JAR_PIDS 2>/dev/null || true; kill $REDIS_PID 2>/dev/null || true; rm -rf "$KEYS"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
ADMIN_TOKEN=$(bin/mint-token "$KEYS/private.pem" admin); PLATFORM_TOKEN=$(bin/mint-token "$KEYS/private.pem" platform platform=douyin)
results=$(mktemp)
# start_jar VARIANT PORT MANAGEMENT_PORT: the variant's jar, started in the background (JAR_PIDS), ready when it returns
start_jar() {
  local jar=$BASE_JAR opts=${JAVA_OPTS_BASE:-}
  [ "$1" = this ] && jar=$JAR && opts=${JAVA_OPTS_THIS:-}
  DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres DB_PASSWORD= REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0 \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$3 JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" LIVETALLY_LIMITS_ENABLED=false \
    java -Xmx1g $opts -jar "$jar" > "$OUT/faults-$1.log" 2>&1 &
  JAR_PIDS="$JAR_PIDS $!"; STARTED=$!
  for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$3/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
}
stop_jars() { for p in $JAR_PIDS; do kill $p; wait $p 2>/dev/null || true; done; JAR_PIDS=; }
if [ "${MODE:-rounds}" = side ]; then
  # both jars at once, one after the other measured in alternating order (bench.mjs, SIDE)
  PORT2=${PORT2:-$(free_port)}; MANAGEMENT_PORT2=${MANAGEMENT_PORT2:-$(free_port)}
  start_jar base "$PORT" "$MANAGEMENT_PORT"; base_pid=$STARTED
  start_jar this "$PORT2" "$MANAGEMENT_PORT2"; this_pid=$STARTED
  SIDE="base:$PORT:$base_pid this:$PORT2:$this_pid" ROUNDS=$ROUNDS RUN_ID="side-$(date +%s)" ADMIN_TOKEN=$ADMIN_TOKEN \
    PLATFORM_TOKEN=$PLATFORM_TOKEN node bench/faults/bench.mjs | tee /dev/stderr >> "$results"
  stop_jars
else
  prev=
  for round in $(seq 1 "$ROUNDS"); do
    for variant in ${ORDER:-base this}; do
      start_jar $variant "$PORT" "$MANAGEMENT_PORT"
      line=$(SERVER_PID=$STARTED PORT=$PORT RUN_ID="$round-$variant-$(date +%s)" PREV_SESSION=$prev ADMIN_TOKEN=$ADMIN_TOKEN PLATFORM_TOKEN=$PLATFORM_TOKEN node bench/faults/bench.mjs)
      prev=$(node -e 'console.log(JSON.parse(process.argv[1]).session)' "$line")
      echo "round $round $variant $line" >&2
      echo "$variant $line" >> "$results"
      stop_jars
    done
  done
fi
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => { const i = l.indexOf(" "); return [l.slice(0, i), JSON.parse(l.slice(i + 1))]; });
const median = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length; // the mean of the rounds (two rounds have no median)
const of = (v, k) => lines.filter(([x]) => x === v).map(([, r]) => r[k]);
const errors = lines.reduce((n, [, r]) => n + r.errors, 0);
console.log("| measure | base (mean) | this (mean) | this / base | rounds base | rounds this |");
console.log("|---|---|---|---|---|---|");
for (const [k, name] of [["ordersPerSecond", "ingest, orders/s (recordOrders batches of 10)"],
    ["cpuMsPer1000Orders", "service CPU per 1,000 orders ingested, ms (lower is better)"], ["readsPerSecond", "live stats reads/s (clean session)"],
    ["dirtyReadsPerSecond", "stats reads/s of a session LIVE across the restart, its first seconds"]]) {
  if (!of("base", k).some((x) => x !== null) || !of("this", k).some((x) => x !== null)) continue;
  const b = median(of("base", k).filter((x) => x !== null)), t = median(of("this", k).filter((x) => x !== null));
  console.log(`| ${name} | ${b} | ${t} | ${(100 * t / b).toFixed(1)}% | ${of("base", k).join(", ")} | ${of("this", k).join(", ")} |`);
}
console.log(`\nerrors: ${errors}`);
if (errors) process.exit(1);
' "$results" | tee "$OUT/faults-$(date +%Y%m%d-%H%M).md"
