#!/usr/bin/env bash
# Analyzer throughput benchmark (not a test). Generates a synthetic run of LINES log lines (once, kept in
# DIR), analyzes it 5 times in one JVM and prints JSON with lines/s. usage: scripts/bench-analyzer.sh [LINES] [MACHINES] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile >&2
cp=$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
lines=${1:-6000000}
machines=${2:-3}
dir=${3:-${TMPDIR:-/tmp}/clockscope-bench-$lines-$machines}
mkdir -p "$dir"
exec java -Xmx256m -cp "target/classes:target/test-classes:$cp" dev.clockscope.analysis.AnalyzerBenchmark "$lines" "$machines" "$dir"
