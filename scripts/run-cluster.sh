#!/usr/bin/env bash
# Builds vm.jar if it is missing or older than the sources, then runs `java -jar vm.jar cluster`:
# every machine of config.json as its own JVM, logs in output_files/<time>-<name>/run-<i>/, then the
# analyzer. With no arguments: one 20 s run. Any `vm cluster` option works, e.g.
#   scripts/run-cluster.sh --preset assignment
#   scripts/run-cluster.sh --duration 2m --seed 42 --ticks-per-second 3..4
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  echo "building vm.jar ..."
  mvn -B -q package -DskipTests
fi

if [ $# -eq 0 ]; then
  set -- --duration 20s
fi
exec java -Xmx128m -XX:+UseSerialGC -jar vm.jar cluster "$@"
