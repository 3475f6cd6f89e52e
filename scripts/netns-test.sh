#!/usr/bin/env bash
# Real multi-host test: each machine in its own network namespace with its own address (10.77.0.x) on a
# virtual bridge that lives in a namespace of its own; runs the cluster, cuts machine_3's link for a few
# seconds (ip link set ... down), restores it, and tears everything down. Only addresses inside the
# namespaces made here are used. Logs are left in WORK_DIR/output_files for the caller to check.
# Usage: scripts/netns-test.sh WORK_DIR [VM_JAR]      exit 77 = cannot create namespaces (skip)
set -euo pipefail
work="$(realpath -m "$1")"
jar="$(realpath "${2:-$(dirname "$0")/../vm.jar}")"
tag="cs$$"
br="${tag}br"
ids=(machine_1 machine_2 machine_3)
cut_seconds="${CUT_SECONDS:-3}"
mkdir -p "$work"

if [ "$(id -u)" != 0 ] || ! ip netns add "$br" 2>/dev/null; then
  echo "netns test skipped: cannot create network namespaces (needs root and ip netns)" >&2
  exit 77
fi
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for i in 1 2 3; do ip netns del "${tag}m$i" 2>/dev/null || true; done
  ip netns del "$br" 2>/dev/null || true
}
trap cleanup EXIT

ip -n "$br" link add br0 type bridge
ip -n "$br" link set br0 up
for i in 1 2 3; do
  ns="${tag}m$i"
  ip netns add "$ns"
  ip link add "veth$i" netns "$ns" type veth peer name "port$i" netns "$br"
  ip -n "$br" link set "port$i" master br0 up
  ip -n "$ns" addr add "10.77.0.$i/24" dev "veth$i"
  ip -n "$ns" link set "veth$i" up
  ip -n "$ns" link set lo up
done

cat > "$work/config.json" <<JSON
{"machines": [
  {"id": "machine_1", "host": "10.77.0.1", "port": 9001},
  {"id": "machine_2", "host": "10.77.0.2", "port": 9002},
  {"id": "machine_3", "host": "10.77.0.3", "port": 9003}],
 "ticksPerSecond": 10, "die": 4, "duration": "12s", "secret": "netns-test"}
JSON
cd "$work"
for i in 1 2 3; do
  ip netns exec "${tag}m$i" java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" \
    --machine-id "machine_$i" >"machine_$i.out" 2>"machine_$i.err" &
  pids+=($!)
done
# wait (bounded) until every machine ticks
for _ in $(seq 1 300); do
  n=0
  for id in "${ids[@]}"; do grep -q '"event":"connected"' "output_files/$id.log" 2>/dev/null && n=$((n + 1)); done
  [ "$n" = 3 ] && break
  sleep 0.1
done
[ "$n" = 3 ] || { echo "netns test: the cluster did not connect" >&2; exit 1; }
sleep 2
echo "cut $(date +%s%6N)" > cut.txt
ip -n "$br" link set port3 down
echo "cut-done $(date +%s%6N)" >> cut.txt # ip(8) may start slowly on a loaded host: the cut is somewhere between
sleep "$cut_seconds"
ip -n "$br" link set port3 up
echo "restored $(date +%s%6N)" >> cut.txt
status=0
for p in "${pids[@]}"; do wait "$p" || status=$?; done
pids=()
echo "netns test: cluster done (exit $status); link of machine_3 was cut for ${cut_seconds}s"
exit $status
