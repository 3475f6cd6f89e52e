#!/usr/bin/env bash
# Pauses in the real cluster and in the simulator, side by side (issue 10; EngineeringNotebook.md, 2026-12-05,
# nineteenth session). Runs `vm cluster` on config.json, SIGSTOPs and SIGCONTs machines at the given times (seconds
# after the first tick line of any machine), then `vm simulate` with the same seed, duration and --pause windows
# (and --phase 0: every machine's first tick at virtual 0);
# prints each machine's lifecycle lines (stall, peer_down, peer_up, undelivered) of both, in seconds after each
# run's first tick, and the real machines' reasons for closing connections (their console lines).
#   scripts/pauses-real-vs-sim.sh [--duration 10s] [--seed 4] machine_1@1..2.7 machine_2@2..4.5
# Windows are ID@FROM..TO in seconds (decimals allowed). Each signal is printed as it went (1-7 ms late here); one due
# before the script has seen the first tick line goes when it has. Ports are config.json's; nothing else of ours may run on them meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10s
seed=4
windows=()
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *@*..*) windows+=("$1"); shift ;;
    *) echo "usage: scripts/pauses-real-vs-sim.sh [--duration D] [--seed S] ID@FROM..TO ..." >&2; exit 2 ;;
  esac
done
[ ${#windows[@]} -gt 0 ] || { echo "give at least one pause window, e.g. machine_1@1..2.7" >&2; exit 2; }
if [ ! -f vm.jar ] || [ -n "$(find src/main pom.xml -newer vm.jar -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# the signals in time order: "seconds STOP|CONT machine"
plan=$(for w in "${windows[@]}"; do
  id=${w%@*}; span=${w#*@}; echo "${span%..*} STOP $id"; echo "${span#*..} CONT $id"
done | sort -g)

java -jar vm.jar cluster --duration "$duration" --seed "$seed" --output-dir "$work/real" --name pauses --no-analyze \
  --plain > "$work/runner.txt" 2>&1 &
runner=$!
run_dir=""
for _ in $(seq 1 600); do  # up to 30 s for the machines to start and tick
  run_dir=$(ls -d "$work"/real/*/run-1 2>/dev/null | head -1 || true)
  if [ -n "$run_dir" ] && cat "$run_dir"/*.log 2>/dev/null | grep -q '"tick":'; then break; fi
  kill -0 $runner 2>/dev/null || break  # vm cluster has already ended (bad input)
  sleep 0.05
done
if [ -z "$run_dir" ] || ! cat "$run_dir"/*.log 2>/dev/null | grep -q '"tick":'; then
  echo "vm cluster did not start ticking; its output:" >&2; cat "$work/runner.txt" >&2; exit 2
fi
# each machine's process, found once before the clock starts
pids=""
for id in $(echo "$plan" | awk '{print $3}' | sort -u); do
  p=$(pgrep -f -- "--machine-id $id( |$)" | head -1 || true)
  [ -n "$p" ] || { echo "no process for $id" >&2; exit 2; }
  pids="$pids $id=$p"
done
# the signals, each at its time after the first tick line of any machine (its wallMicros: the host's clock), from one
# process so that none waits for a fork; a window that begins before the script has seen that line comes late
python3 - "$pids" "$run_dir" <<PY
import glob, json, os, signal, sys, time
t0 = min(json.loads(l)["wallMicros"] for f in glob.glob(sys.argv[2] + "/*.log") for l in open(f)
         if '"tick":' in l) / 1e6
pid = dict(kv.split("=") for kv in sys.argv[1].split())
for line in """$plan""".strip().splitlines():
    at, what, machine = line.split()
    time.sleep(max(0.0, t0 + float(at) - time.time()))
    os.kill(int(pid[machine]), signal.SIGSTOP if what == "STOP" else signal.SIGCONT)
    print("real: SIG%s %s at %.3f s" % (what, machine, time.time() - t0), flush=True)
PY
wait $runner || echo "real: vm cluster exited with $?"

sim_windows=()
for w in "${windows[@]}"; do
  id=${w%@*}; span=${w#*@}; sim_windows+=(--pause "$id@${span%..*}s..${span#*..}s")
done
java -jar vm.jar simulate --config config.json --duration "$duration" --seed "$seed" --phase 0 --log full --graph none \
  --output-dir "$work/sim" --no-analyze --plain "${sim_windows[@]}" > "$work/sim.txt" 2>&1 \
  || { cat "$work/sim.txt" >&2; exit 2; }

python3 - "$run_dir" "$(ls -d "$work"/sim/*/run-1)" <<'EOF'
import glob, json, os, re, sys

def lines(run):
    logs = sorted(glob.glob(os.path.join(run, "*.log")))
    events = {os.path.basename(f)[:-4]: [json.loads(l) for l in open(f) if l.strip()] for f in logs}
    t0 = min(e["wallMicros"] for es in events.values() for e in es if "tick" in e)
    out = {}
    for m, es in events.items():
        out[m] = ["%7.3f %s %s" % ((e["wallMicros"] - t0) / 1e6, e["event"],
                                   e.get("peer") or ("%s#%s %s" % (e.get("to"), e.get("seq"), e.get("reason")))
                                   if e["event"] != "stall" else "")
                  for e in es if e["event"] in ("stall", "peer_down", "peer_up", "undelivered")
                  and e.get("wallMicros", 0) > t0]
    return out

real, sim = lines(sys.argv[1]), lines(sys.argv[2])
for m in sorted(real):
    print("\n== %s: real | simulator" % m)
    r, s = real[m], sim.get(m, [])
    for k in range(max(len(r), len(s))):
        print("%-48s | %s" % (r[k] if k < len(r) else "", s[k] if k < len(s) else ""))
    console = os.path.join(sys.argv[1], m + ".console.txt")
    if os.path.exists(console):
        for l in open(console):
            if re.search(r"closing .* connection", l):
                print("   real console: " + l.strip()[:150])
EOF
