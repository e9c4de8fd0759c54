#!/usr/bin/env bash
# The scale-out test environment (issue 16, docs/SCALING.md), all on loopback, started by one command:
#   bash scale/up.sh     (then: source "$SCALE_DIR/env"; …; bash scale/down.sh)
# - a 6-node Redis Cluster: 3 masters, 3 replicas (redis-server --cluster-enabled yes, redis-cli --cluster create
#   … --cluster-replicas 1), cluster-node-timeout 2 s so that a dead master's replica is promoted within seconds;
# - a PostgreSQL primary and a streaming read replica (a second cluster made with pg_basebackup -R), both of
#   their own (initdb into SCALE_DIR, run as user postgres), never the machine's shared server;
# - INSTANCES (3) copies of the packaged jar in the prod profile (QUARKUS_REDIS_CLIENT_TYPE=cluster), each on
#   its own port, with a key pair of this environment's own;
# - HAProxy (Debian's package) in front of them: round robin, health-checked on each instance's readiness,
#   passing WebSocket upgrades (timeout tunnel).
# Every process is recorded in SCALE_DIR (pid files) and stopped by scale/down.sh; SCALE_DIR/env holds the ports,
# tokens and pids for the checks (scale/scale.mjs). Bounded: each start waits at most 90 s.
#   SCALE_DIR (default /tmp/livetally-scale)  JAR (default target/quarkus-app/quarkus-run.jar)  INSTANCES (3)
#   EXTRA_ENV (more NAME=value settings for every instance, e.g. LIVETALLY_LIMITS_ENABLED=false for a benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCALE_DIR=${SCALE_DIR:-/tmp/livetally-scale}
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
INSTANCES=${INSTANCES:-3}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
log() { printf '== %s scale/up: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[ -f "$JAR" ] || { echo "no jar at $JAR (./mvnw package)" >&2; exit 1; }
command -v haproxy >/dev/null || { apt-get install -y -qq haproxy >/dev/null; }
if [ -e "$SCALE_DIR" ]; then bash "$ROOT/scale/down.sh"; fi
mkdir -p "$SCALE_DIR"
chmod 755 "$SCALE_DIR"

# Ports: free loopback ports, chosen by the kernel; a Redis Cluster node also uses its port + 10000.
free_port() {
  while :; do
    p=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
    [ "$p" -lt 55000 ] && ! (exec 3<>/dev/tcp/127.0.0.1/$((p + 10000))) 2>/dev/null && { echo "$p"; return; }
  done
}
ENV=$SCALE_DIR/env
: > "$ENV"
say() { printf '%s=%q\n' "$1" "$2" >> "$ENV"; }
say SCALE_DIR "$SCALE_DIR"

# ---------- Redis Cluster ----------
REDIS_PORTS=()
for i in 1 2 3 4 5 6; do
  p=$(free_port); REDIS_PORTS+=("$p")
  mkdir -p "$SCALE_DIR/redis-$p"
  redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$SCALE_DIR/redis-$p/nodes.conf" \
    --cluster-node-timeout 2000 --save "" --appendonly no --dir "$SCALE_DIR/redis-$p" \
    --daemonize yes --pidfile "$SCALE_DIR/redis-$p.pid" --logfile "$SCALE_DIR/redis-$p.log"
done
for p in "${REDIS_PORTS[@]}"; do
  for _ in $(seq 1 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
log "redis cluster on ${REDIS_PORTS[*]}"
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${REDIS_PORTS[@]}") --cluster-replicas 1 --cluster-yes > "$SCALE_DIR/redis-create.log"
for _ in $(seq 1 90); do
  [ "$(redis-cli -p "${REDIS_PORTS[0]}" cluster info | tr -d '\r' | grep -c 'cluster_state:ok')" = 1 ] \
    && [ "$(redis-cli -p "${REDIS_PORTS[0]}" cluster nodes | grep -c 'slave')" = 3 ] && break
  sleep 1
done
redis-cli -p "${REDIS_PORTS[0]}" cluster info | tr -d '\r' | grep -q 'cluster_state:ok' || { echo "the cluster did not form" >&2; exit 1; }
say REDIS_PORTS "${REDIS_PORTS[*]}"

# ---------- PostgreSQL primary + streaming replica ----------
PG_PRIMARY_PORT=$(free_port)
PG_REPLICA_PORT=$(free_port)
install -d -o postgres -g postgres -m 700 "$SCALE_DIR/pg"
as_pg() { runuser -u postgres -- "$@"; }
as_pg "$PGBIN/initdb" -D "$SCALE_DIR/pg/primary" -A trust -U postgres -E UTF8 --locale=C.UTF-8 > "$SCALE_DIR/pg-initdb.log"
cat >> "$SCALE_DIR/pg/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PRIMARY_PORT
unix_socket_directories = '$SCALE_DIR/pg'
wal_level = replica
max_wal_senders = 4
hot_standby = on
max_connections = 120
shared_buffers = 128MB
fsync = off
EOF
as_pg "$PGBIN/pg_ctl" -D "$SCALE_DIR/pg/primary" -l "$SCALE_DIR/pg/primary.log" -w -t 60 start > /dev/null
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -D "$SCALE_DIR/pg/replica" -R -X stream
echo "port = $PG_REPLICA_PORT" >> "$SCALE_DIR/pg/replica/postgresql.auto.conf"
as_pg "$PGBIN/pg_ctl" -D "$SCALE_DIR/pg/replica" -l "$SCALE_DIR/pg/replica.log" -w -t 60 start > /dev/null
psql -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -qc "CREATE DATABASE livetally"
[ "$(psql -h 127.0.0.1 -p "$PG_REPLICA_PORT" -U postgres -tAc 'SELECT pg_is_in_recovery()')" = t ] \
  || { echo "the replica is not in recovery" >&2; exit 1; }
log "postgresql primary on $PG_PRIMARY_PORT, streaming replica on $PG_REPLICA_PORT"
say PG_PRIMARY_PORT "$PG_PRIMARY_PORT"
say PG_REPLICA_PORT "$PG_REPLICA_PORT"
say PGBIN "$PGBIN"

# ---------- the service: INSTANCES copies ----------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$SCALE_DIR/private.pem" 2>/dev/null
openssl pkey -in "$SCALE_DIR/private.pem" -pubout -out "$SCALE_DIR/public.pem"
REDIS_URL=$(printf 'redis://127.0.0.1:%s,' "${REDIS_PORTS[@]}"); REDIS_URL=${REDIS_URL%,}
# One script per instance, so that a check can kill one and start it again exactly as it was.
APP_PORTS=() MGMT_PORTS=()
for i in $(seq 1 "$INSTANCES"); do
  port=$(free_port) mgmt=$(free_port)
  APP_PORTS+=("$port"); MGMT_PORTS+=("$mgmt")
  {
    echo '#!/usr/bin/env bash'
    printf 'cd %q\n' "$SCALE_DIR"
    printf 'env DB_HOST=127.0.0.1 DB_PORT=%q DB_NAME=livetally DB_USER=postgres DB_PASSWORD= ' "$PG_PRIMARY_PORT"
    printf 'DB_READ_HOST=127.0.0.1 DB_READ_PORT=%q LIVETALLY_REPLICA_MAX_LAG=3s ' "$PG_REPLICA_PORT"
    printf 'REDIS_URL=%q QUARKUS_REDIS_CLIENT_TYPE=cluster %s ' "$REDIS_URL" "${EXTRA_ENV:-}"
    printf 'QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=%q QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=%q ' "$port" "$mgmt"
    printf 'JWT_PUBLIC_KEY_LOCATION=%q java -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar %q >> %q 2>&1 &\n' \
      "$SCALE_DIR/public.pem" "$JAR" "$SCALE_DIR/app-$i.log"
    printf 'echo $! > %q\n' "$SCALE_DIR/app-$i.pid"
  } > "$SCALE_DIR/start-app-$i.sh"
  chmod +x "$SCALE_DIR/start-app-$i.sh"
  # The first instance migrates the database alone; the others start once it is ready.
  "$SCALE_DIR/start-app-$i.sh"
  if [ "$i" = 1 ]; then
    for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$mgmt/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  fi
done
for i in $(seq 1 "$INSTANCES"); do
  mgmt=${MGMT_PORTS[$((i - 1))]}
  for _ in $(seq 1 90); do
    curl -fs "http://127.0.0.1:$mgmt/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$(cat "$SCALE_DIR/app-$i.pid")" 2>/dev/null || { tail -n 40 "$SCALE_DIR/app-$i.log" >&2; exit 1; }
    sleep 1
  done
  curl -fs "http://127.0.0.1:$mgmt/q/health/ready" >/dev/null || { echo "instance $i did not become ready" >&2; tail -n 40 "$SCALE_DIR/app-$i.log" >&2; exit 1; }
done
log "instances on ${APP_PORTS[*]} (management ${MGMT_PORTS[*]})"
say APP_PORTS "${APP_PORTS[*]}"
say MGMT_PORTS "${MGMT_PORTS[*]}"

# ---------- HAProxy ----------
LB_PORT=$(free_port)
{
  cat <<EOF
global
  maxconn 8192
  stats socket $SCALE_DIR/haproxy.sock mode 600 level admin
  log stderr format short local0 notice
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  option redispatch
  retries 3
frontend livetally
  bind 127.0.0.1:$LB_PORT
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /q/health/ready
  default-server inter 500ms fall 2 rise 2
EOF
  for i in $(seq 1 "$INSTANCES"); do
    printf '  server app%s 127.0.0.1:%s check port %s\n' "$i" "${APP_PORTS[$((i - 1))]}" "${MGMT_PORTS[$((i - 1))]}"
  done
} > "$SCALE_DIR/haproxy.cfg"
haproxy -c -q -f "$SCALE_DIR/haproxy.cfg"
haproxy -D -f "$SCALE_DIR/haproxy.cfg" -p "$SCALE_DIR/haproxy.pid"
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$LB_PORT/graphql" && break; sleep 0.2; done
log "haproxy on $LB_PORT"
say LB_PORT "$LB_PORT"
say ADMIN_TOKEN "$(TTL=7200 bin/mint-token "$SCALE_DIR/private.pem" admin)"
say PLATFORM_TOKEN "$(TTL=7200 bin/mint-token "$SCALE_DIR/private.pem" platform platform=douyin)"
say INSTANCES "$INSTANCES"
log "ready: source $ENV"
