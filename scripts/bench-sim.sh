#!/usr/bin/env bash
# Simulator benchmark (issue 10; not a test): `vm simulate` at 3, 100,000, 200,000 and 1,000,000 machines, and,
# when SPIGO points to a spigo binary, spigo's headline benchmark (`spigo -a fsm -d=0 -p=N`) in the same run.
# Builds vm.jar if src/main or the pom changed (as scripts/bench.sh does), then runs each scenario REPS times, each
# in a fresh JVM with a fixed seed, after one untimed warm-up run:
#   a     3 machines (config.json), 1..6 ticks/s, 60 s virtual, full logs     -> log lines / s
#   a24h  the same 3 machines for 24 h virtual, full logs                     -> log lines / s (~1 s: JIT warm-up weighs)
#   a200h the same 3 machines for 200 h virtual, full logs (~1.7 GB)           -> sustained log lines / s
#   b     100,000 machines, random-regular:8, 60 s, --log none, -Xmx1g        -> wall <= 10 s, heap <= 1 GiB
#   c     1,000,000 machines, random-regular:8, 10 s, --log none, -Xmx4g      -> wall <= 60 s, heap <= 4 GiB
#   c-thp the same with -XX:+UseTransparentHugePages (README's command for 10^6 machines; only where the kernel
#         offers transparent huge pages: [madvise] or [always] in /sys/kernel/mm/transparent_hugepage/enabled)
#   d     spigo's population: 100,000 machines, random-regular:8 for 2750 ms (~500,000 messages, 5 per machine)
#   d-warm the same command with --runs 3 in one JVM, measured by its third run (seed 9): d with the JIT warm
#   e200k, e1m  the same 2750 ms (so the same ~5 messages per machine) at 200,000 and 1,000,000 machines
#   spigo-100k, spigo-200k  (only with SPIGO=/path/to/spigo) `spigo -a fsm -d=0 -p=N`, its own message count
#          ("fsm: Delivered N messages in T") and the whole process's wall, CPU and peak RSS
#   probe-b, probe-c, probe-d  (only with BENCH_SIM_PROBE=1) scripts/probes/LeanCoreProbe.java at b's, c's and d's
#          sizes: a cost probe, not a model (tick events only, no lifecycle, faults or logs), for what a lean
#          struct-of-arrays core could do on the day's host; its "run" is its setup and loop
# Every figure comes from outside the measured program or from the files it writes: wall, CPU (user + sys of the
# whole process) and peak RSS from /usr/bin/time; events, tick events and messages from the run's summary.json;
# the simulator's own run time from its "run 1: ... events in T s" line; peak heap after GC from -Xlog:gc; the
# 1-minute load average sampled every 2 s from /proc/loadavg (marked high when above the number of cores).
# Prints a table (median of the repetitions, range in brackets) and writes bench-sim.json (fields: see README,
# "Performance"). Raw runs, GC logs and outputs stay in target/bench-sim.
# Usage: scripts/bench-sim.sh [--quick]     (--quick: small versions of every scenario, under the same names, once each)
# Environment: SPIGO (spigo binary), BENCH_SIM_REPS (default 3: a, a24h, a200h, d, e200k),
#   BENCH_SIM_LARGE_REPS (default 1: b, c, e1m, which take minutes each on the shared 2-core machine),
#   BENCH_SIM_SPIGO_REPS (default 5, each of spigo's two sizes; -p=200000 took 0.5-4.5 min a repetition here),
#   BENCH_SIM_JFR=1 (record scenario b's first repetition with JFR and print its 10 hottest top frames; JFR
#   adds a little overhead to that repetition), BENCH_SIM_OUT (default bench-sim.json),
#   BENCH_SIM_ONLY (scenario names, space-separated: only those run, e.g. "c c-thp"),
#   BENCH_SIM_PROBE=1 (also run the cost probe, BENCH_SIM_REPS times at d's size, BENCH_SIM_LARGE_REPS at b's and c's),
#   BENCH_SIM_JAVA (the java that runs the scenarios, default java on the PATH; vm.jar is built for Java 17 and
#   runs on later ones, e.g. BENCH_SIM_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; elif [ -n "${1:-}" ]; then echo "usage: scripts/bench-sim.sh [--quick]" >&2; exit 2; fi
reps=${BENCH_SIM_REPS:-3}
java_cmd=${BENCH_SIM_JAVA:-java}
large_reps=${BENCH_SIM_LARGE_REPS:-1}
spigo_reps=${BENCH_SIM_SPIGO_REPS:-5}
out_json=${BENCH_SIM_OUT:-bench-sim.json}
if [ $quick = 1 ]; then reps=1; large_reps=1; spigo_reps=1; fi
[ -x /usr/bin/time ] || { echo "bench-sim: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench-sim: python3 is missing" >&2; exit 2; }
if [ -n "${SPIGO:-}" ] && [ ! -x "$SPIGO" ]; then echo "bench-sim: SPIGO: \"$SPIGO\" is not an executable file" >&2; exit 2; fi

