#!/usr/bin/env bash
# Stops everything scale/up.sh started (its pid files in SCALE_DIR) and removes SCALE_DIR.
set -uo pipefail
SCALE_DIR=${SCALE_DIR:-/tmp/livetally-scale}
[ -d "$SCALE_DIR" ] || exit 0
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
for f in "$SCALE_DIR"/haproxy.pid "$SCALE_DIR"/app-*.pid "$SCALE_DIR"/redis-*.pid; do
  [ -f "$f" ] || continue
  for pid in $(cat "$f"); do kill -CONT "$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; done
done
for d in replica primary; do
  [ -f "$SCALE_DIR/pg/$d/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$SCALE_DIR/pg/$d" -m immediate -w -t 30 stop >/dev/null 2>&1
done
rm -rf "$SCALE_DIR"
exit 0
