#!/usr/bin/env bash
# Refreshes the README's screenshots from the last end-to-end run (`npm run test:e2e` writes them to
# test-results/e2e/), reduced to 256 colours with Debian's pngquant so the .vsix stays small. The e2e tier
# compares its screenshots with these (test/e2e/screenshots.ts), so refresh them only after a change you
# meant, and look at them before committing.
set -euo pipefail
cd "$(dirname "$0")"
src=../../test-results/e2e
command -v pngquant >/dev/null || { echo "apt-get install pngquant" >&2; exit 1; }
for name in diagnostics hover completion codelens matches status-actions use-snapshot select-context restricted theme-light theme-dark; do
  pngquant --force --quality 70-95 --speed 1 --strip --output "$name.png" "$src/$name.png"
done
ls -l ./*.png