if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  echo "building vm.jar ..."
  mvn -B -q package -DskipTests
fi

work=$PWD/target/bench-sim
rm -rf "$work"
mkdir -p "$work"
runs="$work/runs.jsonl"
: > "$runs"
cores=$(nproc)

# The parsing and the report, in Python: JSON in and out, medians, and the table.
read -r -d '' PY <<'EOF' || true
import json, re, statistics, sys

def go_seconds(text):
    """A Go time.Duration as printed (1m2.5s, 22.59s, 950.1ms, 12µs) in seconds."""
    units = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}
    return sum(float(v) * units[u] for v, u in re.findall(r"([\d.]+)(h|ms|us|µs|ns|m|s)", text))

def gc_stats(path):
    """From a -Xlog:gc file: the largest heap before and after any GC ("123M->45M(1024M)"), in MB, and the
    number and total length of the pauses ("Pause ... 12.345ms"; concurrent phases are not pauses)."""
    scale = {"K": 1 / 1024, "M": 1, "G": 1024}
    before = after = pause_ms = 0.0
    pauses = 0
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        return before, after, pauses, pause_ms
    for m in re.finditer(r"(\d+)([KMG])->(\d+)([KMG])\(\d+[KMG]\)", text):
        before = max(before, int(m.group(1)) * scale[m.group(2)])
        after = max(after, int(m.group(3)) * scale[m.group(4)])
    for m in re.finditer(r"\] GC\(\d+\) Pause .* ([\d.]+)ms$", text, re.M):
        pauses += 1
        pause_ms += float(m.group(1))
    return before, after, pauses, pause_ms

def load_stats(path):
    with open(path) as f:
        samples = [float(line) for line in f if line.strip()]
    return (max(samples), statistics.mean(samples)) if samples else (None, None)

def time_stats(path):
    """/usr/bin/time -f '%e %U %S %M' (its last line: anything the program printed to stderr comes first)."""
    with open(path) as f:
        wall, user, sys_, rss_kb = f.read().split("\n")[-2].split()
    return float(wall), float(user) + float(sys_), int(rss_kb) / 1024

