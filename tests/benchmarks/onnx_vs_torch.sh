#!/usr/bin/env bash
# ONNX Runtime (CPU, NuGet Microsoft.ML.OnnxRuntime) vs the engine's forward pass on the same 2-D U-Net (the network of
# engine_vs_pytorch.sh: Depth 4, 32 base channels, BatchNorm, transposed-conv upsampling, 1 input channel, 2 classes),
# the same weights (the engine's network written by MLSeg's ONNX exporter) and the same 1x1xSIZE^2 input (SIZE 512),
# THREADS threads on both sides (default nproc). Fails when the two outputs differ by more than 1e-4. WARMUP (2) untimed
# then STEPS (10) timed passes of each side, alternating. Prints images/s of each; the last line is
# ratio=<ORT images/s / engine images/s> (> 1: ONNX Runtime is faster).
# The engine-specific code is tests/benchmarks/OnnxBench/EngineSide.cs alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-$(nproc)}"
WARMUP="${WARMUP:-2}"
STEPS="${STEPS:-10}"
SIZE="${SIZE:-512}"

build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
dotnet build tests/benchmarks/OnnxBench -c Release -nologo -v q >"$build_log" 2>&1 || { cat "$build_log" >&2; echo "onnx_vs_torch: build failed" >&2; exit 1; }
DLL="artifacts/build/bin/OnnxBench/release/OnnxBench.dll"

echo "threads=$THREADS warmup=$WARMUP steps=$STEPS size=1x1x${SIZE}x${SIZE} loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$DLL" "$THREADS" "$WARMUP" "$STEPS" "$SIZE"
