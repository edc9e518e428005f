#!/usr/bin/env bash
# Engine check on a machine with an NVIDIA GPU and a CUDA PyTorch but no .NET and no network (issue 14):
#   MLSeg's U-Net train step (EngineBench, self-contained, from artifacts/gpu/bundle.tar.xz built by gpu_bundle.sh)
#   in fp32, bf16 and bf16 + channels-last, against PyTorch's (gpu_bench.py) in fp32, bf16 autocast and bf16 autocast +
#   channels_last, on the same U-Net, weights and data, at 16×256² and 8×512². Prints images/s of each and, last,
#   ratio_<shape>=<MLSeg's best ÷ PyTorch's best> per shape and gpu_ratio=<the smaller of the two> (target ≥ 0.9).
# MLSeg binds TorchSharp's glue to the machine's PyTorch libtorch: MLSEG_LIBTORCH_DIR=<torch>/lib, and the CUDA
# libraries of the PyTorch install on LD_LIBRARY_PATH.
set -uo pipefail
cd "$(dirname "$0")/../.."
PY="${PYTHON:-python3}"
BUNDLE="${BUNDLE:-artifacts/gpu/bundle.tar.xz}"
WARMUP="${WARMUP:-5}"; STEPS="${STEPS:-20}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
tar -xJf "$BUNDLE" -C "$work" || { echo "gpu_check: cannot unpack $BUNDLE (build it with tests/benchmarks/gpu_bundle.sh)"; exit 1; }
torch_lib="$("$PY" -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')" || { echo "gpu_check: $PY has no torch"; exit 1; }
nv_libs="$("$PY" - <<'PYEOF'
import glob, os, torch
root = os.path.dirname(os.path.dirname(torch.__file__))
print(":".join(sorted(d for d in glob.glob(os.path.join(root, "nvidia", "*", "lib")) + glob.glob(os.path.join(root, "nvidia", "cu*", "lib")) if os.path.isdir(d))))
PYEOF
)"
export LD_LIBRARY_PATH="$torch_lib:$nv_libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export MLSEG_LIBTORCH_DIR="$torch_lib" MLSEG_NATIVE_DIR="$work/native"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "gpu: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null | head -1)"
echo "pytorch: $("$PY" -c 'import torch; print(torch.__version__, torch.version.cuda)')  libtorch dir: $torch_lib"
bench="$work/enginebench/EngineBench"
ratios=()
for shape in "16 256" "8 512"; do
  set -- $shape; B=$1; S=$2
  state="$work/state_${B}_${S}.safetensors"; best_m=0; best_t=0
  for cfg in "float32 contiguous" "bfloat16 contiguous" "bfloat16 channels_last"; do
    set -- $cfg
    out="$("$bench" train "$state" "$(nproc)" "$WARMUP" "$STEPS" "$B" "$S" cuda "$1" "$2" 2>&1)"
    ips="$(sed -n 's/^images_per_s=//p' <<<"$out")"
    if [ -z "$ips" ]; then echo "mlseg ${B}x${S}^2 $1 $2: FAILED"; tail -5 <<<"$out"; continue; fi
    echo "mlseg   ${B}x${S}^2 $1 $2: images_per_s=$ips"
    best_m="$("$PY" -c "print(max($best_m, $ips))")"
  done
  [ -f "$state" ] || { echo "no state saved for ${B}x${S}^2; skipping PyTorch"; continue; }
  for cfg in "float32 contiguous" "bfloat16 contiguous" "bfloat16 channels_last"; do
    set -- $cfg
    out="$(cd tests/benchmarks && "$PY" gpu_bench.py "$state" "$1" "$2" "$WARMUP" "$STEPS" "$B" "$S" 2>&1)"
    ips="$(sed -n 's/^images_per_s=//p' <<<"$out")"
    if [ -z "$ips" ]; then echo "pytorch ${B}x${S}^2 $1 $2: FAILED"; tail -5 <<<"$out"; continue; fi
    echo "pytorch ${B}x${S}^2 $1 $2: images_per_s=$ips"
    best_t="$("$PY" -c "print(max($best_t, $ips))")"
  done
  r="$("$PY" -c "print('%.3f' % ($best_m / $best_t) if $best_t > 0 and $best_m > 0 else 'nan')")"
  echo "ratio_${B}x${S}=$r (mlseg best $best_m, pytorch best $best_t images/s)"
  ratios+=("$r")
done
"$PY" -c "import math; r=[float(x) for x in '${ratios[*]}'.split()]; print('gpu_ratio=%.3f' % (min(r) if r and not any(math.isnan(x) for x in r) else float('nan')))"