def record(kind, scenario, rep, directory, machines):
    wall, cpu, rss_mb = time_stats(directory + "/time.txt")
    load_max, load_mean = load_stats(directory + "/load.txt")
    r = {"scenario": scenario, "rep": rep, "machines": machines, "wallSeconds": wall, "cpuSeconds": round(cpu, 2),
         "maxRssMb": round(rss_mb, 1), "loadMax": load_max, "loadMean": round(load_mean, 2) if load_mean else None}
    # spigo logs with Go's log package, to stderr
    out = open(directory + "/out.txt", encoding="utf-8").read() + open(directory + "/err.txt", encoding="utf-8").read()
    if kind == "probe":
        m = re.search(r"(\d+) tick events \((\d+) send, (\d+) receive\), (\d+) messages, .* in ([\d.]+) s", out)
        r.update(events=int(m.group(1)), tickEvents=int(m.group(1)), receives=int(m.group(3)), messages=int(m.group(4)),
                 runSeconds=float(m.group(5)))
    elif kind == "spigo":
        m = re.search(r"fsm: Delivered (\d+) messages in (\S+)", out)
        r.update(messages=int(m.group(1)), runSeconds=round(go_seconds(m.group(2)), 3), events=None)
    else:
        import glob
        # a scenario with --runs N is measured by its last run (the JIT warm by then); wall and CPU then cover all N
        timed = re.findall(r"^run (\d+): seed \d+, [\d,]+ events in ([\d.]+) s", out, re.M)
        last, run_seconds = timed[-1]
        summary = json.load(open(glob.glob(directory + f"/runs/*/run-{last}/summary.json")[0]))
        if int(last) > 1:
            r.update(runsInProcess=int(last), wallSeconds=None, cpuSeconds=None)
        before, after, pauses, pause_ms = gc_stats(directory + "/gc.log")
        r.update(events=sum(summary["eventsByKind"].values()), tickEvents=summary["tickEvents"],
                 messages=summary["messages"].get("onTheWire", summary["messages"]["sent"]), receives=summary["eventsByKind"].get("receive", 0),
                 runSeconds=float(run_seconds), heapBeforeGcMaxMb=before, heapAfterGcMaxMb=after,
                 gcPauses=pauses, gcPauseSeconds=round(pause_ms / 1000, 2),
                 fingerprint=summary["fingerprint"])
    print(json.dumps(r))
    print(f"    rep {rep}: wall {wall} s, CPU {cpu:.2f} s, run {r['runSeconds']} s, {r['messages']:,} messages,"
          f" peak RSS {r['maxRssMb']} MB, load max {load_max}", file=sys.stderr)

def derived(r):
    """Rates of one repetition."""
    d = dict(r)
    ev, msg, cpu, wall, run = r.get("events"), r["messages"], r["cpuSeconds"], r["wallSeconds"], r["runSeconds"]
    per = lambda a, b: a / b if a and b else None  # wall and CPU are None where a process ran several runs
    d["eventsPerSecond"] = per(ev, wall)
    d["eventsPerSecondRun"] = per(ev, run)
    d["eventsPerCpuSecond"] = per(ev, cpu)
    d["nsPerEventCpu"] = per(cpu * 1e9, ev) if cpu else None
    d["messagesPerSecond"] = per(msg, wall)
    d["messagesPerSecondRun"] = per(msg, run)
    d["messagesPerCpuSecond"] = per(msg, cpu)
    d["nsPerMessageCpu"] = per(cpu * 1e9, msg) if cpu else None
    heap = r.get("heapAfterGcMaxMb")
    d["bytesPerMachine"] = (heap if heap else r["maxRssMb"]) * 2**20 / r["machines"] if r["machines"] >= 1000 else None
    return d

def summarise(reps):
    keys = [k for k, v in reps[0].items() if isinstance(v, (int, float)) and k not in ("rep",)]
    med, lo, hi = {}, {}, {}
    for k in keys:
        values = [r[k] for r in reps if r.get(k) is not None]
        if values:
            med[k], lo[k], hi[k] = statistics.median(values), min(values), max(values)
    return med, lo, hi

