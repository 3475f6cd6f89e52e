#!/usr/bin/env bash
# ClockScope benchmark (issue 6). Builds vm.jar if needed, then, in about 2 minutes, in this order (the
# timing-sensitive part first, before A's ~3.5 GB of logs load the disk):
#   warm-up: a 2 s `vm cluster` run, which records the class-data archive (vm.jsa) if there is none
#   C. 60 s in parallel: 3 machines at the assignment's rates (1..6)  -> peak RSS (VmHWM) per machine
#                        3 machines at 1,000 ticks/s, started once    -> tick-rate error, tick lateness p99,
#                          the first three are connected                 one-way delay p99
#   A. 3 machines unthrottled (--ticks-per-second max) for 15 s, every event logged -> events/s in total,
#      and a message check from the logs: every receive matches a send, nothing lost
#   B. `vm analyze` over all of A's logs                               -> lines/s, lines per CPU second;
#      the bare streaming log reader over 1M lines of A's log          -> lines/s (one core)
#   connect time (last start line -> all connected) is taken from every run (median).
#   A's logs are deleted at the end (BENCH_KEEP_LOGS=1 keeps them); the others stay in target/bench.
# Prints a table and writes bench.json. All numbers come from the event logs and /proc, never from a timer
# inside the machines. Usage: scripts/bench.sh [--quick]   (--quick: 5 s / 15 s runs, for smoke tests)
# Ports: BENCH_PORT (default 18200) .. +30.
set -euo pipefail
cd "$(dirname "$0")/.."

# the machines' flags, as `vm cluster` (cluster.MachineLauncher) starts them; the class-data archive is added below
JVM_FLAGS=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
port=${BENCH_PORT:-18200}
unthrottled_s=15
fixed_s=60
fixed_rate=1000
if [ "${1:-}" = "--quick" ]; then unthrottled_s=5; fixed_s=15; fi

if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  echo "building vm.jar ..."
  mvn -B -q package -DskipTests
fi

work=target/bench
rm -rf "$work"
mkdir -p "$work"

stats() { java -Xmx1g -XX:+UseSerialGC -cp vm.jar dev.clockscope.bench.BenchStats "$@"; }

config() { # file first-port rate duration
  cat > "$1" <<EOF
{"machines":[{"id":"machine_1","host":"127.0.0.1","port":$2},{"id":"machine_2","host":"127.0.0.1","port":$(($2+1))},
{"id":"machine_3","host":"127.0.0.1","port":$(($2+2))}],"ticksPerSecond":"$3","die":10,"duration":"$4","seed":42}
EOF
}

# starts the 3 machines of config $1 with output in $2; their pids go to the array named $3
start_cluster() {
  local -n pids_ref=$3
  pids_ref=()
  for i in 1 2 3; do
    java "${JVM_FLAGS[@]}" -jar vm.jar --config "$1" --output-dir "$2" --machine-id "machine_$i" \
      >"$2.machine_$i.out" 2>&1 &
    pids_ref+=($!)
  done
}

# peak RSS (VmHWM, kB) of pid $1 into HWM, with bash builtins only: the sampling must not fork processes
# next to the machines whose tick lateness and message delays are being measured. VmHWM is the kernel's own
# high-water mark, so a sample per second misses at most the growth of a machine's last second.
hwm_kb() {
  HWM=0
  local key value rest
  { while read -r key value rest; do
      if [ "$key" = "VmHWM:" ]; then HWM=$value; break; fi
    done < "/proc/$1/status"; } 2>/dev/null || true
}

# waits for the pids in array $1, sampling their peak RSS (kB) into the variable named $2
wait_sampling_rss() {
  local -n wpids=$1
  local -n peak=$2
  peak=0
  while :; do
    local alive=0
    for p in "${wpids[@]}"; do
      if kill -0 "$p" 2>/dev/null; then
        alive=1
        hwm_kb "$p"
        [ "$HWM" -gt "$peak" ] && peak=$HWM
      fi
    done
    [ $alive = 0 ] && break
    sleep 1
  done
  for p in "${wpids[@]}"; do wait "$p" || { echo "a machine failed, see $work/*.out" >&2; exit 1; }; done
}

