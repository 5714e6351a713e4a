#!/usr/bin/env bash
# SQL-level tests of the PostgreSQL schema (pgTAP): a throwaway cluster, the migrations applied as
# the owner role, then every tests/pg/*_test.sql through pg_prove. Cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$(mktemp -d /tmp/dadly-pg.XXXXXX)
trap 'scripts/pg.sh stop "$dir"' EXIT
scripts/pg.sh start "$dir" > /dev/null
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -d dadly)
# pgTAP lives in its own schema, so the checks of schema public see only Dadly's objects.
"${psql[@]}" -U postgres -c "CREATE SCHEMA tap; GRANT USAGE ON SCHEMA tap TO PUBLIC; CREATE EXTENSION pgtap SCHEMA tap"
# What Dadly's migration runner creates before the first migration.
"${psql[@]}" -U dadly_owner -c "CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)"
for migration in src/store/migrations/postgres/*.sql; do
  "${psql[@]}" -U dadly_owner -1 -f "$migration"
done
pg_prove -h "$dir" -U dadly_owner -d dadly tests/pg/*_test.sql
