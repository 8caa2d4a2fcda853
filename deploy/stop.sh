#!/usr/bin/env bash
# Stop what `bash deploy/start.sh` started: nginx and every replica.
#
# Usage: bash deploy/stop.sh [PROXY_PORT]
#   PROXY_PORT  the one given to start.sh (default 8600, or $ATLAS_PROXY_PORT); it names the
#               runtime directory, unless $ATLAS_RUN_DIR is set (then that one, as for start.sh)
#
# Asks start.sh to stop (SIGTERM: it stops nginx, then the replicas). If start.sh is gone
# (killed with SIGKILL, say), stops the nginx and the replicas whose pid files it left.
set -euo pipefail

PROXY_PORT="${1:-${ATLAS_PROXY_PORT:-8600}}"
RUN_DIR="${ATLAS_RUN_DIR:-/tmp/compute-atlas-$PROXY_PORT}"
[[ -d "$RUN_DIR" ]] || { echo "stop.sh: no runtime directory $RUN_DIR: nothing to stop" >&2; exit 0; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

if alive "$RUN_DIR/start.pid"; then
  pid="$(cat "$RUN_DIR/start.pid")"
  kill -TERM "$pid"
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
for file in "$RUN_DIR/nginx.pid" "$RUN_DIR"/replica-*.pid; do
  if alive "$file"; then
    kill -TERM "$(cat "$file")" 2>/dev/null || true
  fi
  rm -f "$file"
done
rm -f "$RUN_DIR/start.pid"
echo "stopped (runtime directory $RUN_DIR)"
