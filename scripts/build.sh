#!/usr/bin/env bash
# Builds one flavour of Dadly: `release` into build/, `asan` (Debug with AddressSanitizer and
# UndefinedBehaviorSanitizer) into build-asan/. The web app is built first (web/dist), so the
# binary carries it.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
case "$flavour" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DDADLY_SANITIZE=ON) ;;
  *) echo "usage: $0 [release|asan]" >&2; exit 2 ;;
esac
if [ "${DADLY_SKIP_WEB_BUILD:-}" != 1 ]; then
  (cd web && npm run build --silent > ../web-build.log 2>&1) || { tail -40 web-build.log; exit 1; }
  echo "build: web app ready in web/dist/"
fi
[ -f "$dir/build.ninja" ] || cmake -S . -B "$dir" -G Ninja "${flags[@]}" > /dev/null
ninja -C "$dir" > "$dir.log" 2>&1 || { tail -50 "$dir.log"; exit 1; }
echo "build: $flavour ready in $dir/"
