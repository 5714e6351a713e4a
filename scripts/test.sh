#!/usr/bin/env bash
# The whole test suite: format check; unit and integration tests on the release build and again
# on the sanitizer build (ASan + UBSan), each against SQLite and against PostgreSQL (a throwaway
# cluster started here and removed at exit); the PostgreSQL schema's Row Level Security (pgTAP);
# the web app's unit tests; end-to-end tests in Chromium against the release binary. Exits
# non-zero at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== format"
mapfile -t sources < <(git ls-files 'src/*.h' 'src/*.cc')
clang-format --dry-run --Werror "${sources[@]}"

pg_dir=$(mktemp -d /tmp/dadly-test-pg.XXXXXX)
trap 'scripts/pg.sh stop "$pg_dir"' EXIT
scripts/pg.sh start "$pg_dir" > /dev/null
# The store contract suite and the integration tests run on PostgreSQL when this is set.
export DADLY_TEST_PG_HOST="$pg_dir"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
scripts/build.sh release
for flavour in release asan; do
  dir=build
  if [ "$flavour" = asan ]; then
    dir=build-asan
    DADLY_SKIP_WEB_BUILD=1 scripts/build.sh asan
  fi
  echo "== unit tests ($flavour)"
  "$dir/dadly_tests" --gtest_brief=1
  echo "== integration tests ($flavour, SQLite)"
  DADLY_TEST_PG_HOST= DADLY_BIN="$PWD/$dir/dadly" \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/integration
  echo "== integration tests ($flavour, PostgreSQL)"
  DADLY_BIN="$PWD/$dir/dadly" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/integration
done

echo "== PostgreSQL schema and Row Level Security (pgTAP)"
tests/pg/run.sh

echo "== web unit tests"
(cd web && npm test --silent)
echo "== web end-to-end tests (Chromium)"
(cd web && DADLY_TEST_PG_HOST= DADLY_BIN="$PWD/../build/dadly" npm run e2e --silent)
echo "all tests passed"
