#!/usr/bin/env bash
# Benchmark: the emulated serverless endpoint on this machine ('trainctl deploy --on emulated').
#   cold start   the serve entry point's process start to the first GET /ping 200 (median of COLD runs)
#   latency      one 28x28 image per InvokeEndpoint-shaped request (POST /endpoints/NAME/invocations, JSON,
#                through the emulated SageMaker Runtime in front of the container), after WARMUP requests:
#                median and 90th percentile of SINGLES requests, client to client
#   throughput   batches of 100 images per request, images per second over BATCHES requests
# Targets (issue 25): median latency <= 5 ms, >= 1,000 images/s in batches of 100.
# Trains a small model first ('train --on emulated', 1 epoch, 2,000 images, on the embedded S3 in trainctl's cache),
# with its own endpoint registry (XDG_RUNTIME_DIR in a temporary folder). Usage:
#   scripts/bench-serving.sh        COLD=3 WARMUP=200 SINGLES=1000 BATCHES=50 to change the counts
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cold_runs=${COLD:-3}
warmup=${WARMUP:-200}
singles=${SINGLES:-1000}
batches=${BATCHES:-50}
name=bench-serving
work=$(mktemp -d)
deploy_pid=""
cleanup() {
  if [ -n "$deploy_pid" ] && kill -0 "$deploy_pid" 2>/dev/null; then
    XDG_RUNTIME_DIR="$work/run" "$root/scripts/trainctl" undeploy --on emulated "$job" >/dev/null 2>&1 || true
    wait "$deploy_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 700 "$work/run"

"$root/scripts/trainctl" data fetch >&2
jar="$root/orchestrator/target/trainctl.jar"
natives=$(ls "$root"/orchestrator/target/lib/pytorch-native-cpu-*.jar)

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"

# A small model, in trainctl's layout, on the embedded S3 (under ~/.cache/trainctl), as deploy finds it.
"$root/scripts/trainctl" train --on emulated --name "$name" --epochs 1 --max-train-samples 2000 --output json \
  > "$work/train.json" 2> "$work/train.log"
job=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["job_name"])' "$work/train.json")
echo "model: $job (1 epoch, 2,000 images)"

# Cold start: process start to /ping 200, the serve entry point alone on a staged /opt/ml (a model trained here).
"$root/scripts/trainctl" train --on local --epochs 1 --max-train-samples 2000 --model-dir "$work/opt_ml/model" \
  > "$work/train-local.log" 2>&1
for i in $(seq "$cold_runs"); do
  port=$((18080 + i))
  start=$(date +%s%N)
  SM_ROOT="$work/opt_ml" SAGEMAKER_BIND_TO_PORT=$port TRAINCTL_SERVE_HOST=127.0.0.1 DJL_OFFLINE=true \
    java -XX:+UseSerialGC -cp "$jar:$natives" dev.trainctl.training.sagemaker.ContainerEntryPoint serve \
    > "$work/serve-$i.log" 2>&1 &
  serve_pid=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping" 2>/dev/null | grep -q 200; do
    sleep 0.01
  done
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))" >> "$work/cold.txt"
  kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
done
echo "cold start (process start to /ping 200), ms: $(sort -n "$work/cold.txt" | tr '\n' ' ')(median $(sort -n \
  "$work/cold.txt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'))"

# The emulated endpoint: deploy in the background, read its address and secret from the registry.
XDG_RUNTIME_DIR="$work/run" "$root/scripts/trainctl" deploy --on emulated --name "$name" --job "$job" \
  > "$work/deploy.log" 2>&1 &
deploy_pid=$!
registry="$work/run/trainctl/endpoints/$job.json"
until [ -f "$registry" ]; do
  kill -0 "$deploy_pid" 2>/dev/null || { cat "$work/deploy.log" >&2; exit 1; }
  sleep 0.1
done

python3 - "$registry" "$warmup" "$singles" "$batches" <<'PY'
import http.client, json, statistics, sys, time
entry = json.load(open(sys.argv[1]))
warmup, singles, batches = (int(v) for v in sys.argv[2:5])
host, port = entry["url"].split("//")[1].split(":")
connection = http.client.HTTPConnection(host, int(port))
headers = {"Content-Type": "application/json", "Accept": "application/json", "X-Trainctl-Token": entry["token"]}
path = "/endpoints/%s/invocations" % entry["name"]
image = {"pixels": [(i * 7) % 256 for i in range(784)]}
one = json.dumps(image).encode()
hundred = json.dumps([image] * 100).encode()

def invoke(body):
    connection.request("POST", path, body, headers)
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit("HTTP %d: %s" % (response.status, data[:200]))
    return data

for _ in range(warmup):
    invoke(one)
times = []
for _ in range(singles):
    start = time.perf_counter()
    invoke(one)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print("latency, one image per request (%d requests after %d warm-up): median %.2f ms, p90 %.2f ms, min %.2f ms"
      % (singles, warmup, statistics.median(times), times[int(len(times) * 0.9)], times[0]))
for _ in range(5):
    invoke(hundred)
start = time.perf_counter()
for _ in range(batches):
    answer = invoke(hundred)
elapsed = time.perf_counter() - start
assert len(json.loads(answer)["predictions"]) == 100
print("throughput, batches of 100 (%d requests): %.0f images/s (%.1f ms per request)"
      % (batches, batches * 100 / elapsed, elapsed * 1000 / batches))
PY
