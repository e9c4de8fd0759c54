# What bench/insight/run.sh and ingest.sh share (sourced after they set JAR, BASE_JAR, PORT, MANAGEMENT_PORT,
# REDIS_PORT, OUT, ROOT and DB_THIS, DB_BASE, LOG_NAME): a key pair, a redis-server of the run's own, the two databases
# made again, start/stop of one jar at a time, the driver (bench.mjs) and redis-benchmark of the viewer-event script.
KEYS=$(mktemp -d)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
REDIS_PID=$!
JAR_PID=
trap 'kill $JAR_PID 2>/dev/null || true; [ -z "${SAMPLER_PID:-}" ] || kill $SAMPLER_PID 2>/dev/null; kill $REDIS_PID 2>/dev/null || true; rm -rf "$KEYS"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
for db in "$DB_THIS" "$DB_BASE" ${DB_MAIN:+"$DB_MAIN"}; do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

# A third variant, main (MAIN_JAR, DB_MAIN, Redis db 2), when the caller sets them.
# BASE_ENV / THIS_ENV / MAIN_ENV: more NAME=value settings of that variant's jar (e.g. an env override of a Quarkus property);
# BASE_JAVA_OPTS / THIS_JAVA_OPTS / MAIN_JAVA_OPTS: more JVM options (e.g. -XX:StartFlightRecording=...).
start() { # variant: this jar on DB_THIS and Redis db 0, the base on DB_BASE and Redis db 1
  local jar=$JAR db=$DB_THIS rdb=0 extra=${THIS_ENV:-} opts=${THIS_JAVA_OPTS:-}
  [ "$1" = base ] && jar=$BASE_JAR db=$DB_BASE rdb=1 extra=${BASE_ENV:-} opts=${BASE_JAVA_OPTS:-}
  [ "$1" = main ] && jar=$MAIN_JAR db=$DB_MAIN rdb=2 extra=${MAIN_ENV:-} opts=${MAIN_JAVA_OPTS:-}
  JAR_DB=$db
  # shellcheck disable=SC2086 # the settings and options are words
  env DB_HOST=127.0.0.1 DB_NAME=$db DB_USER=postgres DB_PASSWORD= REDIS_URL=redis://127.0.0.1:$REDIS_PORT/$rdb \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" LIVETALLY_LIMITS_ENABLED=false \
    $extra java -Xmx512m $opts -jar "$jar" >> "$OUT/$LOG_NAME-$1.log" 2>&1 &
  JAR_PID=$!
  for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "the $1 jar did not become ready" >&2; tail -n 30 "$OUT/$LOG_NAME-$1.log" >&2; exit 1
}
stop() { kill "$JAR_PID"; wait "$JAR_PID" 2>/dev/null || true; JAR_PID=; }
bench() { # part, more NAME=value (CPU_PID and CPU_DB: the jar and its database, whose CPU bench.mjs reports)
  env PORT=$PORT CPU_PID="$JAR_PID" CPU_DB="${JAR_DB:-}" MINT_TOKEN="$ROOT/bin/mint-token" JWT_PRIVATE_KEY="$KEYS/private.pem" PART=$1 "${@:2}" \
    node --experimental-websocket --no-warnings bench/insight/bench.mjs
}
json() { node -e 'const o = JSON.parse(process.argv[1]); console.log(process.argv[2].split(".").reduce((x, k) => x[k], o))' "$1" "$2"; }

# redis-benchmark: the same script, EVALSHA with the jar's keys (a session of its own) and a batch of 500 events of
# the same kinds in the same order; __rand_int__ (each occurrence drawn anew, -r 100000) makes the viewers random
# among 100,000 and every event id new (two draws: 10^10 ids).
SHA=$(redis-cli -p "$REDIS_PORT" -x SCRIPT LOAD < src/main/resources/lua/viewer_events.lua)
RB_ARGS=(EVALSHA "$SHA" 10)
for k in stats present uv ev prod vsrc src jt early owed; do RB_ARGS+=("lt:{srb}:$k"); done
RB_ARGS+=("$(date +%s%3N)" 604800)
KINDS=(JOIN LEAVE LIKE PRODUCT_IMPRESSION PRODUCT_CLICK ADD_TO_CART FOLLOW SHARE COMMENT)
SOURCES=(FEED FOLLOWING SEARCH SHARE ADS)
for n in $(seq 0 499); do
  kind=${KINDS[$((n % 9))]} product= source=
  case $kind in PRODUCT_*|ADD_TO_CART) product=$((1 + n % 5)) ;; JOIN) source=${SOURCES[$((n % 5))]} ;; esac
  RB_ARGS+=("$kind" "v__rand_int__" "rb__rand_int____rand_int__" "$product" "$source" "")
done
redis_benchmark() { # seconds → events/s
  local calib n rps
  calib=$(redis-benchmark -p "$REDIS_PORT" -c 4 -n 100 -r 100000 -q "${RB_ARGS[@]}" | tr '\r' '\n' | grep -oE '[0-9.]+ requests per second' | tail -n 1 | cut -d' ' -f1)
  n=$(node -e "console.log(Math.max(100, Math.round($calib * $1)))")
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$REDIS_PID/stat")
  rps=$(redis-benchmark -p "$REDIS_PORT" -c 4 -n "$n" -r 100000 -q "${RB_ARGS[@]}" | tr '\r' '\n' | grep -oE '[0-9.]+ requests per second' | tail -n 1 | cut -d' ' -f1)
  after=$(awk '{print $14 + $15}' "/proc/$REDIS_PID/stat")
  # redis-server's CPU per batch (ms; CLK_TCK 100) during the measure, for whoever asks (RB_CPU_OUT: a file)
  [ -z "${RB_CPU_OUT:-}" ] || node -e "console.log((($after - $before) * 10 / $n).toFixed(3))" > "$RB_CPU_OUT"
  node -e "console.log(Math.round($rps * 500))"
}

# The jar's active PostgreSQL statements, sampled every 20 ms from pg_stat_activity into a file, until stopped.
SAMPLER_PID=
pg_sample_start() { # file
  { echo "SELECT regexp_replace(left(query, 110), '\s+', ' ', 'g') || ' | ' || coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity WHERE datname = '$JAR_DB' AND state = 'active' AND pid <> pg_backend_pid()"
    echo '\watch 0.02'; } | psql -h 127.0.0.1 -U postgres -d postgres -At > "$1" 2>/dev/null &
  SAMPLER_PID=$!
}
pg_sample_stop() { kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=; }
pg_sample_summary() { # file: samples by statement, most first
  grep -v '^$' "$1" | sort | uniq -c | sort -rn | head -n 25
}
