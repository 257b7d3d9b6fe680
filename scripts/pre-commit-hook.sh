#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml, language: script): pre-commit runs it from its clone of
# this repository, in the user's repository, with the staged files as arguments. The first run in a
# clone installs the build tools and builds the CLI there (npm ci, then esbuild); later runs only check.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$here/dist/cli.js" ]; then
  echo "migrationpolicy: first run: building the CLI in $here (npm ci, esbuild)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2 && node esbuild.mjs >&2)
fi
exec node "$here/dist/cli.js" check --allow-empty "$@"
