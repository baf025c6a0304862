#!/usr/bin/env bash
# Opt-in check of the training image's SageMaker contract, with no Docker daemon and no network at run time:
# builds a Debian JRE base (mmdebstrap), builds the image on it with 'trainctl image push --tar' (jib-core),
# loads it into podman and runs it as SageMaker does: IMAGE train, /opt/ml mounted, --network none.
# Installs what it needs from Debian (root only). Uses the MNIST files in trainctl's cache (trainctl data fetch).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
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

if [ ! -f "$work/base.tar" ]; then
  mmdebstrap --variant=essential --include=openjdk-17-jre-headless --format=tar bookworm "$work/rootfs.tar" - \
    < /etc/apt/sources.list.d/debian.sources
  "${podman_run[@]}" import "$work/rootfs.tar" localhost/debian-jre17:bookworm >/dev/null
  "${podman_run[@]}" save --format docker-archive -o "$work/base.tar" localhost/debian-jre17:bookworm
fi

"$root/scripts/trainctl" image push --base "$work/base.tar" --tar "$work/image.tar" | tee "$work/push.txt"
image=$(grep -o 'trainctl-mnist:[^ ]*' "$work/push.txt" | head -1)
"${podman_run[@]}" load -i "$work/image.tar" >/dev/null

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
echo "OK: the image trained and wrote $(ls "$ml/model" | tr '\n' ' ')to /opt/ml/model"
