#!/usr/bin/env bash
# Builds the client and the server into .e2e-builds/<name>/ so that several people can run browser tests
# side by side without rebuilding each other's client/dist. Then:
#   E2E_CLIENT_DIST=.e2e-builds/<name>/client E2E_SERVER_BUNDLE=.e2e-builds/<name>/main.mjs \
#     npx vitest run --config e2e/vitest.config.ts e2e/<file>.e2e.ts
set -euo pipefail
name="${1:?usage: e2e/buildFor.sh <name>}"
cd "$(dirname "$0")/.."
out="$PWD/.e2e-builds/$name"
mkdir -p "$out"
npx vite build --outDir "$out/client" --emptyOutDir --logLevel warn
npx esbuild server/src/main.ts --bundle --platform=node --format=esm --packages=external --sourcemap \
  --log-level=warning --outfile="$out/main.mjs"
echo "built $out"
