#!/usr/bin/env bash
# A local Prefect server, the `pilkada-process` work pool, the deployments of prefect.yaml and a
# worker, so the Prefect UI shows the deployments, their schedules and their runs.
#
#   scripts/serve.sh start    server + work pool + deploy + worker (what `make serve` runs)
#   scripts/serve.sh stop     stop the worker and the server by their process ids (`make stop`)
#   scripts/serve.sh status   what is running, and where the UI is
#   scripts/serve.sh server | pool | deploy | worker    one step of `start`
#
# State stays in the project: PREFECT_HOME=.prefect (the server's SQLite database), pid files and
# logs in .serve/. Environment: PILKADA_PREFECT_PORT (default 4200); PILKADA_PREFECT_HOME and
# PILKADA_SERVE_DIR move the state elsewhere (the integration test uses temporary ones).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
PORT=${PILKADA_PREFECT_PORT:-4200}
POOL=pilkada-process
SERVE_DIR=${PILKADA_SERVE_DIR:-$ROOT/.serve}
START_TIMEOUT=${PILKADA_SERVE_TIMEOUT:-90}

export PREFECT_HOME=${PILKADA_PREFECT_HOME:-$ROOT/.prefect}
export PREFECT_API_URL=http://127.0.0.1:$PORT/api
export PREFECT_SERVER_ANALYTICS_ENABLED=false
# SQLite answers "database is locked" past its busy timeout; give a loaded machine longer
export PREFECT_SERVER_DATABASE_TIMEOUT=${PREFECT_SERVER_DATABASE_TIMEOUT:-60}
export PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT=${PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT:-30}
export PREFECT_CLI_PROMPT=false
export GX_ANALYTICS_ENABLED=False
export DO_NOT_TRACK=1
UI_URL=http://127.0.0.1:$PORT

mkdir -p "$SERVE_DIR" "$PREFECT_HOME"

