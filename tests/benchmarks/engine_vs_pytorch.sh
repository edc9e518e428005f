#!/usr/bin/env bash
# Issue 14: MLSeg (TorchSharp 0.107 over libtorch 2.10) vs PyTorch on the same 2-D U-Net (Depth 4, 32 base channels, BatchNorm, transposed-conv
# upsampling, 1 input channel, 2 classes) — Debian's PyTorch 1.13, the reference this machine has — same thread count, same initial weights and
# the same random data (MLSeg saves both; tests/benchmarks/engine_bench.py loads them with strict=True and fails on a
# parameter-count, name/shape, first-loss or output mismatch).
#   MODE=train      (default) Adam lr 1e-3 + cross-entropy, batch BATCH (8) at SIZE (256)^2.
#   MODE=inference  eval + no-grad forward passes at 1x1xSIZE^2 (SIZE defaults to 512).
# MLSeg trains with its trainers' optimizer (FlatAdam); MLSEG_BENCH_OPTIMIZER=torchsharp uses TorchSharp's Adam instead.
# WARMUP (2) untimed steps, then STEPS (8) timed ones; THREADS defaults to nproc. Prints images/s of both sides
# (wall clock over the timed steps; the median step and process CPU time are printed too), and ends with
# ratio=<MLSeg images/s / PyTorch images/s> and rss_growth_pct=<MLSeg VmRSS growth from after warm-up to the end>.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE="${MODE:-train}"
THREADS="${THREADS:-$(nproc)}"
WARMUP="${WARMUP:-2}"
STEPS="${STEPS:-8}"
case "$MODE" in
  train) BATCH="${BATCH:-8}"; SIZE="${SIZE:-256}" ;;
  inference) BATCH=1; SIZE="${SIZE:-512}" ;;
  *) echo "MODE must be train or inference, got '$MODE'" >&2; exit 2 ;;
esac
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

test -f artifacts/native/libtorch/libLibTorchSharp.so || test -n "${MLSEG_NATIVE_DIR:-}" ||
  { echo "artifacts/native/libtorch/libLibTorchSharp.so is missing: run make setup (or set MLSEG_NATIVE_DIR)" >&2; exit 1; }
dotnet build tests/benchmarks/EngineBench -c Release -nologo -v q >/dev/null
DLL="artifacts/build/bin/EngineBench/release/EngineBench.dll"

echo "mode=$MODE threads=$THREADS warmup=$WARMUP steps=$STEPS batch=$BATCH size=${SIZE}x${SIZE} loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
# MLSeg's side runs as the mlseg launcher starts it (malloc on transparent huge pages; MLSeg sets the thresholds at engine
# load); PyTorch's side runs with glibc's defaults, as `python3` starts it.
(source tools/malloc-tunables.sh && exec dotnet "$DLL" "$MODE" "$WORK/state.safetensors" "$THREADS" "$WARMUP" "$STEPS" "$BATCH" "$SIZE") > "$WORK/mlseg.txt"
/usr/bin/python3 tests/benchmarks/engine_bench.py "$MODE" "$WORK/state.safetensors" "$THREADS" "$WARMUP" "$STEPS" "$BATCH" "$SIZE" \
  "$WORK/mlseg.txt" > "$WORK/torch.txt" || { cat "$WORK/torch.txt"; exit 1; }

val() { sed -n "s/^$1=//p" "$2"; }
for side in mlseg torch; do
  f="$WORK/$side.txt"
  echo "$side: params=$(val params "$f") threads=$(val threads "$f") images_per_s=$(val images_per_s "$f")" \
    "images_per_s_median_step=$(val images_per_s_median_step "$f") images_per_cpu_s=$(val images_per_cpu_s "$f")" \
    "rss_growth_pct=$(val rss_growth_pct "$f")"
done
grep -E '^(loss_rel_diff|output_sum_diff)' "$WORK/torch.txt"
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 -c "
m, t = float('$(val images_per_s "$WORK/mlseg.txt")'), float('$(val images_per_s "$WORK/torch.txt")')
mm, tm = float('$(val images_per_s_median_step "$WORK/mlseg.txt")'), float('$(val images_per_s_median_step "$WORK/torch.txt")')
mc, tc = float('$(val images_per_cpu_s "$WORK/mlseg.txt")'), float('$(val images_per_cpu_s "$WORK/torch.txt")')
print('median_step_ratio=%.3f' % (mm / tm))
print('cpu_ratio=%.3f' % (mc / tc))
print('ratio=%.3f' % (m / t))
"
echo "rss_growth_pct=$(val rss_growth_pct "$WORK/mlseg.txt")"
