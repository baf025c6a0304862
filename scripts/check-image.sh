#!/usr/bin/env bash
# Opt-in check of the image's SageMaker contracts, with no Docker daemon and no network at run time: builds a base
# with mmdebstrap, builds the image on it with 'trainctl image push --tar' (jib-core), loads it into podman and runs
# it as SageMaker does: IMAGE train, /opt/ml mounted, --network none; then (cpu) IMAGE serve on the model it wrote,
# port 8080 published on 127.0.0.1, and calls it: GET /ping, POST /invocations (JSON), a malformed body (400) and an
# oversized one (413).
#
#   scripts/check-image.sh [cpu]   the CPU image on a Debian JRE base
#   scripts/check-image.sh gpu     the GPU image ('image push --gpu') on a stand-in for its CUDA PyTorch base:
#                                  Debian with no Java, and at the base's libtorch path DJL's CPU build of the same
#                                  libtorch 2.7.1 with DJL's CPU JNI beside it. So the image's own Java runtime, its
#                                  classpath without the CPU natives and its PYTORCH_* settings run for real, on the
#                                  CPU; the CUDA libtorch and the cu128 JNI need the real base and a GPU.
# Installs what it needs from Debian (root only). Uses the MNIST files in trainctl's cache (trainctl data fetch).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
variant=${1:-cpu}
case "$variant" in cpu|gpu) ;; *) sed -n '2,13p' "$0" >&2; exit 2 ;; esac
work=${WORK:-$(mktemp -d /tmp/trainctl-image-check.XXXXXX)}
mnist=${XDG_CACHE_HOME:-$HOME/.cache}/trainctl/mnist
echo "work directory: $work"

missing=()
for tool in podman runc mmdebstrap newuidmap fuse-overlayfs slirp4netns; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: podman runc uidmap fuse-overlayfs slirp4netns mmdebstrap" >&2
  apt-get install -y -q podman runc uidmap fuse-overlayfs slirp4netns mmdebstrap >/dev/null
fi

# podman on this kind of host: runc (crun fails on hybrid cgroups), cgroupfs, no default ulimits.
printf '[containers]\ndefault_ulimits = []\n' > "$work/containers.conf"
export CONTAINERS_CONF="$work/containers.conf"
podman_run=(podman --runtime "$(command -v runc)" --cgroup-manager=cgroupfs)

if [ "$variant" = cpu ] && [ ! -f "$work/base.tar" ]; then
  mmdebstrap --variant=essential --include=openjdk-17-jre-headless --format=tar bookworm "$work/rootfs.tar" - \
    < /etc/apt/sources.list.d/debian.sources
  "${podman_run[@]}" import "$work/rootfs.tar" localhost/debian-jre17:bookworm >/dev/null
  "${podman_run[@]}" save --format docker-archive -o "$work/base.tar" localhost/debian-jre17:bookworm
fi
if [ "$variant" = gpu ] && [ ! -f "$work/base-gpu.tar" ]; then
  (cd "$root" && ./mvnw -B -q package -DskipTests)
  lib="$root/orchestrator/target/lib"
  libtorch=/opt/conda/lib/python3.11/site-packages/torch/lib   # TrainingImage.GPU_DEFAULT_LIBTORCH
  rootfs="$work/rootfs-gpu"
  rm -rf "$rootfs"
  # libstdc++ is in the real base (Ubuntu's apt needs it); libtorch and the jlinked Java need it.
  mmdebstrap --variant=essential --include=libstdc++6 --format=directory bookworm "$rootfs" - \
    < /etc/apt/sources.list.d/debian.sources
  mkdir -p "$rootfs$libtorch"
  unzip -q -j "$lib"/pytorch-native-cpu-2.7.1-linux-x86_64.jar 'pytorch/cpu/linux-x86_64/*' -d "$rootfs$libtorch"
  # DJL takes a JNI found in the libtorch folder before the one in its cache (LibUtils.findJniLibrary).
  unzip -p "$lib"/pytorch-jni-2.7.1-*.jar jnilib/linux-x86_64/cpu/libdjl_torch.so > "$rootfs$libtorch/libdjl_torch.so"
  tar -C "$rootfs" -cf "$work/rootfs-gpu.tar" .
  rm -rf "$rootfs"
  "${podman_run[@]}" import "$work/rootfs-gpu.tar" localhost/stand-in-pytorch:2.7.1-cpu >/dev/null
  "${podman_run[@]}" save --format docker-archive -o "$work/base-gpu.tar" localhost/stand-in-pytorch:2.7.1-cpu