declare -A R
collect() { while IFS='=' read -r k v; do R[$k]=$v; done; }

# One short `vm cluster` run: it records the class-data archive (vm.jsa) the way users get it, if vm.jar
# has none yet, and the machines below map it as `vm cluster` would.
echo "warm-up: a 2 s \`vm cluster\` run (records vm.jsa if it is missing or older than vm.jar) ..."
config "$work/warmup.json" $((port+27)) 100 2s
java -Xmx128m -XX:+UseSerialGC -jar vm.jar cluster --config "$work/warmup.json" --output-dir "$work/warmup" \
  --no-analyze --plain > "$work/warmup.out" 2>&1 || { echo "the warm-up run failed, see $work/warmup.out" >&2; exit 1; }
if [ -s vm.jsa ]; then JVM_FLAGS+=(-XX:SharedArchiveFile=vm.jsa '-Xlog:cds*=off'); fi

# C measures microseconds, so it runs first, on a quiet machine: A writes ~3.5 GB, and on this VM the
# write-back, the reclaim of that page cache and the discards of a deleted log froze the machines for tens
# of milliseconds at a time for up to half a minute afterwards. If the disk is still busy (e.g. from an
# earlier bench), wait for it, at most 60 s.
io_busy() { [ -r /proc/pressure/io ] && awk '/^some/ {split($2, a, "="); exit !(a[2] > 1.0)}' /proc/pressure/io; }
for _ in $(seq 60); do io_busy || break; sleep 1; done
io_busy && echo "  note: the disk is still busy (/proc/pressure/io: $(head -1 /proc/pressure/io)); C may be noisy"

# CPU time the hypervisor gave to others ("steal", /proc/stat) while C runs: it delays ticks and messages
# and no code in the guest can prevent it, so the bench reports it next to the latency figures
cpu_ticks() { local cpu user nice system idle iowait irq softirq steal rest
  read -r cpu user nice system idle iowait irq softirq steal rest < /proc/stat
  CPU_ALL=$((user + nice + system + idle + iowait + irq + softirq + steal)); CPU_STEAL=$steal; }
cpu_ticks; all0=$CPU_ALL; steal0=$CPU_STEAL

echo "C. ${fixed_s}s at ${fixed_rate} ticks/s, and in parallel ${fixed_s}s at the assignment's rates (1..6) ..."
config "$work/fixed.json" $((port+11)) "$fixed_rate" "${fixed_s}s"
config "$work/assignment.json" $((port+21)) "1..6" "${fixed_s}s"
# the assignment-rate machines first, and the 1,000 ticks/s ones once those are connected, so that three
# JVM start-ups, not six, compete with the first seconds of the lateness and delay measurement
start_cluster "$work/assignment.json" "$work/assignment" pidsS
for _ in $(seq 300); do
  [ "$(cat "$work"/assignment/machine_*.log 2>/dev/null | grep -c '"event":"connected"')" = 3 ] && break
  sleep 0.1
done
start_cluster "$work/fixed.json" "$work/fixed" pidsF
# sample the fixed-rate machines in the background while waiting for the assignment-rate ones
( peak=0; while :; do alive=0; for p in "${pidsF[@]}"; do if kill -0 "$p" 2>/dev/null; then alive=1
  hwm_kb "$p"; [ "$HWM" -gt "$peak" ] && peak=$HWM; fi; done; echo "$peak" > "$work/rssF"
  [ $alive = 0 ] && break; sleep 1; done ) &
sampler=$!
wait_sampling_rss pidsS rssS
for p in "${pidsF[@]}"; do wait "$p" || { echo "a machine failed, see $work/*.out" >&2; exit 1; }; done
wait "$sampler" || true
rssF=$(cat "$work/rssF")
cpu_ticks
steal_pct=$(awk -v s=$((CPU_STEAL - steal0)) -v a=$((CPU_ALL - all0)) 'BEGIN {printf "%.2f", (a > 0 ? 100 * s / a : 0)}')
collect < <(stats ticks "$work/fixed" "$fixed_rate")
collect < <(stats latency "$work/fixed")
connects=("$(stats connect "$work/fixed" | cut -d= -f2)" "$(stats connect "$work/assignment" | cut -d= -f2)")

