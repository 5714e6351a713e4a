#!/usr/bin/env bash
# The whole test suite: format check, unit tests and integration tests, on the release build and
# again on the sanitizer build (ASan + UBSan). Exits non-zero on the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== format"
mapfile -t sources < <(git ls-files 'src/*.h' 'src/*.cc')
clang-format --dry-run --Werror "${sources[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for flavour in release asan; do
  scripts/build.sh "$flavour"
  dir=build; [ "$flavour" = asan ] && dir=build-asan
  echo "== unit tests ($flavour)"
  "$dir/dadly_tests" --gtest_brief=1
  echo "== integration tests ($flavour)"
  DADLY_BIN="$PWD/$dir/dadly" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/integration
done
echo "all tests passed"
