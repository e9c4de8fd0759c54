#!/usr/bin/env bash
# Start-up of the packaged prod jar, variants side by side in one run: for each round, each variant is started
# once (in turn, so drift of the shared machine spreads over all of them), and we record Quarkus' own
# "started in" figure, the wall time from exec to the first answer of POST /graphql, and the process' RSS then
# and after 300 requests. Usage (under the machine's lock):
#   flock -o /tmp/livetally-heavy.lock bench/startup/run.sh ROUNDS NAME=APP_DIR[:JVM_OPTIONS] ...
# APP_DIR is a copy of target/quarkus-app, started from its own directory (as an AppCDS archive requires);
# JVM_OPTIONS are extra java options (use + for spaces). Needs the DB_* variables and REDIS_URL of a
# database that is already migrated.
set -euo pipefail
ROUNDS=$1; shift
# Every server started here is stopped when the script ends, however it ends (run it with flock -o, so that a
# server never inherits the lock).
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$KEYS"' EXIT
KEYS=$(mktemp -d)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
echo "variant,round,started_in_s,first_answer_ms,rss_ready_mb,rss_after_300_mb"
for round in $(seq 1 "$ROUNDS"); do
  for spec in "$@"; do
    name=${spec%%=*}; rest=${spec#*=}; dir=${rest%%:*}; opts=""
    [[ $rest == *:* ]] && opts=${rest#*:} && opts=${opts//+/ }
    port=$(free_port); mport=$(free_port); log=$(mktemp)
    start=$(now_ms)
    # shellcheck disable=SC2086
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
      QUARKUS_MANAGEMENT_PORT=$mport JWT_PUBLIC_KEY_LOCATION="$KEYS/public.pem" \
      bash -c "cd '$dir' && exec java $opts -jar quarkus-run.jar" > "$log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' \
        "http://127.0.0.1:$port/graphql"; do
      kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
      sleep 0.02
    done
    first=$(( $(now_ms) - start ))
    rss_ready=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status)
    for _ in $(seq 1 300); do
      curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' \
        "http://127.0.0.1:$port/graphql"
    done
    rss_after=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status)
    started=$(grep -o 'started in [0-9.]*s' "$log" | grep -o '[0-9.]*' | head -1)
    kill $pid; wait $pid 2>/dev/null || true
    pid=""
    rm -f "$log"
    echo "$name,$round,$started,$first,$rss_ready,$rss_after"
  done
done