say() { printf '%s\n' "$*"; }
die() { printf 'serve.sh: %s\n' "$*" >&2; exit 1; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

alive() {  # process $1 exists and is not a zombie
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# The pid in .serve/<name>.pid when that process is still ours (a prefect process).
live_pid() {
    local file=$SERVE_DIR/$1.pid pid
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q prefect || return 1
    printf '%s\n' "$pid"
}

api_ok() {  # $PREFECT_API_URL$1 answers
    "$BIN/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' \
        "$PREFECT_API_URL$1" 2>/dev/null
}

worker_seen() {  # the worker named $1 has sent a heartbeat since the epoch second $2
    "$BIN/python" - "$PREFECT_API_URL/work_pools/$POOL/workers/filter" "$1" "$2" <<'PY' 2>/dev/null
import json, sys, urllib.request
from datetime import datetime
url, name, since = sys.argv[1], sys.argv[2], float(sys.argv[3])
req = urllib.request.Request(url, data=b"{}", headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=3) as resp:
    workers = json.load(resp)
beats = [datetime.fromisoformat(w["last_heartbeat_time"]).timestamp()
         for w in workers if w["name"] == name and w.get("last_heartbeat_time")]
sys.exit(0 if any(beat >= since for beat in beats) else 1)
PY
}

# Start "$@" in its own session (pid = process group id), record its pid, log to .serve/<name>.log.
spawn() {
    local name=$1
    shift
    setsid "$@" >"$SERVE_DIR/$name.log" 2>&1 </dev/null &
    printf '%s\n' "$!" >"$SERVE_DIR/$name.pid"
}

wait_for() {  # wait_for <name> <what> <test command...>: until the test passes or <name> dies
    local name=$1 what=$2 t0=$EPOCHREALTIME
    shift 2
    until "$@"; do
        if ! live_pid "$name" >/dev/null; then
            tail -n 30 "$SERVE_DIR/$name.log" >&2 || true
            rm -f "$SERVE_DIR/$name.pid"
            die "the $name exited before $what (log: $SERVE_DIR/$name.log)"
        fi
        if awk -v a="$t0" -v b="$EPOCHREALTIME" -v t="$START_TIMEOUT" 'BEGIN { exit !(b - a > t) }'
        then
            die "no $what after ${START_TIMEOUT}s (log: $SERVE_DIR/$name.log)"
        fi
        sleep 0.3
    done
}

start_server() {
    local t0=$EPOCHREALTIME
    if live_pid server >/dev/null; then
        say "server already running (pid $(live_pid server)): $UI_URL"
        return
    fi
    api_ok /health && die "port $PORT already answers as a Prefect API; set PILKADA_PREFECT_PORT"
    spawn server "$BIN/prefect" server start --host 127.0.0.1 --port "$PORT" --analytics-off
    wait_for server "answer on $PREFECT_API_URL/health" api_ok /health
    say "server up in $(elapsed "$t0")s (pid $(live_pid server), PREFECT_HOME=$PREFECT_HOME)"
}

create_pool() {  # one CLI call (each costs seconds of imports): create, or find it exists
    local out
    if out=$("$BIN/prefect" work-pool create "$POOL" --type process 2>&1); then
        say "work pool $POOL created (type process)"
    elif grep -q "already exists" <<<"$out"; then
        say "work pool $POOL exists"
    else
        die "could not create work pool $POOL: $out"
    fi
}

deploy() {
    local t0=$EPOCHREALTIME
    # Without PILKADA_HOME: `prefect deploy` would write its value into the pull step.
    if ! env -u PILKADA_HOME "$BIN/prefect" --no-prompt deploy --all >"$SERVE_DIR/deploy.log" 2>&1
    then
        tail -n 30 "$SERVE_DIR/deploy.log" >&2
        die "prefect deploy --all failed (log: $SERVE_DIR/deploy.log; the server still runs)"
    fi
    say "deployed prefect.yaml in $(elapsed "$t0")s:"
    grep -oE "Deployment '[^']+' successfully created" "$SERVE_DIR/deploy.log" \
        | sed -E "s/Deployment '([^']+)'.*/  \1/" || true
}

start_worker() {
    local t0=$EPOCHREALTIME
    if live_pid worker >/dev/null; then
        say "worker already running (pid $(live_pid worker))"
        return
    fi
    local name=pilkada-$(hostname)-$PORT
    # Flow runs start in a temporary directory; prefect.yaml's pull step moves them to PILKADA_HOME.
    spawn worker env PILKADA_HOME="$ROOT" "$BIN/prefect" worker start --pool "$POOL" \
        --type process --name "$name"
    wait_for worker "heartbeat in work pool $POOL" worker_seen "$name" "${t0%.*}"
    say "worker up in $(elapsed "$t0")s (pid $(live_pid worker), flow runs work in $ROOT)"
}

stop_one() {  # TERM the process group, KILL it when still there after 15 s
    local name=$1 file=$SERVE_DIR/$1.pid pid
    # Our process, or what is left of its group (flow runs of a worker that died): a pid stays
    # unused while a process group of that number exists.
    if ! pid=$(live_pid "$name"); then
        pid=$(cat "$file" 2>/dev/null || true)
        if ! [[ $pid =~ ^[0-9]+$ ]] || alive "$pid" || ! kill -0 -- "-$pid" 2>/dev/null; then
            rm -f "$file"
            say "$name: not running"
            return
        fi
    fi
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
        kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 -- "-$pid" 2>/dev/null; then
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$file"
    say "stopped $name (pid $pid)"
}

status() {
    local name pid
    for name in server worker; do
        if pid=$(live_pid "$name"); then say "$name: running (pid $pid)"; else say "$name: stopped"; fi
    done
    if api_ok /health; then say "Prefect UI: $UI_URL"; fi
}

case ${1:-} in
    start)
        start_server
        create_pool
        deploy
        start_worker
        say "Prefect UI: $UI_URL   (stop with: make stop)"
        ;;
    server) start_server ;;
    pool) create_pool ;;
    deploy) deploy ;;
    worker) start_worker ;;
    stop)
        stop_one worker
        stop_one server
        ;;
    status) status ;;
    *) die "usage: scripts/serve.sh start|stop|status|server|pool|deploy|worker" ;;
esac
