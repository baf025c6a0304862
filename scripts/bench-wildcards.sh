#!/usr/bin/env bash
# Benchmark: IAM wildcard matching on hostile patterns, through the real CLI ('trainctl policy simulate').
# A policy whose Resource has STARS '*' (default 25) is evaluated against REQUESTS requests (default 2000), each on a
# 60-character ARN that the pattern does not match (the worst case of a backtracking matcher: before issue 22, 12
# stars against 40 characters took over 15 s and 25 against 60 did not finish in a minute). The time of one run
# with a single request (JVM start, reading the files) is subtracted; what is left, divided by the requests, is
# the time one evaluation takes. Prints min / median / max over RUNS runs (default 3) and the machine.
# Usage: scripts/bench-wildcards.sh [RUNS] [STARS] [REQUESTS]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
stars=${2:-25}
requests=${3:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pattern="arn:aws:s3:::$(printf 'a*%.0s' $(seq 1 "$stars"))b"
arn="arn:aws:s3:::$(printf 'a%.0s' $(seq 1 47))" # 60 characters
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "%s"}}\n' \
  "$pattern" > "$work/policy.json"
line=$(printf '{"action": "s3:GetObject", "resource": "%s"}' "$arn")
echo "$line" > "$work/one.jsonl"
for _ in $(seq 1 "$requests"); do echo "$line"; done > "$work/many.jsonl"

seconds() {
  local start end
  start=$(date +%s.%N)
  "$root/scripts/trainctl" policy simulate --policy-file "$work/policy.json" --requests "$1" > "$work/out.txt"
  end=$(date +%s.%N)
  grep -q '^denied (implicit)' "$work/out.txt" || { echo "unexpected result:" >&2; head -3 "$work/out.txt" >&2; exit 1; }
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

echo "pattern: $stars stars, ${#pattern} characters; resource: ${#arn} characters; $requests requests per run"
printf "%-5s %10s %10s %16s\n" "run" "1 req s" "$requests req s" "ms / evaluation"
per=()
for run in $(seq 1 "$runs"); do
  one=$(seconds "$work/one.jsonl")
  many=$(seconds "$work/many.jsonl")
  ms=$(awk -v a="$one" -v b="$many" -v n="$requests" 'BEGIN { v = (b - a) * 1000 / (n - 1); printf "%.4f", v < 0 ? 0 : v }')
  printf "%-5s %10s %10s %16s\n" "$run" "$one" "$many" "$ms"
  per+=("$ms")
done
printf "%s\n" "${per[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  printf "ms per evaluation over %d runs: min %.4f, median %.4f, max %.4f\n", NR, v[1], v[int((NR + 1) / 2)], v[NR] }'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
