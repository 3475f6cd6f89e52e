#!/usr/bin/env bash
# Physical clocks, skew and hybrid logical clocks (issue 11; EngineeringNotebook.md, "Physical clocks, skew and
# HLC"). The question: with skews of 0, 10 ms, 100 ms and 1 s, how often does physical time order a message's
# receive before its send, and how large does the HLC's logical counter c get?
# Every row is `vm simulate` (deterministic: the same seed gives the same table) analyzed by `vm analyze --json`
# (its "clocks" object); a row with several runs adds up their messages and pools their counters:
#   small  the assignment: 3 machines, 5 runs x 60 s, 1..6 ticks/s, die 10 (seeds 1000..1004)
#   large  50 machines, random-regular:8, 3 runs x 60 s (seeds 1000..1002); not 100: the analyzer holds 6 batches
#          of 4096 events per log, each with a vector of N entries (6 x 4096 x N^2 x 8 bytes: 2 GB at N = 100)
# Skew "normal:0,X": every machine's clock offset is drawn from a normal distribution of mean 0 and standard
# deviation X (seeded per machine); "machine_2=+X": one machine ahead by X, the others exact. The HLC's max offset
# is 1 h in the skew rows, so that no message is refused and every row answers the question on the same kind of
# run; the "refusals" rows keep the default (500 ms) or set it below the skew.
#   scripts/experiment-skew.sh            the table (about 3-5 minutes on 2 shared cores)
#   scripts/experiment-skew.sh --cost     also the HLC's CPU cost: 10,000 machines, random-regular:8, 60 s virtual,
#                                         --clocks lamport vs lamport,hlc, alternated, 2 repetitions each
#   scripts/experiment-skew.sh --cluster  also one real 30 s cluster with machine_2=+100ms: physMicros - wallMicros
#                                         per machine and the messages whose physical times are reversed
# Writes docs/experiments/skew/{table.md,skew.json} (and cost.json, cluster.json with those options); prints the
# table. Runs and analyzer JSON stay in target/experiment-skew.
set -euo pipefail
cd "$(dirname "$0")/.."
cost=0
cluster=0
for a in "$@"; do
  case $a in
    --cost) cost=1 ;;
    --cluster) cluster=1 ;;
    *) echo "usage: scripts/experiment-skew.sh [--cost] [--cluster]" >&2; exit 2 ;;
  esac
done
command -v python3 >/dev/null || { echo "experiment-skew: python3 is missing" >&2; exit 2; }
JAVA=(java -Xmx1g -jar vm.jar)
if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  echo "building vm.jar ..."
  mvn -B -q package -DskipTests
fi
out=docs/experiments/skew
work=$PWD/target/experiment-skew
rm -rf "$work"
mkdir -p "$work" "$out"

SMALL=(--preset assignment --seed 1000)
LARGE=(--machines 50 --topology random-regular:8 --duration 60s --runs 3 --seed 1000)
NO_REFUSAL=(--hlc-max-offset 1h)
# name | cluster | clock options
ROWS=(
  "small-0|small|"
  "small-10ms|small|--clock-skew normal:0,10ms"
  "small-100ms|small|--clock-skew normal:0,100ms"
  "small-1s|small|--clock-skew normal:0,1s"
  "small-m2+100ms|small|--clock-skew machine_2=+100ms"
  "small-m2+1s|small|--clock-skew machine_2=+1s"
  "large-0|large|"
  "large-10ms|large|--clock-skew normal:0,10ms"
  "large-100ms|large|--clock-skew normal:0,100ms"
  "large-1s|large|--clock-skew normal:0,1s"
  "large-drift200ppm|large|--clock-drift normal:0,200ppm"
)
REFUSAL_ROWS=(
  "refuse-small-m2+1s|small|--clock-skew machine_2=+1s"
  "refuse-large-1s|large|--clock-skew normal:0,1s"
  "refuse-large-100ms-max50ms|large|--clock-skew normal:0,100ms --hlc-max-offset 50ms"
)

