#!/usr/bin/env bash
# Run several Compute Atlas replicas behind nginx on loopback, with session affinity.
#
# Usage: bash deploy/start.sh [REPLICAS] [PROXY_PORT] [FIRST_REPLICA_PORT]
#   REPLICAS            how many Streamlit processes (default 2, or $ATLAS_REPLICAS); one per core
#   PROXY_PORT          where readers connect (default 8600, or $ATLAS_PROXY_PORT)
#   FIRST_REPLICA_PORT  replicas listen on this port and the next ones (default PROXY_PORT+1,
#                       or $ATLAS_REPLICA_PORT); all on 127.0.0.1, only nginx talks to them
# Environment: ATLAS_RUN_DIR  nginx's prefix: its config, pid, logs (access.log names the
#                             replica of every request) and the replicas' logs
#                             (default /tmp/compute-atlas-PROXY_PORT)
#              ATLAS_NGINX    the nginx binary (default: nginx from PATH, /usr/sbin/nginx)
#
# Runs in the foreground and prints the URL once every replica and the proxy answer
# /_stcore/health. Ctrl-C or SIGTERM stops nginx and every replica; so does
# `bash deploy/stop.sh [PROXY_PORT]` from another shell (e.g. after `nohup bash deploy/start.sh &`).
# If a replica or nginx dies, the rest are stopped and the script exits non-zero.
# Needs Debian's nginx (`apt-get install -y nginx`; scripts/setup.sh installs it); root is not needed.
set -euo pipefail

DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$DEPLOY")"
REPLICAS="${1:-${ATLAS_REPLICAS:-2}}"
PROXY_PORT="${2:-${ATLAS_PROXY_PORT:-8600}}"
FIRST_PORT="${3:-${ATLAS_REPLICA_PORT:-$((PROXY_PORT + 1))}}"
RUN_DIR="${ATLAS_RUN_DIR:-/tmp/compute-atlas-$PROXY_PORT}"
NGINX="${ATLAS_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

for n in "$REPLICAS" "$PROXY_PORT" "$FIRST_PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "start.sh: not a number: $n (usage: start.sh [REPLICAS] [PROXY_PORT] [FIRST_REPLICA_PORT])" >&2; exit 2; }
done
((REPLICAS >= 1)) || { echo "start.sh: at least one replica" >&2; exit 2; }
if ((PROXY_PORT >= FIRST_PORT && PROXY_PORT < FIRST_PORT + REPLICAS)); then
  echo "start.sh: the proxy port $PROXY_PORT is one of the replicas' ports" >&2; exit 2
fi
[[ -x "$NGINX" ]] || { echo "start.sh: nginx not found (apt-get install -y nginx)" >&2; exit 1; }

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/tmp"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
if [[ -f "$RUN_DIR/start.pid" ]] && kill -0 "$(cat "$RUN_DIR/start.pid")" 2>/dev/null; then
  echo "start.sh: already running (pid $(cat "$RUN_DIR/start.pid"), $RUN_DIR); stop it with deploy/stop.sh $PROXY_PORT" >&2
  exit 1
fi
echo $$ >"$RUN_DIR/start.pid"

healthy() {  # healthy PORT: does http://127.0.0.1:PORT/_stcore/health answer "ok"?
  if command -v curl >/dev/null 2>&1; then
    [[ "$(curl -fsS --max-time 2 "http://127.0.0.1:$1/_stcore/health" 2>/dev/null)" == ok ]]
  else
    python3 -c "import sys, urllib.request as u; sys.exit(u.urlopen('http://127.0.0.1:$1/_stcore/health', timeout=2).read() != b'ok')" 2>/dev/null
  fi
}

PIDS=()
NGINX_PID=""
stop_all() {
  trap - EXIT INT TERM
  # nginx first (fast shutdown: a graceful one would wait for every open WebSocket), then the replicas.
  [[ -n "$NGINX_PID" ]] && kill -TERM "$NGINX_PID" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do
    alive=0
    for pid in $NGINX_PID "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in $NGINX_PID "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -f "$RUN_DIR"/replica-*.pid "$RUN_DIR/start.pid"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() { echo "start.sh: $*" >&2; exit 1; }

# The replicas: the app as `streamlit run` on consecutive ports, loopback only.
SERVERS=""
cd "$REPO"
for ((i = 0; i < REPLICAS; i++)); do
  port=$((FIRST_PORT + i))
  healthy "$port" && fail "port $port is taken by another server"
  uv run streamlit run serve.py --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    >"$RUN_DIR/logs/replica-$port.log" 2>&1 &
  PIDS+=("$!")
  echo "$!" >"$RUN_DIR/replica-$port.pid"
  SERVERS+="        server 127.0.0.1:$port max_fails=0;"$'\n'
done

deadline=$((SECONDS + 120))
for ((i = 0; i < REPLICAS; i++)); do
  port=$((FIRST_PORT + i))
  until healthy "$port"; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || fail "replica on port $port exited: $(tail -n 5 "$RUN_DIR/logs/replica-$port.log")"
    ((SECONDS < deadline)) || fail "replica on port $port not healthy after 120 s"
    sleep 0.3
  done
done

# The proxy: the template with this run's ports, nginx in the foreground of a background job.
template="$(<"$DEPLOY/nginx.conf")"
template="${template//@LISTEN@/127.0.0.1:$PROXY_PORT}"
printf '%s\n' "${template//@SERVERS@/${SERVERS%$'\n'}}" >"$RUN_DIR/nginx.conf"
"$NGINX" -t -q -p "$RUN_DIR/" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/logs/error.log" \
  || fail "nginx rejected $RUN_DIR/nginx.conf"
"$NGINX" -p "$RUN_DIR/" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/logs/error.log" -g 'daemon off;' &
NGINX_PID=$!
until healthy "$PROXY_PORT"; do
  kill -0 "$NGINX_PID" 2>/dev/null || fail "nginx exited: $(tail -n 5 "$RUN_DIR/logs/error.log")"
  ((SECONDS < deadline)) || fail "the proxy on port $PROXY_PORT is not healthy"
  sleep 0.2
done

echo "Compute Atlas: http://127.0.0.1:$PROXY_PORT/  ($REPLICAS replicas on ports $FIRST_PORT-$((FIRST_PORT + REPLICAS - 1)); logs in $RUN_DIR/logs)"

# Until a signal, or until nginx or a replica exits (then stop the rest).
set +e
wait -n "$NGINX_PID" "${PIDS[@]}"
status=$?
echo "start.sh: a replica or nginx exited (status $status); stopping the rest" >&2
exit 1
