#!/usr/bin/env bash
# Benchmark: what the report adds to a default run (5 epochs of the tutorial MLP on real MNIST, batch 32).
# Runs 'scripts/trainctl train --on local' RUNS times and prints, per run, the training seconds, the seconds the
# report took (loading the saved model, one pass over the 10,000 test images, three plots and the page, all in
# the same JVM after training) and its share of the whole process. Then min / median / max of the report time.
# Usage: scripts/bench-report.sh [RUNS]      (default RUNS=5)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/scripts/trainctl" data fetch >/dev/null

printf "%-6s %12s %10s %10s %8s\n" "run" "training s" "report s" "process s" "report %"
reports=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  "$root/scripts/trainctl" train --on local --model-dir "$work/model-$run" --checkpoint-dir "$work/ckpt-$run" \
    > "$work/out-$run.txt" 2> "$work/err-$run.txt" || { cat "$work/err-$run.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  training=$(sed -n 's/^test accuracy .*, \([0-9.]*\) s; model in .*/\1/p' "$work/out-$run.txt")
  report=$(sed -n 's/^report: .*(plots beside it, \([0-9.]*\) s)$/\1/p' "$work/out-$run.txt")
  [ -n "$report" ] || { echo "run $run wrote no report:" >&2; cat "$work/out-$run.txt" "$work/err-$run.txt" >&2; exit 1; }
  process=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  share=$(awk -v r="$report" -v p="$process" 'BEGIN { printf "%.1f", 100 * r / p }')
  printf "%-6s %12s %10s %10s %8s\n" "$run" "$training" "$report" "$process" "$share"
  reports+=("$report")
done
printf "%s\n" "${reports[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  printf "report seconds over %d runs: min %.2f, median %.2f, max %.2f\n", NR, v[1], v[int((NR + 1) / 2)], v[NR] }'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
