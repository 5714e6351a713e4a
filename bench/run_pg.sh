#!/usr/bin/env bash
# Dadly on PostgreSQL beside Dadly on SQLite, on the same rows, and what Row Level Security costs.
#
#   bench/run_pg.sh              # data, logs and results in /tmp/dadly-bench/results-pg
#
# 1. the data set of bench/run.sh (1 family x ENTRIES entries, bench/generate.py);
# 2. Dadly on a copy of it on SQLite: wrk on the timeline page, the entry list and entry create,
#    exactly as bench/run.sh measures them;
# 3. a throwaway PostgreSQL 15 cluster (scripts/pg.sh, fsync on, a unix socket), `dadly migrate`
#    as the owner, the same rows copied in (bench/pg_copy.py), Dadly connected as dadly_app:
#    the same three runs. Then a fresh copy with Row Level Security disabled on every table
#    (what the policies cost end to end), the same three runs again;
# 4. pgbench on the list query alone, as dadly_app in a transaction that sets app.user_id, with
#    the policies on and off (what they cost inside the database).
# Knobs: those of bench/run.sh (BENCH_DIR, DADLY_BIN, DADLY_REF, DURATION, WARMUP, CONNECTIONS,
# WRK_THREADS, ENTRIES, QUIET_WAIT), and PGBENCH_SECONDS (15), PGBENCH_CLIENTS (8).
set -euo pipefail
export BENCH_OUT=${BENCH_OUT:-${BENCH_DIR:-/tmp/dadly-bench}/results-pg}
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
pgbench=/usr/lib/postgresql/15/bin/pgbench
pgbench_seconds=${PGBENCH_SECONDS:-15}
pgbench_clients=${PGBENCH_CLIENTS:-8}

pg="$work/pg"
"$root/scripts/pg.sh" stop "$pg"
trap 'cleanup; "$root/scripts/pg.sh" stop "$pg"' EXIT INT TERM
PG_FSYNC=on "$root/scripts/pg.sh" start "$pg" >/dev/null
url() { echo "postgresql://$1@/$2?host=$pg"; }
as_postgres() { psql -X -q -v ON_ERROR_STOP=1 -d "$(url postgres "${2:-postgres}")" -c "$1"; }

# A new database `name` with the rows of data dir `base`, migrated as the owner.
load_pg() {  # load_pg NAME
  as_postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  as_postgres "CREATE DATABASE $1 OWNER dadly_owner TEMPLATE template0"
  as_postgres "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO dadly_owner" "$1"
  DATABASE_URL=$(url dadly_owner "$1") "$bin" migrate --data-dir "$work/run-migrate" >/dev/null
  # As the superuser: COPY does not load tables whose policies apply to the copying role.
  $py "$root/bench/pg_copy.py" --data-dir "$base" --url "$(url postgres "$1")"
}

# Dadly on `dir` (and DATABASE_URL when given), the three wrk runs as PREFIX-*.
measure() {  # measure PREFIX DATA_DIR [DATABASE_URL]
  local prefix=$1 dir=$2 db=${3:-}
  echo "== $prefix (stdout -> $work/$prefix.log)"
  DATABASE_URL=$db "$bin" serve --data-dir "$dir" --port 0 >"$work/$prefix.log" 2>&1 &
  server_pid=$!
  local port
  port=$($tool port-from-log "$work/$prefix.log" 30)
  $tool wait-http "http://127.0.0.1:$port/healthz" 30
  TOKEN=$($tool login "http://127.0.0.1:$port" "$base")
  export TOKEN
  $tool mem-record "$out/$prefix-mem.json" idle "$server_pid"
  $tool reset-peak "$server_pid"
  run_three "$prefix" "http://127.0.0.1:$port" "$server_pid"
  $tool mem-record "$out/$prefix-mem.json" load "$server_pid"
  stop_server
}

# Row Level Security off on every table of database NAME (the grants stay as they are).
disable_rls() {
  as_postgres "DO \$\$ DECLARE t text; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
      EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
      EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    END LOOP; END \$\$" "$1"
}

# pgbench on the entry list's query as dadly_app: BEGIN, set app.user_id, first page, COMMIT.
list_query_bench() {  # list_query_bench NAME DATABASE
  local owner_id
  owner_id=$($tool json "$base/bench.json" families.0.owner.user_id)
  cat >"$work/list.sql" <<SQL
BEGIN;
SELECT set_config('app.user_id', '$owner_id', true);
SELECT e.seq, e.id, e.title, e.body, e.occurred_at,
  (SELECT string_agg(member_id::text, ',') FROM entry_members WHERE entry_seq = e.seq),
  (SELECT display_name FROM users WHERE id = e.author_id)
FROM entries e WHERE e.family_id = '$fid' AND e.deleted_at IS NULL
  AND (e.visibility = 'family' OR e.author_id = '$owner_id')
ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 21;
COMMIT;
SQL
  $tool wait-quiet "$quiet_wait"
  "$pgbench" -n -M prepared -f "$work/list.sql" -c "$pgbench_clients" -j 2 -T "$pgbench_seconds" \
    -d "$(url dadly_app "$2")" >"$out/$1.txt" 2>&1
  grep -E "^(latency average|tps)" "$out/$1.txt" | sed "s/^/  $1: /"
}

describe_run
load_dataset

rm -rf "$work/run-sqlite" && cp -a "$base" "$work/run-sqlite"
measure sqlite "$work/run-sqlite"

# The PostgreSQL runs use a copy of the data dir only for its signing key.
rm -rf "$work/run-pg" && cp -a "$base" "$work/run-pg" && rm -f "$work/run-pg/dadly.db"*
load_pg bench_rls
measure pg "$work/run-pg" "$(url dadly_app bench_rls)"
load_pg bench_norls
disable_rls bench_norls
measure pg-norls "$work/run-pg" "$(url dadly_app bench_norls)"

echo "== pgbench, the list query alone (${pgbench_clients} clients, ${pgbench_seconds} s)"
load_pg bench_sql
list_query_bench pgbench-rls bench_sql
disable_rls bench_sql
list_query_bench pgbench-norls bench_sql

echo "== $(uptime)"
$py "$root/bench/pg_summary.py" "$out"
