#!/usr/bin/env bash
# Does the simulator agree with the real cluster? (issue 10; EngineeringNotebook.md, "Simulated vs real").
# For every run of a real batch of the assignment preset (3 machines, 5 x 60 s, seeds 1000..1004), three
# simulations of the same seed are analyzed next to it:
#   sim        vm simulate --preset assignment: the simulator's own links (100-300 us) and random phases
#   empirical  the same, with the links delaying messages as that real run's did (--link-delay empirical:RUN)
#   replay     vm simulate --replay RUN: the real start times, tick times and per-message delays
# and the analyzer's per-machine figures are compared: jump mean and max, queue mean and max, drift, messages.
#   scripts/sim-vs-real.sh [REAL_BATCH]   default: the newest output_files/*-assignment (run one with
#                                         `java -jar vm.jar cluster --preset assignment --seed 1000`, ~5 min)
# Writes docs/experiments/sim-vs-real/{table.md,comparison.json} and prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=(java -Xmx512m -jar vm.jar)
if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
real=${1:-$(ls -d output_files/*-assignment 2>/dev/null | sort | tail -1)}
[ -n "$real" ] && [ -d "$real/run-1" ] || { echo "no real batch of the assignment preset (give its directory)" >&2; exit 2; }
out=docs/experiments/sim-vs-real
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

seed=$(grep -o '"seed":-\?[0-9]*' "$real/run-1/machine_1.log" | head -1 | cut -d: -f2)
runs=$(ls -d "$real"/run-* | wc -l)
"${JAVA[@]}" simulate --preset assignment --seed "$seed" --runs "$runs" --name sim --output-dir "$work" \
  --no-analyze --plain > /dev/null
for r in $(seq 1 "$runs"); do
  s=$((seed + r - 1))
  "${JAVA[@]}" simulate --preset assignment --seed "$s" --runs 1 --name "empirical-$r" --output-dir "$work" \
    --link-delay "empirical:$real/run-$r" --no-analyze --plain > /dev/null
  "${JAVA[@]}" simulate --replay "$real/run-$r" --output-dir "$work/replay-$r" --no-analyze --plain \
    > "$work/replay-$r.txt" || true
done
for kind in real sim empirical replay; do
  for r in $(seq 1 "$runs"); do
    case $kind in
      real) d="$real/run-$r" ;;
      sim) d=$(ls -d "$work"/*-sim | head -1)/run-$r ;;
      empirical) d=$(ls -d "$work"/*-empirical-$r | head -1)/run-1 ;;
      replay) d=$(find "$work/replay-$r" -name machine_1.log -printf '%h\n' | head -1) ;;
    esac
    "${JAVA[@]}" analyze "$d" --no-report --json "$work/$kind-$r.json" > /dev/null || true
  done
done

python3 - "$work" "$runs" "$out" "$real" <<'EOF'
import json, sys, re, glob, os
work, runs, out, real = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
kinds = ["real", "sim", "empirical", "replay"]

def figures(kind, r):
    run = json.load(open(f"{work}/{kind}-{r}.json"))["runs"][0]
    m = {x["machine"]: x for x in run["machines"]}
    return {
        "rates": [m[k]["ticksPerSecondConfigured"] for k in sorted(m)],
        "jumpMean": [m[k]["jumps"]["mean"] for k in sorted(m)],
        "jumpMax": [m[k]["jumps"]["max"] for k in sorted(m)],
        "queueMean": [m[k]["queue"]["meanLength"] for k in sorted(m)],
        "queueMax": [m[k]["queue"]["maxLength"] for k in sorted(m)],
        "finalLamport": [m[k]["finalLamport"] for k in sorted(m)],
        "driftMax": run["drift"]["maxSpread"],
        "driftMean": run["drift"]["meanSpread"],
        "messages": run["messages"]["messages"],
        "received": run["messages"]["received"],
    }

def identical(r):
    text = open(f"{work}/replay-{r}.txt").read()
    m = re.search(r"(\d[\d,]*) of (\d[\d,]*) events identical", text)
    return (m.group(1) + " of " + m.group(2)) if m else "n/a"

data = {f"run-{r}": {k: figures(k, r) for k in kinds} | {"replayIdentical": identical(r)} for r in range(1, runs + 1)}
def f(v, d=2):
    return ("%." + str(d) + "f") % v if isinstance(v, float) else str(v)
def row(name, key, d=2):
    cells = []
    for k in kinds:
        vals = [data[f"run-{r}"][k][key] for r in range(1, runs + 1)]
        if isinstance(vals[0], list):
            # mean over runs, per machine
            per = [sum(v[i] for v in vals) / len(vals) for i in range(len(vals[0]))]
            cells.append(" / ".join(f(x, d) for x in per))
        else:
            cells.append(f(sum(vals) / len(vals), d))
    return f"| {name} | " + " | ".join(cells) + " |"

lines = [f"Real batch: `{real}` ({runs} runs). Means over the runs; per machine as machine_1 / machine_2 / machine_3.", "",
         "| figure | real | sim | sim, empirical delays | replay |", "|---|---|---|---|---|",
         row("jump mean", "jumpMean"), row("jump max", "jumpMax", 1), row("queue mean", "queueMean"),
         row("queue max", "queueMax", 1), row("final Lamport", "finalLamport", 1), row("drift max", "driftMax", 1),
         row("drift mean", "driftMean"), row("messages", "messages", 1), row("received", "received", 1), "",
         "Per run (drift max; messages; final Lamport of the three machines):", "",
         "| run | rates | real | sim | empirical | replay | replay identical |", "|---|---|---|---|---|---|---|"]
for r in range(1, runs + 1):
    d = data[f"run-{r}"]
    cell = lambda k: f"{d[k]['driftMax']}; {d[k]['messages']}; {'/'.join(map(str, d[k]['finalLamport']))}"
    lines.append(f"| {r} | {'/'.join(map(str, d['real']['rates']))} | " + " | ".join(cell(k) for k in kinds)
                 + f" | {d['replayIdentical']} |")
text = "\n".join(lines) + "\n"
open(f"{out}/table.md", "w").write(text)
json.dump(data, open(f"{out}/comparison.json", "w"), indent=1)
print(text)
EOF
