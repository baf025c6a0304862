#!/usr/bin/env bash
# The repeatable proof of the GPU path (docs/gpu.md).
#
# The target is a machine with an NVIDIA GPU, CUDA, CMake, a C++ compiler and a Python PyTorch, but possibly
# no Java and no network. DJL 0.36's prebuilt JNI matches libtorch 2.7.1 only, so the check builds DJL's JNI
# from its 0.36.0 sources against the machine's own libtorch, points DJL at that libtorch, and trains.
#
#   scripts/gpu-check.sh prepare [BUNDLE]   on a build machine (JDK 17, this checkout, MNIST cached):
#                                           writes BUNDLE (default build/gpu-bundle): a jlinked Java runtime
#                                           with JNI headers, the jars local training loads, MNIST (.gz), the
#                                           DJL JNI sources and the generated JNI header. Checks the bundle by
#                                           running it here on the CPU before anything is shipped.
#   scripts/gpu-check.sh run [BUNDLE]       on the GPU machine, from the checkout root: builds the JNI, runs
#                                           'trainctl doctor', trains 5 epochs on the GPU at batch 32 and 512,
#                                           runs the PyTorch reference on the same GPU, and prints the figures;
#                                           then runs the training image's entry point (what 'IMAGE train' runs)
#                                           from the same runtime and jars on the GPU, with /opt/ml staged.
#
# Environment:
#   DJL_SOURCE   prepare: a DJL checkout, or a bare git directory, holding the 0.36.0 release (default: clone
#                the public v0.36.0 tag, which needs network)
#   DJL_COMMIT   prepare: the revision to take from a git directory (default: v0.36.0)
#   DATA_DIR     prepare: where the MNIST IDX files are (default: trainctl's cache)
#   PYTHON       run: the Python whose PyTorch provides libtorch (default: python3)
#   EPOCHS       run: epochs per training run (default: 5)
#   DEVICE       run: gpu (default), or cpu: the same steps on a CPU-only PyTorch (a rehearsal, and a
#                comparison of trainctl and PyTorch on one and the same libtorch)
#   THREADS      run: CPU threads for both trainctl and PyTorch (default: 1)
# With the 'device' tool, carry the bundle: run(command="bash scripts/gpu-check.sh run", carry=["build/gpu-bundle"]).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
step=${1:-}
bundle=$(realpath -m "${2:-$root/build/gpu-bundle}")
djl_version=0.36.0

