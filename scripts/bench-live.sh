#!/usr/bin/env bash
# Live view benchmark (not a test): frame times of the page with 10,000 and 100,000 events in view while it
# pans and zooms (requestAnimationFrame in headless Chromium), then an unthrottled 3-machine `vm cluster --live`
# (ports 18310-18312): events the server took from the logs vs lines written, the page's bound and frame times.
# Prints a table, writes JSON. usage: scripts/bench-live.sh [SECONDS] [OUT.json]   (~30 s + SECONDS)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  mvn -B -q package -DskipTests >&2
fi
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile >&2
cp=$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
cp=$(printf '%s' "$cp" | sed 's/\x1b\[[0-9;]*m//g') # Maven's -q still ends its output with a colour reset
work=$(mktemp -d)
trap 'rm -rf "$work" 2>/dev/null || true' EXIT
java -Xmx256m -cp "target/classes:target/test-classes:$cp" dev.clockscope.web.LiveViewBenchmark vm.jar "$work" "${2:-bench-live.json}" "${1:-10}"
