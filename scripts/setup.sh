#!/usr/bin/env bash
# Installs every Debian package and npm package Dadly's build, tests and benchmarks need.
# Idempotent: what is already present is skipped without touching the network. Works as root or
# through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libsqlite3-dev libpq-dev libsodium-dev libutf8proc-dev libssl-dev libcurl4-openssl-dev nlohmann-json3-dev rapidjson-dev
  libexpected-dev
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libgoogle-perftools-dev libgtest-dev libgmock-dev
  python3 python3-pytest python3-requests python3-yaml python3-cryptography sqlite3 curl
  chromium fonts-noto-cjk
  postgresql-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
  wrk python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-ujson
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
fi

# The web app needs Node.js 20.19 or newer with npm (Debian 12's own nodejs is 18).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' 2>/dev/null; then
  echo "setup: Node.js >= 20.19 with npm is required for the web app (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm packages from the lock file, again only when the lock file changed since the last install.
stamp=web/node_modules/.dadly-lock.sha256
want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci in web/"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
