#!/usr/bin/env bash
# Scale-out benchmark (issue 16, docs/PERFORMANCE.md "Scale-out"): ingest and stats-read throughput through HAProxy
# with 1 and with 3 instances of the packaged jar in service, in the same run, on the same environment
# (scale/up.sh: Redis Cluster 3+3, PostgreSQL primary + replica). The balancer's runtime API takes instances 2 and
# 3 out of service and back (their JVMs keep running, warm), alternating 1, 3, 1, 3. Limits off (LIVETALLY_LIMITS_ENABLED
# =false): the figures are the service's, not a caller's budget.
#   JAR (default target/quarkus-app/quarkus-run.jar)  DURATION (15 s per measurement)  ROUNDS (2)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export SCALE_DIR=${SCALE_DIR:-/tmp/livetally-scale-bench}
export JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
TOOLS=$(mktemp -d)
trap 'bash "$ROOT/scale/down.sh"; rm -rf "$TOOLS"' EXIT
(cd "$TOOLS" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund autocannon@8)
cp bench/scale/bench.mjs "$TOOLS/"
EXTRA_ENV="LIVETALLY_LIMITS_ENABLED=false" bash scale/up.sh
set -a; source "$SCALE_DIR/env"; set +a
(cd "$TOOLS" && node bench.mjs)
