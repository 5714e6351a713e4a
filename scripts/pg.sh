#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: `scripts/pg.sh start DIR` creates it in DIR
# (initdb takes under a second), listening only on a unix socket in DIR, with Dadly's roles:
#   dadly_owner  owns the schema and runs migrations (no superuser, no BYPASSRLS: the schema's
#                own *_owner policies let it through, as they would on Supabase or Cloud SQL)
#   dadly_app    what the server connects as: owns nothing, not a superuser, no BYPASSRLS
# and a database `dadly`. `scripts/pg.sh stop DIR` stops it and removes DIR. PostgreSQL refuses
# to run as root, so under root the cluster runs as the unprivileged user dadly-test. Tests run
# with fsync off; PG_FSYNC=on gives the durable default (the benchmarks use it).
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
action=${1:?usage: pg.sh start|stop DIR}
dir=${2:?usage: pg.sh start|stop DIR}

as_db_user=()
if [ "$(id -u)" -eq 0 ]; then
  id dadly-test >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin dadly-test
  as_db_user=(runuser -u dadly-test --)
fi

case "$action" in
  start)
    mkdir -p "$dir"
    [ ${#as_db_user[@]} -eq 0 ] || chown dadly-test "$dir"
    "${as_db_user[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
    "${as_db_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=${PG_FSYNC:-off}" start > /dev/null
    psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -U postgres)
    "${psql[@]}" -d postgres <<'SQL'
CREATE ROLE dadly_owner LOGIN NOSUPERUSER NOBYPASSRLS;
CREATE ROLE dadly_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT dadly_app TO dadly_owner;
CREATE DATABASE dadly OWNER dadly_owner;
SQL
    "${psql[@]}" -d dadly -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO dadly_owner;"
    echo "postgresql://dadly_app@/dadly?host=$dir"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      "${as_db_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg.sh start|stop DIR" >&2; exit 2 ;;
esac
