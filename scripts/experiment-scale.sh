#!/usr/bin/env bash
# The simulator's two scale experiments (issue 10; EngineeringNotebook.md, "Clocks at scale"):
#   spread   how does the spread between Lamport clocks grow with N and with the topology's diameter?
#            ring, random-regular:8 and complete, 10 .. 100,000 machines, 60 s virtual, statistics only
#   vector   what does a vector clock cost per message as N grows (dense, sparse), and where does
#            Lamport-only become the only practical choice? 10 s virtual, bytes per message, CPU, peak RSS
#   scripts/experiment-scale.sh [spread|vector|all]   (default all; about 15 minutes here)
# Writes docs/experiments/scale/{spread,vector}.{md,json} and prints the tables. Seed 7 throughout.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
out=docs/experiments/scale
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cp vm.jar "$work/vm.jar" # a rebuild of ./vm.jar during the ~15 minutes must not pull classes from under the runs

# one simulation: NAME then simulate options; records its summary.json, the process's CPU s and peak RSS
sim() {
  local name=$1; shift
  local dir="$work/$name"
  if /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" java -Xmx4g -jar "$work/vm.jar" simulate "$@" --seed 7 \
      --log none --graph none --no-analyze --plain --output-dir "$dir" > "$work/$name.out" 2>&1; then
    cp "$(find "$dir" -name summary.json | head -1)" "$work/$name.json"
  else
    echo "$name failed: $(grep -v '^\s*$' "$work/$name.out" | tail -1)" | tee "$work/$name.failed"
  fi
}

if [ "$what" = spread ] || [ "$what" = all ]; then
  for n in 10 100 1000 10000 100000; do
    sim "ring-$n" --machines "$n" --topology ring --duration 60s --clocks lamport --graph "$work/ring-$n.graph.json"
    sim "rr8-$n" --machines "$n" --topology random-regular:8 --duration 60s --clocks lamport \
      --graph "$work/rr8-$n.graph.json"
    if [ "$n" -le 1000 ]; then
      sim "complete-$n" --machines "$n" --topology complete --actions one=0.2,all=0.1 --duration 60s --clocks lamport
    fi
  done
fi
if [ "$what" = vector ] || [ "$what" = all ]; then
  for n in 10 100 1000 10000 100000; do
    sim "lamport-$n" --machines "$n" --topology random-regular:8 --duration 10s --clocks lamport
    sim "sparse-$n" --machines "$n" --topology random-regular:8 --duration 10s --clocks lamport,vector:sparse
    if [ "$n" -le 10000 ]; then
      sim "dense-$n" --machines "$n" --topology random-regular:8 --duration 10s --clocks lamport,vector:dense
    fi
  done
fi

python3 - "$work" "$out" "$what" <<'EOF'
import json, sys, os, collections, random
work, out, what = sys.argv[1:4]

def load(name):
    if not os.path.exists(f"{work}/{name}.json"):
        return None
    s = json.load(open(f"{work}/{name}.json"))
    wall, user, sys_, rss = open(f"{work}/{name}.time").read().split()[-4:]
    s["_cpu"] = float(user) + float(sys_)
    s["_rssMB"] = int(rss) / 1024
    return s

def diameter(name, n, topology):
    """Exact for ring and complete; for a random graph the largest eccentricity of 4 BFS roots (a lower bound)."""
    if topology == "complete":
        return 1, "exact"
    if topology == "ring":
        return n // 2, "exact"
    g = json.load(open(f"{work}/{name}.graph.json"))["graph"]  # spigo's GraphJSON: nodes, then edges
    nodes = [x["node"] for x in g if "node" in x]
    adj = collections.defaultdict(list)
    for e in g:
        if "edge" in e:
            adj[e["source"]].append(e["target"]); adj[e["target"]].append(e["source"])
    best = 0
    for root in random.Random(7).sample(nodes, min(4, len(nodes))):
        dist = {root: 0}; frontier = [root]
        while frontier:
            nxt = []
            for u in frontier:
                for v in adj[u]:
                    if v not in dist:
                        dist[v] = dist[u] + 1; nxt.append(v)
            frontier = nxt
        best = max(best, max(dist.values()))
    return best, "≥ (4 BFS roots)"

def pct(d, key):
    return d.get(key) if d else None

results = {}
lines = []
if what in ("spread", "all"):
    lines += ["| topology | N | diameter | drift max | drift at end | worst lag p50 / p99 / max | final Lamport p50 | messages/s per machine | CPU s |",
              "|---|---|---|---|---|---|---|---|---|"]
    for topo, key in (("ring", "ring"), ("random-regular:8", "rr8"), ("complete", "complete")):
        for n in (10, 100, 1000, 10000, 100000):
            name = f"{key}-{n}"
            s = load(name)
            if s is None:
                continue
            dia, how = diameter(name, n, key if key != "rr8" else "rr")
            pm = s["perMachine"]
            lag = pm.get("maxLag", {}); final = pm.get("finalLamport", {})
            dr = s["drift"]
            dr = {"max": dr["max"], "atEnd": dr["samples"][-1][1] if dr["samples"] else None}  # samples: [s, spread, mean lag]
            msgs = s["messages"]["sent"] / n / s["virtualSeconds"]
            results[name] = {"topology": topo, "machines": n, "diameter": dia, "diameterHow": how,
                             "driftMax": dr.get("max"), "driftEnd": dr.get("atEnd"), "lag": lag, "finalLamport": final,
                             "messagesPerMachinePerSecond": msgs, "cpuSeconds": s["_cpu"]}
            lines.append(f"| {topo} | {n:,} | {dia} {'' if how == 'exact' else '(≥)'} | {dr.get('max')} | {dr.get('atEnd')} | "
                         f"{lag.get('p50')} / {lag.get('p99')} / {lag.get('max')} | {final.get('p50')} | {msgs:.2f} | {s['_cpu']:.1f} |")
    open(f"{out}/spread.md", "w").write("\n".join(lines) + "\n")
    json.dump(results, open(f"{out}/spread.json", "w"), indent=1)
    print("\n".join(lines)); print()
if what in ("vector", "all"):
    vl = ["| N | clocks | bytes per message mean / max | CPU s | peak RSS MB | events/s |", "|---|---|---|---|---|---|"]
    vres = {}
    for n in (10, 100, 1000, 10000, 100000):
        for kind in ("lamport", "sparse", "dense"):
            name = f"{kind}-{n}"
            if os.path.exists(f"{work}/{name}.failed"):
                vl.append(f"| {n:,} | {kind} | failed: {open(f'{work}/{name}.failed').read().strip()} | | | |")
                continue
            s = load(name)
            if s is None:
                continue
            cb = {"mean": s["messages"]["clockBytesMean"], "max": s["messages"]["clockBytesMax"]}
            ev = sum(s["eventsByKind"].values())
            vres[name] = {"machines": n, "clocks": kind, "clockBytes": cb, "cpuSeconds": s["_cpu"], "rssMB": s["_rssMB"]}
            vl.append(f"| {n:,} | {kind} | {cb.get('mean', 0):,.1f} / {cb.get('max', 0):,} | {s['_cpu']:.1f} | {s['_rssMB']:,.0f} | "
                      f"{ev / max(s['_cpu'], 1e-9):,.0f} per CPU s |")
    open(f"{out}/vector.md", "w").write("\n".join(vl) + "\n")
    json.dump(vres, open(f"{out}/vector.json", "w"), indent=1)
    print("\n".join(vl))
EOF
