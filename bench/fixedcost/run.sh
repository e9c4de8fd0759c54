#!/usr/bin/env bash
# Fixed cost of a request (issue 17), one command:   bench/fixedcost/run.sh [BASE_JAR]
#
# Side by side in one run, same data: the baseline jar (default /work/wt/base/target/quarkus-app/quarkus-run.jar)
# and this tree's packaged jar (target/quarkus-app, packaged beforehand), each started in turn against the same
# database and Redis db with a JFR recording (settings=profile), then
#   - bench/live/bench.mjs PARTS=ingest,reads: recordOrders/recordOrder vs pgbench, stats reads at 32 connections
#     while ~1,000 orders/s stream in vs PostGraphile;
#   - fixedcost.mjs: `{ __typename }` with a token at 32 connections and a small region totals (a district, a day);
# then a bare Vert.x route (BareRoute.java, the jar's own Vert.x) answering the same bytes as `{ __typename }`,
# and the plain SQL of the small totals through pgbench (1 client).
# Each measurement is recorded with JFR (settings=profile, started and stopped by jcmd around it) into
# bench/out/fixedcost-<jar>-<part>.jfr; bench/fixedcost/profile.py summarises one.
# Env: DB (default livetally_fixedcost_bench), REDIS_DB (12), PORT (18500; management PORT+1, bare route PORT+2),
# ORDERS/SESSIONS/LIVE_ORDERS for a first load, DURATION (15 s per measurement), JAVA_OPTS_NEW (extra JVM options
# for this tree's jar only), ONLY=base (the baseline alone: a first profile), WARMUP (s, 30: each of bench/live's three warm-up workloads,
# before each part; the JIT of a fresh jar on 2 cores needs minutes), PHASE=load (migrate and load the data,
# then stop: a first locked step of its own), ROUNDS (1: base then this; 2: base, this, base, this — alternating),
# LOAD=0 (another benchmark's database, e.g. bench/analytics' livetally_an_10m: not loaded, PARTS=totals only) with
# DISTRICT, DAY_FROM, DAY_TO (the region and period of the small totals instead of a district's day found in the data),
# PARTS (default "ingest reads typename totals"; "coldstart" — 32 connections reading the 120k-order LIVE session as soon
# as the jar is ready, COLD_SECONDS (60) long, its counters lost with the flushed Redis db — runs first when listed), TOTALS_WARMUP (s, 20) before the small totals, BARE=0 (skip the bare Vert.x route), JFR=0 (no recordings).
# After each stats-read measurement the service's livetally_stats_served_total{source} counters are printed:
# how many reads were answered from Redis and how many from PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BASE_JAR=${1:-/work/wt/base/target/quarkus-app/quarkus-run.jar}
DB=${DB:-livetally_fixedcost_bench}
REDIS_DB=${REDIS_DB:-12}
PORT=${PORT:-18500}
MANAGEMENT_PORT=$((PORT + 1))
BARE_PORT=$((PORT + 2))
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-1}
PARTS=${PARTS:-ingest reads typename totals}
PSQL=(env PGTZ=UTC psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
mkdir -p bench/out

KEYS=$(mktemp -d)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
JAR_PID=
BARE_PID=
trap '[ -z "$JAR_PID" ] || kill $JAR_PID 2>/dev/null; [ -z "$BARE_PID" ] || kill $BARE_PID 2>/dev/null; rm -rf "$KEYS"' EXIT

loaded=$("${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" || true)
[ "$loaded" = 1 ] || "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"

reset_orders() { # the benchmark's own orders of earlier measurements gone, its LIVE sessions LIVE again
  "${PSQL[@]}" -d $DB -c "DELETE FROM sales_order WHERE platform = 'pgbench' OR external_id ~ '^(ib|is|rs|fo|wu)-'" \
    -c "UPDATE live_session SET status = 'LIVE', ended_at = NULL WHERE title LIKE 'bench-live-%'" -c "VACUUM ANALYZE sales_order" >&2
}
start_jar() { # label jar [jvm options...]
  local label=$1 jar=$2; shift 2
  # Before the jar starts: a jar that started first would rebuild the LIVE sessions' counters from orders deleted
  # right after (the ingest session held 400,000–900,000 of the previous jar's orders), and its reconciler would
  # then find the counters ahead of PostgreSQL.
  [ "$("${PSQL[@]}" -d $DB -tAc "SELECT to_regclass('sales_order') IS NOT NULL")" != t ] || reset_orders
  redis-cli -n "$REDIS_DB" flushdb >/dev/null
  # Buckets too large to run dry: 32 connections of one host read far above a host's rate (each request still pays
  # its charge, one Redis call, as deployed).
  local role
  for role in HOST ADMIN PLATFORM OFFICIAL; do
    export LIVETALLY_LIMITS_ROLES_${role}_CAPACITY=1000000000 LIVETALLY_LIMITS_ROLES_${role}_RESTORE_RATE=1000000000
    # and more requests at once than the 32 connections (a host may have 16 since the gate's caller front)
    export LIVETALLY_LIMITS_ROLES_${role}_MAX_CONCURRENT=256
  done
  DB_HOST=127.0.0.1 DB_NAME=$DB DB_USER=postgres REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB QUARKUS_HTTP_PORT=$PORT \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" \
    java -Xmx2g "$@"\
    -jar "$jar" > "bench/out/fixedcost-$label-server.log" 2>&1 &
  JAR_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 $JAR_PID 2>/dev/null || { cat "bench/out/fixedcost-$label-server.log" >&2; exit 1; }
    sleep 1
  done
  echo "the jar did not become ready" >&2; exit 1
}
stop_jar() { kill $JAR_PID; wait $JAR_PID 2>/dev/null || true; JAR_PID=; }

TOOLS=${TOOLS:-/tmp/livetally-fixedcost-tools}
if [ ! -d "$TOOLS/node_modules/postgraphile" ]; then
  log "installing the load tools and PostGraphile into $TOOLS"
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund autocannon@8 ws@8 graphql-ws@6 \
    postgraphile@4.14.1 @graphile/pg-aggregates@0.1.1 >&2)
