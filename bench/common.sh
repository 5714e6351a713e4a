# Shared by bench/run.sh and bench/run_pg.sh (sourced, not run): the knobs, the binary under
# test, the data sets, and the wrk runs of the three endpoints. See run.sh for the knobs.

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
out=${BENCH_OUT:-$work/results}
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


# The binary, the machine and the time, at the head of a run's output.
describe_run() {
  echo "== binary: $(cat "$out/binary.txt")"
  echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)"
  echo "== $(date -u '+%Y-%m-%dT%H:%M:%SZ')  $(uptime)"
}

# The data set of ENTRIES entries: sets base (its dir), fid and MEMBER_IDS.
load_dataset() {
  echo "== data ($entries entries)"
  base=$(dataset "$entries")
  fid=$($tool json "$base/bench.json" families.0.id)
  export MEMBER_IDS
  MEMBER_IDS=$($tool json "$base/bench.json" families.0.member_ids)
}
