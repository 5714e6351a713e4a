#!/usr/bin/env bash
# Configures and builds one flavour of Dadly: `release` into build/, `asan` (Debug with
# AddressSanitizer and UndefinedBehaviorSanitizer) into build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
case "$flavour" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DDADLY_SANITIZE=ON) ;;
  *) echo "usage: $0 [release|asan]" >&2; exit 2 ;;
esac
[ -f "$dir/build.ninja" ] || cmake -S . -B "$dir" -G Ninja "${flags[@]}" > /dev/null
ninja -C "$dir" > "$dir.log" 2>&1 || { tail -50 "$dir.log"; exit 1; }
echo "build: $flavour ready in $dir/"
