#!/usr/bin/env bash
# Prepares artifacts/native/libtorch for MLSeg's engine (TorchSharp over libtorch), idempotently:
#   libLibTorchSharp.so          TorchSharp's native glue, RUNPATH = $ORIGIN:<libtorch dir>
#   libmlseg_glibcxx_compat.so   only where the system libstdc++ lacks GLIBCXX_3.4.32 (Debian 12), see glibcxx_compat.cpp
#   libtorch.dir, stamp          the libtorch folder it links against, and what this was prepared from
# The libtorch folder is NuGet's libtorch-cpu-linux-x64 (restored through LibTorchPackages.csproj, never copied into
# build outputs) or, with LIBTORCH_DIR=<dir holding libtorch.so> (e.g. a CUDA PyTorch install's torch/lib), that one.
# MLSeg loads the result explicitly (MLSeg.Models.Engine.TorchRuntime) before TorchSharp initialises.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:?usage: prepare-libtorch.sh OUT_DIR [LIBTORCH_DIR]}"
libtorch_dir="${2:-}"
version_of() { sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props"; }
ts_version="$(version_of TorchSharp)"; lt_version="$(version_of libtorch-cpu-linux-x64)"
[ -n "$ts_version" ] && [ -n "$lt_version" ] || { echo "setup: TorchSharp / libtorch-cpu-linux-x64 versions not found in Directory.Packages.props"; exit 1; }

packages="${NUGET_PACKAGES:-}"
if [ -z "$packages" ]; then packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"; fi
packages="${packages%/}"
glue="$packages/torchsharp/$ts_version/runtimes/linux-x64/native/libLibTorchSharp.so"
cpu_dir="$packages/libtorch-cpu-linux-x64/$lt_version/runtimes/linux-x64/native"
if [ ! -f "$glue" ] || { [ -z "$libtorch_dir" ] && [ ! -f "$cpu_dir/libtorch_cpu.so" ]; }; then
  echo "setup: restoring TorchSharp $ts_version and libtorch-cpu-linux-x64 $lt_version from NuGet (once, ~600 MB unpacked)"
  dotnet restore "$here/LibTorchPackages.csproj" -v quiet -nologo >/dev/null || { echo "setup: dotnet restore of tools/native/LibTorchPackages.csproj failed"; exit 1; }
fi
[ -f "$glue" ] || { echo "setup: $glue missing after restore"; exit 1; }
if [ -z "$libtorch_dir" ]; then libtorch_dir="$cpu_dir"; fi
libtorch_dir="$(cd "$libtorch_dir" && pwd)"
[ -f "$libtorch_dir/libtorch.so" ] && [ -f "$libtorch_dir/libc10.so" ] \
  || { echo "setup: $libtorch_dir does not hold libtorch.so and libc10.so (LIBTORCH_DIR must be a libtorch lib folder, e.g. <site-packages>/torch/lib)"; exit 1; }

# awk reads all of ldconfig's output (no early exit): under pipefail an early exit would SIGPIPE ldconfig.
libstdcxx="$(/sbin/ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found = 1}')"
needs_compat=0
if [ -n "$libstdcxx" ] && ! grep -aq 'GLIBCXX_3\.4\.32' "$libstdcxx"; then needs_compat=1; fi
stamp="torchsharp=$ts_version libtorch=$libtorch_dir compat=$needs_compat script=$(sha256sum "$0" "$here/glibcxx_compat.cpp" "$here/weaken_version.py" | sha256sum | cut -c1-16)"
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] && [ -f "$out/libLibTorchSharp.so" ]; then exit 0; fi

command -v patchelf >/dev/null || { echo "setup: patchelf is required (apt-get install patchelf)"; exit 1; }
tmp="$out.tmp.$$"; rm -rf "$tmp"; mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
cp "$glue" "$tmp/libLibTorchSharp.so"
if [ "$needs_compat" = 1 ]; then
  # Debian 12's libstdc++ stops at GLIBCXX_3.4.32's predecessor; the glue needs that version for one symbol only.
  g++ -shared -fPIC -O2 -o "$tmp/libmlseg_glibcxx_compat.so" "$here/glibcxx_compat.cpp"
  /usr/bin/python3 "$here/weaken_version.py" "$tmp/libLibTorchSharp.so" GLIBCXX_3.4.32
  patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$tmp/libLibTorchSharp.so"
  patchelf --add-needed libmlseg_glibcxx_compat.so "$tmp/libLibTorchSharp.so"
fi
patchelf --set-rpath "\$ORIGIN:$libtorch_dir" "$tmp/libLibTorchSharp.so"
if ldd "$tmp/libLibTorchSharp.so" | grep -q '=> not found'; then
  ldd "$tmp/libLibTorchSharp.so" | grep '=> not found'; echo "setup: the prepared libLibTorchSharp.so still misses libraries (above)"; exit 1
fi
echo "$libtorch_dir" > "$tmp/libtorch.dir"
echo "$stamp" > "$tmp/stamp"
rm -rf "$out"; mv "$tmp" "$out"; trap - EXIT
echo "setup: TorchSharp $ts_version native glue prepared in $out (libtorch: $libtorch_dir$([ "$needs_compat" = 1 ] && echo ', GLIBCXX_3.4.32 compat'))"