def report(runs_path, meta_path, out_path):
    meta = json.load(open(meta_path))
    reps_by = {}
    for line in open(runs_path):
        r = derived(json.loads(line))
        reps_by.setdefault(r["scenario"], []).append(r)
    cores = meta["cores"]
    scenarios = []
    for s in meta["scenarios"]:
        reps = reps_by.get(s["name"], [])
        if not reps:
            continue
        med, lo, hi = summarise(reps)
        prints = sorted({r.get("fingerprint") for r in reps if r.get("fingerprint")})
        entry = dict(s, reps=len(reps), median=med, min=lo, max=hi, runs=reps,
                     fingerprintsAgree=(len(prints) <= 1) if prints else None,
                     loadHigh=any((r["loadMax"] or 0) > cores for r in reps))
        entry["floorMet"], entry["goalMet"] = judge(s["name"], med, meta)
        scenarios.append(entry)
    by = {e["name"]: e for e in scenarios}
    slowdown = None
    if "d" in by and "e1m" in by:
        base = by["d"]["median"]["nsPerMessageCpu"]
        slowdown = {"nsPerMessageCpu": {n: by[n]["median"]["nsPerMessageCpu"] for n in ("d", "e200k", "e1m") if n in by},
                    "ratio1mTo100k": by["e1m"]["median"]["nsPerMessageCpu"] / base,
                    "ratio200kTo100k": by["e200k"]["median"]["nsPerMessageCpu"] / base if "e200k" in by else None}
        slowdown["met"] = slowdown["ratio1mTo100k"] <= SLOWDOWN_TOLERANCE
    spigo = by.get("spigo-100k")
    versus = None
    if "d" in by:
        ours = by["d"]["median"]
        theirs = spigo["median"] if spigo else meta["spigoReference"]
        versus = {"spigoMeasuredHere": spigo is not None,
                  "spigoMessagesPerSecond": theirs["messagesPerSecondRun"],
                  "oursMessagesPerSecondRun": ours["messagesPerSecondRun"],
                  "ratioRun": ours["messagesPerSecondRun"] / theirs["messagesPerSecondRun"],
                  "ratioWholeProcessWall": (theirs["wallSeconds"] / theirs["messages"]) / (ours["wallSeconds"] / ours["messages"])}
        if "messagesPerCpuSecond" in theirs:
            versus["ratioPerCpuSecond"] = ours["messagesPerCpuSecond"] / theirs["messagesPerCpuSecond"]
    warm_d = None
    if "d" in by and "d-warm" in by:
        cold, warm = by["d"]["median"], by["d-warm"]["median"]
        warm_d = {"coldRunSeconds": cold["runSeconds"], "warmRunSeconds": warm["runSeconds"],
                 "warmMessagesPerSecondRun": warm["messagesPerSecondRun"],
                 "warmRatioToSpigo": warm["messagesPerSecondRun"] / meta["spigoReference"]["messagesPerSecondRun"]}
    result = dict(meta, scenarios=scenarios, slowdown=slowdown, versusSpigo=versus, dWarm=warm_d)
    result["slowdownTolerance"] = SLOWDOWN_TOLERANCE
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print_table(scenarios, slowdown, versus, meta)
    if warm_d:
        t = warm_d
        print(f"d cold and warm: its run takes {t['coldRunSeconds']:.2f} s in a fresh JVM and {t['warmRunSeconds']:.2f} s"
              f" with the JIT warm (d-warm): {fmt(t['warmMessagesPerSecondRun'])} messages/s, {t['warmRatioToSpigo']:.1f}x spigo's")

SLOWDOWN_TOLERANCE = 1.25  # CPU ns per message at 1M may be at most 25 % above 100k's (CPU time varies ~10 % under load)

def judge(name, med, meta):
    """(floor met, goal met) of a scenario, or (None, None) where the issue sets no target (or --quick)."""
    ok = lambda c: bool(c)
    if meta["quick"]:
        return None, None
    if name in ("a", "a24h", "a200h"):
        return ok(med["eventsPerSecond"] >= 2e6), None
    if name == "b":
        heap = med.get("heapBeforeGcMaxMb", 0)
        return ok(med["wallSeconds"] <= 10 and heap <= 1024), ok(med["wallSeconds"] <= 3)
    if name in ("c", "c-thp"):
        heap = med.get("heapBeforeGcMaxMb", 0)
        return ok(med["wallSeconds"] <= 60 and heap <= 4096), ok(med["wallSeconds"] <= 15)
    if name == "d":
        spigo = meta["spigoReference"]["messagesPerSecondRun"]
        return ok(med["messagesPerSecondRun"] >= 5 * spigo), ok(med["messagesPerSecondRun"] >= 20 * spigo)
    return None, None