run_row() { # name, cluster, options, extra options...
  local name=$1 size=$2 opts=$3
  shift 3
  local base
  if [ "$size" = small ]; then base=("${SMALL[@]}"); else base=("${LARGE[@]}"); fi
  # shellcheck disable=SC2086 # the options are words
  "${JAVA[@]}" simulate "${base[@]}" $opts "$@" --name "$name" --output-dir "$work/runs" --no-analyze --plain \
    > "$work/$name.sim.txt"
  local dir
  dir=$(ls -d "$work"/runs/*-"$name" | tail -1)
  # exit 1 (a failed check) is recorded in the JSON and shown in the table; 2 is a broken run
  "${JAVA[@]}" analyze "$dir"/run-* --no-report --json "$work/$name.json" > "$work/$name.analyze.txt" 2>&1 || [ $? = 1 ]
  [ -s "$work/$name.json" ] || { echo "experiment-skew: vm analyze wrote no JSON for $name:" >&2; tail -3 "$work/$name.analyze.txt" >&2; exit 1; }
  echo "$name|$size|$opts $*" >> "$work/rows.txt"
  echo "  $name done" >&2
}

: > "$work/rows.txt"
echo "skew rows (max offset 1h) ..." >&2
for row in "${ROWS[@]}"; do
  IFS='|' read -r name size opts <<< "$row"
  run_row "$name" "$size" "$opts" "${NO_REFUSAL[@]}"
done
echo "refusal rows ..." >&2
for row in "${REFUSAL_ROWS[@]}"; do
  IFS='|' read -r name size opts <<< "$row"
  run_row "$name" "$size" "$opts"
done

python3 - "$work" "$out" <<'EOF'
import json, sys
work, out = sys.argv[1], sys.argv[2]

def pooled(name):
    runs = json.load(open(f"{work}/{name}.json"))["runs"]
    cl = [r["clocks"] for r in runs]
    counts = [0] * max(len(c["logicalCounts"]) for c in cl)
    for c in cl:
        for v, k in enumerate(c["logicalCounts"]):
            counts[v] += k
    over = sum(c["logicalOver254"] for c in cl)
    events = sum(c["logical"]["count"] for c in cl)

    def c_quantile(q):  # nearest rank over the pooled exact histogram (c above 254 counted as 255)
        rank, seen = max(1, -(-int(q * events * 1000) // 1000)), 0
        for v, k in enumerate(counts):
            seen += k
            if seen >= rank:
                return v
        return 255 if over else 0

    msgs = sum(c["messages"] for c in cl)
    before = sum(c["physicalBefore"] for c in cl)
    return {
        "runs": len(runs),
        "machines": len(runs[0]["machineIds"]),
        "passed": all(r["passed"] for r in runs),
        "failedChecks": sorted({k["id"] for r in runs for k in r["checks"] if not k["passed"]}),
        "messages": msgs,
        "physicalBefore": before,
        "physicalBeforeFraction": before / msgs if msgs else 0.0,
        "physicalSame": sum(c["physicalSame"] for c in cl),
        "hlcMessages": sum(c["hlcMessages"] for c in cl),
        "hlcOrdered": sum(c["hlcOrdered"] for c in cl),
        "lamportOrdered": sum(c["lamportOrdered"] for c in cl),
        "vectorOrdered": sum(c["vectorOrdered"] for c in cl),
        "hlcEvents": events,
        "cMean": sum(c["logical"]["mean"] * c["logical"]["count"] for c in cl) / events if events else 0.0,
        "cAboveZeroFraction": (events - counts[0]) / events if events else 0.0,
        "cP99": c_quantile(0.99),
        "cMax": max(c["logical"]["max"] for c in cl),
        "cCounts": counts[: max([v + 1 for v, k in enumerate(counts) if k] or [1])],
        "cOver254": over,
        "aheadMeanMicros": sum(c["aheadMicros"]["mean"] * c["aheadMicros"]["count"] for c in cl) / events if events else 0,
        "aheadP99MicrosLargestRun": max(c["aheadMicros"]["p99"] for c in cl),
        "aheadMaxMicros": max(c["aheadMicros"]["max"] for c in cl),
        "clockSpreadMicrosLargestRun": max(c["boundMicros"] for c in cl),
        "refused": sum(c["rejectedClockAhead"] for c in cl),
        "bytesPerMessage": cl[0]["bytesPerMessage"],
    }

def ms(us):
    if us >= 1_000_000:
        return f"{us / 1e6:.2f} s"
    if us >= 1000:
        return f"{us / 1000:.1f} ms"
    return f"{us:.0f} µs"

rows = []
for line in open(f"{work}/rows.txt"):
    name, size, opts = line.rstrip("\n").split("|")
    rows.append({"name": name, "cluster": size, "options": " ".join(opts.split()), **pooled(name)})

def clocks_of(r):
    o = r["options"].replace("--clock-skew ", "").replace("--clock-drift ", "drift ").replace("--hlc-max-offset 1h", "")
    return " ".join(o.split()) or "none"

head = ("| cluster | skew | max offset | messages | receive before send (physical) | HLC orders | c mean | "
        "events with c > 0 | c p99 | c max | l − pt mean | l − pt max | clock spread | refused |")
sep = "|" + "---|" * 14
lines = [head, sep]
for r in rows:
    mo = "1 h" if "--hlc-max-offset 1h" in r["options"] else (
        r["options"].split("--hlc-max-offset ")[1].split()[0].replace("ms", " ms") if "--hlc-max-offset" in r["options"]
        else "500 ms (default)")
    size = ("3 × 5 runs" if r["cluster"] == "small" else f"{r['machines']} × {r['runs']} runs")
    skew = clocks_of(r).replace(" --hlc-max-offset 50ms", "")
    lines.append(f"| {size} | {skew} | {mo} | {r['messages']:,} | {r['physicalBefore']:,} ({100 * r['physicalBeforeFraction']:.1f} %) "
                 f"| {r['hlcOrdered']:,} / {r['hlcMessages']:,} | {r['cMean']:.3f} | {100 * r['cAboveZeroFraction']:.1f} % "
                 f"| {r['cP99']} | {r['cMax']} | {ms(r['aheadMeanMicros'])} | {ms(r['aheadMaxMicros'])} "
                 f"| {ms(r['clockSpreadMicrosLargestRun'])} | {r['refused']:,} |"
                 + ("" if r["passed"] else f" FAILED {','.join(r['failedChecks'])}"))
table = "\n".join(lines)
cmd = "scripts/experiment-skew.sh"
with open(f"{out}/table.md", "w") as f:
    f.write("# Physical time, skew and the HLC's logical counter\n\n")
    f.write(f"Made by `{cmd}` (vm simulate, then vm analyze --json; deterministic). 3 × 5 runs: the assignment preset "
            "(3 machines, 60 s, seeds 1000..1004); 50 × 3 runs: random-regular:8, 60 s, seeds 1000..1002. "
            "Skew normal:0,X: offsets drawn with standard deviation X. Clock spread: the largest difference between "
            "two machines' clocks in a run (largest run). Messages: matched sends and receives (a refused message "
            "is not received). c p99 over every tick event of the row's runs.\n\n")
    f.write(table + "\n")
with open(f"{out}/skew.json", "w") as f:
    json.dump({"command": cmd, "rows": rows}, f, indent=1)
print(table)
EOF

if [ $cost = 1 ]; then
  echo "HLC cost: 10,000 machines, random-regular:8, 60 s virtual (alternated, 2 each) ..." >&2
  [ -x /usr/bin/time ] || { echo "experiment-skew: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
  : > "$work/cost.txt"
  for rep in 1 2; do
    for clocks in lamport lamport,hlc; do
      /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' "${JAVA[@]}" simulate --machines 10000 \
        --topology random-regular:8 --duration 60s --seed 7 --clocks "$clocks" --name "cost-${clocks/,/+}-$rep" \
        --output-dir "$work/runs" --plain > "$work/cost-${clocks/,/+}-$rep.txt"
      run=$(grep -o 'events in [0-9.]* s' "$work/cost-${clocks/,/+}-$rep.txt" | awk '{print $3}')
      bytes=$(grep -o 'clock bytes per message: mean [0-9.]*' "$work/cost-${clocks/,/+}-$rep.txt" | awk '{print $NF}')
      echo "$clocks $rep $run $bytes $(cat "$work/time.txt") $(cut -d' ' -f1 /proc/loadavg)" >> "$work/cost.txt"
    done
  done
  python3 - "$work/cost.txt" "$out/cost.json" <<'EOF'
import json, sys
rows = []
for line in open(sys.argv[1]):
    clocks, rep, run, b, wall, user, sys_, rss, load = line.split()
    rows.append({"clocks": clocks, "repetition": int(rep), "runSeconds": float(run), "clockBytesPerMessage": float(b),
                 "wallSeconds": float(wall), "cpuSeconds": round(float(user) + float(sys_), 2),
                 "peakRssMB": round(int(rss) / 1024), "loadAverage1m": float(load)})
print("| clocks | rep | simulator run s | whole process CPU s | wall s | peak RSS MB | clock bytes / message | load |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['clocks']} | {r['repetition']} | {r['runSeconds']:.2f} | {r['cpuSeconds']:.2f} | {r['wallSeconds']:.2f} "
          f"| {r['peakRssMB']} | {r['clockBytesPerMessage']:.1f} | {r['loadAverage1m']:.1f} |")
json.dump({"command": "scripts/experiment-skew.sh --cost", "rows": rows}, open(sys.argv[2], "w"), indent=1)
EOF
fi

if [ $cluster = 1 ]; then
  echo "real cluster: machine_2=+100ms, 30 s ..." >&2
  "${JAVA[@]}" cluster --clock-skew machine_2=+100ms --duration 30s --seed 1000 --name skew-cluster \
    --output-dir "$work/runs" --plain > "$work/cluster.txt" || [ $? = 1 ]
  run=$(ls -d "$work"/runs/*-skew-cluster | tail -1)/run-1
  grep -E '^(clocks on|physical time|hlc:|machine_[0-9]+ +[+0-9-]|PASS|FAIL)' "$work/cluster.txt" || true
  python3 - "$run" "$out/cluster.json" <<'EOF'
import json, sys, glob, os
run, dest = sys.argv[1], sys.argv[2]
sends, machines = {}, {}
logs = sorted(glob.glob(run + "/*.log"))
for f in logs:
    m = os.path.basename(f)[:-4]
    skews = []
    for line in open(f):
        e = json.loads(line)
        if "physMicros" in e:
            skews.append(e["physMicros"] - e["wallMicros"])
        if e["event"] == "send":
            for t in e["to"]:
                sends[(m, e["seq"], t)] = (e["wallMicros"], e["physMicros"])
    machines[m] = {"tickEvents": len(skews), "physMinusWallMinMicros": min(skews), "physMinusWallMaxMicros": max(skews)}
for f in logs:
    m = os.path.basename(f)[:-4]
    wall, phys = [], []
    for line in open(f):
        e = json.loads(line)
        if e["event"] == "receive" and (e["from"], e["seq"], m) in sends:
            s = sends[(e["from"], e["seq"], m)]
            wall.append(e["wallMicros"] - s[0])
            phys.append(e["physMicros"] - s[1])
    machines[m].update({"receives": len(wall), "wallDelayMinMicros": min(wall), "physDelayMinMicros": min(phys),
                        "wallReversed": sum(x < 0 for x in wall), "physReversed": sum(x < 0 for x in phys)})
print("| machine | tick events | physMicros − wallMicros | receives | min delay by wallMicros | min delay by physMicros | reversed by wall | reversed by phys |")
print("|---|---|---|---|---|---|---|---|")
for m, r in machines.items():
    lo, hi = r["physMinusWallMinMicros"], r["physMinusWallMaxMicros"]
    print(f"| {m} | {r['tickEvents']} | {lo if lo == hi else f'{lo}..{hi}'} µs | {r['receives']} | {r['wallDelayMinMicros'] / 1000:.1f} ms "
          f"| {r['physDelayMinMicros'] / 1000:.1f} ms | {r['wallReversed']} | {r['physReversed']} |")
json.dump({"command": "scripts/experiment-skew.sh --cluster", "run": run, "machines": machines}, open(dest, "w"), indent=1)
EOF
fi
