#!/usr/bin/env bash
# Installs every Debian package Dadly's build, tests and benchmarks need. Idempotent: packages
# already present are skipped without touching the network. Works as root or through sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libsqlite3-dev libsodium-dev libssl-dev nlohmann-json3-dev libexpected-dev
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libgtest-dev libgmock-dev
  python3 python3-pytest python3-requests python3-yaml sqlite3 curl
  wrk python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-ujson
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "setup: installing ${missing[*]}"
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
