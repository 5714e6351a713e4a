#!/usr/bin/env bash
# Installs what is missing, builds Dadly and runs `dadly serve` on http://127.0.0.1:8080 with its
# data in ./data. Extra arguments go to `dadly serve` (for example --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
exec ./build/dadly serve "$@"
