#!/usr/bin/env bash
# Replays and what-ifs of recorded runs with two builds, side by side: do they give the same bytes? (Not a test: a check
# for a change to replay or what-if code that should change nothing, or to see which recordings a change touches.)
# For each RUN_DIR, runs `vm simulate --replay RUN_DIR` with each jar, faithful and with six what-ifs (--net-delay 0ms,
# 200ms, 1s; a crash of machine_2 at 3-5 s; pauses of machine_3 at 2-4.5 s and machine_1 at 1-2 s), each in a fresh
# directory, and compares the exit code and every log file written (by path and MD5). A what-if the recording refuses
# exits 2 with both jars alike. Prints one line per replay (same/DIFF and the two digests) and the totals.
# Usage: scripts/replay-bytes.sh OLD.jar NEW.jar RUN_DIR...
#   e.g. scripts/replay-bytes.sh /tmp/old/vm.jar vm.jar src/test/resources/replay/*
set -euo pipefail
if [ $# -lt 3 ]; then echo "usage: scripts/replay-bytes.sh OLD.jar NEW.jar RUN_DIR..." >&2; exit 2; fi
old=$(realpath "$1"); new=$(realpath "$2"); shift 2
for jar in "$old" "$new"; do [ -f "$jar" ] || { echo "replay-bytes: no jar at $jar" >&2; exit 2; }; done
variants=("" "--net-delay 0ms" "--net-delay 200ms" "--net-delay 1s" "--crash machine_2@3s..5s"
          "--pause machine_3@2s..4.5s" "--pause machine_1@1s..2s")
same=0; diff=0
for rec in "$@"; do
  rec=$(realpath "$rec")
  for v in "${variants[@]}"; do
    digests=()
    for jar in "$old" "$new"; do
      work=$(mktemp -d)
      # shellcheck disable=SC2086 # the variant is two words on purpose
      (cd "$work" && { code=0; java -jar "$jar" simulate --replay "$rec" $v --no-analyze --plain > out.txt 2>&1 || code=$?
        echo "exit $code" >> out.txt; })
      digest=$(cd "$work" && { tail -1 out.txt; if [ -d output_files ]; then find output_files -name '*.log' -type f | sort \
        | while read -r f; do echo "${f#*/*/} $(md5sum < "$f")"; done; fi; } | md5sum | cut -c1-12)
      digests+=("$digest/$(tail -1 "$work/out.txt" | tr ' ' '-')")
      rm -rf "$work"
    done
    if [ "${digests[0]}" = "${digests[1]}" ]; then same=$((same + 1)); verdict=same; else diff=$((diff + 1)); verdict=DIFF; fi
    echo "$verdict $(basename "$rec") [${v:-faithful}] ${digests[*]}"
  done
done
echo "same $same, different $diff"