fi

if [ "$variant" = cpu ]; then
  "$root/scripts/trainctl" image push --base "$work/base.tar" --tar "$work/image.tar" | tee "$work/push.txt"
else
  "$root/scripts/trainctl" image push --gpu --base "$work/base-gpu.tar" --tar "$work/image.tar" | tee "$work/push.txt"
fi
image=$(grep -o 'trainctl-mnist:[^ ]*' "$work/push.txt" | head -1)
"${podman_run[@]}" load -i "$work/image.tar" >/dev/null
if [ "$variant" = gpu ]; then
  echo "java in the image: $("${podman_run[@]}" run --rm --network none --entrypoint /bin/sh "localhost/$image" \
    -c 'command -v java || echo "none on PATH,"; echo /opt/java/bin/java; /opt/java/bin/java -version 2>&1 | head -1')"
fi

# /opt/ml as SageMaker stages it.
ml="$work/opt_ml"
rm -rf "$ml" && mkdir -p "$ml/input/config" "$ml/input/data/train" "$ml/model" "$ml/output" "$ml/checkpoints"
echo '{"epochs":"1","max_train_samples":"1000","dataset":"mnist"}' > "$ml/input/config/hyperparameters.json"
echo '{"current_host":"algo-1","hosts":["algo-1"],"network_interface_name":"eth0"}' > "$ml/input/config/resourceconfig.json"
echo '{"train":{"TrainingInputMode":"File","S3DistributionType":"FullyReplicated","RecordWrapperType":"None"}}' \
  > "$ml/input/config/inputdataconfig.json"
cp "$mnist"/*-ubyte* "$ml/input/data/train/"

"${podman_run[@]}" run --rm --network none -v "$ml:/opt/ml" "localhost/$image" train
test -f "$ml/model/model.json" && test -f "$ml/model/weights.npz"
if [ "$variant" = gpu ]; then
  echo "model.json engine: $(tr -d '\n ' < "$ml/model/model.json" | grep -o '"engine":{[^}]*}')"
fi
echo "OK: the image trained and wrote $(ls "$ml/model" | tr '\n' ' ')to /opt/ml/model"

if [ "$variant" = cpu ]; then
  # SageMaker's inference contract: IMAGE serve, the model in /opt/ml/model, HTTP on port 8080.
  container=$("${podman_run[@]}" run -d --rm -p 127.0.0.1:18080:8080 -v "$ml/model:/opt/ml/model:ro" \
    "localhost/$image" serve)
  trap '"${podman_run[@]}" stop -t 5 "$container" >/dev/null 2>&1 || true' EXIT
  for _ in $(seq 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/ping)" = 200 ] && break
    sleep 1
  done
  test "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/ping)" = 200
  pixels=$(python3 -c 'print(",".join(str((i * 7) % 256) for i in range(784)))')
  answer=$(curl -s -H 'Content-Type: application/json' -d "{\"pixels\": [$pixels]}" http://127.0.0.1:18080/invocations)
  echo "POST /invocations: $answer"
  echo "$answer" | grep -q '"digit"'
  test "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{"pixels": [1]}' \
    http://127.0.0.1:18080/invocations)" = 400
  head -c 4200000 /dev/zero > "$work/large.bin"
  test "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-npy' --data-binary @"$work/large.bin" \
    http://127.0.0.1:18080/invocations)" = 413
  test "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/ping)" = 200
  echo "OK: the image serves: /ping 200, a prediction, 400 for a malformed body, 413 for an oversized one"
fi
