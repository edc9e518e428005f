#!/usr/bin/env bash
# GPU checks on a machine with an NVIDIA GPU and a CUDA PyTorch but no .NET and no network (issues 14 and 20), from
# artifacts/gpu/bundle.tar.xz (tests/benchmarks/gpu_bundle.sh: EngineBench and the mlseg CLI, self-contained, and
# MLSeg's TorchSharp glue). In order:
#   1. Precision (issue 14): the fine-tuning trainer through `mlseg run tests/benchmarks/gpu_precision.yaml` on CUDA in
#      float32, bfloat16 + channels-last and float16 (dynamic loss scaling), same arms and seeds; prints each variant's
#      mean held-out Dice, wall time and the float16 runs' final loss scale (checkpoints/last/state.json).
#   2. Grid throughput (issue 20, only with GRID=1; long): tests/benchmarks/grid_throughput.sh --device cuda --jobs
#      ${GRID_JOBS:-auto} with the bundled CLI (MLSEG_CLI).
#   3. Engine (issue 14): MLSeg's U-Net train step (EngineBench) in fp32, bf16 and bf16 + channels-last against
#      PyTorch's (gpu_bench.py) in fp32, bf16 autocast and bf16 autocast + channels_last, same U-Net, weights and data,
#      at 16×256² and 8×512². Prints images/s of each and, last, ratio_<shape>=<MLSeg's best ÷ PyTorch's best> per
#      shape and gpu_ratio=<the smaller of the two> (target ≥ 0.9).
# MLSeg binds TorchSharp's glue to the machine's PyTorch libtorch: MLSEG_LIBTORCH_DIR=<torch>/lib, and the CUDA
# libraries of the PyTorch install on LD_LIBRARY_PATH. PRECISION=0 or ENGINE=0 skip parts 1 or 3.
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
export MLSEG_LIBTORCH_DIR="${MLSEG_LIBTORCH_DIR:-$torch_lib}" MLSEG_NATIVE_DIR="$work/native"   # a preset MLSEG_LIBTORCH_DIR wins (a CPU rehearsal)
export DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "gpu: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null | head -1)"
echo "pytorch: $("$PY" -c 'import torch; print(torch.__version__, torch.version.cuda)')  libtorch dir: $torch_lib"
bench="$work/app/EngineBench"; cli="$work/app/MLSeg.Cli"
source tools/malloc-tunables.sh   # as the ./mlseg launcher starts MLSeg

# 1. The trainer in each precision: mean held-out Dice (a float16 run must learn as well as float32).
precision_variant() { # NAME PRECISION MEMORY_FORMAT
  local dir="$work/precision/$1" start end
  mkdir -p "$dir"
  sed -e "s/^  precision: .*/  precision: $2/" -e "s/^  memory_format: .*/  memory_format: $3/" tests/benchmarks/gpu_precision.yaml > "$dir/spec.yaml"
  start=$(date +%s.%N)
  if ! "$cli" run "$dir/spec.yaml" --out "$dir/run" --cache "$work/precision/cache" --device "${PRECISION_DEVICE:-cuda}" --no-report --progress plain > "$dir/log.txt" 2>&1; then
    echo "precision $1: FAILED"; tail -5 "$dir/log.txt"; return
  fi
  end=$(date +%s.%N)
  "$PY" - "$dir/run" "$1" "$start" "$end" <<'PYEOF'
import csv, glob, json, os, sys
run, name, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
dice = [float(r["dice"]) for r in csv.DictReader(open(os.path.join(run, "results.csv")))]
scales = [json.load(open(p)).get("LossScale") for p in sorted(glob.glob(os.path.join(run, "arms", "*", "checkpoints", "last", "state.json")))]
resident = [json.load(open(p)).get("dataOnDevice") for p in sorted(glob.glob(os.path.join(run, "arms", "*", "manifest.json")))]
print(f"precision {name}: mean_dice={sum(dice) / len(dice):.4f} cases={len(dice)} wall_s={end - start:.1f} "
      f"loss_scale={[s for s in scales if s is not None] or 'n/a'} data_on_device={resident}")
PYEOF
}
if [ "${PRECISION:-1}" != 0 ]; then
  precision_variant float32 float32 contiguous
  precision_variant bfloat16_channels_last bfloat16 channels_last
  [ "${PRECISION_DEVICE:-cuda}" = cpu ] || precision_variant float16 float16 contiguous
fi

# 2. Grid throughput with the bundled CLI (long: the 16-arm GPU slice twice).
if [ "${GRID:-0}" = 1 ]; then
  MLSEG_CLI="$cli" tests/benchmarks/grid_throughput.sh --device cuda --jobs "${GRID_JOBS:-auto}" 2>&1 | sed 's/^/grid: /'
fi
[ "${ENGINE:-1}" = 0 ] && exit 0
ratios=()
for shape in "16 256" "8 512"; do
  set -- $shape; B=$1; S=$2
  state="$work/state_${B}_${S}.safetensors"; best_m=0; best_t=0
  for cfg in "float32 contiguous" "bfloat16 contiguous" "bfloat16 channels_last"; do
    set -- $cfg
    out="$("$bench" train "$state" "$(nproc)" "$WARMUP" "$STEPS" "$B" "$S" cuda "$1" "$2" 2>&1)"
    ips="$(sed -n 's/^images_per_s=//p' <<<"$out")"
    if [ -z "$ips" ]; then echo "mlseg ${B}x${S}^2 $1 $2: FAILED"; grep -m3 -E "Exception|error" <<<"$out"; continue; fi
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
