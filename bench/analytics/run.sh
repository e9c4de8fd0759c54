#!/usr/bin/env bash
# Regional analytics benchmark (issue 4): ONE command.
#
#   bench/analytics/run.sh            # 1M and 10M orders
#   bench/analytics/run.sh 1000000    # one size
#
# For each size it (re)uses a database livetally_an_<size> (BENCH_DB_PREFIX, BENCH_REDIS_DB: another
# engineer's own database and Redis number) on 127.0.0.1 (BENCH_FRESH=1 rebuilds
# it): the packaged service migrates it, dataset.sql loads regions, catalogue, hosts and orders
# set-based, SELECT analytics_rebuild() builds the rollups. Then it starts the service (prod
# profile) and PostGraphile v4 + @graphile/pg-aggregates (+ connection-filter, for ranges) on the
# same database, waits until the aggregator has caught up, and measure.mjs times each query
# against the service, the plain SQL aggregate and PostGraphile. Results: bench/out/analytics/.
# Needs: JDK 17, PostgreSQL and Redis on 127.0.0.1, node 18+ and npm (PostGraphile is installed
# into a temporary directory, never into the repository), openssl.
# Security on, as deployed (docs/SECURITY.md): a key pair made for this run in a temporary directory,
# JWT_PUBLIC_KEY_LOCATION for the service, and the queries sent with the token of an official of the
# whole municipality (official region_code=500000), minted just before each size is measured.
# The official's rate limit (issue 15) is raised for the run (the environment of the benchmark's service, not the
# product's configuration): measure.mjs sends one request after another, faster than an official's budget allows.
# BENCH_QUERIES (a regular expression of query names) and BENCH_SQL_RUNS (plain SQL runs per query) go to
# measure.mjs: a 10M run is split into parts of a few minutes each.
# measure.mjs stops at the first answer with errors: a refused query fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
# BENCH_JAVA_OPTS: options of the service's JVM (e.g. -Xmx64m, to prove the export's memory bounded);
# BENCH_OUT: where results go; BENCH_APP: a packaged service (a quarkus-app directory) to run instead of this tree's,
# e.g. a build of main for a before/after in the same run
OUT=${BENCH_OUT:-$ROOT/bench/out/analytics}
mkdir -p "$OUT"
SIZES=${*:-1000000 10000000}
PORT=${BENCH_PORT:-18481}
PGL_PORT=${BENCH_PGL_PORT:-18482}
# Health and metrics are on the management interface, not on the public port.
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18483}
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
log() { printf '\n== %s: %s\n' "$(date +%H:%M:%S)" "$*"; }

PIDS=()
# A key pair for this run only: the service verifies with the public half, tokens are minted with the private one.
KEYS=$(mktemp -d)
cleanup() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; rm -rf "$KEYS"; }
trap cleanup EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"

