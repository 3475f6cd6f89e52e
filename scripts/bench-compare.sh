#!/usr/bin/env bash
# Unthrottled throughput of two builds side by side (e.g. protocol 2's vm.jar against protocol 3's): the
# measurement of scripts/bench.sh's part A (3 machines, --ticks-per-second max, every event logged), run
# alternately on JAR_A and JAR_B so that both see the same host (two cores shared with others: a single run
# of each says little). Prints a table (events/s of every round, median per jar, B against A) and writes
# bench-compare.json. Numbers come from the event logs (dev.clockscope.bench.BenchStats of JAR_B). Next to
# events/s it gives CPU µs per event (user + system of the three JVMs, from /usr/bin/time, over tick events):
# the steadier figure on a shared host, where another process's load moves events/s by 20-30 %.
# Usage: scripts/bench-compare.sh JAR_A JAR_B [ROUNDS] [SECONDS]      (defaults: 5 rounds of 15 s)
# BENCH_CONFIG_A / BENCH_CONFIG_B: extra config.json fields for one side, e.g. BENCH_CONFIG_B='"clocks":"lamport,vector"'
# (the same jar twice with and without an HLC).
# Ports: BENCH_PORT (default 18260) .. +2. BENCH_DIR: where the runs write (default target/bench-compare); a tmpfs
# such as /dev/shm/bench-compare takes the disk out of the comparison (an unthrottled run writes ~2.5 GB in 10 s).
set -euo pipefail
cd "$(dirname "$0")/.."
jar_a=$(realpath "$1")
jar_b=$(realpath "$2")
rounds=${3:-5}
seconds=${4:-15}
port=${BENCH_PORT:-18260}
JVM_FLAGS=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
work=${BENCH_DIR:-target/bench-compare}
rm -rf "$work"
mkdir -p "$work"

for side in a b; do
  extra=$([ "$side" = a ] && echo "${BENCH_CONFIG_A:-}" || echo "${BENCH_CONFIG_B:-}")
  cat > "$work/config-$side.json" <<JSON
{"machines":[{"id":"machine_1","host":"127.0.0.1","port":$port},{"id":"machine_2","host":"127.0.0.1","port":$((port+1))},
{"id":"machine_3","host":"127.0.0.1","port":$((port+2))}],"ticksPerSecond":"max","die":10,"duration":"${seconds}s","seed":42${extra:+,$extra}}
JSON
done

# one run of 3 unthrottled machines of jar $1 into $2 with config $3; prints "events/s CPU-µs-per-event"
run() {
  local pids=()
  for i in 1 2 3; do
    /usr/bin/time -f '%U %S' -o "$2.machine_$i.time" java "${JVM_FLAGS[@]}" -jar "$1" --config "$3" \
      --output-dir "$2" --machine-id "machine_$i" > "$2.machine_$i.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "a machine failed, see $2.*.out" >&2; exit 1; }; done
  java -Xmx1g -XX:+UseSerialGC -cp "$jar_b" dev.clockscope.bench.BenchStats throughput "$2" > "$2.txt"
  rm -rf "$2"
  local eps events cpu
  eps=$(grep '^eventsPerSecondTotal=' "$2.txt" | cut -d= -f2 | cut -d. -f1)
  events=$(grep '^tickEvents=' "$2.txt" | cut -d= -f2)
  cpu=$(cat "$2".machine_*.time | awk '{s += $1 + $2} END {print s}')
  echo "$eps $(awk -v c="$cpu" -v e="$events" 'BEGIN {printf "%.3f", c * 1e6 / e}')"
}

a=()
b=()
ca=()
cb=()
for r in $(seq "$rounds"); do
  read -r eps cpu < <(run "$jar_a" "$work/a-$r" "$work/config-a.json")
  a+=("$eps"); ca+=("$cpu")
  read -r eps cpu < <(run "$jar_b" "$work/b-$r" "$work/config-b.json")
  b+=("$eps"); cb+=("$cpu")
  echo "round $r: A ${a[-1]} events/s ${ca[-1]} µs CPU/event, B ${b[-1]} events/s ${cb[-1]} µs CPU/event"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
ma=$(median "${a[@]}")
mb=$(median "${b[@]}")
mca=$(median "${ca[@]}")
mcb=$(median "${cb[@]}")
ratio=$(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.3f", b / a}')
cpu_ratio=$(awk -v a="$mca" -v b="$mcb" 'BEGIN {printf "%.3f", b / a}')
printf '\n| %-6s | %-60s | %-12s | %-34s | %-8s |\n' "jar" "events/s per round (3 machines unthrottled, ${seconds} s)" "median" \
  "CPU µs per event, per round" "median"
printf '| %-6s | %-60s | %-12s | %-34s | %-8s |\n' "A" "${a[*]}" "$ma" "${ca[*]}" "$mca"
printf '| %-6s | %-60s | %-12s | %-34s | %-8s |\n' "B" "${b[*]}" "$mb" "${cb[*]}" "$mcb"
echo "B / A = $ratio in events/s, $cpu_ratio in CPU per event   (A = $jar_a, B = $jar_b)"
cat > bench-compare.json <<JSON
{"jarA": "$jar_a", "jarB": "$jar_b", "seconds": $seconds,
 "eventsPerSecondA": [$(IFS=,; echo "${a[*]}")], "eventsPerSecondB": [$(IFS=,; echo "${b[*]}")],
 "cpuMicrosPerEventA": [$(IFS=,; echo "${ca[*]}")], "cpuMicrosPerEventB": [$(IFS=,; echo "${cb[*]}")],
 "medianA": $ma, "medianB": $mb, "ratioBtoA": $ratio,
 "medianCpuMicrosPerEventA": $mca, "medianCpuMicrosPerEventB": $mcb, "cpuRatioBtoA": $cpu_ratio}
JSON
echo "bench-compare.json written"