echo "A. 3 machines unthrottled for ${unthrottled_s}s ..."
config "$work/unthrottled.json" $((port+1)) max "${unthrottled_s}s"
start_cluster "$work/unthrottled.json" "$work/unthrottled" pidsA
wait_sampling_rss pidsA rssA
stats throughput "$work/unthrottled" > "$work/throughput.txt"
collect < "$work/throughput.txt"
connects+=("$(stats connect "$work/unthrottled" | cut -d= -f2)")

# A wrote ~3.5 GB: let the kernel write it back first, or its flusher threads share the two cores with B
sync
echo "B. the analyzer over all of A's logs, and the bare log reader over 1M lines ..."
head -n 1000000 "$work/unthrottled/machine_1.log" > "$work/reader.log"
# through a file, not a process substitution: bash's `time` below counts the CPU of every child reaped
# while it runs, and an asynchronous `stats` JVM reaped then made the analyzer look 3-4 CPU seconds slower
stats reader "$work/reader.log" 3 > "$work/reader.txt"
collect < "$work/reader.txt"
R[readerLinesPerSecond]=${R[analyzerLinesPerSecond]}
# the whole analyzer (`vm analyze`, every statistic and check, no report): wall-clock lines/s as it
# prints them, and lines per CPU second of the whole process (all its threads, JIT and GC included)
TIMEFORMAT='%U %S'
{ time java -Xmx256m -XX:+UseSerialGC -jar vm.jar analyze "$work/unthrottled" --no-report --verbose \
    > "$work/analyze.out" 2>&1; } 2> "$work/analyze.time" || { echo "the analyzer failed, see $work/analyze.out" >&2; exit 1; }
analyzed_lines=$(grep -o 'read [0-9,]* lines' "$work/analyze.out" | tail -1 | tr -dc '0-9')
R[analyzerLinesPerSecond]=$(grep -o '[0-9,]* lines/s' "$work/analyze.out" | tail -1 | tr -dc '0-9')
R[analyzerLinesPerCpuSecond]=$(awk -v n="$analyzed_lines" '{printf "%d", n / ($1 + $2)}' "$work/analyze.time")

# A's logs (~3.5 GB) are measured: drop them (keep them with BENCH_KEEP_LOGS=1)
[ "${BENCH_KEEP_LOGS:-0}" = 1 ] || rm -rf "$work/unthrottled"

connect_median=$(printf '%s\n' "${connects[@]}" | sort -g | sed -n 2p)

cores=$(nproc)
jdk=$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')
rss_mb=$(awk "BEGIN {printf \"%.1f\", $rssS/1024}")
rss_unthrottled_mb=$(awk "BEGIN {printf \"%.1f\", $rssA/1024}")
rss_fixed_mb=$(awk "BEGIN {printf \"%.1f\", $rssF/1024}")
lines_per_core=${R[analyzerLinesPerCpuSecond]}