prepare() {
  command -v jlink >/dev/null || { echo "prepare needs a JDK 17 with jlink" >&2; exit 1; }
  (cd "$root" && ./mvnw -B -q package -DskipTests)
  local data_dir=${DATA_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/trainctl/mnist}
  "$root/scripts/trainctl" data fetch --data-dir "$data_dir" >&2
  rm -rf "$bundle" && mkdir -p "$bundle"/{app/lib,data,djl}

  echo "jlink: a small Java runtime with the JNI headers (the JNI build needs them)" >&2
  jlink --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.xml,jdk.unsupported \
    --compress=2 --strip-debug --no-header-files --no-man-pages --output "$bundle/runtime"
  local jdk; jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  cp -r "$jdk/include" "$bundle/runtime/include"

  echo "jars: those that local training loads (measured with -verbose:class), plus the JNI jar" >&2
  local lib="$root/orchestrator/target/lib"
  cp "$root/orchestrator/target/trainctl.jar" "$bundle/app/"
  local probe; probe=$(mktemp -d)
  {
    DJL_OFFLINE=true java -verbose:class -jar "$root/orchestrator/target/trainctl.jar" doctor --data-dir "$data_dir"
    DJL_OFFLINE=true java -verbose:class -jar "$root/orchestrator/target/trainctl.jar" train --epochs 1 \
      --max-train-samples 256 --data-dir "$data_dir" --model-dir "$probe/m" --checkpoint-dir "$probe/c"
  } 2>/dev/null | grep -o "[^ ]* source: file:$lib/[^ ]*" | sed "s| source: file:$lib/| |" | sort -u > "$probe/loaded"
  for jar in $(cut -d' ' -f2 "$probe/loaded" | sort -u) pytorch-jni-*.jar jline-*.jar; do
    for match in "$lib"/$jar; do
      if [ -f "$match" ]; then cp "$match" "$bundle/app/lib/"; fi
    done
  done
  # The local path never calls AWS, but the verifier loads a few SDK classes when it links the command
  # classes. Those AWS SDK jars ship with just the classes the probe saw loaded (SageMaker's alone is 14 MB).
  local jar trimmed
  for jar in $(grep '^software\.amazon\.awssdk\.' "$probe/loaded" | cut -d' ' -f2 | sort -u); do
    if grep " $jar\$" "$probe/loaded" | grep -qv '^software\.amazon\.awssdk\.'; then continue; fi
    trimmed="$probe/trim-$jar" && mkdir -p "$trimmed"
    (cd "$trimmed" && grep " $jar\$" "$probe/loaded" | cut -d' ' -f1 | sed 's|\.|/|g; s|$|.class|' \
      | xargs unzip -q "$lib/$jar" && jar cf "$bundle/app/lib/$jar" .)
  done
  rm -rf "$probe"

  for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    gzip -c "$data_dir/$name" > "$bundle/data/$name.gz"
  done

  echo "DJL $djl_version JNI sources and header" >&2
  local source=${DJL_SOURCE:-}
  if [ -z "$source" ]; then
    source=$(mktemp -d)
    git clone -q --depth 1 --branch "v$djl_version" https://github.com/deepjavalibrary/djl.git "$source"
  fi
  local git_dir=$source; [ -d "$source/.git" ] && git_dir="$source/.git"
  git --git-dir="$git_dir" archive "${DJL_COMMIT:-v$djl_version}" engines/pytorch/pytorch-native/CMakeLists.txt \
    engines/pytorch/pytorch-native/src/main/native api/src/main/native \
    engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java | tar -x -C "$bundle/djl"
  javac -h "$bundle/djl/engines/pytorch/pytorch-native/build/include" -d "$(mktemp -d)" \
    -cp "$(ls "$lib"/*.jar | tr '\n' ':')" \
    "$bundle/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"

  # A dress rehearsal of the GPU run: the bundle's runtime and jars, natives given by PYTORCH_LIBRARY_PATH
  # (here the CPU libtorch DJL unpacked from the classpath on earlier runs).
  local cpu_torch; cpu_torch=$(ls -d "$HOME"/.djl.ai/pytorch/2.7.1-*cpu-linux-x86_64 2>/dev/null | head -1 || true)
  if [ -n "$cpu_torch" ]; then
    echo "checking the bundle here, on the CPU, with its own runtime and jars" >&2
    local check; check=$(mktemp -d)
    (export PYTORCH_LIBRARY_PATH="$cpu_torch" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu DJL_OFFLINE=true
     "$bundle/runtime/bin/java" -jar "$bundle/app/trainctl.jar" doctor --data-dir "$bundle/data" >&2
     "$bundle/runtime/bin/java" -jar "$bundle/app/trainctl.jar" train --epochs 1 --max-train-samples 1000 \
       --data-dir "$bundle/data" --model-dir "$check/m" --checkpoint-dir "$check/c" >&2
     entry_point cpu 1 1000 >&2)
    rm -rf "$check"
  else
    echo "no CPU libtorch in ~/.djl.ai (run 'scripts/trainctl doctor' once): bundle not checked here" >&2
  fi
  echo "bundle ready: $(du -sh "$bundle" | cut -f1) in $bundle" >&2
}

