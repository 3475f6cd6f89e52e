#!/usr/bin/env bash
# Unthrottled throughput of two builds side by side (e.g. protocol 2's vm.jar against protocol 3's): the
# measurement of scripts/bench.sh's part A (3 machines, --ticks-per-second max, every event logged), run
# alternately on JAR_A and JAR_B so that both see the same host (two cores shared with others: a single run
# of each says little). Prints a table (events/s of every round, median per jar, B against A) and writes
# bench-compare.json. Numbers come from the event logs (dev.clockscope.bench.BenchStats of JAR_B).
# Usage: scripts/bench-compare.sh JAR_A JAR_B [ROUNDS] [SECONDS]      (defaults: 5 rounds of 15 s)
# BENCH_CONFIG_A / BENCH_CONFIG_B: extra config.json fields for one side, e.g. BENCH_CONFIG_B='"clocks":"lamport,vector"'
# (the same jar twice with and without an HLC).
# Ports: BENCH_PORT (default 18260) .. +2.
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$(realpath "$1")
jar_b=$(realpath "$2")
rounds=${3:-5}
seconds=${4:-15}
port=${BENCH_PORT:-18260}
JVM_FLAGS=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
work=target/bench-compare
rm -rf "$work"
mkdir -p "$work"

for side in a b; do
  extra=$([ "$side" = a ] && echo "${BENCH_CONFIG_A:-}" || echo "${BENCH_CONFIG_B:-}")
  cat > "$work/config-$side.json" <<JSON
{"machines":[{"id":"machine_1","host":"127.0.0.1","port":$port},{"id":"machine_2","host":"127.0.0.1","port":$((port+1))},
{"id":"machine_3","host":"127.0.0.1","port":$((port+2))}],"ticksPerSecond":"max","die":10,"duration":"${seconds}s","seed":42${extra:+,$extra}}
JSON
done

# one run of 3 unthrottled machines of jar $1 into $2 with config $3; prints its events/s
run() {
  local pids=()
  for i in 1 2 3; do
    java "${JVM_FLAGS[@]}" -jar "$1" --config "$3" --output-dir "$2" --machine-id "machine_$i" \
      > "$2.machine_$i.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "a machine failed, see $2.*.out" >&2; exit 1; }; done
  java -Xmx1g -XX:+UseSerialGC -cp "$jar_b" dev.clockscope.bench.BenchStats throughput "$2" > "$2.txt"
  rm -rf "$2"
  grep '^eventsPerSecondTotal=' "$2.txt" | cut -d= -f2 | cut -d. -f1
}

a=()
b=()
for r in $(seq "$rounds"); do
  a+=("$(run "$jar_a" "$work/a-$r" "$work/config-a.json")")
  b+=("$(run "$jar_b" "$work/b-$r" "$work/config-b.json")")
  echo "round $r: A ${a[-1]} events/s, B ${b[-1]} events/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
ma=$(median "${a[@]}")
mb=$(median "${b[@]}")
ratio=$(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.3f", b / a}')
printf '\n| %-6s | %-60s | %-12s |\n' "jar" "events/s per round (3 machines unthrottled, ${seconds} s)" "median"
printf '| %-6s | %-60s | %-12s |\n' "A" "${a[*]}" "$ma"
printf '| %-6s | %-60s | %-12s |\n' "B" "${b[*]}" "$mb"
echo "B / A = $ratio   (A = $jar_a, B = $jar_b)"
cat > bench-compare.json <<JSON
{"jarA": "$jar_a", "jarB": "$jar_b", "seconds": $seconds,
 "eventsPerSecondA": [$(IFS=,; echo "${a[*]}")], "eventsPerSecondB": [$(IFS=,; echo "${b[*]}")],
 "medianA": $ma, "medianB": $mb, "ratioBtoA": $ratio}
JSON
echo "bench-compare.json written"