def fmt(v, digits=0):
    if v is None:
        return "-"
    if abs(v) >= 1e6:
        return f"{v / 1e6:.2f}M"
    if abs(v) >= 1e4:
        return f"{v / 1e3:.0f}k"
    return f"{v:,.{digits}f}"

def cell(e, key, digits=0):
    med, lo, hi = e["median"].get(key), e["min"].get(key), e["max"].get(key)
    if med is None:
        return "-"
    if e["reps"] == 1 or lo == hi:
        return fmt(med, digits)
    return f"{fmt(med, digits)} [{fmt(lo, digits)}-{fmt(hi, digits)}]"

def print_table(scenarios, slowdown, versus, meta):
    cols = ["scenario", "reps", "wall s", "run s", "CPU s", "events", "messages", "events/s run", "events/CPU s",
            "msgs/s run", "ns/event CPU", "GC s", "heap MB", "RSS MB", "B/machine", "load max", "floor", "goal"]
    rows = []
    for e in scenarios:
        m = e["median"]
        yes = lambda v: "-" if v is None else ("yes" if v else "NO")
        heap = e["median"].get("heapBeforeGcMaxMb")
        rows.append([e["name"], str(e["reps"]), cell(e, "wallSeconds", 1), cell(e, "runSeconds", 2), cell(e, "cpuSeconds", 1),
                     fmt(m.get("events")), fmt(m["messages"]), cell(e, "eventsPerSecondRun"), cell(e, "eventsPerCpuSecond"),
                     cell(e, "messagesPerSecondRun"), cell(e, "nsPerEventCpu"), cell(e, "gcPauseSeconds", 1),
                     "-" if heap is None else f"{heap:.0f}/{e['median']['heapAfterGcMaxMb']:.0f}",
                     fmt(m["maxRssMb"]), fmt(m.get("bytesPerMachine")),
                     fmt(e['max'].get('loadMax'), 1) + (" HIGH" if e["loadHigh"] else ""), yes(e["floorMet"]), yes(e["goalMet"])])
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(cols))
    print(line(["-" * w for w in widths]))
    for r in rows:
        print(line(r))
    print()
    print("median [min-max] of the repetitions. wall s: the whole process; run s: the simulator's own time for the")
    print("run (spigo: its 'Delivered N messages in T'), without JVM start-up, topology and summary; events/s run and")
    print("msgs/s run divide by it. GC s: total GC pause time; heap MB: peak heap before / after GC (-Xlog:gc);")
    print("B/machine: peak heap after GC (spigo: peak RSS) / machines.")
    print("a/a24h/a200h: events = log lines; floor a: lines / wall >= 2M.")
    for e in scenarios:
        print(f"  {e['name']}: {e['description']}" + ("" if e.get("fingerprintsAgree") in (None, True) else "  FINGERPRINTS DIFFER"))
    if slowdown:
        s = slowdown
        print(f"slow-down check, CPU ns per message at 100k / 200k / 1M machines (same messages per machine): "
              + " / ".join(f"{v:.0f}" for v in s["nsPerMessageCpu"].values())
              + f"; 1M/100k = {s['ratio1mTo100k']:.2f} (met if <= {SLOWDOWN_TOLERANCE}): {'yes' if s['met'] else 'NO'}")
    if versus:
        v = versus
        src = "measured in this run" if v["spigoMeasuredHere"] else "the issue's figures, measured on this machine earlier (SPIGO unset)"
        print(f"vs spigo ({src}): {fmt(v['oursMessagesPerSecondRun'])} vs {fmt(v['spigoMessagesPerSecond'])} messages/s"
              f" of the run = {v['ratioRun']:.1f}x (floor 5x, goal 20x); whole process, wall per message: {v['ratioWholeProcessWall']:.1f}x"
              + (f"; per CPU second: {v['ratioPerCpuSecond']:.1f}x" if "ratioPerCpuSecond" in v else ""))
    high = [e["name"] for e in scenarios if e["loadHigh"]]
    if high:
        print(f"note: the 1-minute load average was above {meta['cores']} (the cores) during {', '.join(high)}:"
              " wall times are inflated; CPU s, events/CPU s and ns/event CPU are the steadier figures")

