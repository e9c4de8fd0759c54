#!/usr/bin/env bash
# The fault-injection suite (issue 11, docs/RELIABILITY.md), one command:   bash chaos/run.sh
#
# Starts the packaged jar (prod profile) against a redis-server of its own on a free port and a database of its
# own (livetally_chaos, emptied first), puts it under load (node: CLIENTS platforms sending recordOrders batches
# and single recordOrder calls, retrying what got no verdict; a host reading the live stats; a probe polling
# readiness), and injects, one after the other while the load goes on: Redis killed and restarted empty, Redis
# paused (SIGSTOP) for 8 s, the database's connections cut for 8 s (ALLOW_CONNECTIONS false and its backends
# terminated), the service kill -9'd and restarted, and SIGTERM (then restarted). Then it checks the five
# properties (chaos.mjs) and prints a markdown report. Loopback only; never touches the machine's shared
# PostgreSQL server beyond its own database, nor the shared Redis.
#   PROFILE=short (CI: 4 clients, 8 s after each fault; about 2.5 minutes) | full (8 clients, 15 s after each)
#   RUNS=n        runs in a row (default 1); stops at the first failure
#   JAR=path      the jar to test (default target/quarkus-app/quarkus-run.jar; packaged when missing)
#   FAULTS=a,b    a subset of redis-kill,redis-pause,db-cut,service-kill,sigterm
# Needs: JDK 17, node 18+, redis-server, psql, openssl; PostgreSQL on 127.0.0.1:5432 (postgres, trust).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
RUNS=${RUNS:-1}
DB=${CHAOS_DB:-livetally_chaos}
OUT=$ROOT/target/chaos
mkdir -p "$OUT"
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests

free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
KEYS=$(mktemp -d)
cleanup() {
  for f in "$OUT/server.pid" "$OUT/redis.pid"; do
    [ -f "$f" ] && { kill -CONT "$(cat "$f")" 2>/dev/null || true; kill -9 "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; }
  done
  psql -h 127.0.0.1 -U postgres -d postgres -qc "ALTER DATABASE $DB ALLOW_CONNECTIONS true" >/dev/null 2>&1 || true
  rm -rf "$KEYS"
}
trap cleanup EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"

status=0
for run in $(seq 1 "$RUNS"); do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "ALTER DATABASE $DB ALLOW_CONNECTIONS true" >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $DB"
  psql -h 127.0.0.1 -U postgres -d "$DB" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" 2>/dev/null
  RUN_ID="$(date +%s)-$run"
  : > "$OUT/server-$RUN_ID.log"
  echo "== chaos run $run of $RUNS ($RUN_ID), server log $OUT/server-$RUN_ID.log" >&2
  if env PORT="$(free_port)" MANAGEMENT_PORT="$(free_port)" REDIS_PORT="$(free_port)" DB="$DB" JAR="$JAR" \
      RUN_ID="$RUN_ID" SERVER_LOG="$OUT/server-$RUN_ID.log" SERVER_PID_FILE="$OUT/server.pid" \
      REDIS_PID_FILE="$OUT/redis.pid" PUBLIC_KEY="$KEYS/public.pem" \
      ADMIN_TOKEN="$(TTL=7200 bin/mint-token "$KEYS/private.pem" admin)" \
      PLATFORM_TOKEN="$(TTL=7200 bin/mint-token "$KEYS/private.pem" platform platform=douyin)" \
      node chaos/chaos.mjs | tee "$OUT/report-$RUN_ID.md"; then
    :
  else
    status=1
    break
  fi
  # The service's own log: no stack trace per failed request (one WARN per outage).
  traces=$(grep -c '^[[:space:]]*at ' "$OUT/server-$RUN_ID.log" || true)
  warns=$(grep -c ' WARN ' "$OUT/server-$RUN_ID.log" || true)
  echo "server log: $warns WARN lines, $traces stack-trace lines" | tee -a "$OUT/report-$RUN_ID.md"
done
exit $status
