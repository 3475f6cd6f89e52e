#!/usr/bin/env bash
# Regenerates every experiment of EngineeringNotebook.md: the numbers and figures in docs/experiments/
# all come from ClockScope's own analyzer (`vm analyze --json --svg-dir`).
#   scripts/experiments.sh run [DIR]       run every batch into DIR (default output_files/experiments;
#                                          about 45 minutes), then analyze them
#   scripts/experiments.sh analyze [DIR]   analyze batches already in DIR into docs/experiments/
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-analyze}
dir=${2:-output_files/experiments}
JAVA=(java -Xmx256m -XX:+UseSerialGC -jar vm.jar)

if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi

if [ "$mode" = run ]; then
  mkdir -p "$dir"
  for preset in assignment narrow-rates fewer-internal narrow-rates,fewer-internal; do
    "${JAVA[@]}" cluster --preset "$preset" --seed 1000 --output-dir "$dir" --no-analyze --plain
  done
  # Q: one machine at 1 tick/s, two at r: from which r does the slow machine's queue grow?
  for r in 1 2 3 4 5 6; do
    "${JAVA[@]}" cluster --rates "1,$r,$r" --runs 2 --duration 60s --seed 2000 --name "slow1-fast$r" \
      --output-dir "$dir" --no-analyze --plain
  done
  # Q: what does a 200 ms (mean, exponential) network delay do? Same seeds as the assignment runs.
  "${JAVA[@]}" cluster --config docs/experiments/config-delay-exp200ms.json --preset assignment --seed 1000 \
    --name delay-exp200ms --output-dir "$dir" --no-analyze --plain
elif [ "$mode" != analyze ]; then
  echo "usage: $0 run|analyze [DIR]" >&2
  exit 2
fi

# the newest batch of each name
latest() { ls -d "$dir"/*-"$1" 2>/dev/null | sort | tail -1; }
analyze() { # name run-dirs...
  local name=$1; shift
  local out=docs/experiments/$name
  rm -rf "$out"; mkdir -p "$out"
  "${JAVA[@]}" analyze "$@" --no-report --json "$out/summary.json" --svg-dir "$out/svg" > "$out/summary.txt"
  echo "$name: $(grep -c '' "$out/summary.txt") summary lines, $(ls "$out/svg" | wc -l) figures"
}
for name in assignment narrow-rates fewer-internal narrow-rates+fewer-internal delay-exp200ms; do
  b=$(latest "$name"); [ -n "$b" ] || { echo "no batch $name in $dir" >&2; exit 1; }
  analyze "$name" "$b"/run-*
done
# the rate sweep as one comparison: run directories linked under telling names
sweep=$(mktemp -d)
trap 'rm -rf "$sweep"' EXIT
for r in 1 2 3 4 5 6; do
  b=$(latest "slow1-fast$r"); [ -n "$b" ] || { echo "no batch slow1-fast$r in $dir" >&2; exit 1; }
  for run in 1 2; do ln -s "$(realpath "$b/run-$run")" "$sweep/fast$r-run$run"; done
done
analyze rate-sweep "$sweep"/fast*
