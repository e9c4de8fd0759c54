#!/usr/bin/env bash
# Export benchmark (issue 13), run by bench/analytics/run.sh against its running service:
#   exports.sh <db> <service-base-url> <service-pid> <out.json>       (BENCH_TOKEN: a bearer token)
# For two sizes of the same database — the orders of 2025-01-01..02-06 (about a tenth) and every order — it times
# GET /reports/orders.csv (streamed by the service) beside psql's \copy (SELECT … the same rows, columns and order …)
# TO STDOUT CSV, and samples the JVM's heap with jstat every 100 ms while the export runs: peak used heap (young +
# old) and old generation used at the end. Rows/s are rows / wall time of the whole download.
set -euo pipefail
DB=$1 URL=$2 PID=$3 OUT=$4
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PSQL=(psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qtA)
COLUMNS="o.id, o.platform, o.external_id, o.channel, o.session_id, o.streamer_id, o.product_id, p.name,
  o.origin_region_code, o.quantity, o.unit_price, o.amount, o.buyer_province, o.buyer_type, o.certified, o.status,
  o.placed_at, o.refunded_at, o.price_alert, o.buyer_ref"

measure() { # label, query string of the export, SQL condition of the same rows
  local label=$1 query=$2 where=$3
  jstat -gc "$PID" 100 > "$TMP/jstat-$label.txt" 2>/dev/null &
  local sampler=$!
  local t0 t1 t2 t3
  t0=$(date +%s.%N)
  curl -fsS -H "Authorization: Bearer $BENCH_TOKEN" "$URL/reports/orders.csv$query" -o "$TMP/export.csv"
  t1=$(date +%s.%N)
  sleep 0.3
  kill "$sampler" 2>/dev/null || true
  local rows=$(( $(wc -l < "$TMP/export.csv") - 3 ))
  t2=$(date +%s.%N)
  "${PSQL[@]}" -c "\\copy (SELECT $COLUMNS FROM sales_order o JOIN product p ON p.id = o.product_id WHERE $where
    ORDER BY o.placed_at DESC, o.id DESC) TO STDOUT CSV" > "$TMP/copy.csv"
  t3=$(date +%s.%N)
  local copied
  copied=$(wc -l < "$TMP/copy.csv")
  # jstat -gc columns: S0C S1C S0U S1U EC EU OC OU …: used = S0U + S1U + EU + OU (KB)
  local peak old
  peak=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { u = $3 + $4 + $6 + $8; if (u > m) m = u } END { printf "%.0f", m / 1024 }' "$TMP/jstat-$label.txt")
  old=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { o = $8 } END { printf "%.0f", o / 1024 }' "$TMP/jstat-$label.txt")
  # sha256 of the file: two builds' exports of the same rows must be byte-identical
  printf '{"label": "%s", "rows": %d, "copied": %d, "bytes": %d, "sha256": "%s", "export_s": %s, "copy_s": %s, "peak_heap_mib": %s, "old_gen_end_mib": %s}\n' \
    "$label" "$rows" "$copied" "$(stat -c %s "$TMP/export.csv")" "$(sha256sum "$TMP/export.csv" | cut -c1-16)" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t3 - $t2" | bc)" "$peak" "$old"
}

# warm the export path (JIT) first, unmeasured: two exports of a fortnight (about 40,000 rows at 1M orders)
for _ in 1 2; do
  curl -fsS -H "Authorization: Bearer $BENCH_TOKEN" \
    "$URL/reports/orders.csv?from=2025-06-01T00:00:00%2B08:00&to=2025-06-15T00:00:00%2B08:00" -o /dev/null
done
{
  echo '['
  measure tenth "?from=2025-01-01T00:00:00%2B08:00&to=2025-02-06T00:00:00%2B08:00" \
    "o.placed_at >= '2025-01-01 00:00+08' AND o.placed_at < '2025-02-06 00:00+08'"
  echo ','
  measure all "" "true"
  echo ']'
} | tee "$OUT"
