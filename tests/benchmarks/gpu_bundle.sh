#!/usr/bin/env bash
# Builds artifacts/gpu/bundle.tar.xz for tests/benchmarks/gpu_check.sh, which runs on a GPU machine without .NET or
# network: EngineBench published self-contained (linux-x64, with the .NET runtime) and MLSeg's prepared TorchSharp glue
# (artifacts/native/libtorch: libLibTorchSharp.so + the GLIBCXX compat library). The GPU machine binds the glue to its
# own CUDA libtorch through MLSEG_LIBTORCH_DIR. Keep the archive under the device tool's 64 MiB carry limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
test -f artifacts/native/libtorch/libLibTorchSharp.so || { echo "run make setup first (artifacts/native/libtorch)" >&2; exit 1; }
out=artifacts/gpu; stage="$out/stage"
rm -rf "$stage"; mkdir -p "$stage/native/libtorch"
dotnet publish tests/benchmarks/EngineBench -c Release -r linux-x64 --self-contained -p:PublishTrimmed=false \
  -p:InvariantGlobalization=true -p:SatelliteResourceLanguages=en -o "$stage/enginebench" -nologo -v q
cp artifacts/native/libtorch/libLibTorchSharp.so "$stage/native/libtorch/"
cp artifacts/native/libtorch/libmlseg_glibcxx_compat.so "$stage/native/libtorch/" 2>/dev/null || true
tar -C "$stage" -cJf "$out/bundle.tar.xz.tmp" . && mv "$out/bundle.tar.xz.tmp" "$out/bundle.tar.xz"
rm -rf "$stage"
ls -la "$out/bundle.tar.xz"
