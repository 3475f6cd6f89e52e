#!/usr/bin/env bash
# Renders an analyzer report in headless Chromium and saves a full-page PNG, for humans to look at.
# usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH]" >&2
  exit 2
fi
report=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1100}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "error: chromium not found (Debian: apt-get install chromium)" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# the report records its own height (data-page-height) when it loads: ask for it, then shoot the whole page
height=$("$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --window-size="$width,1000" \
  --dump-dom "file://$report" 2>/dev/null | grep -o 'data-page-height="[0-9]*"' | head -1 | grep -o '[0-9]*' || true)
pixels=${height:-4000}
[ "$pixels" -gt 30000 ] && pixels=30000
"$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size="$width,$pixels" --screenshot="$out" "file://$report" >/dev/null 2>&1
echo "$out"
