#!/usr/bin/env bash
# Topology generator benchmark (not a test): builds random-regular:8, small-world:8,0.1 and scale-free:4 at
# 100,000 and 1,000,000 machines, exports the 1M graph as GraphML and GraphJSON, reads a 100k-link CloudScope
# file; prints a table and writes JSON. usage: scripts/bench-topology.sh [OUT.json]  (default bench-topology.json)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile >&2
cp=$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
exec java -Xmx1g -XX:+UseSerialGC -cp "target/classes:target/test-classes:$cp" dev.clockscope.topology.TopologyBenchmark "${1:-bench-topology.json}"