# The training image's entry point, as 'docker run IMAGE train' starts it in both images, but from the bundle's
# runtime and jars (the GPU image's Java runtime has the same modules) and with /opt/ml staged in a folder (SM_ROOT).
# The bundle has no image: the GPU machine's libtorch is not the image's 2.7.1, so the JNI built here stands in.
entry_point() {  # DEVICE EPOCHS MAX_TRAIN_SAMPLES (0: all)
  local ml; ml=$(mktemp -d)
  mkdir -p "$ml/input/config" "$ml/input/data/train" "$ml/model" "$ml/output" "$ml/checkpoints"
  printf '{"epochs":"%s","device":"%s","max_train_samples":"%s","dataset":"mnist"}\n' "$2" "$1" "$3" \
    > "$ml/input/config/hyperparameters.json"
  echo '{"current_host":"algo-1","hosts":["algo-1"],"network_interface_name":"eth0"}' \
    > "$ml/input/config/resourceconfig.json"
  echo '{"train":{"TrainingInputMode":"File","S3DistributionType":"FullyReplicated","RecordWrapperType":"None"}}' \
    > "$ml/input/config/inputdataconfig.json"
  cp "$bundle"/data/*.gz "$ml/input/data/train/"
  local code=0
  SM_ROOT="$ml" "$bundle/runtime/bin/java" -cp "$bundle/app/lib/*" dev.trainctl.training.sagemaker.TrainingEntryPoint \
    train || code=$?
  if [ "$code" -eq 0 ]; then
    echo "entry point: wrote $(ls "$ml/model" | tr '\n' ' ')"
  else
    echo "entry point failed (exit $code): $(cat "$ml/output/failure" 2>/dev/null)"
  fi
  rm -rf "$ml"
  return "$code"
}

# DJL 0.36's interpolate passes interpolation modes and an antialias option that libtorch 1.x lacks (Debian
# ships 1.13). Training never calls interpolate, so for 1.x the JNI is built with a nearest-only interpolate;
# everything trainctl uses compiles unchanged.
adapt_to_libtorch_1() {
  echo "libtorch 1.x: building interpolate as nearest-only (trainctl never calls it)" >&2
  sed -i 's/\.mode(utils::GetInterpolationMode(jmode))/.mode(torch::kNearest)/; s/\.antialias(true)//' \
    "$1/src/main/native/ai_djl_pytorch_jni_PyTorchLibrary_nn_functional.cc"
}

run() {
  [ -x "$bundle/runtime/bin/java" ] || { echo "no bundle at $bundle: run 'scripts/gpu-check.sh prepare' first" >&2; exit 1; }
  local python=${PYTHON:-python3} epochs=${EPOCHS:-5} device=${DEVICE:-gpu} threads=${THREADS:-1}
  local torch_dir torch_version cuda prefix flavor use_cuda torch_device
  torch_dir=$("$python" -c 'import torch, os; print(os.path.dirname(torch.__file__))')
  torch_version=$("$python" -c 'import torch; print(torch.__version__.split("+")[0])')
  cuda=$("$python" -c 'import torch; print(torch.version.cuda or "")')
  prefix=$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')
  case "$device" in
    gpu)
      [ -n "$cuda" ] || { echo "this PyTorch has no CUDA build (DEVICE=cpu rehearses the run on the CPU)" >&2; exit 1; }
      flavor="cu${cuda//./}" use_cuda=1 torch_device=cuda
      nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true ;;
    cpu) flavor=cpu use_cuda=0 torch_device=cpu ;;
    *) echo "DEVICE must be gpu or cpu, not '$device'" >&2; exit 2 ;;
  esac
  echo "libtorch $torch_version ($flavor) at $torch_dir" >&2

  echo "building DJL's JNI against it" >&2
  local sources; sources=$(mktemp -d)  # a copy: the bundle stays as prepared, for the next run
  cp -r "$bundle/djl/." "$sources"
  local native="$sources/engines/pytorch/pytorch-native"
  if [ "${torch_version%%.*}" -lt 2 ]; then adapt_to_libtorch_1 "$native"; fi
  (cd "$native/build" && cmake -DCMAKE_PREFIX_PATH="$prefix" -DUSE_CUDA="$use_cuda" -DJAVA_HOME="$bundle/runtime" \
     -DCMAKE_BUILD_TYPE=Release .. >/dev/null && cmake --build . -- -j "$(nproc)" >/dev/null)
  local cache="$HOME/.djl.ai/pytorch/$torch_version-$flavor-linux-x86_64"
  mkdir -p "$cache"
  cp "$native/build/libdjl_torch.so" "$cache/$djl_version-libdjl_torch.so"

  export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$flavor"
  export DJL_OFFLINE=true
  local java="$bundle/runtime/bin/java -jar $bundle/app/trainctl.jar"
  local out; out=$(mktemp -d)
  trap "rm -rf '$sources' '$out'" EXIT
  $java doctor --data-dir "$bundle/data"

  local results=()
  for batch in 32 512; do
    $java train --on local --device "$device" --threads "$threads" --epochs "$epochs" --batch-size "$batch" \
      --data-dir "$bundle/data" --model-dir "$out/model-$batch" --checkpoint-dir "$out/ckpt-$batch" \
      --output json > "$out/trainctl-$batch.json"
    "$python" "$root/scripts/bench/pytorch_mnist.py" --device "$torch_device" --threads "$threads" \
      --data-dir "$bundle/data" --epochs "$epochs" --batch-size "$batch" > "$out/pytorch-$batch.json"
    results+=("$out/trainctl-$batch.json" "$out/pytorch-$batch.json")
  done

  "$python" - "$epochs" "${results[@]}" <<'PY'
import json, sys
epochs = int(sys.argv[1])
print("\nBoth time their training loop with a test pass after every epoch; trainctl's time also covers moving")
print("the data to the device and writing a checkpoint per epoch.")
print(f"{'run':<22} {'batch':>6} {'train s':>9} {'ms/batch':>9} {'test acc':>9}")
for path in sys.argv[2:]:
    r = json.load(open(path))
    if "hyperparameters" in r:  # trainctl
        batch = r["hyperparameters"]["batch_size"]
        seconds = r["training_seconds"]
        ms = 1000 * seconds / (epochs * -(-60000 // batch))
        name, accuracy = "trainctl " + r["device"], r["test_accuracy"]
    else:
        name, batch, seconds = r["engine"] + " " + r["device"], r["batch_size"], r["training_seconds"]
        ms, accuracy = r["ms_per_batch"], r["test_accuracy"]
    print(f"{name:<22} {batch:>6} {seconds:>9.2f} {ms:>9.3f} {accuracy:>9.4f}")
PY

  echo -e "\nthe training image's entry point on $device, 1 epoch, from the bundle's runtime and jars:"
  entry_point "$device" 1 0
}

case "$step" in
  prepare) prepare ;;
  run) run ;;
  *) sed -n '2,30p' "$0" >&2; exit 2 ;;
esac