cat > bench.json <<EOF
{
  "eventsPerSecondTotal": ${R[eventsPerSecondTotal]},
  "eventsPerSecondSumOfMachines": ${R[eventsPerSecondSumOfMachines]},
  "unthrottledSeconds": $unthrottled_s,
  "messages": ${R[messages]},
  "messagesMatched": ${R[matched]},
  "messagesUnmatchedReceives": ${R[unmatchedReceives]},
  "messagesUndeliveredPeerStopped": ${R[undelivered]},
  "messagesUnprocessedAtStop": ${R[unprocessedAtStop]},
  "messagesQueuedAtStop": ${R[queuedAtStop]},
  "messagesLost": ${R[lost]},
  "tickRateErrorPercent": ${R[tickRateErrorPercent]},
  "tickLatenessP50Micros": ${R[tickLatenessP50Micros]},
  "tickLatenessP99Micros": ${R[tickLatenessP99Micros]},
  "tickLatenessMaxMicros": ${R[tickLatenessMaxMicros]},
  "tickLatenessP99MicrosAfterWarmUp": ${R[tickLatenessP99MicrosAfterWarmUp]},
  "missedTicks": ${R[missedTicks]},
  "fixedRateTicksPerSecond": $fixed_rate,
  "fixedRateSeconds": $fixed_s,
  "latencyP50Micros": ${R[latencyP50Micros]},
  "latencyP99Micros": ${R[latencyP99Micros]},
  "latencyMaxMicros": ${R[latencyMaxMicros]},
  "latencyP99MicrosAfterWarmUp": ${R[latencyP99MicrosAfterWarmUp]},
  "latencySamples": ${R[latencySamples]},
  "stealPercentDuringLatencyRun": $steal_pct,
  "connectMillis": $connect_median,
  "connectMillisRuns": [$(IFS=,; echo "${connects[*]}")],
  "rssMbMax": $rss_mb,
  "rssMbMaxAt1000TicksPerSecond": $rss_fixed_mb,
  "rssMbMaxUnthrottled": $rss_unthrottled_mb,
  "analyzerLinesPerSecond": ${R[analyzerLinesPerSecond]},
  "analyzerLinesPerCpuSecond": $lines_per_core,
  "readerLinesPerSecond": ${R[readerLinesPerSecond]},
  "jvmFlags": "${JVM_FLAGS[*]}",
  "cores": $cores,
  "jdk": "$jdk"
}
EOF

ok() { awk "BEGIN {exit !($1)}" && echo yes || echo NO; }
row() { printf '| %-44s | %-14s | %-16s | %-3s |\n' "$1" "$2" "$3" "$4"; }
echo
row "measure" "target" "measured" "ok"
row "--------------------------------------------" "--------------" "----------------" "---"
row "events/s, 3 machines unthrottled (all logged)" ">= 1,000,000" "${R[eventsPerSecondTotal]}" "$(ok "${R[eventsPerSecondTotal]} >= 1000000")"
row "messages lost (of ${R[messages]})" "0" "${R[lost]}" "$(ok "${R[lost]} == 0 && ${R[unmatchedReceives]} == 0")"
row "tick-rate error at ${fixed_rate}/s over ${fixed_s}s, %" "< 0.05" "${R[tickRateErrorPercent]}" "$(ok "${R[tickRateErrorPercent]} < 0.05")"
row "tick lateness p99, us" "< 2000" "${R[tickLatenessP99Micros]}" "$(ok "${R[tickLatenessP99Micros]} < 2000")"
row "one-way delay p99 at ${fixed_rate} ticks/s, us" "< 1000" "${R[latencyP99Micros]}" "$(ok "${R[latencyP99Micros]} < 1000")"
row "last started -> all connected, ms (median)" "< 1000" "$connect_median" "$(ok "$connect_median < 1000")"
row "RSS per machine at rates 1..6, MB (peak)" "<= 128" "$rss_mb" "$(ok "$rss_mb <= 128")"
row "analyzer lines per CPU second (per core)" ">= 2,000,000" "$lines_per_core" "$(ok "$lines_per_core >= 2000000")"
echo
echo "also: sum of per-machine rates ${R[eventsPerSecondSumOfMachines]}/s; undelivered because a peer had stopped ${R[undelivered]};" \
     "not yet taken when their receiver stopped ${R[unprocessedAtStop]} (in its queue ${R[queuedAtStop]}, the rest in the network); tick lateness p50 ${R[tickLatenessP50Micros]} us," \
     "max ${R[tickLatenessMaxMicros]} us, p99 without the first 5 s ${R[tickLatenessP99MicrosAfterWarmUp]} us;" \
     "delay p50 ${R[latencyP50Micros]} us, p99 without the first 5 s ${R[latencyP99MicrosAfterWarmUp]} us;" \
     "CPU stolen by the hypervisor during C ${steal_pct} %; RSS peak unthrottled ${rss_unthrottled_mb} MB," \
     "at ${fixed_rate}/s ${rss_fixed_mb} MB; analyzer ${R[analyzerLinesPerSecond]} lines/s wall clock, bare reader ${R[readerLinesPerSecond]} lines/s;" \
     "${cores} cores; ${jdk}; JVM flags ${JVM_FLAGS[*]}"
echo "bench.json written; logs in $work"
