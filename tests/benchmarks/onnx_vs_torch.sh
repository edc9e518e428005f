#!/usr/bin/env bash
# ONNX Runtime (CPU) vs MLSeg.Torch functional ops on the same conv stack at 1x1x512x512, measured in one run.
# Prints the figures; the last line is ratio=<torch time / ORT time> (> 1: ORT is faster).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
MLSEG_BENCH_OUT="$out" dotnet test "$root/tests/MLSeg.Onnx.Tests" -c Release -nologo -v q \
  --filter "FullyQualifiedName~ConvStackBenchmark" >/dev/null
test -s "$out" || { echo "benchmark did not run (ONNX Runtime or the libtorch shim missing? run make setup)" >&2; exit 1; }
cat "$out"