if __name__ == "__main__":
    if sys.argv[1] == "record":
        record(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6]))
    else:
        report(sys.argv[2], sys.argv[3], sys.argv[4])
EOF
py() { python3 -c "$PY" "$@"; }

# samples the 1-minute load average every 2 s while process $1 lives, into file $2 (bash builtins only)
sample_load() {
  local l1 rest
  while kill -0 "$1" 2>/dev/null; do
    read -r l1 rest < /proc/loadavg
    echo "$l1" >> "$2"
    sleep 2
  done
}

# measure KIND SCENARIO REP MACHINES DIR -- COMMAND...: runs COMMAND under /usr/bin/time in DIR, appends a record
measure() {
  local kind=$1 scenario=$2 rep=$3 machines=$4 dir=$5
  shift 6
  mkdir -p "$dir"
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "$@" > "$dir/out.txt" 2> "$dir/err.txt" &
  local pid=$!
  sample_load "$pid" "$dir/load.txt" &
  local sampler=$!
  if ! wait "$pid"; then echo "bench-sim: $scenario rep $rep failed, see $dir/out.txt and err.txt" >&2; exit 1; fi
  wait "$sampler" || true
  py record "$kind" "$scenario" "$rep" "$dir" "$machines" >> "$runs"
}

scenario_json=()
# sim NAME REPS MACHINES "JVM-OPTIONS" DESCRIPTION -- SIMULATE-ARGS...
sim() {
  local name=$1 n=$2 machines=$3 xmx=$4 description=$5 jvm
  shift 6
  if [ -n "${BENCH_SIM_ONLY:-}" ] && [[ " $BENCH_SIM_ONLY " != *" $name "* ]]; then return; fi
  read -r -a jvm <<< "$xmx"
  scenario_json+=("$(python3 -c 'import json,sys; print(json.dumps({"name": sys.argv[1], "description": sys.argv[2], "machines": int(sys.argv[3]), "jvm": sys.argv[4], "args": sys.argv[5:]}))' "$name" "$description" "$machines" "$xmx" "$@")")
  echo "$name: $description ($n x)"
  for rep in $(seq "$n"); do
    local dir="$work/$name/rep-$rep" jfr=()
    if [ "$name" = b ] && [ "$rep" = 1 ] && [ "${BENCH_SIM_JFR:-0}" = 1 ]; then
      jfr=("-XX:StartFlightRecording=filename=$work/b.jfr,settings=profile")
    fi
    measure sim "$name" "$rep" "$machines" "$dir" -- "$java_cmd" "${jvm[@]}" "-Xlog:gc:file=$dir/gc.log" "${jfr[@]}" \
      -jar vm.jar simulate "$@" --graph none --output-dir "$dir/runs"
    # --graph none: the graph file (by default up to 100,000 machines) is not what the scenarios time, and the
    # numbers stay comparable with the runs before it was a default; full logs are measured, not kept (a24h writes ~180 MB a repetition, a200h ~1.7 GB)
    find "$dir/runs" -name '*.log' -delete
  done
}

spigo() {
  local name=$1 n=$2 population=$3
  if [ -n "${BENCH_SIM_ONLY:-}" ] && [[ " $BENCH_SIM_ONLY " != *" $name "* ]]; then return; fi
  scenario_json+=("{\"name\": \"$name\", \"description\": \"spigo -a fsm -d=0 -p=$population ($SPIGO)\", \"machines\": $population}")
  echo "$name: spigo -a fsm -d=0 -p=$population ($n x)"
  for rep in $(seq "$n"); do
    local dir="$work/$name/rep-$rep"
    mkdir -p "$dir"
    # spigo writes nothing without -g/-j/-c, but runs in its own directory all the same
    (cd "$dir" && measure spigo "$name" "$rep" "$population" . -- "$SPIGO" -a fsm -d=0 -p="$population")
  done
}

