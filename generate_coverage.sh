#!/usr/bin/env bash
# Runs every test (unit and integration) with JaCoCo and prints line/branch coverage per class and in
# total. Exits non-zero if a test fails. HTML report: target/site/jacoco/index.html
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -Pcoverage verify "$@"
csv=target/site/jacoco/jacoco.csv
[ -f "$csv" ] || { echo "no coverage data at $csv" >&2; exit 1; }
awk -F, 'NR > 1 {
    cls = $2 "." $3; lm = $8; lc = $9; bm = $6; bc = $7
    tl = lm + lc; tb = bm + bc
    printf "%-62s %6.1f%% %6s\n", cls, tl ? 100 * lc / tl : 100, tb ? sprintf("%.1f%%", 100 * bc / tb) : "-"
    LM += lm; LC += lc; BM += bm; BC += bc
  }
  BEGIN { printf "%-62s %7s %6s\n", "class", "lines", "branches" }
  END {
    printf "%-62s %6.1f%% %5.1f%%\n", "TOTAL", 100 * LC / (LM + LC), 100 * BC / (BM + BC)
  }' "$csv"
