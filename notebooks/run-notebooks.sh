#!/usr/bin/env bash
# Executes C# notebooks headless: each notebook's code cells, in order, become one .NET 10 file-based app
# (notebooks/tools/nbexec.py), run with `dotnet run`; the executed notebook with its outputs is written to
# artifacts/notebooks/<name>.ipynb. Stops at the first failing notebook with
# `notebook NAME: cell N failed: <message>` and exit status 1.
#
# Usage: notebooks/run-notebooks.sh [NOTEBOOK.ipynb ...]   (default: notebooks/*.ipynb, in name order)
# Environment: MLSEG_NOTEBOOKS_OUT overrides the output folder (default artifacts/notebooks).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${MLSEG_NOTEBOOKS_OUT:-$repo/artifacts/notebooks}"
python=/usr/bin/python3
[ -x "$python" ] || python="$(command -v python3 || true)"
[ -n "$python" ] || { echo "run-notebooks: python3 is required (Debian: apt-get install python3)" >&2; exit 2; }
command -v dotnet >/dev/null || { echo "run-notebooks: the .NET 10 SDK (dotnet) is required" >&2; exit 2; }

# The libtorch shim and plotly.js are found in the repository whatever folder the generated apps are built into
# (ONNX Runtime comes from NuGet with the build).
export MLSEG_NATIVE_DIR="${MLSEG_NATIVE_DIR:-$repo/artifacts/native}"
[ -f "$repo/artifacts/native/plotly.min.js" ] && export MLSEG_PLOTLY_JS="${MLSEG_PLOTLY_JS:-$repo/artifacts/native/plotly.min.js}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ $# -gt 0 ]; then
  notebooks=("$@")
else
  shopt -s nullglob
  notebooks=("$repo"/notebooks/*.ipynb)
  [ ${#notebooks[@]} -gt 0 ] || { echo "run-notebooks: no notebooks in $repo/notebooks" >&2; exit 2; }
fi

mkdir -p "$out"
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  start=$SECONDS
  echo "notebook $name: running"
  "$python" "$repo/notebooks/tools/nbexec.py" "$nb" "$out/$name.ipynb" "$out/apps/$name" "$repo"
  echo "notebook $name: $((SECONDS - start)) s"
done