# probe NAME REPS MACHINES XMX SECONDS: the cost probe (scripts/probes/LeanCoreProbe.java) at one size
probe() {
  local name=$1 n=$2 machines=$3 xmx=$4 seconds=$5
  if [ -n "${BENCH_SIM_ONLY:-}" ] && [[ " $BENCH_SIM_ONLY " != *" $name "* ]]; then return; fi
  scenario_json+=("{\"name\": \"$name\", \"description\": \"cost probe, not a model: $machines machines, $seconds s, tick events only (scripts/probes/LeanCoreProbe.java)\", \"machines\": $machines}")
  echo "$name: cost probe, $machines machines, $seconds s ($n x)"
  for rep in $(seq "$n"); do
    measure probe "$name" "$rep" "$machines" "$work/$name/rep-$rep" -- "$java_cmd" "$xmx" scripts/probes/LeanCoreProbe.java "$machines" "$seconds" 7
  done
}

if [ $quick = 1 ]; then
  m_b=10000; m_c=50000; m_d=10000; m_e1=20000; m_e2=100000; d_a24=1h; d_a200=2h; d_b=10s; d_c=5s; spigo_p=(10000 20000)
else
  m_b=100000; m_c=1000000; m_d=100000; m_e1=200000; m_e2=1000000; d_a24=24h; d_a200=200h; d_b=60s; d_c=10s; spigo_p=(100000 200000)
fi
d_d=2750ms # ~500,000 messages at 100,000 machines with random-regular:8's default actions (one=0.2,all=0.1)

echo "warm-up: one untimed 3-machine run (vm.jar into the page cache, the JIT's first classes)"
"$java_cmd" -jar vm.jar simulate --seed 1 --no-analyze --output-dir "$work/warmup" > "$work/warmup.out" 2>&1 \
  || { echo "bench-sim: the warm-up run failed, see $work/warmup.out" >&2; exit 1; }

sim a "$reps" 3 -Xmx1g "3 machines (config.json), 1..6 ticks/s, 60 s, full logs: lines/s = lines / wall" -- \
  --seed 1 --no-analyze --duration 60s --log full
sim a24h "$reps" 3 -Xmx1g "3 machines, 1..6 ticks/s, $d_a24 virtual, full logs: sustained lines/s" -- \
  --seed 1 --no-analyze --duration "$d_a24" --log full
sim a200h "$reps" 3 -Xmx1g "3 machines, 1..6 ticks/s, $d_a200 virtual, full logs: sustained lines/s" -- \
  --seed 1 --no-analyze --duration "$d_a200" --log full
sim d "$reps" "$m_d" -Xmx1g "spigo-sized: $m_d machines, random-regular:8, $d_d (~5 messages per machine), --log none" -- \
  --machines "$m_d" --topology random-regular:8 --duration "$d_d" --seed 7 --log none
# d with the JIT warm: what the JVM's warm-up costs a run of a few seconds (the floor is judged on d, cold)
sim d-warm "$reps" "$m_d" -Xmx1g "d's command, --runs 3 in one JVM: the third run (seed 9), JIT warm" -- \
  --machines "$m_d" --topology random-regular:8 --duration "$d_d" --seed 7 --log none --runs 3
sim e200k "$reps" "$m_e1" -Xmx1g "$m_e1 machines, random-regular:8, $d_d, --log none (slow-down check)" -- \
  --machines "$m_e1" --topology random-regular:8 --duration "$d_d" --seed 7 --log none
