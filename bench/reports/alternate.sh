#!/usr/bin/env bash
# The orders export of two builds side by side in ONE job (run it under the machine lock):
#
#   bench/reports/alternate.sh <base quarkus-app> <this quarkus-app> [orders]      (orders: 1000000 by default)
#
# ROUNDS (default 3) rounds, each: the base build's service started, its exports measured by exports.sh beside
# psql \copy of the same rows (bench/analytics/run.sh with BENCH_EXPORTS_ONLY=1), the service stopped; then this
# build's the same way (the order alternates round by round: base first in odd rounds, this first in even ones).
# The database must exist with that many orders (bench/analytics/run.sh builds it; BENCH_DB_PREFIX names it). Every
# BENCH_* variable of run.sh applies (BENCH_REDIS_DB, BENCH_PORT, BENCH_MANAGEMENT_PORT, BENCH_DB_PREFIX,
# BENCH_JAVA_OPTS). Results: $OUT/<round>-<build>/exports-<size>.json, and a table printed at the end: per export
# its seconds, \copy's, the ratio of rows/s (export over \copy), peak used heap and old generation after, sha256.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=$1 THIS=$2 N=${3:-1000000}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-bench/out/reports/alternate-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
LABEL=$(( N / 1000000 ))m
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/run.txt"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="base this"; else order="this base"; fi
  for build in $order; do
    app=$BASE
    [ "$build" = this ] && app=$THIS
    BENCH_EXPORTS_ONLY=1 BENCH_APP=$app BENCH_OUT="$OUT/$round-$build" bench/analytics/run.sh "$N" \
      > "$OUT/$round-$build.log" 2>&1 || { tail -30 "$OUT/$round-$build.log"; exit 1; }
    echo "round $round $build done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/run.txt"
  done
done
echo "end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/run.txt"
node - "$OUT" "$ROUNDS" "$LABEL" <<'EOF' | tee "$OUT/table.md"
const fs = require('fs');
const [out, rounds, label] = process.argv.slice(2);
console.log('| round | build | rows | export s | \\copy s | ratio | peak heap MiB | old gen after MiB | sha256 |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (let r = 1; r <= Number(rounds); r++) {
  for (const build of r % 2 ? ['base', 'this'] : ['this', 'base']) {
    // bc writes .5 for 0.5
    const text = fs.readFileSync(`${out}/${r}-${build}/exports-${label}.json`, 'utf8').replace(/: (-?)\./g, (m, sign) => `: ${sign}0.`);
    for (const e of JSON.parse(text)) {
      console.log(`| ${r} | ${build} | ${e.rows} | ${e.export_s.toFixed(2)} | ${e.copy_s.toFixed(2)} | `
        + `${(100 * e.copy_s / e.export_s).toFixed(1)}% | ${e.peak_heap_mib} | ${e.old_gen_end_mib} | ${e.sha256} |`);
    }
  }
}
EOF
