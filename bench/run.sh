#!/usr/bin/env bash
# The whole Dadly-vs-FastAPI comparison in one go; prints a summary table at the end.
#
#   bench/run.sh                 # data, logs and results in /tmp/dadly-bench (BENCH_DIR)
#
# 1. generates (or reuses) a data dir with 1 family x 5000 entries (bench/generate.py), and
#    checks on a throwaway copy that the peer answers the same JSON (bench/check_peer.py);
# 2. Dadly on a copy of it: idle RSS, then wrk (64 connections, 2 threads, 3 s warm-up, 15 s
#    measured, --latency) on the timeline page, the entry list and entry create; peak RSS;
# 3. the FastAPI peer (bench/peers/fastapi_app.py, uvicorn --loop uvloop --http httptools
#    --workers 2, no access log) on another copy of the same data: the same three runs; then
#    the same again with PEER_MODE=async (endpoints on the event loop instead of the pool);
# 4. generates (or reuses) 1 family x 100000 entries and measures spawn-to-first-200 of
#    GET /healthz and of an authenticated timeline read, 10 times each.
# Dadly's stdout (its access log, one JSON line per request) goes to a file in BENCH_DIR.
# Knobs (environment): BENCH_DIR, DADLY_BIN (default build/dadly), DADLY_REF (e.g. HEAD: export
# that commit with `git archive` into BENCH_DIR and build it there, Release, so uncommitted edits
# in src/ do not leak into the figures), DURATION (15), WARMUP (3), CONNECTIONS (64),
# WRK_THREADS (2), ENTRIES (5000), BIG_ENTRIES (100000), STARTUP_REPEAT (10), QUIET_WAIT (120:
# before each measurement wait up to this many seconds until other work on the machine uses
# under 0.25 core; each wrk record also says how much CPU other work took while it ran).
# The binary is copied into BENCH_DIR first, so a rebuild during the run changes nothing.
set -euo pipefail

# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"

describe_run
load_dataset

echo "== checking that the peer answers like Dadly (bench/check_peer.py, on a throwaway copy)"
rm -rf "$work/run-check" && cp -a "$base" "$work/run-check"
$py "$root/bench/check_peer.py" --bin "$bin" --data-dir "$work/run-check" | tail -1
rm -rf "$work/run-check"

# ---- Dadly ---------------------------------------------------------------------------------
echo "== Dadly ($bin serve, stdout -> $work/dadly-access.log)"
rm -rf "$work/run-dadly" && cp -a "$base" "$work/run-dadly"
: >"$work/dadly-access.log"
"$bin" serve --data-dir "$work/run-dadly" --port 0 >"$work/dadly-access.log" 2>&1 &
server_pid=$!
port=$($tool port-from-log "$work/dadly-access.log" 30)
dadly="http://127.0.0.1:$port"
$tool wait-http "$dadly/healthz" 30
$tool mem-record "$out/dadly-mem.json" idle "$server_pid"
export TOKEN
TOKEN=$($tool login "$dadly" "$base")
$tool mem-record "$out/dadly-mem.json" preload "$server_pid"
$tool reset-peak "$server_pid"
run_three dadly "$dadly" "$server_pid"
$tool mem-record "$out/dadly-mem.json" load "$server_pid"
stop_server
$tool access-log "$work/dadly-access.log" "$out/dadly-handler-latency.json"

# ---- FastAPI peer ------------------------------------------------------------------------
# Twice: the idiomatic peer (sync `def` endpoints in FastAPI's thread pool, one sqlite3
# connection per thread), then PEER_MODE=async (the same code run as `async def` on the event
# loop), a variant that avoids the thread pool's GIL hand-offs. Each on a fresh copy of the data.
peer_phase() {  # peer_phase PREFIX MODE
  local prefix=$1 mode=$2
  echo "== FastAPI peer, PEER_MODE=$mode (uvicorn --app-dir bench/peers fastapi_app:app --loop uvloop --http httptools --workers 2 --no-access-log)"
  rm -rf "$work/run-$prefix" && cp -a "$base" "$work/run-$prefix"
  TOKEN=$($tool fresh-token "$bin" "$work/run-$prefix")  # from Dadly's login; tokens live 15 min
  local fport
  fport=$($tool free-port)
  PEER_MODE=$mode DADLY_DATA_DIR="$work/run-$prefix" $py -m uvicorn --app-dir "$root/bench/peers" \
    fastapi_app:app --host 127.0.0.1 --port "$fport" --loop uvloop --http httptools --workers 2 \
    --no-access-log --log-level warning >"$work/$prefix.log" 2>&1 &
  server_pid=$!
  local peer="http://127.0.0.1:$fport"
  $tool wait-http "$peer/healthz" 30
  sleep 1  # both workers up (the first answer may come from one of them)
  $tool mem-record "$out/$prefix-mem.json" idle "$server_pid"
  $tool mem-record "$out/$prefix-mem.json" preload "$server_pid"
  $tool reset-peak "$server_pid"
  run_three "$prefix" "$peer" "$server_pid"
  $tool mem-record "$out/$prefix-mem.json" load "$server_pid"
  stop_server
}
peer_phase fastapi threadpool
peer_phase fastapi-async async

# ---- start to first 200 --------------------------------------------------------------------
echo "== start to first 200 ($big_entries entries)"
big=$(dataset "$big_entries")
rm -rf "$work/run-startup" && cp -a "$big" "$work/run-startup"
$tool wait-quiet "$quiet_wait"
$tool startup --bin "$bin" --data-dir "$work/run-startup" --repeat "$repeat" --out "$out/startup.json"

echo "== $(uptime)"
$tool summarize "$out"
echo
echo "raw wrk output and JSON: $out"
