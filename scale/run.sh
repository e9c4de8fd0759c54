#!/usr/bin/env bash
# The scale-out checks (issue 16, docs/SCALING.md), one command:   bash scale/run.sh
# Starts the environment (scale/up.sh: Redis Cluster 3+3, PostgreSQL primary + streaming replica, INSTANCES copies
# of the packaged jar, HAProxy), runs scale/scale.mjs against it, prints its markdown report (also in
# target/scale/), and stops everything (scale/down.sh), whatever happened. About 2 minutes.
#   JAR (default target/quarkus-app/quarkus-run.jar, packaged when missing)  RATE (150 orders/s)  SESSIONS (6)
# Needs: JDK 17, node 20+, redis-server/redis-cli 7, PostgreSQL 15 binaries, haproxy (installed when missing), openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export SCALE_DIR=${SCALE_DIR:-/tmp/livetally-scale}
export JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
OUT=$ROOT/target/scale
mkdir -p "$OUT"
trap 'cp "$SCALE_DIR"/app-*.log "$OUT/" 2>/dev/null; bash "$ROOT/scale/down.sh"' EXIT
bash scale/up.sh
set -a; source "$SCALE_DIR/env"; set +a
node --experimental-websocket --no-warnings scale/scale.mjs | tee "$OUT/report.md"
