#!/usr/bin/env bash
# CPU seconds per thread of a command (a JVM: its main thread, the simulator's sinks' thread, the JIT's compilers,
# the GC's threads), read from /proc/PID/task/*/stat every 0.5 s while it runs; threads of one name are summed.
# Not a benchmark: a where-does-the-CPU-go probe for the notebook. The command's output goes to thread-cpu.out.
# Usage: scripts/thread-cpu.sh COMMAND...   e.g. scripts/thread-cpu.sh java -Xmx1g -jar vm.jar simulate --machines 100000 ...
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: scripts/thread-cpu.sh COMMAND..." >&2; exit 2; fi
ticks=$(getconf CLK_TCK)
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
"$@" > thread-cpu.out 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  for task in /proc/"$pid"/task/*; do
    # stat: "tid (name) state ..."; utime and stime are the 12th and 13th fields after the name
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    name=${stat#*(}
    name=${name%)*}
    read -r -a rest <<< "${stat##*) }"
    echo "${task##*/} $(( rest[11] + rest[12] )) $name"
  done >> "$samples"
  sleep 0.5
done
wait "$pid" || echo "thread-cpu: the command exited with $?" >&2
# the last sample of each thread, summed by name
awk -v hz="$ticks" '{ tid = $1; cpu = $2; $1 = ""; $2 = ""; sub(/^  /, ""); last[tid] = cpu; name[tid] = $0 }
  END { for (t in last) sum[name[t]] += last[t]; for (n in sum) printf "%8.2f s  %s\n", sum[n] / hz, n }' "$samples" | sort -rn
