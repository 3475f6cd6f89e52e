#!/usr/bin/env bash
# The event-log line encoder's cost per event under each JIT, side by side for one or two jars: C1 only
# (-XX:TieredStopAtLevel=1, how machines run) and the default (C2, how vm simulate and vm analyze run).
# Runs dev.clockscope.bench.EncoderBench of each jar REPS times per JIT, alternating jars, and prints the median
# ns per event; writes bench-encoder.json. Usage: scripts/bench-encoder.sh [JAR_A [JAR_B]] (default: ./vm.jar)
# REPS (default 3), ROUNDS per run (default 30). Each jar's classes come first on the class path and the bench's
# class from the last jar, so an older jar without EncoderBench is timed by the same loop (it needs the HLC's events).
set -euo pipefail
cd "$(dirname "$0")/.."
jars=("${@:-vm.jar}")
reps=${REPS:-3}
rounds=${ROUNDS:-30}
bench_jar=$(realpath "${jars[-1]}")
declare -A med
json="{\"rounds\": $rounds, \"reps\": $reps, \"results\": ["
first=1
for jit in c1 c2; do
  flags=()
  [ "$jit" = c1 ] && flags=(-XX:TieredStopAtLevel=1)
  declare -A runs=()
  for r in $(seq "$reps"); do
    for j in "${jars[@]}"; do
      cp="$(realpath "$j"):$bench_jar"
      ns=$(java "${flags[@]}" -cp "$cp" dev.clockscope.bench.EncoderBench "$rounds" | grep '^nsPerEvent=' | cut -d= -f2)
      runs[$j]="${runs[$j]:-} $ns"
    done
  done
  for j in "${jars[@]}"; do
    m=$(printf '%s\n' ${runs[$j]} | sort -g | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')
    med["$jit $j"]=$m
    [ $first = 1 ] || json+=", "
    first=0
    json+="{\"jit\": \"$jit\", \"jar\": \"$j\", \"nsPerEvent\": [$(echo ${runs[$j]} | tr ' ' ',')], \"median\": $m}"
  done
done
printf '| %-40s | %-22s | %-22s |\n' "jar" "C1 only: ns per event" "C2: ns per event"
for j in "${jars[@]}"; do
  printf '| %-40s | %-22s | %-22s |\n' "$j" "${med["c1 $j"]}" "${med["c2 $j"]}"
done
echo "$json]}" > bench-encoder.json
echo "bench-encoder.json written"
