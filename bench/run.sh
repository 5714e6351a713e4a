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

root=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
tool="$py $root/bench/benchtool.py"
work=${BENCH_DIR:-/tmp/dadly-bench}
bin=${DADLY_BIN:-$root/build/dadly}
duration=${DURATION:-15}
warmup=${WARMUP:-3}
connections=${CONNECTIONS:-64}
wrk_threads=${WRK_THREADS:-2}
entries=${ENTRIES:-5000}
big_entries=${BIG_ENTRIES:-100000}
repeat=${STARTUP_REPEAT:-10}
quiet_wait=${QUIET_WAIT:-120}  # before each measurement, wait at most this long for an idle machine

command -v wrk >/dev/null || { echo "run.sh: wrk is missing (scripts/setup.sh installs it)" >&2; exit 1; }
mkdir -p "$work"
out="$work/results"
rm -rf "$out" && mkdir -p "$out"
if [ -n "${DADLY_REF:-}" ]; then
  sha=$(git -C "$root" rev-parse "$DADLY_REF")
  src="$work/src-$sha"
  if [ ! -x "$src/build/dadly" ]; then
    echo "== building $DADLY_REF ($sha) in $src"
    rm -rf "$src" && mkdir -p "$src"
    git -C "$root" archive "$sha" | tar -x -C "$src"
    cmake -S "$src" -B "$src/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$src/cmake.log" 2>&1
    ninja -C "$src/build" dadly >"$src/build.log" 2>&1 || { tail -30 "$src/build.log"; exit 1; }
  fi
  bin="$src/build/dadly"
  provenance="commit $sha (git archive of $DADLY_REF, Release build)"
else
  [ -x "$bin" ] || "$root/scripts/build.sh" release
  dirty=$(git -C "$root" status --short -- src CMakeLists.txt | wc -l)
  provenance="$bin at commit $(git -C "$root" rev-parse HEAD), $dirty uncommitted change(s) under src/"
fi
cp "$bin" "$work/dadly-under-test"
bin="$work/dadly-under-test"
echo "$provenance; sha256 $(sha256sum "$bin" | cut -c1-16)" >"$out/binary.txt"

server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then stop_server; fi
}
trap cleanup EXIT INT TERM

stop_server() {  # SIGTERM to the server (uvicorn's master stops its workers), bounded wait
  local pid=$server_pid p
  local pids
  pids=$($tool pids "$pid")
  kill -TERM "$pid"
  for p in $pids; do
    for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$p" 2>/dev/null; then echo "run.sh: $p did not stop in 15 s; killing it" >&2; kill -KILL "$p" || true; fi
  done
  wait "$pid" 2>/dev/null || true
  server_pid=""
}

# A data dir generated once per size and seed, reused when its bench.json says it matches.
dataset() {  # dataset SIZE -> prints the dir
  local n=$1 dir="$work/data-1x$1"
  if [ ! -f "$dir/bench.json" ] || [ "$($tool json "$dir/bench.json" entries)" != "$n" ]; then
    rm -rf "$dir"
    $py "$root/bench/generate.py" --families 1 --entries-per-family "$n" --bin "$bin" \
      --data-dir "$dir" --seed 1 >&2
  fi
  echo "$dir"
}

# run_three PREFIX BASE_URL PID: warm-up + measured wrk runs of the three endpoints.
run_three() {
  local prefix=$1 base=$2 pid=$3
  local timeline="$base/api/v1/families/$fid/timeline?group=month&limit=20"
  local list="$base/api/v1/families/$fid/entries?limit=20"
  local create="$base/api/v1/families/$fid/entries"
  local common=(-c "$connections" -t "$wrk_threads" --latency --timeout 10s)
  local name url script
  for name in timeline entries create; do
    case $name in
      timeline) url=$timeline script=get_auth.lua ;;
      entries) url=$list script=get_auth.lua ;;
      create) url=$create script=create_entry.lua ;;
    esac
    $tool wait-quiet "$quiet_wait"
    echo "  [$(uptime | sed 's/.*load/load/')] $prefix-$name"
    $tool wrk "$prefix-$name-warmup" "$out" "$pid" -- "${common[@]}" -d "${warmup}s" \
      -s "$root/bench/wrk/$script" "$url" >/dev/null
    $tool wrk "$prefix-$name" "$out" "$pid" -- "${common[@]}" -d "${duration}s" \
      -s "$root/bench/wrk/$script" "$url"
  done
}

echo "== binary: $(cat "$out/binary.txt")"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)"
echo "== $(date -u '+%Y-%m-%dT%H:%M:%SZ')  $(uptime)"
echo "== data ($entries entries)"
base=$(dataset "$entries")
fid=$($tool json "$base/bench.json" families.0.id)
export MEMBER_IDS
MEMBER_IDS=$($tool json "$base/bench.json" families.0.member_ids)

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