sim e1m "$large_reps" "$m_e2" -Xmx4g "$m_e2 machines, random-regular:8, $d_d, --log none (slow-down check)" -- \
  --machines "$m_e2" --topology random-regular:8 --duration "$d_d" --seed 7 --log none
sim b "$large_reps" "$m_b" -Xmx1g "$m_b machines, random-regular:8, 1..6 ticks/s, $d_b, --log none, -Xmx1g" -- \
  --machines "$m_b" --topology random-regular:8 --duration "$d_b" --seed 7 --log none
sim c "$large_reps" "$m_c" -Xmx4g "$m_c machines, random-regular:8, 1..6 ticks/s, $d_c, --log none, -Xmx4g" -- \
  --machines "$m_c" --topology random-regular:8 --duration "$d_c" --seed 7 --log none
if grep -qE '\[(madvise|always)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  sim c-thp "$large_reps" "$m_c" "-Xmx4g -XX:+UseTransparentHugePages" \
    "$m_c machines, random-regular:8, 1..6 ticks/s, $d_c, --log none, -Xmx4g -XX:+UseTransparentHugePages" -- \
    --machines "$m_c" --topology random-regular:8 --duration "$d_c" --seed 7 --log none
else
  echo "c-thp: skipped, the kernel offers no transparent huge pages"
fi
if [ "${BENCH_SIM_PROBE:-0}" = 1 ]; then
  probe probe-d "$reps" "$m_d" -Xmx1g 2.75
  probe probe-b "$large_reps" "$m_b" -Xmx1g "${d_b%s}"
  probe probe-c "$large_reps" "$m_c" -Xmx4g "${d_c%s}"
fi
if [ -n "${SPIGO:-}" ]; then
  spigo spigo-100k "$spigo_reps" "${spigo_p[0]}"
  spigo spigo-200k "$spigo_reps" "${spigo_p[1]}"
fi

jdk=$("$java_cmd" -version 2>&1 | head -1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$([ -z "$(git status --porcelain -- src/main pom.xml 2>/dev/null)" ] && echo false || echo true)
python3 - "$work/meta.json" "$jdk" "$commit" "$dirty" "$cores" "$quick" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${scenario_json[@]}" <<'EOF'
import json, sys
path, jdk, commit, dirty, cores, quick, date, *scenarios = sys.argv[1:]
json.dump({"date": date, "jdk": jdk, "commit": commit, "srcMainModified": dirty == "true", "cores": int(cores),
           "quick": quick == "1", "scenarios": [json.loads(s) for s in scenarios],
           # spigo -a fsm -d=0 -p=100000 (Go 1.19) on this machine, from the issue: median of 5
           "spigoReference": {"messages": 500000, "runSeconds": 3.05, "messagesPerSecondRun": 164000,
                              "wallSeconds": 4.9, "maxRssMb": 719}}, open(path, "w"))
EOF
if [ "${BENCH_SIM_JFR:-0}" = 1 ] && [ -f "$work/b.jfr" ]; then
  echo "JFR of b (rep 1): the 10 most sampled top frames, and the 10 most sampled first dev.clockscope frames"
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$work/b.jfr" > "$work/b.samples.txt"
  awk '/stackTrace = \[/ {top = 1; own = 1; next}
       top == 1 { f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); tops[f]++; top = 0 }
       own == 1 && /dev\.clockscope\./ { f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); owns[f]++; own = 0 }
       /^\]|^  \]/ { own = 0 }
       /^jdk.ExecutionSample/ { n++ }
       END { for (f in tops) printf "top %d %.1f%% %s\n", tops[f], 100 * tops[f] / n, f
             for (f in owns) printf "own %d %.1f%% %s\n", owns[f], 100 * owns[f] / n, f }' "$work/b.samples.txt" \
    | sort -k1,1r -k2,2nr | awk '{k = $1; c[k]++; if (c[k] <= 10) print}' | tee "$work/b.jfr-top.txt"
fi
echo
py report "$runs" "$work/meta.json" "$out_json"
echo "$out_json written; runs in $work"
