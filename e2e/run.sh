#!/usr/bin/env bash
# livetally's browser tests: starts the packaged jar in the prod profile (GraphQL UI and introspection on,
# a key pair of its own) and runs e2e/*.test.mjs against it in headless Chromium with playwright-core.
#   bash e2e/run.sh [TEST_FILE ...]        (default: every e2e/*.test.mjs)
# Installs what is absent: npm packages into e2e/node_modules (npm ci); Debian's chromium and a CJK font
# (apt-get install chromium fonts-noto-cjk); the jar (./mvnw -B package -DskipTests; an existing jar is
# used as it is: rebuild it after changing the service).
# Needs PostgreSQL and Redis; the database's schema is dropped and re-created and the Redis db flushed.
# env: DB_HOST DB_PORT DB_USER DB_PASSWORD DB_NAME (livetally_e2e), REDIS_URL (redis://127.0.0.1:6379/3),
#      CHROMIUM (/usr/bin/chromium), E2E_TIMEOUT seconds for the whole test run (600).
# Screenshots (every failure, plus the ones a test keeps) go to e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
export DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_USER=${DB_USER:-postgres} DB_PASSWORD=${DB_PASSWORD:-}
export DB_NAME=${DB_NAME:-livetally_e2e} REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/3}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
JAR=target/quarkus-app/quarkus-run.jar
log() { printf '== e2e %s: %s\n' "$(date +%H:%M:%S)" "$*"; }

[ -d e2e/node_modules/playwright-core ] || { log "npm ci"; (cd e2e && npm ci --no-audit --no-fund); }
# Chromium, and a CJK font: without one every Chinese name on a page or screenshot is drawn as boxes.
PACKAGES=()
[ -x "$CHROMIUM" ] || PACKAGES+=(chromium)
{ command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; } || PACKAGES+=(fonts-noto-cjk)
if [ ${#PACKAGES[@]} -gt 0 ]; then
  log "apt-get install ${PACKAGES[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
fi
[ -f "$JAR" ] || { log "packaging the jar"; ./mvnw -B package -DskipTests; }

log "database $DB_NAME (schema re-created), Redis $REDIS_URL (flushed)"
export PGPASSWORD=$DB_PASSWORD
psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE $DB_NAME"
PGOPTIONS=--client-min-messages=warning \
  psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
redis-cli -u "$REDIS_URL" flushdb >/dev/null

# A key pair for this run only (docs/SECURITY.md); the tests mint their tokens with bin/mint-token.
KEYS=$(mktemp -d)
cleanup() {
  # The server's pid is in a file: a test may have restarted it (e2e/lib/server.mjs).
  if [ -f "$KEYS/server.pid" ]; then
    PID=$(cat "$KEYS/server.pid")
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$KEYS"
}
trap cleanup EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
# One token per role (official of 巫溪县 500238, host of streamer 5, platform kuaishou); a test needing
# other claims mints its own from JWT_PRIVATE_KEY (mintToken in e2e/lib/env.mjs).
ADMIN_TOKEN=$(bin/mint-token "$KEYS/private.pem" admin)
OFFICIAL_TOKEN=$(bin/mint-token "$KEYS/private.pem" official region_code=500238)
HOST_TOKEN=$(bin/mint-token "$KEYS/private.pem" host streamer_id=5)
PLATFORM_TOKEN=$(bin/mint-token "$KEYS/private.pem" platform platform=kuaishou)
export ADMIN_TOKEN OFFICIAL_TOKEN HOST_TOKEN PLATFORM_TOKEN

# Free loopback ports, the public one and the management one (health): nothing else on the machine may
# hold a fixed one.
free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
# GraphiQL needs both switches: the UI itself, and introspection (it loads the schema for its editor,
# documentation and validation; without it every page load shows an introspection error).
log "starting $JAR on 127.0.0.1:$PORT (log: target/e2e-server.log)"
mkdir -p target
# The server is started by a script of its own, which the screens' tests run again after stopping the
# server (a wall must reconnect): it starts the jar in the background, writes its pid to server.pid and
# waits until it is ready.
{
  echo '#!/usr/bin/env bash'
  printf 'cd %q\n' "$(pwd)"
  # the server must not inherit a lock's descriptor from whoever runs this (docs: the machine's heavy-job lock)
  printf 'for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-"; done 2>/dev/null\n'
  printf 'env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=%q JWT_PUBLIC_KEY_LOCATION=%q' "$PORT" "$KEYS/public.pem"
  printf ' QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=%q' "$MANAGEMENT_PORT"
  printf ' LIVETALLY_GRAPHQL_UI=true LIVETALLY_FIELD_VISIBILITY=default java -jar %q >> target/e2e-server.log 2>&1 &\n' "$JAR"
  printf 'echo $! > %q\n' "$KEYS/server.pid"
  printf 'for _ in $(seq 1 90); do\n'
  printf '  curl -fs http://127.0.0.1:%q/q/health/ready >/dev/null 2>&1 && exit 0\n' "$MANAGEMENT_PORT"
  printf '  kill -0 "$(cat %q)" 2>/dev/null || { tail -n 50 target/e2e-server.log; exit 1; }\n' "$KEYS/server.pid"
  printf '  sleep 1\ndone\necho "not ready after 90 s"; tail -n 50 target/e2e-server.log; exit 1\n'
} > "$KEYS/start-server.sh"
chmod +x "$KEYS/start-server.sh"
: > target/e2e-server.log
"$KEYS/start-server.sh"

mkdir -p e2e/screenshots
rm -f e2e/screenshots/*.png
[ $# -gt 0 ] || set -- e2e/*.test.mjs
log "running $*"
STATUS=0
BASE_URL="http://127.0.0.1:$PORT" JWT_PRIVATE_KEY="$KEYS/private.pem" \
  E2E_SERVER_START="$KEYS/start-server.sh" E2E_SERVER_PID="$KEYS/server.pid" \
  timeout "${E2E_TIMEOUT:-600}" node --test --test-concurrency=1 --test-timeout=120000 "$@" || STATUS=$?
log "screenshots in $(pwd)/e2e/screenshots:"
ls -1 e2e/screenshots/*.png 2>/dev/null | sed 's/^/  /' || echo "  (none)"
exit "$STATUS"
