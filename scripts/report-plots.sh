#!/usr/bin/env bash
# Regenerates the report plots of docs/local-training.md (docs/report/curves.png, confusion.png, mistakes.png) from a real run:
# the default 5-epoch training on MNIST (fetched on first use), exactly 'scripts/trainctl train --on local'.
# The run is deterministic for the default seed and threads, so the plots change only when the trainer or the
# report does. Usage: scripts/report-plots.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/scripts/trainctl" train --on local --model-dir "$work/model" --checkpoint-dir "$work/checkpoints"
mkdir -p "$root/docs/report"
for plot in curves.png confusion.png mistakes.png; do
  cp "$work/model/$plot" "$root/docs/report/$plot"
done
echo "wrote docs/report/curves.png, confusion.png and mistakes.png"