if [ -z "${BENCH_APP:-}" ] && { [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${BENCH_PACKAGE:-}" ]; }; then
  log "packaging the service"
  ./mvnw -B -q package -DskipTests
fi

# run a copy, so that a build in the work tree meanwhile cannot change the jar under the service
APP=$OUT/app
rm -rf "$APP"
cp -r "${BENCH_APP:-target/quarkus-app}" "$APP"

TOOLS=${BENCH_TOOLS:-$(mktemp -d)}
cp bench/lib/postgraphilerc.js "$TOOLS/.postgraphilerc.js"   # the partitioned sales_order as one table
# BENCH_NO_POSTGRAPHILE=1 measures the service and the plain SQL only (node-postgres is still installed)
if [ -n "${BENCH_EXPORTS_ONLY:-}" ]; then
  BENCH_NO_POSTGRAPHILE=1   # the exports need neither PostGraphile nor node-postgres
elif [ -n "${BENCH_NO_POSTGRAPHILE:-}" ] && [ ! -d "$TOOLS/node_modules/pg" ]; then
  (cd "$TOOLS" && npm install --silent --no-audit --no-fund pg@8)
elif [ ! -d "$TOOLS/node_modules/postgraphile" ]; then
  log "installing PostGraphile v4 + @graphile/pg-aggregates into $TOOLS"
  (cd "$TOOLS" && npm install --silent --no-audit --no-fund postgraphile@4 @graphile/pg-aggregates@0.1.1 \
    postgraphile-plugin-connection-filter@2)
fi

start_service() { # db [label of its log, the db by default]
  if curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" > /dev/null 2>&1; then
    echo "something already serves port $MANAGEMENT_PORT (a previous run?): stop it first"; exit 1
  fi
  DB_HOST=127.0.0.1 DB_NAME=$1 DB_USER=postgres REDIS_URL=redis://127.0.0.1:6379/${BENCH_REDIS_DB:-4} QUARKUS_HTTP_PORT=$PORT \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" \
    LIVETALLY_LIMITS_ROLES_OFFICIAL_CAPACITY=1000000000 LIVETALLY_LIMITS_ROLES_OFFICIAL_RESTORE_RATE=1000000000 \
    java ${BENCH_JAVA_OPTS:-} -jar "$APP/quarkus-run.jar" > "$OUT/service-${2:-$1}.log" 2>&1 &
  SERVICE=$!
  PIDS+=("$SERVICE")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" > /dev/null 2>&1 && return 0
    kill -0 "$SERVICE" 2>/dev/null || { tail -50 "$OUT/service-${2:-$1}.log"; exit 1; }
    sleep 1
  done
  echo "service did not start"; exit 1
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

for N in $SIZES; do
  LABEL=$(( N / 1000000 ))m
  DB=${BENCH_DB_PREFIX:-livetally_an}_$LABEL
  COUNT=$("${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
  if [ -n "$COUNT" ] && [ -z "${BENCH_FRESH:-}" ]; then
    COUNT=$("${PSQL[@]}" -d "$DB" -tAc "SELECT count(*) FROM sales_order" 2>/dev/null || echo 0)
  else
    COUNT=0
  fi
  if [ "$COUNT" != "$N" ]; then
    log "$DB: building $N orders"
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    start_service "$DB"          # runs the Flyway migrations
    stop "$SERVICE"
    START=$(date +%s)
    "${PSQL[@]}" -d "$DB" -v orders="$N" -f bench/analytics/dataset.sql
    LOADED=$(date +%s)
    "${PSQL[@]}" -d "$DB" -c "SELECT analytics_rebuild()" -c "VACUUM ANALYZE"
    echo "{\"orders\": $N, \"load_s\": $((LOADED - START)), \"rollups_s\": $(( $(date +%s) - LOADED ))}" \
      > "$OUT/build-$LABEL.json"
    cat "$OUT/build-$LABEL.json"
  fi
  "${PSQL[@]}" -d "$DB" -tAc "SELECT 'rollup rows', (SELECT count(*) FROM rollup_region), (SELECT count(*) FROM rollup_region_province),
      (SELECT count(*) FROM rollup_region_buyer),
      (SELECT count(*) FROM rollup_streamer), (SELECT count(*) FROM rollup_product)" > "$OUT/rollups-$LABEL.txt"
  # BENCH_BUILD_ONLY=1: build the database (when needed) and stop, e.g. to measure in another locked job
  [ -n "${BENCH_BUILD_ONLY:-}" ] && continue

  log "$DB: service and PostGraphile"
  if curl -fs -X POST -H 'content-type: application/json' -d '{"query":"{__typename}"}' \
      "http://127.0.0.1:$PGL_PORT/graphql" > /dev/null 2>&1; then
    echo "something already serves port $PGL_PORT (a previous run?): stop it first"; exit 1
  fi
  start_service "$DB"
  PGL=
  if [ -z "${BENCH_NO_POSTGRAPHILE:-}" ]; then
  (cd "$TOOLS" && exec node node_modules/.bin/postgraphile -c "postgres://postgres@127.0.0.1:5432/$DB" \
    --schema public --append-plugins @graphile/pg-aggregates,postgraphile-plugin-connection-filter \
    --host 127.0.0.1 --port "$PGL_PORT" --disable-default-mutations --disable-graphiql --disable-query-log \
    > "$OUT/postgraphile-$LABEL.log" 2>&1) &
  PGL=$!
  PIDS+=("$PGL")
  for _ in $(seq 1 60); do
    curl -fs -X POST -H 'content-type: application/json' -d '{"query":"{__typename}"}' \
      "http://127.0.0.1:$PGL_PORT/graphql" > /dev/null 2>&1 && break
    sleep 1
  done
  PGL_URL=http://127.0.0.1:$PGL_PORT/graphql
  curl -fs -X POST -H 'content-type: application/json' -d '{"query":"{__typename}"}' "$PGL_URL" > /dev/null \
    || { echo "PostGraphile did not start, see $OUT/postgraphile-$LABEL.log"; PGL_URL=-; }
  else
    PGL_URL=-
  fi

  log "$DB: waiting for the aggregator to catch up"
  for _ in $(seq 1 600); do
    CAUGHT=$("${PSQL[@]}" -d "$DB" -tAc "SELECT NOT EXISTS (SELECT 1 FROM sales_order WHERE xid >= (SELECT horizon FROM
      analytics_state) OR refund_xid >= (SELECT horizon FROM analytics_state))")
    [ "$CAUGHT" = t ] && break
    sleep 1
  done

  log "$DB: measuring"
  # the municipality's official: every region and ranking of the dataset lies in 500000's subtree
  TOKEN=$(bin/mint-token "$KEYS/private.pem" official region_code=500000)
  # BENCH_EXPORTS_ONLY=1 skips the queries (an existing database, the exports measured again)
  if [ -n "${BENCH_VARIANTS:-}" ]; then
    # BENCH_VARIANTS="label=file.sql[:quarkus-app] …" (labels of letters and digits): variants measured side by side
    # on the same data: in each of BENCH_VARIANT_ROUNDS rounds (default 3) every variant's SQL is applied with psql
    # (e.g. the analytics functions of two commits: `git show REV:src/main/resources/db/migration/R__analytics_functions.sql`),
    # the service's connections see it at their next statement (a function dropped and created again is a new
    # function: nothing of the previous one's cached plans is used), then measure.mjs runs against the service — or,
    # for a variant naming a packaged service of its own (e.g. main's, for statements that changed with the functions),
    # against that one, started beside the first on the next ports (all of them running throughout the rounds); the
    # order of the variants alternates from round to round. Results: results-<label>-<variant>-<round>.json, and a
    # summary of every query's p50 per variant and round (variants.txt).
    read -ra VARIANTS <<< "$BENCH_VARIANTS"
    declare -A VARIANT_URL
    FIRST_PORT=$PORT FIRST_MANAGEMENT_PORT=$MANAGEMENT_PORT FIRST_APP=$APP FIRST_SERVICE=$SERVICE
    for i in "${!VARIANTS[@]}"; do
      spec=${VARIANTS[i]#*=} name=${VARIANTS[i]%%=*}
      VARIANT_URL[$name]=http://127.0.0.1:$FIRST_PORT/graphql
      if [[ $spec == *:* ]]; then
        PORT=$((FIRST_PORT + 10 * (i + 1))) MANAGEMENT_PORT=$((FIRST_MANAGEMENT_PORT + 10 * (i + 1))) APP=$OUT/app-$name
        rm -rf "$APP" && cp -r "${spec#*:}" "$APP"
        start_service "$DB" "$DB-$name"
        VARIANT_URL[$name]=http://127.0.0.1:$PORT/graphql
      fi
    done
    PORT=$FIRST_PORT MANAGEMENT_PORT=$FIRST_MANAGEMENT_PORT APP=$FIRST_APP SERVICE=$FIRST_SERVICE
    for round in $(seq 1 "${BENCH_VARIANT_ROUNDS:-3}"); do
      ORDER=("${VARIANTS[@]}")
      if [ $((round % 2)) = 0 ]; then ORDER=(); for ((i = ${#VARIANTS[@]} - 1; i >= 0; i--)); do ORDER+=("${VARIANTS[i]}"); done; fi
      for variant in "${ORDER[@]}"; do
        log "$DB: round $round, variant ${variant%%=*}"
        sql=${variant#*=}
        "${PSQL[@]}" -d "$DB" -f "${sql%%:*}" > /dev/null
        BENCH_TOKEN=$TOKEN BENCH_TOOLS=$TOOLS node bench/analytics/measure.mjs "$DB" "${VARIANT_URL[${variant%%=*}]}" \
          "$PGL_URL" "$OUT/results-$LABEL-${variant%%=*}-$round.json" > /dev/null
      done
    done
    node -e '
      const fs = require("fs"), [out, label, names] = process.argv.slice(1);
      const files = fs.readdirSync(out).filter((f) => f.startsWith(`results-${label}-`) && f.endsWith(".json"));
      const rows = {};
      for (const f of files.sort()) {
        const [variant, round] = f.slice(`results-${label}-`.length, -5).split("-");
        for (const r of JSON.parse(fs.readFileSync(`${out}/${f}`))) {
          (rows[r.name] ??= {})[variant] ??= [];
          rows[r.name][variant][round - 1] = r.service.p50;
        }
      }
      const variants = names.split(" ").map((v) => v.split("=")[0]);
      console.log(["query", ...variants.map((v) => `${v} p50 ms (rounds)`), "plain SQL p50 ms"].join(" | "));
      for (const [name, byVariant] of Object.entries(rows)) {
        const sql = JSON.parse(fs.readFileSync(`${out}/${files[0]}`)).find((r) => r.name === name).sql.p50;
        console.log([name, ...variants.map((v) => byVariant[v].map((x) => x.toFixed(2)).join(" / ")), sql.toFixed(2)].join(" | "));
      }' "$OUT" "$LABEL" "$BENCH_VARIANTS" | tee "$OUT/variants-$LABEL.txt"
  elif [ -z "${BENCH_EXPORTS_ONLY:-}" ]; then
    BENCH_TOKEN=$TOKEN BENCH_TOOLS=$TOOLS node bench/analytics/measure.mjs "$DB" "http://127.0.0.1:$PORT/graphql" "$PGL_URL" \
      "$OUT/results-$LABEL.json"
  fi
  [ -n "$PGL" ] && stop "$PGL"
  # BENCH_NO_EXPORTS=1: the queries only (a 10M run in parts)
  if [ -z "${BENCH_NO_EXPORTS:-}" ]; then
    log "$DB: exports (orders.csv against psql \\copy, heap while exporting)"
    BENCH_TOKEN=$TOKEN bench/reports/exports.sh "$DB" "http://127.0.0.1:$PORT" "$SERVICE" "$OUT/exports-$LABEL.json"
  fi
  stop "$SERVICE"
done

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "memory: $(free -h | awk '/Mem:/ {print $2}')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "postgresql: $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version')"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"
[ -z "${BENCH_EXPORTS_ONLY:-}${BENCH_BUILD_ONLY:-}${BENCH_VARIANTS:-}" ] && node bench/analytics/report.mjs "$OUT"
true
