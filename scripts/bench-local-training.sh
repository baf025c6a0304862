#!/usr/bin/env bash
# Benchmark: 5 epochs of the tutorial MLP at batch 32 on real MNIST, trainctl (DJL) against plain PyTorch.
# Prints, per run: whole-process wall seconds, training samples/second, peak RSS, test accuracy; then the
# ratio trainctl/PyTorch (whole process, both at 2 threads) and trainctl at 1 vs 2 threads. The two use
# different builds of libtorch; scripts/gpu-check.sh with DEVICE=cpu compares them on the same one.
# Installs Debian's python3-torch when it is missing (needs root or sudo). Usage:
#   scripts/bench-local-training.sh [RUNS]      (default RUNS=1; each run of each variant is repeated)
# THREADS="1 2" (default) picks the trainctl thread counts; PYTORCH=0 skips the PyTorch reference and the ratios
# (for before/after comparisons of trainctl itself).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
threads_list=${THREADS:-1 2}
pytorch=${PYTORCH:-1}
epochs=5
batch=32
data_dir="${XDG_CACHE_HOME:-$HOME/.cache}/trainctl/mnist"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python=/usr/bin/python3
if [ "$pytorch" = 1 ] && ! "$python" -c 'import torch' 2>/dev/null; then
  echo "installing Debian's python3-torch for the PyTorch reference..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  $sudo_cmd apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q python3-torch >&2
fi

"$root/scripts/trainctl" data fetch >&2

# measure LABEL COMMAND...: runs COMMAND under /usr/bin/time, leaves its stdout in $work/LABEL.json and
# prints "wall_seconds peak_rss_kb"; the command's progress lines are shown only if it fails.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" > "$work/$label.json" 2> "$work/$label.log" \
    || { cat "$work/$label.log" >&2; exit 1; }
  cat "$work/$label.time"
}

json() { "$python" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

printf "%-22s %10s %12s %12s %10s\n" "run" "wall s" "samples/s" "peak RSS MB" "test acc"
declare -A best
for run in $(seq 1 "$runs"); do
  for threads in $threads_list; do
    label="trainctl-${threads}t-$run"
    read -r wall rss < <(measure "$label" "$root/scripts/trainctl" train --on local --epochs $epochs \
      --batch-size $batch --threads "$threads" --output json \
      --model-dir "$work/model-$label" --checkpoint-dir "$work/ckpt-$label")
    seconds=$(json "$work/$label.json" training_seconds)
    accuracy=$(json "$work/$label.json" test_accuracy)
    samples=$("$python" -c "print(round($epochs * 60000 / $seconds))")
    printf "%-22s %10.2f %12s %12d %10.4f\n" "$label" "$wall" "$samples" $((rss / 1024)) "$accuracy"
    key="trainctl-${threads}t"
    if [ -z "${best[$key]:-}" ] || "$python" -c "import sys; sys.exit(0 if $wall < ${best[$key]} else 1)"; then
      best[$key]=$wall
    fi
  done
  [ "$pytorch" = 1 ] || continue
  label="pytorch-2t-$run"
  read -r wall rss < <(measure "$label" "$python" "$root/scripts/bench/pytorch_mnist.py" \
    --data-dir "$data_dir" --epochs $epochs --batch-size $batch --threads 2)
  printf "%-22s %10.2f %12s %12d %10.4f\n" "$label" "$wall" "$(json "$work/$label.json" samples_per_second)" \
    $((rss / 1024)) "$(json "$work/$label.json" test_accuracy)"
  if [ -z "${best[pytorch-2t]:-}" ] || "$python" -c "import sys; sys.exit(0 if $wall < ${best[pytorch-2t]} else 1)"; then
    best[pytorch-2t]=$wall
  fi
done

[ "$pytorch" = 1 ] || exit 0
echo
"$python" - "${best[trainctl-1t]}" "${best[trainctl-2t]}" "${best[pytorch-2t]}" <<'PY'
import sys
one, two, torch = map(float, sys.argv[1:])
print(f"best whole-process wall: trainctl 1 thread {one:.2f} s, 2 threads {two:.2f} s, PyTorch 2 threads {torch:.2f} s")
print(f"ratio trainctl/PyTorch (2 threads each): {two / torch:.3f}")
print(f"ratio trainctl default (1 thread)/PyTorch (2 threads): {one / torch:.3f}")
print(f"trainctl 1 thread / 2 threads: {one / two:.3f}")
PY
echo "trainctl runs on the libtorch DJL ships, PyTorch on $(json "$work/pytorch-2t-1.json" engine); to compare" \
  "both on one libtorch: DEVICE=cpu scripts/gpu-check.sh run (docs/speed.md)"
