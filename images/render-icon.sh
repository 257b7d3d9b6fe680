#!/usr/bin/env bash
# Renders images/icon.svg to images/icon.png (256×256, transparent corners) with Debian's headless Chromium.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '<html><body style="margin:0;background:transparent">%s</body></html>' "$(cat icon.svg)" > "$tmp/icon.html"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --disable-quic --hide-scrollbars --user-data-dir="$tmp/profile" \
  --default-background-color=00000000 --window-size=256,256 --screenshot="$tmp/icon.png" "file://$tmp/icon.html" 2>/dev/null
mv "$tmp/icon.png" icon.png
