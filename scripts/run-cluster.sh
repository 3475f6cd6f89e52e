#!/usr/bin/env bash
# Builds vm.jar if it is missing or older than the sources, then runs every machine of config.json as
# its own JVM process for DURATION (default 20s) and waits for them. Logs go to output_files/.
# Usage: scripts/run-cluster.sh [DURATION] [extra vm.jar options, e.g. --seed 42]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20s}"
shift || true

if [ ! -f vm.jar ] || [ -n "$(find src pom.xml -newer vm.jar -print -quit)" ]; then
  echo "building vm.jar ..."
  mvn -B -q package -DskipTests
fi

mapfile -t ids < <(grep -o '"id"[[:space:]]*:[[:space:]]*"[^"]*"' config.json | sed 's/.*"\([^"]*\)"$/\1/')
pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop INT TERM
for id in "${ids[@]}"; do
  java -Xmx64m -XX:+UseSerialGC -jar vm.jar --machine-id "$id" --duration "$duration" "$@" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
echo "logs: $(ls output_files/*.log | tr '\n' ' ')"
exit $status
