#!/usr/bin/env bash
# Screenshots of the live view for the README (headless Chromium): a live 3-machine cluster, the
# explorer over the known-answer run with one event selected (its causal past and future highlighted), and
# a 100,000-machine simulation (its six watched machines and their neighbours in the graph).
# usage: scripts/screenshot-live.sh [OUT_DIR]   (default docs/; ports of config: 18300-18302)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs}")
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "error: chromium not found (Debian: apt-get install chromium)" >&2
  exit 2
fi
if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

shoot() { # URL OUT.png
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile-$RANDOM" --hide-scrollbars \
    --window-size=1400,1000 --virtual-time-budget=3000 --screenshot="$2" "$1" >/dev/null 2>&1
  [ -s "$2" ] || { echo "error: chromium wrote no $2" >&2; exit 1; }
  echo "$2"
}

url_of() { # LOG: waits for the address a command prints
  for _ in $(seq 1 100); do
    u=$(grep -ao 'http://127.0.0.1:[0-9]*/#token=[0-9a-f]*' "$1" | head -1 || true)
    [ -n "$u" ] && { echo "$u"; return; }
    sleep 0.2
  done
  echo "error: no address in $1" >&2; cat "$1" >&2; exit 1
}

# the explorer: c's receive of M4 (c.log line 5), whose causal past is worked out in LiveViewIT
java -jar vm.jar view src/test/resources/analysis/known-answer > "$work/view.out" 2>&1 &
pids+=($!)
shoot "$(url_of "$work/view.out")&select=c:5" "$out/live-explorer.png"

# a live cluster: 3 machines at 2, 5 and 9 ticks/s; machine_2 is paused for 3 s from outside (SIGSTOP, as the
# page's pause button does, but without its mark on the diagram): its stall and the gap show
cat > "$work/config.json" <<'JSON'
{"machines": [{"id": "machine_1", "host": "127.0.0.1", "port": 18300},
              {"id": "machine_2", "host": "127.0.0.1", "port": 18301},
              {"id": "machine_3", "host": "127.0.0.1", "port": 18302}]}
JSON
(cd "$work" && exec java -jar "$OLDPWD/vm.jar" cluster --live --duration 30s --rates 2,5,9 --seed 7 --no-analyze --plain \
  --output-dir out > cluster.out 2>&1) &
pids+=($!)
url=$(url_of "$work/cluster.out")
for _ in $(seq 1 100); do ls "$work"/out/*/run-1/machine_2.log >/dev/null 2>&1 && break; sleep 0.2; done
sleep 6
m2=$(pgrep -P "${pids[-1]}" -f -- "--machine-id machine_2" | head -1)
kill -STOP "$m2"; sleep 3; kill -CONT "$m2"
sleep 4
shoot "$url" "$out/live-cluster.png"

# a 100,000-machine simulation, live at real speed: the page gets its watched machines' events (the first
# six) and exact totals. Chromium's own --screenshot does not wait for WebSocket frames, so the DevTools
# client of the tests takes this one (testing.PageShot; needs `mvn test-compile`).
shot=target/test-classes/dev/clockscope/testing/PageShot.class
if [ ! -f "$shot" ] || [ -n "$(find src/test -newer "$shot" -print -quit)" ]; then mvn -B -q test-compile; fi
cp="vm.jar:target/test-classes:$(find ~/.m2/repository/org/awaitility -name 'awaitility-*.jar' | head -1)"
cp="$cp:$(find ~/.m2/repository/org/hamcrest -name 'hamcrest*.jar' | head -1)"
java -jar vm.jar simulate --live --machines 100000 --topology random-regular:8 --duration 60s --speed 1 --seed 7 \
  --no-analyze --plain --output-dir "$work/sim" > "$work/sim.out" 2>&1 &
pids+=($!)
java -cp "$cp" dev.clockscope.testing.PageShot "$(url_of "$work/sim.out")" "$out/live-simulation-100k.png" 10 180
