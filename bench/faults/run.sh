#!/usr/bin/env bash
# Ingest and live-stats-read throughput of two jars side by side in one run (issue 11: the repair machinery against
# the jar without it), one command:   BASE_JAR=/path/to/main/quarkus-run.jar bash bench/faults/run.sh
# Rounds alternate the jars (base, this, base, this, …) against one database (livetally_bench_faults) and a
# redis-server of the run's own; each round: a new LIVE session, 5 s warm-up, DURATION s of recordOrders batches from
# CLIENTS platforms, DURATION s of session stats reads from CLIENTS hosts. Prints the medians and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BASE_JAR=${BASE_JAR:?the jar to compare with, e.g. main packaged}
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
ROUNDS=${ROUNDS:-3}
DB=livetally_bench_faults
free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
KEYS=$(mktemp -d); OUT=$ROOT/bench/out; mkdir -p "$OUT"
REDIS_PORT=$(free_port); PORT=$(free_port); MANAGEMENT_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
REDIS_PID=$!
JAR_PID=
trap 'kill $JAR_PID 2>/dev/null || true; kill $REDIS_PID 2>/dev/null || true; rm -rf "$KEYS"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
ADMIN_TOKEN=$(bin/mint-token "$KEYS/private.pem" admin); PLATFORM_TOKEN=$(bin/mint-token "$KEYS/private.pem" platform platform=douyin)
results=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  for variant in base this; do
    jar=$BASE_JAR; [ $variant = this ] && jar=$JAR
    DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres DB_PASSWORD= REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0 \
      QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
      QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" \
      java -Xmx1g -jar "$jar" > "$OUT/faults-$variant.log" 2>&1 &
    JAR_PID=$!
    for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
    line=$(PORT=$PORT RUN_ID="$round-$variant-$(date +%s)" ADMIN_TOKEN=$ADMIN_TOKEN PLATFORM_TOKEN=$PLATFORM_TOKEN node bench/faults/bench.mjs)
    echo "round $round $variant $line" >&2
    echo "$variant $line" >> "$results"
    kill $JAR_PID; wait $JAR_PID 2>/dev/null || true; JAR_PID=
  done
done
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => { const i = l.indexOf(" "); return [l.slice(0, i), JSON.parse(l.slice(i + 1))]; });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const of = (v, k) => lines.filter(([x]) => x === v).map(([, r]) => r[k]);
const errors = lines.reduce((n, [, r]) => n + r.errors, 0);
console.log("| measure | base (median) | this (median) | this / base | rounds base | rounds this |");
console.log("|---|---|---|---|---|---|");
for (const [k, name] of [["ordersPerSecond", "ingest, orders/s (recordOrders batches of 10)"], ["readsPerSecond", "live stats reads/s"]]) {
  const b = median(of("base", k)), t = median(of("this", k));
  console.log(`| ${name} | ${b} | ${t} | ${(100 * t / b).toFixed(1)}% | ${of("base", k).join(", ")} | ${of("this", k).join(", ")} |`);
}
console.log(`\nerrors: ${errors}`);
if (errors) process.exit(1);
' "$results" | tee "$OUT/faults-$(date +%Y%m%d-%H%M).md"