fi
cp bench/live/bench.mjs bench/fixedcost/fixedcost.mjs "$TOOLS"/
cp bench/lib/postgraphilerc.js "$TOOLS/.postgraphilerc.js"

log "starting the baseline jar (migrations)"
start_jar base "$BASE_JAR"
if [ "${LOAD:-1}" = 1 ] && [ "$("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM live_session WHERE title = 'bench-live-read'")" != 1 ]; then
  log "loading ${ORDERS:-1000000} orders"
  "${PSQL[@]}" -d $DB -v orders=${ORDERS:-1000000} -v sessions=${SESSIONS:-2000} -v live_orders=${LIVE_ORDERS:-120000} \
    -f bench/live/dataset.sql >&2
fi
# A district and a day (Asia/Shanghai) with orders: the small totals.
[ -n "${DISTRICT:-}" ] || read -r DISTRICT DAY_FROM DAY_TO < <("${PSQL[@]}" -d $DB -tA -F ' ' -c "SELECT origin_region_code,
  to_char(d AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char((d + interval '1 day') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
  FROM (SELECT origin_region_code, date_trunc('day', placed_at AT TIME ZONE 'Asia/Shanghai') AS d FROM sales_order
        WHERE placed_at < now() - interval '3 days' LIMIT 1) x")

[ "${PHASE:-}" != load ] || { stop_jar; log "loaded"; exit 0; }

served() { # the stats-read counters by source, one line
  curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '/^livetally_stats_served_total/ { sub(/.*source="/, ""); sub(/".*} /, "="); printf "%s ", $0 }'
}
jfr() { # start|stop name
  [ "${JFR:-1}" = 1 ] || return 0
  if [ "$1" = start ]; then jcmd "$JAR_PID" JFR.start name="$2" settings=profile >/dev/null
  else jcmd "$JAR_PID" JFR.stop name="$2" filename="$ROOT/bench/out/fixedcost-$2.jfr" >/dev/null; fi
}
measure() { # label (the orders were reset before its jar started)
  if [[ " $PARTS " == *" coldstart "* ]]; then # first, before any warm-up: the jar as it starts
    log "$1: cold start"
    (cd "$TOOLS" && API_URL="http://127.0.0.1:$PORT/graphql" METRICS_URL="http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" LABEL=$1 \
      PART=coldstart DB_NAME=$DB MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" node fixedcost.mjs) \
      || echo "[$1] fixedcost.mjs PART=coldstart FAILED"
  fi
  for part in ingest reads; do
    [[ " $PARTS " == *" $part "* ]] || continue
    log "$1: bench/live $part"
    [ "$part" != reads ] || echo "[$1] stats served before the reads: $(served)"
    jfr start "$1-$part"
    (cd "$TOOLS" && API_URL="http://127.0.0.1:$PORT/graphql" METRICS_URL="http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" \
      PG_URL="postgres://postgres@127.0.0.1:5432/$DB" DB_NAME=$DB DURATION=$DURATION WARMUP=${WARMUP:-30} JAR_PID=$JAR_PID PARTS=$part \
      MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" node bench.mjs 2>"$ROOT/bench/out/fixedcost-$1-$part.log") | sed "s/^/[$1] /" \
      || echo "[$1] bench.mjs PARTS=$part FAILED: $(tail -3 "$ROOT/bench/out/fixedcost-$1-$part.log" | tr '\n' ' ')"
    jfr stop "$1-$part"
    [ "$part" != reads ] || echo "[$1] stats served after the reads: $(served)"
  done
  for part in typename totals; do
    [[ " $PARTS " == *" $part "* ]] || continue
    log "$1: $part"
    jfr start "$1-$part"
    (cd "$TOOLS" && API_URL="http://127.0.0.1:$PORT/graphql" LABEL=$1 PART=$part DURATION=$DURATION DISTRICT=$DISTRICT \
      DAY_FROM=$DAY_FROM DAY_TO=$DAY_TO MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" node fixedcost.mjs) \
      || echo "[$1] fixedcost.mjs PART=$part FAILED"
    jfr stop "$1-$part"
  done
}

echo "# Fixed cost of a request — $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores; $("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM sales_order") orders"
stop_jar
for round in $(seq 1 "$ROUNDS"); do
suffix=$([ "$ROUNDS" = 1 ] && echo "" || echo "-r$round")
log "round $round: the baseline jar"
start_jar "base$suffix" "$BASE_JAR"
measure "base$suffix"
ANSWER=$(curl -s -H 'content-type: application/json' -H "authorization: Bearer $(bin/mint-token "$KEYS/private.pem" host streamer_id=1)" \
  -d '{"query":"{ __typename }"}' "http://127.0.0.1:$PORT/graphql")
stop_jar
if [ "$round" = 1 ] && [ "${BARE:-1}" = 1 ]; then
log "bare Vert.x route answering $ANSWER"
java -cp "$(dirname "$BASE_JAR")/lib/main/*" bench/fixedcost/BareRoute.java "$BARE_PORT" "$ANSWER" > bench/out/fixedcost-bare.log 2>&1 &
BARE_PID=$!
for _ in $(seq 1 30); do curl -fs -d '{}' "http://127.0.0.1:$BARE_PORT/graphql" >/dev/null 2>&1 && break; sleep 1; done
(cd "$TOOLS" && API_URL="http://127.0.0.1:$BARE_PORT/graphql" LABEL=bare PART=typename BARE=1 DURATION=$DURATION node fixedcost.mjs)
kill $BARE_PID; BARE_PID=
fi

if [ "${ONLY:-}" != base ]; then
log "round $round: this tree's jar"
# shellcheck disable=SC2086
start_jar "new$suffix" target/quarkus-app/quarkus-run.jar ${JAVA_OPTS_NEW:-}
measure "new$suffix"
stop_jar
fi
done
[[ " $PARTS " == *" totals "* ]] || exit 0
log "plain SQL of the small totals (pgbench, 1 client)"
cat > /tmp/livetally-fixedcost-totals.sql <<SQL
SELECT o.channel, sum(o.amount), count(*) FROM sales_order o WHERE o.origin_region_code IN (SELECT code FROM region
  WHERE path LIKE (SELECT path FROM region WHERE code = '$DISTRICT') || '%') AND o.placed_at >= '$DAY_FROM' AND o.placed_at < '$DAY_TO' GROUP BY o.channel;
SQL
# each transaction's latency logged (-l: the third column, µs), for its p50 beside the service's
rm -f /tmp/livetally-fixedcost-pgbench.*
(cd /tmp && pgbench -h 127.0.0.1 -U postgres -n -c 1 -T 10 -l --log-prefix=livetally-fixedcost-pgbench \
  -f /tmp/livetally-fixedcost-totals.sql $DB >/dev/null 2>&1)
sort -n -k3,3 /tmp/livetally-fixedcost-pgbench.* | awk -v d="$DISTRICT" '{ t[NR] = $3 / 1000; sum += t[NR] }
  END { printf "| sql | plain SQL of totals(%s) of one day, 1 client (pgbench) | %d in 10 s, p50 %.3f ms, p99 %.3f ms, mean %.3f ms |\n",
        d, NR, t[int(NR * 0.5) + 1], t[int(NR * 0.99) + 1], sum / NR }'
