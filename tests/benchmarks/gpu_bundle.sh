#!/usr/bin/env bash
# Builds artifacts/gpu/bundle.tar.xz for tests/benchmarks/gpu_check.sh, which runs on a GPU machine without .NET or
# network: EngineBench and the mlseg CLI published self-contained into one folder (linux-x64, one copy of the .NET
# runtime; ONNX Runtime's CPU library, as the CLI's ONNX commands are not part of the check) and MLSeg's prepared TorchSharp glue
# (artifacts/native/libtorch: libLibTorchSharp.so + the GLIBCXX compat library). The GPU machine binds the glue to its
# own CUDA libtorch through MLSEG_LIBTORCH_DIR. Keep the archive under the device tool's 64 MiB carry limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
test -f artifacts/native/libtorch/libLibTorchSharp.so || { echo "run make setup first (artifacts/native/libtorch)" >&2; exit 1; }
out=artifacts/gpu; stage="$out/stage"
rm -rf "$stage"; mkdir -p "$stage/native/libtorch"
for project in tests/benchmarks/EngineBench src/MLSeg.Cli; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=false \
    -p:InvariantGlobalization=true -p:SatelliteResourceLanguages=en -o "$stage/app" -nologo -v q
done
cp artifacts/native/libtorch/libLibTorchSharp.so "$stage/native/libtorch/"
cp artifacts/native/libtorch/libmlseg_glibcxx_compat.so "$stage/native/libtorch/" 2>/dev/null || true
tar -C "$stage" -cJf "$out/bundle.tar.xz.tmp" . && mv "$out/bundle.tar.xz.tmp" "$out/bundle.tar.xz"
rm -rf "$stage"
size=$(stat -c %s "$out/bundle.tar.xz")
ls -la "$out/bundle.tar.xz"
[ "$size" -lt $((64 << 20)) ] || { echo "gpu_bundle: $out/bundle.tar.xz is $size bytes, over the device tool's 64 MiB carry limit" >&2; exit 1; }
